import { selector } from '../../rules/promql';

/** Matchers of one function: route parameters are literals, escaped by selector(). */
export function fnMatchers(namespace: string, name: string): Record<string, string> {
  return { namespace, function: name };
}

export function fnSelector(
  metric: string,
  namespace: string,
  name: string,
  extra: Record<string, string> = {}
): string {
  return selector(metric, { ...fnMatchers(namespace, name), ...extra });
}
