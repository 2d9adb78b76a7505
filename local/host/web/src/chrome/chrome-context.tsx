import type { NavModelItem } from '@grafana/data';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

interface ChromeState {
  sectionNav?: NavModelItem;
  pageNav?: NavModelItem;
  setSectionNav(nav: NavModelItem | undefined): void;
  setPageNav(nav: NavModelItem | undefined): void;
}

const ChromeContext = createContext<ChromeState>({ setSectionNav: () => undefined, setPageNav: () => undefined });

/** What the top bar needs from the page below it: the app's section nav and the current page's nav (breadcrumbs). */
export function ChromeProvider({ children }: { children: ReactNode }) {
  const [sectionNav, setSectionNav] = useState<NavModelItem>();
  const [pageNav, setPageNav] = useState<NavModelItem>();
  const value = useMemo(() => ({ sectionNav, pageNav, setSectionNav, setPageNav }), [sectionNav, pageNav]);
  return <ChromeContext.Provider value={value}>{children}</ChromeContext.Provider>;
}

export function useChrome(): ChromeState {
  return useContext(ChromeContext);
}
