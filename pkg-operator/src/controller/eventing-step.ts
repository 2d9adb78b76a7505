// EventingReady: broker, trigger and dead-letter exchange/queue/binding for functions with spec.eventing (the
// trigger dead-letters to the forwarder, which publishes to that exchange), applied once per generation; when eventing is switched off the function's trigger and queue are removed again.
import { dlqQueueName } from '../../../contract';
import { eventingEnabled } from '../api';
import {
  deadLetterBinding,
  deadLetterExchange,
  deadLetterQueue,
  invocationBroker,
  trigger,
} from '../eventing/resources';
import { errorMessage, ignoreNotFound, isInvalid } from '../kube/errors';
import { RESOURCES } from '../kube/resources';
import { BROKER_NAME, deadLetterResourceName, triggerName } from '../naming/names';

import type { Pass, ReconcileDeps } from './context';
import { attributeTo } from './invalid-request';
import { REASONS } from './reasons';
import { storedCondition } from './status-draft';

async function removeDeadLetter(deps: ReconcileDeps, namespace: string, name: string): Promise<void> {
  const resource = deadLetterResourceName(name);
  await deps.kube
    .deleteCustom('rabbitBindingsWrite', RESOURCES.rabbitBinding, namespace, resource)
    .catch(ignoreNotFound);
  await deps.kube.deleteCustom('rabbitQueuesWrite', RESOURCES.rabbitQueue, namespace, resource).catch(ignoreNotFound);
}

export async function removeEventing(deps: ReconcileDeps, namespace: string, name: string): Promise<void> {
  await deps.kube.deleteCustom('triggersWrite', RESOURCES.trigger, namespace, triggerName(name)).catch(ignoreNotFound);
  await removeDeadLetter(deps, namespace, name);
}

/** true when eventing is ready or not wanted */
export async function eventingStep(deps: ReconcileDeps, pass: Pass): Promise<boolean> {
  const { fn, draft } = pass;
  const namespace = fn.metadata.namespace ?? '';
  const name = fn.metadata.name ?? '';
  const wanted = eventingEnabled(fn.spec);
  const dlq = wanted && fn.spec.eventing?.dlq !== false;
  const had = fn.status?.eventing;
  if (!wanted) {
    if (had?.trigger) {
      await removeEventing(deps, namespace, name);
    }
    draft.status.eventing = undefined;
    draft.removeCondition('EventingReady');
    return true;
  }
  const done = storedCondition(fn, 'EventingReady');
  if (done?.status === 'True' && done.observedGeneration === fn.metadata.generation) {
    return true;
  }
  const cluster = deps.settings.rabbitCluster;
  try {
    await deps.kube.apply('brokersWrite', RESOURCES.broker, invocationBroker(namespace, cluster));
    if (dlq) {
      await deps.kube.apply('rabbitExchangesWrite', RESOURCES.rabbitExchange, deadLetterExchange(namespace, cluster));
      await deps.kube.apply('rabbitQueuesWrite', RESOURCES.rabbitQueue, deadLetterQueue(fn, cluster));
      await deps.kube.apply('rabbitBindingsWrite', RESOURCES.rabbitBinding, deadLetterBinding(fn, cluster));
    } else if (had?.deadLetterQueue) {
      await removeDeadLetter(deps, namespace, name);
    }
    await deps.kube.apply('triggersWrite', RESOURCES.trigger, trigger(fn, deps.settings.dlqForwarderUrl));
  } catch (err) {
    const message = `eventing resources could not be applied: ${errorMessage(err)}`;
    draft.setCondition('EventingReady', 'False', REASONS.eventingFailed, message);
    if (isInvalid(err)) {
      throw attributeTo(err, 'eventing', 'eventing_failed'); // permanent: the reconciler records it once
    }
    pass.effects.push(() => deps.metrics.error('eventing', 'eventing_failed'));
    throw Object.assign(new Error(message), { recorded: true });
  }
  draft.status.eventing = {
    broker: BROKER_NAME,
    trigger: triggerName(name),
    deadLetterQueue: dlq ? dlqQueueName(namespace, name) : undefined,
  };
  draft.setCondition(
    'EventingReady',
    'True',
    REASONS.eventingReady,
    `trigger ${triggerName(name)} on broker ${BROKER_NAME}`
  );
  return true;
}
