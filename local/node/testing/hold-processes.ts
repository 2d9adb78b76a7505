// Test helper: starts the node's process supervisor with a process that has a child of its own, prints
// {"dir","pids","grandchildFile"} as one JSON line, then waits to be killed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { NodeProcesses } from '../node-processes';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-node-hold-'));
const processes = new NodeProcesses(dir);
const grandchildFile = path.join(os.tmpdir(), `${path.basename(dir)}-grandchild`);
const proc = processes.start({
  kind: 'function',
  namespace: 'ns',
  owner: 'hold',
  pod: 'hold-pod',
  bin: 'sh',
  args: ['-c', `sleep 600 & echo $! > ${grandchildFile}; wait`],
  env: { PATH: process.env.PATH },
  cwd: dir,
});
process.stdout.write(JSON.stringify({ dir, pids: [proc.info.pid], grandchildFile }) + '\n');
setInterval(() => undefined, 1000);
