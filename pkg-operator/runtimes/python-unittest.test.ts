// Runs the Python wrapper's own unit tests (standard-library unittest) so that npm test covers them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

it('python3 -m unittest passes for the Python wrapper', () => {
  const run = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], {
    cwd: join(__dirname, 'python'),
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (run.error) {
    throw new Error(`python3 is required to test the Python wrapper (apt-get install python3): ${run.error.message}`);
  }
  expect(run.stderr).toMatch(/^OK$/m);
  expect(run.status).toBe(0);
});
