// Eventing objects for a function with spec.eventing: the namespace's RabbitMQ broker, the function's
// Trigger (retries, exponential backoff, dead-letter sink = the dead-letter forwarder, which publishes to the
// exchange below) and its dead-letter exchange/queue/binding declared through the RabbitMQ
// messaging-topology operator.
import { dlqQueueName } from '../../../contract';
import type { LambdaFunction } from '../api';
import type { KubeObject } from '../kube/gateway';
import { apiVersionOf, RESOURCES } from '../kube/resources';
import {
  BROKER_NAME,
  DEAD_LETTER_EXCHANGE,
  deadLetterExchangeName,
  deadLetterResourceName,
  deadLetterSinkUri,
  DLQ_FORWARDER_AUDIENCE,
  functionLabels,
  MANAGER,
  ownerReference,
  triggerName,
} from '../naming/names';

import { INVOKE_EVENT_TYPE } from './event-types';

export interface RabbitCluster {
  name: string;
  namespace: string;
}

const managed = { 'app.kubernetes.io/managed-by': MANAGER };

function object(
  resource: (typeof RESOURCES)[keyof typeof RESOURCES],
  metadata: KubeObject['metadata'],
  spec: object
): KubeObject {
  return { apiVersion: apiVersionOf(resource), kind: resource.kind, metadata, spec };
}

/** the namespace-wide broker (shared by the functions of the namespace, so not owned by any of them) */
export function invocationBroker(namespace: string, cluster: RabbitCluster): KubeObject {
  return object(
    RESOURCES.broker,
    {
      name: BROKER_NAME,
      namespace,
      labels: managed,
      annotations: { 'eventing.knative.dev/broker.class': 'RabbitMQBroker' },
    },
    {
      config: {
        apiVersion: 'rabbitmq.com/v1beta1',
        kind: 'RabbitmqCluster',
        name: cluster.name,
        namespace: cluster.namespace,
      },
    }
  );
}

/** `forwarderUrl`: base URL of the dead-letter forwarder Service (settings.dlqForwarderUrl) */
export function trigger(fn: LambdaFunction, forwarderUrl: string): KubeObject {
  const name = fn.metadata.name ?? '';
  const eventing = fn.spec.eventing ?? {};
  const delivery = {
    retry: eventing.retries ?? 3,
    backoffPolicy: 'exponential',
    backoffDelay: eventing.backoffDelay ?? 'PT1S',
    ...(eventing.dlq === false
      ? {}
      : {
          // the audience makes Knative's dispatcher (authentication-oidc) send a token the forwarder checks
          deadLetterSink: {
            uri: deadLetterSinkUri(forwarderUrl, fn.metadata.namespace ?? ''),
            audience: DLQ_FORWARDER_AUDIENCE,
          },
        }),
  };
  return object(RESOURCES.trigger, ownedMetadata(fn, triggerName(name)), {
    broker: BROKER_NAME,
    filter: { attributes: { type: INVOKE_EVENT_TYPE, subject: name } },
    subscriber: { ref: { apiVersion: apiVersionOf(RESOURCES.knativeService), kind: 'Service', name } },
    delivery,
  });
}

/** metadata of an object that belongs to one function (deleted with it) */
function ownedMetadata(fn: LambdaFunction, name: string): KubeObject['metadata'] {
  const fnName = fn.metadata.name ?? '';
  return {
    name,
    namespace: fn.metadata.namespace,
    labels: functionLabels(fnName, fn.spec.runtime.language),
    ownerReferences: [ownerReference(fn)],
  };
}

const clusterRef = (cluster: RabbitCluster) => ({
  rabbitmqClusterReference: { name: cluster.name, namespace: cluster.namespace },
});

/** the namespace's dead-letter exchange: `<namespace>.lambda-dlx` */
export function deadLetterExchange(namespace: string, cluster: RabbitCluster): KubeObject {
  return object(
    RESOURCES.rabbitExchange,
    { name: DEAD_LETTER_EXCHANGE, namespace, labels: managed },
    {
      name: deadLetterExchangeName(namespace),
      type: 'direct',
      durable: true,
      autoDelete: false,
      ...clusterRef(cluster),
    }
  );
}

/** the function's dead-letter queue, named by the contract (`<namespace>.<function>-dlq`) */
export function deadLetterQueue(fn: LambdaFunction, cluster: RabbitCluster): KubeObject {
  const { name = '', namespace = '' } = fn.metadata;
  return object(RESOURCES.rabbitQueue, ownedMetadata(fn, deadLetterResourceName(name)), {
    name: dlqQueueName(namespace, name),
    type: 'quorum',
    durable: true,
    autoDelete: false,
    ...clusterRef(cluster),
  });
}

/** routes dead letters of the function (routing key = function name) from the exchange to its queue */
export function deadLetterBinding(fn: LambdaFunction, cluster: RabbitCluster): KubeObject {
  const { name = '', namespace = '' } = fn.metadata;
  return object(RESOURCES.rabbitBinding, ownedMetadata(fn, deadLetterResourceName(name)), {
    source: deadLetterExchangeName(namespace),
    destination: dlqQueueName(namespace, name),
    destinationType: 'queue',
    routingKey: name,
    ...clusterRef(cluster),
  });
}
