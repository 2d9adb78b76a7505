import { SLO_REF, SLO_TAGS } from '../queries/functionSlo';

import { sloSnapshot } from './sloSnapshot';

const s = (series: string, value: number, labels: Record<string, string> = {}) => ({
  labels: { series, ...labels },
  value,
});

describe('sloSnapshot', () => {
  it('reads every tagged series of the SLO queries', () => {
    const snap = sloSnapshot(
      new Map([
        [
          SLO_REF.now,
          [
            s(SLO_TAGS.sli, 0.998),
            s(SLO_TAGS.objective, 0.999),
            s(SLO_TAGS.ratio('5m'), 0.02),
            s(SLO_TAGS.ratio('1h'), 0.015),
            s(SLO_TAGS.invocations('1h'), 3600),
            s(SLO_TAGS.failures('1h'), 54),
            s(SLO_TAGS.alert, 1, { long: '1h', short: '5m', alertstate: 'firing' }),
            s(SLO_TAGS.alert, 1, { long: '1h', short: '5m', alertstate: 'pending' }),
            s(SLO_TAGS.alert, 1, { long: '6h', short: '30m', alertstate: 'pending' }),
          ],
        ],
        [
          SLO_REF.attribution,
          [
            s(SLO_TAGS.errors('1h'), 4, { error_type: 'validation' }),
            s(SLO_TAGS.errors('1h'), 50, { error_type: 'handler' }),
            s(SLO_TAGS.statuses('1h'), 50, { status: 'error' }),
            s(SLO_TAGS.statuses('1h'), 4, { status: 'timeout' }),
          ],
        ],
      ])
    );
    expect(snap.sli).toBe(0.998);
    expect(snap.objective).toBe(0.999);
    expect(Object.fromEntries(snap.ratio)).toEqual({ '5m': 0.02, '1h': 0.015 });
    expect(snap.invocations.get('1h')).toBe(3600);
    expect(snap.failures.get('1h')).toBe(54);
    expect(Object.fromEntries(snap.alertState)).toEqual({ '1h/5m': 'firing', '6h/30m': 'pending' });
    expect(snap.errorsByType.get('1h')).toEqual([
      ['handler', 50],
      ['validation', 4],
    ]);
    expect(snap.statuses.get('1h')?.[0]).toEqual(['error', 50]);
  });
});
