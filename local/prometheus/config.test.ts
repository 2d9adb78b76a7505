import { parse } from 'yaml';

import { renderConfig } from './config';

describe('test Prometheus config', () => {
  it('renders 1s intervals, rule files and labelled static targets', () => {
    const config = parse(
      renderConfig({
        rulesFiles: ['/tmp/r.yaml'],
        jobs: [{ jobName: 'fns', honorLabels: true, targets: [{ address: '127.0.0.1:9', labels: { function: 'f' } }] }],
      })
    );
    expect(config.global).toEqual({ scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' });
    expect(config.rule_files).toEqual(['/tmp/r.yaml']);
    expect(config.scrape_configs).toEqual([
      {
        job_name: 'fns',
        honor_labels: true,
        static_configs: [{ targets: ['127.0.0.1:9'], labels: { function: 'f' } }],
      },
    ]);
  });

  it.each(['10.0.0.1:9090', 'localhost:9090', 'example.com:80'])('refuses the non-loopback target %s', (address) => {
    expect(() => renderConfig({ jobs: [{ jobName: 'x', targets: [{ address }] }] })).toThrow(/not a loopback address/);
  });
});
