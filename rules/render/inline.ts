import type { RecordingRule } from '../model';

/**
 * Replaces references to recording rules by their expressions (recursively), so a query runs on raw metrics only.
 * Only bare references are inlined; a reference with a selector would change meaning and is rejected.
 */
export function inlineRecorded(expr: string, recording: readonly RecordingRule[]): string {
  const byName = new Map(recording.map((r) => [r.record, r.expr]));
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w:])(${escaped.join('|')})(?![\\w:])`, 'g');
  let current = expr;
  for (let depth = 0; depth < 10; depth++) {
    const next = current.replace(pattern, (name, _g, offset: number, whole: string) => {
      if (whole[offset + name.length] === '{' || whole[offset + name.length] === '[') {
        throw new Error(`cannot inline ${name} with a selector or range`);
      }
      return `(${byName.get(name)})`;
    });
    if (next === current) {
      return current;
    }
    current = next;
  }
  throw new Error('recording rules reference each other too deeply');
}
