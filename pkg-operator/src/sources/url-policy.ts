import { checkHost, isAllowListedAddress, isAllowListedHost } from './host-policy';
import { parseIp } from './ip-address';
import type { ResolvedPolicy } from './policy';
import { ALLOWED, type SourceVerdict, firstRejection, rejected } from './verdict';

export const MAX_GIT_URL_LENGTH = 2048;

const UNSAFE_CHARACTERS = /[\s\x00-\x1f\x7f;|&$`'"<>\\(){}!*^]/;
const SCP_LIKE = /^[^/:]+@[^/:]+:/;

function checkSyntax(url: string): SourceVerdict {
  if (url.length === 0 || url.length > MAX_GIT_URL_LENGTH) {
    return rejected('invalid_spec', `git URL must be 1 to ${MAX_GIT_URL_LENGTH} characters long`);
  }
  if (UNSAFE_CHARACTERS.test(url)) {
    return rejected(
      'injection',
      'git URL contains whitespace, quotes, backslashes or shell metacharacters; remove them'
    );
  }
  if (url.startsWith('-') || /^[a-z0-9+.-]*::/i.test(url)) {
    return rejected(
      'injection',
      'git URL uses option or remote-helper syntax (e.g. "ext::"); use a plain https:// URL'
    );
  }
  if (SCP_LIKE.test(url)) {
    return rejected(
      'invalid_spec',
      'SSH (user@host:path) git URLs are not supported; use the https:// URL of the repository'
    );
  }
  return URL.canParse(url)
    ? ALLOWED
    : rejected('invalid_spec', 'git URL is not a valid absolute URL; use https://host/owner/repo');
}

/** Is plain http acceptable for this host? Only for hosts the operator allow-lists. */
function isTrustedHost(hostname: string, policy: ResolvedPolicy): boolean {
  const address = parseIp(hostname);
  return address ? isAllowListedAddress(address, policy) : isAllowListedHost(hostname, policy);
}

function checkOtherScheme(url: URL): SourceVerdict {
  return url.protocol === 'file:'
    ? rejected('ssrf_blocked', "file: URLs would read the operator's own filesystem; use an https:// repository URL")
    : rejected('invalid_spec', `${url.protocol}// git URLs are not supported; use https://`);
}

/** Checks a URL the operator is about to fetch (the spec's URL, or a redirect target). */
export function checkFetchUrl(url: URL, policy: ResolvedPolicy): SourceVerdict {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return checkOtherScheme(url);
  }
  return firstRejection(
    () => checkHost(url.hostname, policy),
    () =>
      url.protocol === 'http:' && !isTrustedHost(url.hostname, policy)
        ? rejected('invalid_spec', 'plain http:// is accepted only for allow-listed internal hosts; use https://')
        : ALLOWED,
    () =>
      url.username || url.password
        ? rejected(
            'invalid_spec',
            'git URL must not carry credentials; put them in a Secret and reference it with git.secretRef'
          )
        : ALLOWED
  );
}

export function checkGitUrl(url: string, policy: ResolvedPolicy): SourceVerdict {
  return firstRejection(
    () => checkSyntax(url),
    () => checkFetchUrl(new URL(url), policy)
  );
}
