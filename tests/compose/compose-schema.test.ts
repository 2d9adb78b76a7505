// The compose files against the Compose Specification's own JSON schema (vendored, see vendor/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import { parse } from 'yaml';

import { REPO_ROOT } from '../../rules/outputs';

const schema = JSON.parse(readFileSync(join(__dirname, 'vendor', 'compose-spec.json'), 'utf8'));
// Draft-07; the validator does not need to fetch the meta-schema to apply it.
const validate = new Ajv({ allErrors: true, validateSchema: false, strict: false } as object).compile(schema);

describe('the Compose Specification schema', () => {
  it.each(['docker-compose.yaml', '.config/docker-compose-base.yaml'])('accepts %s', (file) => {
    // YAML merge keys (`<<: *function`) are resolved by the YAML loader, before Compose sees the model.
    const doc = parse(readFileSync(join(REPO_ROOT, file), 'utf8'), { merge: true });
    const valid = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a file it should reject (an unknown service key, a bad port list)', () => {
    const doc = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yaml'), 'utf8'), { merge: true });
    doc.services.prometheus.imagee = doc.services.prometheus.image;
    doc.services.grafana.ports = 3000;
    expect(validate(doc)).toBe(false);
    expect((validate.errors ?? []).length).toBeGreaterThanOrEqual(2);
  });
});
