import { locationService } from '@grafana/runtime';
import { render, screen } from '@testing-library/react';
import React from 'react';
import { MemoryRouter } from 'react-router-dom';

import { AppRoutes } from './AppRoutes';
import { NotFound } from './NotFound';

const FUTURE = { v7_startTransition: true, v7_relativeSplatPath: true };

function renderAt(entry: string) {
  return render(
    <MemoryRouter initialEntries={[entry]} future={FUTURE}>
      <AppRoutes>
        <div data-testid="scene-app" />
      </AppRoutes>
    </MemoryRouter>
  );
}

describe('AppRoutes', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['/', '/a/knative-lambda-app/functions'],
    ['/?from=now-1h&var-runtime=go', '/a/knative-lambda-app/functions?from=now-1h&var-runtime=go'],
  ])('redirects the bare app root %s to Functions, keeping its query string', (entry, target) => {
    const replace = jest.spyOn(locationService, 'replace').mockImplementation(() => undefined);
    renderAt(entry);
    expect(replace).toHaveBeenCalledWith(target);
    expect(screen.queryByTestId('scene-app')).toBeNull();
  });

  it.each(['/functions', '/functions/demo/hello/slo', '/bogus'])('hands %s to the scene app', (entry) => {
    const replace = jest.spyOn(locationService, 'replace').mockImplementation(() => undefined);
    renderAt(entry);
    expect(screen.getByTestId('scene-app')).toBeInTheDocument();
    expect(replace).not.toHaveBeenCalled();
  });
});

describe('NotFound', () => {
  it('names the path and links to Functions with the same query string', () => {
    render(
      <MemoryRouter initialEntries={['/bogus/page?from=now-6h']} future={FUTURE}>
        <NotFound />
      </MemoryRouter>
    );
    expect(screen.getByTestId('data-testid kl-not-found')).toHaveTextContent('/bogus/page');
    expect(screen.getByRole('link', { name: 'Functions' })).toHaveAttribute(
      'href',
      '/a/knative-lambda-app/functions?from=now-6h'
    );
  });
});
