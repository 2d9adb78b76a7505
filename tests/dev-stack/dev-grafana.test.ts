// The Docker dev stack (`npm run server`): anonymous visitors are Viewers, never Admins, and nothing is
// published beyond the loopback interface.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

test('anonymous access is Viewer; the Dockerfile says how to log in as admin', () => {
  const dockerfile = read('.config/Dockerfile');
  const role = /^ENV GF_AUTH_ANONYMOUS_ORG_ROLE "?(\w+)"?$/m.exec(dockerfile)?.[1];
  expect(role).toBe('Viewer');
  expect(dockerfile).toMatch(/log in as admin at http:\/\/localhost:3000\/login/);
});

test.each(['.config/docker-compose-base.yaml', 'docker-compose.yaml'])(
  '%s publishes ports on 127.0.0.1 only',
  (file) => {
    const services = Object.values((parse(read(file)) as { services: Record<string, { ports?: string[] }> }).services);
    const ports = services.flatMap((s) => s.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) {
      expect(String(port)).toMatch(/^127\.0\.0\.1:\d+:\d+(\/tcp)?$/);
    }
  }
);
