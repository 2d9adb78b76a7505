import { FUNCTION_METRICS, RUNTIME_ENV } from '../../contract';

import { driftedFiles, renderGo, renderPython } from './generate-constants';

describe('generated contract constants of the Python and Go wrappers', () => {
  it('match the contract (run `npx tsx pkg-operator/runtimes/generate-constants.ts` after changing contract/)', () => {
    expect(driftedFiles()).toEqual([]);
  });

  it('carry every function metric and env name', () => {
    for (const rendered of [renderPython(), renderGo()]) {
      for (const metric of Object.values(FUNCTION_METRICS)) {
        expect(rendered).toContain(`"${metric.name}"`);
      }
      for (const env of Object.values(RUNTIME_ENV)) {
        expect(rendered).toContain(`"${env}"`);
      }
    }
  });
});
