// The resource API of the embedded backend, version 1: request parameters, response bodies and the app
// settings it reads. Pure types and constants (no Node imports): the frontend imports this module too.
// Served under /api/plugins/knative-lambda-app/resources/. Additive changes keep API_VERSION; anything
// else bumps it.
import type { Phase, Runtime } from '../../contract/labels';

export const API_VERSION = 'v1' as const;
export const RESOURCE_BASE_PATH = '/api/plugins/knative-lambda-app/resources';

/** Every response body of the API carries the version it was written for. */
export interface Versioned {
  apiVersion: typeof API_VERSION;
}

// ---- app settings (jsonData / secureJsonData of the app) ----

export type KubernetesAccessMode = 'inCluster' | 'kubeconfig' | 'apiUrl';

export interface KubernetesSettings {
  /** default: apiUrl when `apiUrl` is set, kubeconfig when `kubeconfigPath` is set, else inCluster */
  mode?: KubernetesAccessMode;
  /** absolute path of a kubeconfig file readable by the Grafana server process */
  kubeconfigPath?: string;
  /** context of the kubeconfig to use (default: its current context) */
  kubeconfigContext?: string;
  /** https:// URL of the Kubernetes API server; the bearer token is `secureJsonData.bearerToken` */
  apiUrl?: string;
  /** PEM CA bundle for `apiUrl` (default: the system trust store) */
  caCert?: string;
  /** restrict every read to these namespaces (for namespaced RBAC); default: cluster-wide */
  namespaces?: string[];
}

/** Read by the pages only (the backend ignores them). */
export interface AppPageSettings {
  /** uid of the Prometheus datasource the pages query (default: Grafana's default Prometheus datasource) */
  prometheusDatasourceUid?: string;
  /** uid of a Tempo datasource for exemplar trace links; without it trace ids are listed */
  tempoDatasourceUid?: string;
  /** default SLO objective and window for functions Prometheus lists without a spec (0 < objective < 1, e.g. 30d) */
  slo?: { objective?: number; window?: string };
}

export interface AppJsonData extends AppPageSettings {
  kubernetes?: KubernetesSettings;
}

export interface AppSecureJsonData {
  bearerToken?: string;
}

// ---- errors ----

export type ApiErrorCode =
  | 'bad_request'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'kubernetes_unavailable'
  | 'crd_missing'
  | 'not_configured'
  | 'apply_failed'
  | 'internal';

/** Body of every non-2xx response. */
export interface ApiError {
  error: ApiErrorCode;
  message: string;
}

// ---- GET functions?namespace=&runtime=&phase= ----

export interface FunctionsQuery {
  namespace?: string;
  runtime?: Runtime;
  phase?: Phase;
}

export interface FunctionCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export type SourceType = 'git' | 'inline' | 'image' | 'unknown';

export interface FunctionBuildInfo {
  job?: string;
  /** the tag the build pushed to */
  image?: string;
  /** the digest the build reported (sha256:…); the function runs `<repository>@<digest>` */
  imageDigest?: string;
  startedAt?: string;
  completedAt?: string;
}

export interface FunctionSlo {
  /** availability objective, 0 < objective < 1 (operator default 0.999) */
  objective: number;
  /** p95 latency target in seconds (spec.slo.latencyTarget, or the contract's default) */
  latencyTargetSeconds: number;
}

export interface FunctionSummary {
  namespace: string;
  name: string;
  uid: string;
  createdAt?: string;
  generation?: number;
  observedGeneration?: number;
  /** phaseOf (pkg-operator/src/api): Pending before the operator has written a status; Unknown only for a
   *  phase outside the contract */
  phase: Phase | 'Unknown';
  conditions: FunctionCondition[];
  runtime: { language: Runtime | string; version?: string; handler?: string };
  sourceType: SourceType;
  /** what runs: `<repository>@sha256:…` once the build reported a digest, else the tag or the spec's image */
  image?: string;
  url?: string;
  ready: boolean;
  slo: FunctionSlo;
  lastBuild?: FunctionBuildInfo;
}

export interface FunctionsResponse extends Versioned {
  items: FunctionSummary[];
  /** namespaces the backend is restricted to, or null when it reads cluster-wide */
  namespaces: string[] | null;
}

// ---- GET functions/{namespace}/{name} ----

export interface BuildJob {
  name: string;
  createdAt?: string;
  startedAt?: string;
  completedAt?: string;
  active: number;
  succeeded: number;
  failed: number;
  /** Complete | Failed | Running */
  state: 'Complete' | 'Failed' | 'Running';
}

export interface FunctionEvent {
  type: string;
  reason?: string;
  message?: string;
  count?: number;
  lastSeen?: string;
  source?: string;
}

export interface KnativeServiceStatus {
  name: string;
  url?: string;
  ready: 'True' | 'False' | 'Unknown';
  latestReadyRevision?: string;
  latestCreatedRevision?: string;
  conditions: FunctionCondition[];
}

export interface FunctionDetailResponse extends Versioned {
  function: FunctionSummary;
  spec: Record<string, unknown>;
  buildJobs: BuildJob[];
  /** most recent first, at most 50 */
  events: FunctionEvent[];
  /** null when the function has no Knative Service (yet) or Knative Serving is not installed */
  knativeService: KnativeServiceStatus | null;
}

// ---- GET operator ----

export interface OperatorStatusResponse extends Versioned {
  crdInstalled: boolean;
  crdVersions: string[];
  deployed: boolean;
  namespace: string;
  deployment: string;
  version?: string;
  image?: string;
  replicas: { desired: number; ready: number; available: number };
  leader?: { lease: string; holder?: string; renewedAt?: string };
  scratchVolume?: { mountPath?: string; sizeLimit?: string; medium?: string };
  metricsEndpoint?: string;
  /** true when the manifests bundled with this plugin version differ from what runs (image) */
  upgradeAvailable: boolean;
}

// ---- POST operator/deploy {dryRun?: boolean} ----

export interface DeployRequest {
  dryRun?: boolean;
}

export type ApplyAction = 'created' | 'configured' | 'unchanged' | 'failed' | 'skipped';

export interface ApplyResult {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  action: ApplyAction;
  message?: string;
}

export interface DeployResponse extends Versioned {
  dryRun: boolean;
  /** true when every object applied (or would apply) */
  succeeded: boolean;
  results: ApplyResult[];
}
