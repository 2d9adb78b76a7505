// Maps a LambdaFunction object (as the operator writes it) to the API's FunctionSummary (all the watch cache
// keeps of it), and its spec to what a role may see of it.
import type { Phase } from '../../contract/labels';
import { PHASES } from '../../contract/labels';
import { DEFAULT_LATENCY_TARGET_SECONDS, DEFAULT_SLO_OBJECTIVE } from '../../contract/slo-defaults';
import { phaseOf } from '../../pkg-operator/src/api/phase';
import type { FunctionBuildInfo, FunctionCondition, FunctionSummary, SourceType } from '../api/types';
import type { LambdaFunctionObject } from '../kube/lambda-functions';

type Obj = Record<string, unknown>;

const obj = (value: unknown): Obj =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export function conditionsOf(value: unknown): FunctionCondition[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.map(obj).map((c) => ({
    type: str(c.type) ?? '',
    status: c.status === 'True' || c.status === 'False' ? c.status : 'Unknown',
    reason: str(c.reason),
    message: str(c.message),
    lastTransitionTime: str(c.lastTransitionTime),
    observedGeneration: num(c.observedGeneration),
  }));
}

function sourceType(source: Obj): SourceType {
  for (const type of ['git', 'inline', 'image'] as const) {
    if (source[type]) {
      return type;
    }
  }
  return 'unknown';
}

function specImage(source: Obj): string | undefined {
  const image = obj(source.image);
  const repository = str(image.repository);
  if (!repository) {
    return undefined;
  }
  const digest = str(image.digest);
  return digest ? `${repository}@${digest}` : `${repository}:${str(image.tag) ?? 'latest'}`;
}

/** what runs: the operator deploys a built image as `<repository>@<digest>` once the build reported one */
function builtImage(build: Obj): string | undefined {
  const tagged = str(build.image);
  const digest = str(build.imageDigest);
  // the tag is what follows the last ':' after the last '/' (a registry port is before a '/')
  return tagged && digest ? `${tagged.replace(/:[^/:]*$/, '')}@${digest}` : tagged;
}

function lastBuild(status: Obj): FunctionBuildInfo | undefined {
  const build = obj(status.build);
  const info: FunctionBuildInfo = {
    job: str(build.jobName),
    image: str(build.image),
    imageDigest: str(build.imageDigest),
    startedAt: str(build.startedAt),
    completedAt: str(build.completedAt),
  };
  return Object.values(info).some((v) => v !== undefined) ? info : undefined;
}

/** the operator's rule (no status yet: Pending); Unknown only for a phase outside the contract */
function phaseOfObject(fn: LambdaFunctionObject, status: Obj): Phase | 'Unknown' {
  const recorded = status.phase;
  if (recorded !== undefined && !(PHASES as readonly unknown[]).includes(recorded)) {
    return 'Unknown';
  }
  return phaseOf({ metadata: fn.metadata, status: { phase: recorded as Phase | undefined } });
}

export function functionSummary(fn: LambdaFunctionObject): FunctionSummary {
  const spec = obj(fn.spec);
  const status = obj(fn.status);
  const source = obj(spec.source);
  const runtime = obj(spec.runtime);
  const slo = obj(spec.slo);
  const service = obj(status.service);
  const conditions = conditionsOf(status.conditions);
  const ready = conditions.some((c) => c.type === 'Ready' && c.status === 'True');
  return {
    namespace: fn.metadata?.namespace ?? '',
    name: fn.metadata?.name ?? '',
    uid: fn.metadata?.uid ?? '',
    createdAt: fn.metadata?.creationTimestamp ? new Date(fn.metadata.creationTimestamp).toISOString() : undefined,
    generation: fn.metadata?.generation,
    observedGeneration: num(status.observedGeneration),
    phase: phaseOfObject(fn, status),
    conditions,
    runtime: {
      language: str(runtime.language) ?? 'unknown',
      version: str(runtime.version),
      handler: str(runtime.handler),
    },
    sourceType: sourceType(source),
    image: builtImage(obj(status.build)) ?? specImage(source),
    url: str(service.url),
    ready,
    slo: {
      objective: num(slo.objective) ?? DEFAULT_SLO_OBJECTIVE,
      latencyTargetSeconds: num(slo.latencyTarget) ?? DEFAULT_LATENCY_TARGET_SECONDS,
    },
    lastBuild: lastBuild(status),
  };
}

/** what a non-Admin sees in place of an env value or inline source */
export const REDACTED = '(redacted: visible to organization Admins only)';

/**
 * The spec as the requesting role may see it: env values and inline code/dependencies are for Admins only
 * (they often carry credentials); names and everything else stay visible.
 */
export function specForRole(spec: unknown, admin: boolean): Record<string, unknown> {
  const full = obj(spec);
  if (admin) {
    return full;
  }
  const source = obj(full.source);
  const inline = source.inline === undefined ? undefined : obj(source.inline);
  const redactedInline =
    inline &&
    Object.fromEntries(
      Object.keys(inline).map((key) => [key, key === 'code' || key === 'dependencies' ? REDACTED : inline[key]])
    );
  const env = Array.isArray(full.env)
    ? full.env.map(obj).map((e) => ({ ...e, ...('value' in e ? { value: REDACTED } : {}) }))
    : full.env;
  return {
    ...full,
    ...(full.env === undefined ? {} : { env }),
    ...(inline ? { source: { ...source, inline: redactedInline } } : {}),
  };
}
