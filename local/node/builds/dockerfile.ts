// Parses a Dockerfile into instructions (line continuations joined, comments dropped) and resolves `${VAR}` /
// `$VAR` references the way the builder does for the instructions that expand them.

export interface Instruction {
  keyword: string;
  /** the text after the keyword, continuation lines joined */
  args: string;
  line: number;
}

export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (pending === '' && (line.trim() === '' || line.trim().startsWith('#'))) {
      return;
    }
    if (pending === '') {
      startLine = index + 1;
    }
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    const match = /^([A-Za-z]+)\s*(.*)$/s.exec(full);
    if (match) {
      out.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: startLine });
    }
  });
  return out;
}

export function expandVariables(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, b) => vars[a ?? b] ?? '');
}

/** exec form (`["a", "b"]`) as an argv, shell form as `sh -c <text>` */
export function commandLine(args: string): string[] {
  if (args.startsWith('[')) {
    const parsed = JSON.parse(args) as unknown;
    if (!Array.isArray(parsed) || parsed.some((a) => typeof a !== 'string')) {
      throw new Error(`not an exec-form command: ${args}`);
    }
    return parsed as string[];
  }
  return ['/bin/sh', '-c', args];
}

/** `K=V K2="V 2"` (or the legacy `K V`) into pairs */
export function keyValues(args: string): Array<[string, string]> {
  if (!args.includes('=')) {
    const [key, ...rest] = args.split(/\s+/);
    return [[key, rest.join(' ')]];
  }
  const pairs: Array<[string, string]> = [];
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|(\S*))/g)) {
    pairs.push([m[1], m[3] ?? m[4] ?? m[5] ?? '']);
  }
  return pairs;
}
