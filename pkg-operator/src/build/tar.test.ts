import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { tarGz } from './tar';

const entries = [
  { path: 'b.txt', content: Buffer.from('bee\n') },
  { path: 'a/run.sh', content: Buffer.from('#!/bin/sh\necho hi\n'), executable: true },
  { path: `deep/${'d'.repeat(60)}/${'e'.repeat(60)}/file.js`, content: Buffer.alloc(1500, 120) },
];

test('the same files give the same bytes, whatever their order', () => {
  expect(tarGz(entries).equals(tarGz([...entries].reverse()))).toBe(true);
});

test('GNU tar reads the archive: names (long ones via the ustar prefix), contents and the executable bit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-test-'));
  try {
    fs.writeFileSync(path.join(dir, 'ctx.tar.gz'), tarGz(entries));
    const listing = execFileSync('tar', ['-tvzf', path.join(dir, 'ctx.tar.gz')], { encoding: 'utf8' });
    expect(listing).toMatch(/^-rwxr-xr-x .* a\/run\.sh$/m);
    expect(listing).toMatch(/^-rw-r--r-- .* b\.txt$/m);
    fs.mkdirSync(path.join(dir, 'out'));
    execFileSync('tar', ['-xzf', path.join(dir, 'ctx.tar.gz'), '-C', path.join(dir, 'out')]);
    expect(fs.readFileSync(path.join(dir, 'out', entries[2].path))).toEqual(entries[2].content);
    expect(fs.readFileSync(path.join(dir, 'out', 'b.txt'), 'utf8')).toBe('bee\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
