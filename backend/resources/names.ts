// Name rules: namespaces are DNS-1123 labels; LambdaFunction names follow the CRD's stricter rule (they name
// the Knative Service, build Jobs and the dead-letter queue): a letter first, then [-a-z0-9], at most 45.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}

const FUNCTION_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const MAX_FUNCTION_NAME_LENGTH = 45;

export function isFunctionName(value: string): boolean {
  return value.length <= MAX_FUNCTION_NAME_LENGTH && FUNCTION_NAME.test(value);
}
