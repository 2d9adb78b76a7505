import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderMetricsDoc } from './metrics-doc';

export const METRICS_DOC_PATH = join(__dirname, '..', 'docs', 'metrics.md');

if (require.main === module) {
  writeFileSync(METRICS_DOC_PATH, renderMetricsDoc());
  console.error(`wrote ${METRICS_DOC_PATH}`);
}
