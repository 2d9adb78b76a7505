// F4: the validator's semgrep rules over src/**/*.ts(x) (tests excluded), as line-level patterns.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface SourceRule {
  severity: 'E' | 'W';
  what: string;
  pattern: RegExp;
  /** the line passes when it also matches this */
  unless?: RegExp;
}

const RULES: SourceRule[] = [
  { severity: 'E', what: 'Grafana globals', pattern: /window\.(grafanaBootData|grafanaRuntime|__grafanaSceneContext)/ },
  { severity: 'E', what: 'featureToggles.topnav', pattern: /featureToggles\.topnav/ },
  { severity: 'E', what: 'alert/confirm/prompt', pattern: /(^|[^.\w])(window\.)?(alert|confirm|prompt)\(/ },
  { severity: 'E', what: 'window.open without noopener', pattern: /window\.open\(/, unless: /noopener,noreferrer/ },
  { severity: 'E', what: 'global stylesheet import', pattern: /^\s*import\s+['"][^'"]+\.(css|scss|less)['"]/ },
  {
    severity: 'E',
    what: 'emotion Global',
    pattern: /<Global[\s>]|import\s*\{[^}]*\bGlobal\b[^}]*\}\s*from\s*['"]@emotion/,
  },
  { severity: 'E', what: '/api/ds/query', pattern: /\/api\/ds\/query/ },
  { severity: 'W', what: 'console logging', pattern: /\bconsole\.(log|info|warn|error|debug|trace)\(/ },
  { severity: 'W', what: 'window.location.search/href', pattern: /window\.location\.(search|href)/ },
  { severity: 'W', what: '@ts-ignore/@ts-expect-error', pattern: /@ts-(ignore|expect-error)/ },
  { severity: 'W', what: 'gf-form class', pattern: /['"` ]gf-form/ },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) {
      return sourceFiles(full);
    }
    return /\.tsx?$/.test(d.name) && !/\.(spec|test)\./.test(d.name) ? [full] : [];
  });
}

/** "<severity> <rule>: <file>:<line>" for every line a rule matches */
export function sourceRuleFindings(srcDir: string): string[] {
  return sourceFiles(srcDir).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        RULES.filter((r) => r.pattern.test(line) && !(r.unless && r.unless.test(line))).map(
          (r) => `${r.severity} ${r.what}: ${path.relative(srcDir, file)}:${i + 1}`
        )
      )
  );
}
