import { locationUtil } from '@grafana/data';
import { locationService } from '@grafana/runtime';

/**
 * Grafana's `interceptLinkClicks`: a click on a same-origin `<a href>` (no target, no modifier key) becomes
 * `locationService.push`, so in-app links do not reload the page.
 */
export function interceptLinkClicks(event: MouseEvent): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  const anchor = (event.target as HTMLElement | null)?.closest?.('a');
  const href = anchor?.getAttribute('href');
  if (!anchor || !href || anchor.target === '_blank' || anchor.hasAttribute('download')) {
    return;
  }
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin || href.startsWith('#')) {
    return;
  }
  event.preventDefault();
  locationService.push(locationUtil.stripBaseFromUrl(url.pathname + url.search + url.hash));
}
