import { stringify } from 'yaml';

export interface ScrapeTarget {
  /** host:port; must be a loopback address. */
  address: string;
  /** Target labels, e.g. function and namespace for a function pod. */
  labels?: Record<string, string>;
}

export interface ScrapeJob {
  jobName: string;
  targets: ScrapeTarget[];
  /** file_sd_configs file globs: targets written by someone else (the local node), re-read as they change. */
  fileSd?: string[];
  /** Prometheus duration; default the global scrape interval. */
  scrapeInterval?: string;
  /** HTTP path of the metrics endpoint; default /metrics. */
  metricsPath?: string;
  /** Keep the target's own labels when they collide with target labels (function pods label their own series). */
  honorLabels?: boolean;
}

export interface PrometheusConfigOptions {
  jobs: ScrapeJob[];
  rulesFiles?: string[];
  /** Prometheus duration, default 1s. */
  scrapeInterval?: string;
  /** Prometheus duration, default 1s. */
  evaluationInterval?: string;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]):\d{1,5}$/;

export function renderConfig(options: PrometheusConfigOptions): string {
  for (const job of options.jobs) {
    const remote = job.targets.find((t) => !LOOPBACK.test(t.address));
    if (remote) {
      throw new Error(`scrape target ${remote.address} of job ${job.jobName} is not a loopback address`);
    }
  }
  const scrapeInterval = options.scrapeInterval ?? '1s';
  return stringify({
    global: {
      scrape_interval: scrapeInterval,
      scrape_timeout: scrapeInterval,
      evaluation_interval: options.evaluationInterval ?? '1s',
    },
    rule_files: options.rulesFiles ?? [],
    scrape_configs: options.jobs.map((job) => ({
      job_name: job.jobName,
      honor_labels: job.honorLabels ?? false,
      ...(job.scrapeInterval ? { scrape_interval: job.scrapeInterval, scrape_timeout: job.scrapeInterval } : {}),
      ...(job.metricsPath ? { metrics_path: job.metricsPath } : {}),
      static_configs: job.targets.map((t) => ({ targets: [t.address], labels: t.labels ?? {} })),
      ...(job.fileSd?.length ? { file_sd_configs: [{ files: job.fileSd, refresh_interval: '5s' }] } : {}),
    })),
  });
}
