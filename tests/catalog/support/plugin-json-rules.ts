// The plugin.json rules of grafana/plugin-validator's schema and metadata analyzers (draft-07 schema with closed
// objects and uri/email formats), as findings: an empty list means the check passes.
export type Json = Record<string, unknown>;

const TOP_LEVEL_KEYS = [
  ...['id', 'type', 'info', 'name', 'dependencies', '$schema', 'alerting', 'annotations', 'autoEnabled', 'backend'],
  ...['buildMode', 'builtIn', 'category', 'docsPath', 'enterpriseFeatures', 'executable', 'hideFromList'],
  ...['includes', 'logs', 'metrics', 'mixed', 'multiValueFilterOperators', 'pascalName', 'preload', 'suggestions'],
  ...['queryOptions', 'routes', 'skipDataQuery', 'state', 'streaming', 'tracing', 'iam', 'roles', 'extensions'],
  'languages',
];
const INFO_KEYS = ['author', 'build', 'description', 'keywords', 'links', 'logos', 'screenshots', 'updated', 'version'];

export const ID_PATTERN = /^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/;
export const INCLUDE_TYPES = ['dashboard', 'page', 'panel', 'datasource'];
export const INCLUDE_ROLES = ['Admin', 'Editor', 'Viewer'];
export const ROLE_GRANTS = ['Viewer', 'Editor', 'Admin', 'Grafana Admin'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function unknownKeys(where: string, value: unknown, allowed: string[]): string[] {
  return isObject(value)
    ? Object.keys(value)
        .filter((k) => !allowed.includes(k))
        .map((k) => `${where}: unknown key "${k}"`)
    : [];
}

/** C0: every closed object of the schema holds only its allowed keys */
export function closedObjectFindings(p: Json): string[] {
  const info = (p.info ?? {}) as Json;
  return [
    ...unknownKeys('plugin.json', p, TOP_LEVEL_KEYS),
    ...unknownKeys('info', info, INFO_KEYS),
    ...unknownKeys('info.author', info.author, ['name', 'email', 'url']),
    ...unknownKeys('info.logos', info.logos, ['small', 'large']),
    ...asArray(info.links).flatMap((l, i) => unknownKeys(`info.links[${i}]`, l, ['name', 'url', 'target'])),
    ...asArray(info.screenshots).flatMap((s, i) => unknownKeys(`info.screenshots[${i}]`, s, ['name', 'path'])),
    ...unknownKeys('dependencies', p.dependencies, ['grafanaVersion', 'grafanaDependency', 'plugins', 'extensions']),
    ...asArray(p.roles).flatMap((r, i) => [
      ...unknownKeys(`roles[${i}]`, r, ['role', 'grants']),
      ...unknownKeys(`roles[${i}].role`, (r as Json).role, ['name', 'description', 'permissions', 'hidden']),
      ...asArray(((r as Json).role as Json | undefined)?.permissions).flatMap((perm, j) =>
        unknownKeys(`roles[${i}].role.permissions[${j}]`, perm, ['action', 'scope'])
      ),
    ]),
    ...asArray((p.iam as Json | undefined)?.permissions).flatMap((perm, i) =>
      unknownKeys(`iam.permissions[${i}]`, perm, ['action', 'scope'])
    ),
  ];
}

/** C0: the schema's required fields */
export function requiredFieldFindings(p: Json): string[] {
  const info = (p.info ?? {}) as Json;
  const logos = (info.logos ?? {}) as Json;
  const missing = [
    ...['type', 'name', 'id', 'info', 'dependencies'].filter((k) => p[k] === undefined),
    ...['logos', 'version', 'updated', 'keywords'].filter((k) => info[k] === undefined).map((k) => `info.${k}`),
    ...['small', 'large'].filter((k) => logos[k] === undefined).map((k) => `info.logos.${k}`),
    ...(((p.dependencies ?? {}) as Json).grafanaDependency === undefined ? ['dependencies.grafanaDependency'] : []),
    ...asArray(p.includes)
      .map((inc, i) => ((inc as Json).type === undefined ? `includes[${i}].type` : ''))
      .filter(Boolean),
  ];
  const keywords = asArray(info.keywords);
  return [...missing.map((m) => `missing ${m}`), ...(keywords.length === 0 ? ['info.keywords has no item'] : [])];
}

/** formats: uri for links and author.url, email for author.email */
export function formatFindings(p: Json): string[] {
  const info = (p.info ?? {}) as Json;
  const author = (info.author ?? {}) as Json;
  const isUri = (v: unknown) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(v) && URL.canParse(v);
  return [
    ...asArray(info.links)
      .filter((l) => !isUri((l as Json).url))
      .map((l) => `info.links url "${String((l as Json).url)}" is not a URI`),
    ...(author.url !== undefined && !isUri(author.url) ? [`info.author.url "${String(author.url)}" is not a URI`] : []),
    ...(author.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(author.email))
      ? [`info.author.email "${String(author.email)}" is not an email address`]
      : []),
  ];
}

/** C5/C6: a path inside the zip that plugin.json references: relative, no ./ or /, not a URL */
export function referencePathFinding(what: string, p: unknown): string[] {
  if (typeof p !== 'string' || p === '') {
    return [`${what} is empty`];
  }
  if (p.startsWith('.') || p.startsWith('/') || /^[a-z]+:\/\//i.test(p)) {
    return [`${what} "${p}" must be relative to the plugin root (no ./, no /, no URL)`];
  }
  return [];
}
