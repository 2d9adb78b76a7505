// Prometheus's scrape jobs in the stack. In a cluster the prometheus-operator turns the shipped PodMonitor and
// ServiceMonitor into scrape configs; here the local node writes their targets, already labelled as that
// relabelling labels them, into file_sd files (honorLabels monitors in one directory, the rest in another).
// The backend's metrics are scraped where Grafana serves them.
import { join } from 'node:path';

import { HONOR_LABELS_DIR, PLAIN_DIR } from '../node/targets/scrape-targets';
import type { ScrapeJob } from '../prometheus';

import { PLUGIN_ID } from './plugin-id';

/** the shipped PodMonitor's and ServiceMonitor's interval; Grafana's datasource `timeInterval` is set to it */
export const FUNCTION_SCRAPE_INTERVAL = '30s';

export function stackScrapeJobs(targetsDir: string, hostAddress: string): ScrapeJob[] {
  const monitors = (jobName: string, dir: string, honorLabels: boolean): ScrapeJob => ({
    jobName,
    targets: [],
    fileSd: [join(targetsDir, dir, '*.json')],
    honorLabels,
    scrapeInterval: FUNCTION_SCRAPE_INTERVAL,
  });
  return [
    monitors('monitors-honor-labels', HONOR_LABELS_DIR, true),
    monitors('monitors', PLAIN_DIR, false),
    {
      jobName: 'grafana-plugins',
      targets: [{ address: hostAddress, labels: { plugin_id: PLUGIN_ID } }],
      metricsPath: `/metrics/plugins/${PLUGIN_ID}`,
    },
  ];
}
