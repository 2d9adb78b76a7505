// The arm64 executable, run under user-mode QEMU up to the handshake and one gRPC round trip. Needs Debian's
// qemu-user-static, libc6-arm64-cross and libstdc++6-arm64-cross (scripts/bootstrap.sh installs them).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

import { BACKEND_ARM64, requireBuilt, startBackend } from '../../local/host/server/plugin-backend/backend-process';

const QEMU = 'qemu-aarch64-static';
const SYSROOT = '/usr/aarch64-linux-gnu';

function requireTool(): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${QEMU}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${QEMU} is missing: apt-get install qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross`);
  }
}

/** ELF header: class, data, machine (0xB7 = AArch64), and whether a .symtab section exists. */
function elfInfo(file: string): { machine: number; hasSymtab: boolean } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  const machine = buf.readUInt16LE(18);
  const shoff = Number(buf.readBigUInt64LE(40));
  const shentsize = buf.readUInt16LE(58);
  const shnum = buf.readUInt16LE(60);
  const shstrndx = buf.readUInt16LE(62);
  const section = (i: number) => shoff + i * shentsize;
  const strtab = Number(buf.readBigUInt64LE(section(shstrndx) + 24));
  let hasSymtab = false;
  for (let i = 0; i < shnum; i++) {
    const nameOffset = buf.readUInt32LE(section(i));
    const end = buf.indexOf(0, strtab + nameOffset);
    hasSymtab ||= buf.toString('latin1', strtab + nameOffset, end) === '.symtab';
  }
  return { machine, hasSymtab };
}

describe('arm64 executable', () => {
  it('is a stripped AArch64 ELF', () => {
    expect(elfInfo(requireBuilt(BACKEND_ARM64))).toEqual({ machine: 0xb7, hasSymtab: false });
  });

  it('starts under qemu-aarch64 and answers over gRPC', async () => {
    const qemu = requireTool();
    expect(fs.existsSync(`${SYSROOT}/lib/ld-linux-aarch64.so.1`)).toBe(true);
    const backend = await startBackend({
      binary: BACKEND_ARM64,
      runner: [qemu],
      env: { QEMU_LD_PREFIX: SYSROOT },
      handshakeTimeoutMs: 60_000,
    });
    try {
      expect((await backend.client!.healthCheck('plugin')).status).toBe('SERVING');
      expect((await backend.client!.callResource({ path: 'nope', role: 'Viewer' })).status).toBe(404);
    } finally {
      await backend.kill();
    }
    expect(backend.stdout).toMatch(/^1\|2\|tcp\|127\.0\.0\.1:\d+\|grpc\n$/);
  }, 90_000);
});
