// Group/version/plural of every custom resource kind the operator touches.
import { LAMBDA_GROUP, LAMBDA_PLURAL, LAMBDA_VERSION } from '../api';

export interface CustomResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

const cr = (group: string, version: string, plural: string, kind: string): CustomResource => ({
  group,
  version,
  plural,
  kind,
});

export const RESOURCES = {
  lambdaFunction: cr(LAMBDA_GROUP, LAMBDA_VERSION, LAMBDA_PLURAL, 'LambdaFunction'),
  knativeService: cr('serving.knative.dev', 'v1', 'services', 'Service'),
  knativeRevision: cr('serving.knative.dev', 'v1', 'revisions', 'Revision'),
  broker: cr('eventing.knative.dev', 'v1', 'brokers', 'Broker'),
  trigger: cr('eventing.knative.dev', 'v1', 'triggers', 'Trigger'),
  rabbitQueue: cr('rabbitmq.com', 'v1beta1', 'queues', 'Queue'),
  rabbitExchange: cr('rabbitmq.com', 'v1beta1', 'exchanges', 'Exchange'),
  rabbitBinding: cr('rabbitmq.com', 'v1beta1', 'bindings', 'Binding'),
} as const;

export type ResourceName = keyof typeof RESOURCES;

export const apiVersionOf = (r: CustomResource): string => `${r.group}/${r.version}`;

/** The group, version and plural a CustomObjectsApi call takes. */
export const customObjectsPathOf = ({ group, version, plural }: CustomResource) => ({ group, version, plural });
