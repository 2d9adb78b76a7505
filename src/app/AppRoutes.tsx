import { locationService } from '@grafana/runtime';
import React, { useEffect, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';

import { ROUTES } from '../routing/routes';

/** The app root (no sub-path) goes to the default page, Functions, with the query string it came with. */
function RedirectToDefaultPage() {
  const { search } = useLocation();
  useEffect(() => locationService.replace(`${ROUTES.functions()}${search}`), [search]);
  return null;
}

/** Routes of the app root: the bare root redirects; every other path is the scene app's (with its not-found page). */
export function AppRoutes({ children }: { children: ReactNode }) {
  return (
    <Routes>
      <Route index element={<RedirectToDefaultPage />} />
      <Route path="*" element={children} />
    </Routes>
  );
}
