// The events.k8s.io/v1 Events recorded about one function, read as the cluster admin.
import type { CustomObjectsApi } from '@kubernetes/client-node';

import type { KubeEvent } from '../../src/events/event-recorder';

export type RecordedEvent = KubeEvent & { metadata: { uid?: string; resourceVersion?: string } };

export async function eventsAbout(custom: CustomObjectsApi, namespace: string, name: string): Promise<RecordedEvent[]> {
  const list = (await custom.listNamespacedCustomObject({
    group: 'events.k8s.io',
    version: 'v1',
    plural: 'events',
    namespace,
  })) as { items: RecordedEvent[] };
  return list.items
    .filter((e) => e.regarding?.kind === 'LambdaFunction' && e.regarding.name === name)
    .sort((a, b) => a.eventTime.localeCompare(b.eventTime));
}
