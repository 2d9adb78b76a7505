// A LIST in pages (limit + continue), as client-go's reflector does: the API server never has to build, and
// the backend never has to parse, one response holding every object of a large cluster at once. Each item is
// handed to `each` as its page arrives, so only one page of whole objects is alive at a time.
import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';

export const LIST_PAGE_SIZE = 500;

export type PageRequest = { limit: number; _continue?: string };

/** typed lists carry it as `_continue`, the custom-objects API's raw JSON as `continue` */
function continueToken(list: KubernetesListObject<KubernetesObject>): string | undefined {
  const meta = list.metadata as { continue?: string; _continue?: string } | undefined;
  return meta?.continue || meta?._continue || undefined;
}

/** Feeds every item of every page to `each`; resolves to the LIST's resourceVersion. */
export async function listInPages<T extends KubernetesObject>(
  fetchPage: (page: PageRequest) => Promise<KubernetesListObject<T>>,
  each: (item: T) => void,
  pageSize = LIST_PAGE_SIZE
): Promise<string> {
  let page = await fetchPage({ limit: pageSize });
  page.items.forEach(each);
  for (let next = continueToken(page); next; next = continueToken(page)) {
    page = await fetchPage({ limit: pageSize, _continue: next });
    page.items.forEach(each);
  }
  // every page of one LIST is a snapshot at the first page's resourceVersion; the last page carries it too
  return page.metadata?.resourceVersion ?? '';
}
