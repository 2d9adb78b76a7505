// The generated rules file, with every alert's `for:` shortened so an alert can fire within the test. Nothing else
// changes: the expressions under test are exactly the ones shipped.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse, stringify } from 'yaml';

export const RULES_FILE = join(__dirname, '..', '..', 'provisioning', 'prometheus', 'knative-lambda.rules.yaml');

interface RuleFile {
  groups: Array<{ name: string; rules: Array<Record<string, unknown>> }>;
}

/** Recording rules whose expression reads the function runtimes' own metrics directly. */
export function functionRecordingRules(): string[] {
  const rules = parse(readFileSync(RULES_FILE, 'utf8')) as RuleFile;
  return rules.groups
    .flatMap((group) => group.rules)
    .filter((rule) => typeof rule.record === 'string' && String(rule.expr).includes('knative_lambda_function_'))
    .map((rule) => rule.record as string);
}

export function rulesWithShortFor(targetDir: string, forDuration = '2s'): string {
  if (!existsSync(RULES_FILE)) {
    throw new Error(`${RULES_FILE} is missing: generate it with \`npm run generate\``);
  }
  const rules = parse(readFileSync(RULES_FILE, 'utf8')) as RuleFile;
  for (const group of rules.groups) {
    for (const rule of group.rules) {
      if (rule.for !== undefined) {
        rule.for = forDuration;
      }
    }
  }
  const copy = join(targetDir, 'knative-lambda.rules.yaml');
  writeFileSync(copy, stringify(rules));
  return copy;
}
