import { SourceError } from './verdict';

export interface GitCredentials {
  readonly username: string;
  readonly password: string;
}

/** Reads a Secret's (decoded) data; undefined when it does not exist. Supplied by the controller. */
export type SecretReader = (namespace: string, name: string) => Promise<Record<string, string> | undefined>;

/**
 * Credentials from the Secret git.secretRef names: `username` + `password` (type kubernetes.io/basic-auth)
 * or a `token` (sent as the password of x-access-token, which GitHub, GitLab and Gitea accept).
 */
export function gitCredentials(secretName: string, data: Record<string, string>): GitCredentials {
  if (data.username && data.password) {
    return { username: data.username, password: data.password };
  }
  if (data.token) {
    return { username: 'x-access-token', password: data.token };
  }
  throw new SourceError(
    'invalid_spec',
    `Secret "${secretName}" (git.secretRef) must have either "username" and "password" keys or a "token" key`
  );
}

export async function credentialsFor(
  secretName: string,
  namespace: string,
  readSecret: SecretReader | undefined
): Promise<GitCredentials> {
  if (!readSecret) {
    throw new SourceError(
      'invalid_spec',
      'git.secretRef is not supported by this operator: it was started without access to Secrets'
    );
  }
  const data = await readSecret(namespace, secretName);
  if (!data) {
    // Not a SourceError: the Secret may be created later, so the controller retries with backoff.
    throw new Error(`Secret ${namespace}/${secretName} named by git.secretRef does not exist (yet)`);
  }
  return gitCredentials(secretName, data);
}
