import { fireEvent, render, screen } from '@testing-library/react';
import React from 'react';

import { ResourceError, type ResourceErrorCode } from '../api/resourceError';

import { ApiErrorState } from './ApiErrorState';

const CASES: Array<[ResourceErrorCode, RegExp, string | undefined, boolean]> = [
  ['not_configured', /not configured/, '/plugins/knative-lambda-app', false],
  ['kubernetes_unavailable', /cannot be reached/, '/plugins/knative-lambda-app', true],
  ['crd_missing', /CRD is not installed/, '/a/knative-lambda-app/operator', false],
  ['forbidden', /role cannot read/, undefined, false],
  ['unreachable', /does not answer/, undefined, true],
  ['internal', /answered with an error/, undefined, true],
];

describe('ApiErrorState', () => {
  it.each(CASES)('%s: its own message, next step and link', (code, title, href, retry) => {
    const onRetry = jest.fn();
    render(<ApiErrorState error={new ResourceError(code, 503, `server says ${code}`)} onRetry={onRetry} />);
    expect(screen.getByText(title)).toBeInTheDocument();
    expect(screen.getByText(`server says ${code}`)).toBeInTheDocument();
    const links = screen.queryAllByRole('link').map((a) => a.getAttribute('href'));
    expect(links).toEqual(href ? [href] : []);
    const button = screen.queryByRole('button', { name: /retry/i });
    expect(Boolean(button)).toBe(retry);
    if (button) {
      fireEvent.click(button);
      expect(onRetry).toHaveBeenCalledTimes(1);
    }
  });
});
