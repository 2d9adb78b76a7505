import { BAND_PANELS_OF_ALERT } from '../model/alertBands';
import { assertPromql } from '../test/assertPromql';

import { alertBandsQuery } from './alertBands';

describe('alertBandsQuery', () => {
  it.each([
    ['demo', 'checkout', 'namespace="demo", function="checkout"'],
    ['de"mo', 'a\\b', 'namespace="de\\"mo", function="a\\\\b"'],
  ])('selects the pending and firing banded alerts of %s/%s, escaped', (ns, name, matchers) => {
    const q = alertBandsQuery(ns, name);
    assertPromql(q.expr);
    expect(q).toMatchObject({ range: true, instant: false });
    expect(q.expr).toContain(matchers);
    expect(q.expr).toContain('alertstate=~"firing|pending"');
    for (const alert of Object.keys(BAND_PANELS_OF_ALERT)) {
      expect(q.expr).toContain(alert);
    }
    expect(q.expr).toMatch(/^max by \(alertname, alertstate, long, short\) \(ALERTS\{/);
  });
});
