import { randomUUID } from 'node:crypto';

import type { InvocationStatus } from '../../../../contract';

import type { EventAttributes } from './cloudevent';

/**
 * Reply rule (identical in every runtime): the reply is a binary-mode CloudEvent of type
 * `io.knative.lambda.response.<status>` with source `io.knative.lambda/<namespace>/<function>` and NO subject.
 * Function triggers filter on `subject == <function>` and never on the response type namespace, so a reply cannot
 * re-trigger the function that produced it. A request that is itself a response event gets no reply event at all
 * (responses are terminal), which also breaks loops between two functions.
 */
export const RESPONSE_TYPE_PREFIX = 'io.knative.lambda.response.';

export function isResponseEvent(event: EventAttributes | undefined): boolean {
  return event?.type?.startsWith(RESPONSE_TYPE_PREFIX) ?? false;
}

export function replySource(namespace: string, functionName: string): string {
  return `io.knative.lambda/${namespace}/${functionName}`;
}

export function replyHeaders(source: string, status: InvocationStatus): Record<string, string> {
  return {
    'ce-specversion': '1.0',
    'ce-id': randomUUID(),
    'ce-source': source,
    'ce-type': `${RESPONSE_TYPE_PREFIX}${status}`,
    'ce-time': new Date().toISOString(),
    'content-type': 'application/json',
  };
}
