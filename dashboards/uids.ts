/** Stable uids: links, bookmarks and the plugin's includes keep working across regenerations. */
export const DASHBOARD_UIDS = {
  functions: 'knative-lambda-functions',
  operator: 'knative-lambda-operator',
} as const;

export const DASHBOARD_TAGS = ['knative-lambda'];
