// The LambdaFunction resource (lambda.knative.io/v1alpha1) as TypeScript types. Pure types and constants:
// the backend and the app import this, so no Node-only imports here.
import type { Phase, Runtime } from '../../../contract';

export const LAMBDA_GROUP = 'lambda.knative.io';
export const LAMBDA_VERSION = 'v1alpha1';
export const LAMBDA_PLURAL = 'lambdafunctions';
export const LAMBDA_KIND = 'LambdaFunction';
export const LAMBDA_API_VERSION = `${LAMBDA_GROUP}/${LAMBDA_VERSION}`;
export const LAMBDA_FINALIZER = 'lambda.knative.io/finalizer';

export interface GitSource {
  url: string;
  ref?: string;
  path?: string;
  secretRef?: { name: string };
}

export interface InlineSource {
  code: string;
  dependencies?: string;
}

export interface ImageSource {
  repository: string;
  tag?: string;
  digest?: string;
  port?: number;
}

/** Exactly one member is set (the CRD enforces it). */
export interface LambdaSource {
  git?: GitSource;
  inline?: InlineSource;
  image?: ImageSource;
}

export type SourceKind = keyof LambdaSource;

export interface RuntimeSpec {
  language: Runtime;
  version: string;
  handler?: string;
}

export interface ScalingSpec {
  minReplicas?: number;
  maxReplicas?: number;
  containerConcurrency?: number;
  targetConcurrency?: number;
}

export interface ResourceAmounts {
  cpu?: string;
  memory?: string;
}

export interface EnvVar {
  name: string;
  value?: string;
}

export interface SloSpec {
  /** availability objective, e.g. 0.999 */
  objective?: number;
  /** P95 latency target in seconds */
  latencyTarget?: number;
}

export interface EventingSpec {
  enabled?: boolean;
  dlq?: boolean;
  retries?: number;
  /** ISO-8601 duration, e.g. PT1S */
  backoffDelay?: string;
}

export interface LambdaFunctionSpec {
  source: LambdaSource;
  runtime: RuntimeSpec;
  scaling?: ScalingSpec;
  resources?: { requests?: ResourceAmounts; limits?: ResourceAmounts };
  env?: EnvVar[];
  build?: { timeout?: string };
  slo?: SloSpec;
  eventing?: EventingSpec;
}

export const CONDITION_TYPES = ['SourceReady', 'BuildReady', 'DeployReady', 'EventingReady', 'Ready'] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];
export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: ConditionType;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

export interface BuildStatus {
  jobName?: string;
  /** the tag the build pushed to */
  image?: string;
  /** what the build reported it pushed (sha256:<hex>); the function is deployed as `<repository>@<digest>` */
  imageDigest?: string;
  contextBytes?: number;
  startedAt?: string;
  completedAt?: string;
}

export interface ServiceStatus {
  name?: string;
  url?: string;
  latestReadyRevision?: string;
  ready?: boolean;
}

export interface EventingStatus {
  broker?: string;
  trigger?: string;
  deadLetterQueue?: string;
}

export interface LambdaFunctionStatus {
  phase?: Phase;
  observedGeneration?: number;
  contentHash?: string;
  conditions?: Condition[];
  build?: BuildStatus;
  service?: ServiceStatus;
  eventing?: EventingStatus;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string | Date;
  deletionTimestamp?: string | Date;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface LambdaFunction {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: LambdaFunctionSpec;
  status?: LambdaFunctionStatus;
}

/** Which source member is set, or undefined when the spec has none (the CRD refuses that). */
export function sourceKind(source: LambdaSource): SourceKind | undefined {
  return (['git', 'inline', 'image'] as const).find((k) => source[k] !== undefined);
}
