// A LIST in pages (limit + continue), as client-go's reflector does: the API server never has to build, and
// the backend never has to parse, one response holding every object of a large cluster at once.
import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';

export const LIST_PAGE_SIZE = 500;

export type PageRequest = { limit: number; _continue?: string };

/** typed lists carry it as `_continue`, the custom-objects API's raw JSON as `continue` */
function continueToken(list: KubernetesListObject<KubernetesObject>): string | undefined {
  const meta = list.metadata as { continue?: string; _continue?: string } | undefined;
  return meta?.continue || meta?._continue || undefined;
}

export async function listInPages<T extends KubernetesObject>(
  fetchPage: (page: PageRequest) => Promise<KubernetesListObject<T>>,
  pageSize = LIST_PAGE_SIZE
): Promise<KubernetesListObject<T>> {
  const items: T[] = [];
  let page = await fetchPage({ limit: pageSize });
  items.push(...page.items);
  for (let next = continueToken(page); next; next = continueToken(page)) {
    page = await fetchPage({ limit: pageSize, _continue: next });
    items.push(...page.items);
  }
  // every page of one LIST is a snapshot at the first page's resourceVersion; the last page carries it too
  return { ...page, items, metadata: { resourceVersion: page.metadata?.resourceVersion } };
}
