export { startPrometheus, INSTALL_HINT, type Prometheus, type PrometheusProcessOptions } from './prometheus';
export type { ScrapeJob, ScrapeTarget, PrometheusConfigOptions } from './config';
export type { Sample, ExemplarSeries, Alert } from './client';
export { waitFor, type WaitOptions } from '../support/wait-for';
