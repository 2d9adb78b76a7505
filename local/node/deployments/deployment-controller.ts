// Stands in for the Deployment and ReplicaSet controllers plus the kubelet, for the Deployments the node can run
// (the operator, the dead-letter forwarder): spec.replicas PodRunners per template, replaced on a template change,
// and the Deployment's status from their readiness.
import { createHash } from 'node:crypto';

import type { V1Deployment } from '@kubernetes/client-node';

import type { NodeContext } from '../context';
import { errorMessage, MERGE_PATCH, tolerate } from '../context';
import { KeyedRunner, reconcileLatest, watchResource } from '../kube/watch';

import { deploymentStatus } from './deployment-status';
import { PodRunner } from './pod-runner';

interface Entry {
  hash: string;
  pods: PodRunner[];
  written?: string;
  writing: Promise<void>;
}

export function startDeploymentController(ctx: NodeContext) {
  const latest = new Map<string, V1Deployment>();
  const entries = new Map<string, Entry>();
  const runner = new KeyedRunner(reconcile, ctx.log);

  /** one status write at a time per Deployment, each computed from the state when it runs */
  function writeStatus(key: string): Promise<void> {
    const entry = entries.get(key);
    if (!entry) {
      return Promise.resolve();
    }
    entry.writing = entry.writing.then(() => writeStatusNow(key));
    return entry.writing;
  }

  async function writeStatusNow(key: string) {
    const deployment = latest.get(key);
    const entry = entries.get(key);
    if (!deployment || !entry) {
      return;
    }
    const { namespace = '', name = '' } = deployment.metadata ?? {};
    const counts = {
      generation: deployment.metadata?.generation ?? 0,
      desired: deployment.spec?.replicas ?? 1,
      updated: entry.pods.length,
      ready: entry.pods.filter((p) => p.state.ready).length,
      replicaSetName: `${name}-${entry.hash}`,
      waiting: entry.pods.find((p) => p.state.waiting)?.state.waiting,
    };
    const fingerprint = JSON.stringify(counts);
    if (fingerprint === entry.written) {
      return;
    }
    entry.written = fingerprint;
    const body = deploymentStatus(counts, deployment.status?.conditions ?? []);
    await tolerate(ctx.apps.patchNamespacedDeploymentStatus({ namespace, name, body }, MERGE_PATCH), 404).catch(
      (err: unknown) => {
        entry.written = undefined;
        ctx.log(`deployment ${key}: status write failed: ${errorMessage(err)}`);
      }
    );
  }

  async function reconcile(key: string): Promise<void> {
    const deployment = latest.get(key);
    let entry = entries.get(key);
    if (!deployment) {
      if (entry) {
        entries.delete(key);
        await Promise.all(entry.pods.map((p) => p.stop()));
      }
      return;
    }
    const { namespace = '', name = '' } = deployment.metadata ?? {};
    const hash = createHash('sha256').update(JSON.stringify(deployment.spec?.template)).digest('hex').slice(0, 10);
    if (entry && entry.hash !== hash) {
      await Promise.all(entry.pods.map((p) => p.stop())); // Recreate, not a rolling update (README)
      entry = undefined;
    }
    if (!entry) {
      entry = { hash, pods: [], writing: Promise.resolve() };
      entries.set(key, entry);
    }
    const desired = deployment.spec?.replicas ?? 1;
    while (entry.pods.length < desired) {
      entry.pods.push(
        new PodRunner(ctx, namespace, name, `${name}-${hash}`, deployment.spec!.template, () => void writeStatus(key))
      );
    }
    const surplus = entry.pods.splice(desired);
    await Promise.all(surplus.map((p) => p.stop()));
    await writeStatus(key);
  }

  const watch = watchResource<V1Deployment>(
    ctx.kc,
    '/apis/apps/v1/deployments',
    () => ctx.apps.listDeploymentForAllNamespaces(),
    reconcileLatest(latest, runner),
    ctx.log
  );

  return {
    async stop() {
      await watch.stop();
      await runner.stop();
      await Promise.all([...entries.values()].flatMap((e) => e.pods.map((p) => p.stop())));
      entries.clear();
    },
  };
}
