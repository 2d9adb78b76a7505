// `lambda-operator check-source <file.yaml>`: the operator's source policy, offline, for SREs.
import { readFileSync } from 'node:fs';

import { parseAllDocuments } from 'yaml';

import type { LambdaFunction } from '../api';

import { validateSourceWithDns } from './dns-precheck';
import { systemResolver } from './guarded-lookup';
import { POLICY_ENV, clusterFromEnv, parseList, policyFromEnv, resolvePolicy } from './policy';
import type { CliIo } from './types';
import { validateLambdaFunction } from './validate-source';
import { type SourceVerdict, rejected } from './verdict';

export const CHECK_SOURCE_USAGE = `usage: lambda-operator check-source <file.yaml|-> [--allow-source-hosts host,cidr,...] [--resolve]

Prints one JSON verdict per LambdaFunction in the file: {"allowed":bool,"reason":...,"errorType":...,"name":...}
Exit status: 0 all allowed, 1 any rejected, 2 usage error.
  --allow-source-hosts  the operator's allow-list (default: $${POLICY_ENV.allowList})
  --resolve             also resolve git hosts and reject names that point at blocked addresses`;

const ALLOWED_REASON = 'the source passes the policy (DNS and redirects are checked again when it is fetched)';

interface CliArgs {
  readonly file: string;
  readonly allowList?: string[];
  readonly resolve: boolean;
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args = argv[0] === 'check-source' ? argv.slice(1) : [...argv];
  let file: string | undefined;
  let allowList: string[] | undefined;
  let resolve = false;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s);
    if (flag === '--allow-source-hosts') {
      allowList = parseList(inline ?? args[++i]);
    } else if (flag === '--resolve') {
      resolve = true;
    } else if (flag.startsWith('--') || file !== undefined) {
      return `unexpected argument ${JSON.stringify(args[i])}`;
    } else {
      file = args[i];
    }
  }
  return file === undefined ? 'missing <file.yaml>' : { file, allowList, resolve };
}

function readDocuments(file: string): unknown[] | SourceVerdict {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    return rejected('invalid_spec', `cannot read ${file}: ${(error as Error).message}`);
  }
  const documents = parseAllDocuments(text);
  const docs = Array.isArray(documents) ? documents : [documents];
  const broken = docs.find((d) => d.errors.length > 0);
  if (broken) {
    return rejected('invalid_spec', `${file} is not valid YAML: ${broken.errors[0].message}`);
  }
  return docs.map((d) => d.toJS({ maxAliasCount: 10 })).filter((d) => d !== null && d !== undefined);
}

function describe(doc: unknown): string | undefined {
  const meta = (doc as LambdaFunction | undefined)?.metadata;
  return meta?.name ? [meta.namespace, meta.name].filter(Boolean).join('/') : undefined;
}

export async function checkSourceCli(argv: readonly string[], io?: CliIo): Promise<number> {
  const out = io ?? { stdout: (line: string) => console.log(line), stderr: (line: string) => console.error(line) };
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    out.stderr(`${args}\n${CHECK_SOURCE_USAGE}`);
    return 2;
  }
  let policy;
  try {
    policy = resolvePolicy(args.allowList ? { allowList: args.allowList } : policyFromEnv(), clusterFromEnv());
  } catch (error) {
    out.stderr(`${(error as Error).message}\n${CHECK_SOURCE_USAGE}`);
    return 2;
  }
  const documents = readDocuments(args.file);
  const checks: Array<Promise<SourceVerdict> | SourceVerdict> = Array.isArray(documents)
    ? documents.map((doc) => {
        const verdict = validateLambdaFunction(doc as LambdaFunction, policy);
        return args.resolve && verdict.allowed
          ? validateSourceWithDns((doc as LambdaFunction).spec, policy, systemResolver)
          : verdict;
      })
    : [documents];
  if (checks.length === 0) {
    checks.push(rejected('invalid_spec', `${args.file} contains no LambdaFunction`));
  }
  const verdicts = await Promise.all(checks);
  verdicts.forEach((verdict, i) => {
    const name = Array.isArray(documents) ? describe(documents[i]) : undefined;
    const body = verdict.allowed
      ? { allowed: true, reason: ALLOWED_REASON }
      : { allowed: false, reason: verdict.reason, errorType: verdict.errorType };
    out.stdout(JSON.stringify(name ? { ...body, name } : body));
  });
  return verdicts.every((v) => v.allowed) ? 0 : 1;
}
