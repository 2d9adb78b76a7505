// Condition reasons the operator sets (CamelCase, as Kubernetes conditions spell them).
import type { SourceErrorType } from '../sources/types';

export const REASONS = {
  validationFailed: 'ValidationFailed',
  fetchFailed: 'FetchFailed',
  fetchRetrying: 'FetchRetrying',
  scratchExhausted: 'ScratchExhausted',
  contextTooLarge: 'ContextTooLarge',
  sourceFetched: 'SourceFetched',
  imageSource: 'ImageSource',
  buildSkipped: 'BuildSkipped',
  buildStarted: 'BuildStarted',
  building: 'Building',
  buildSucceeded: 'BuildSucceeded',
  buildFailed: 'BuildFailed',
  buildTimedOut: 'BuildTimedOut',
  deploying: 'Deploying',
  serviceReady: 'ServiceReady',
  eventingReady: 'EventingReady',
  eventingFailed: 'EventingFailed',
  ready: 'Ready',
  notReady: 'NotReady',
  deleting: 'Deleting',
  namespaceNotEnabled: 'NamespaceNotEnabled',
  digestPending: 'DigestPending',
  serviceNotOwned: 'ServiceNotOwned',
  invalidRequest: 'InvalidRequest',
} as const;

/** SourceReady reason for a rejected or failed source */
export function sourceFailureReason(errorType: SourceErrorType): string {
  switch (errorType) {
    case 'fetch_failed':
      return REASONS.fetchFailed;
    case 'scratch_exhausted':
      return REASONS.scratchExhausted;
    default:
      return REASONS.validationFailed;
  }
}

/** failures that stay until the spec changes (a new generation) */
export const STICKY_SOURCE_REASONS: readonly string[] = [
  REASONS.validationFailed,
  REASONS.fetchFailed,
  REASONS.scratchExhausted,
  REASONS.contextTooLarge,
];
export const STICKY_BUILD_REASONS: readonly string[] = [REASONS.buildFailed, REASONS.buildTimedOut];
