import { DEFAULT_CLUSTER, resolvePolicy } from './policy';
import { checkGitUrl } from './url-policy';

const strict = resolvePolicy({ allowList: [] });
const withGitea = resolvePolicy(
  { allowList: ['gitea.git.svc.cluster.local', '10.0.5.0/24', '*.corp.example.org'] },
  DEFAULT_CLUSTER
);

const verdictOf = (url: string, policy = strict) => {
  const v = checkGitUrl(url, policy);
  return v.allowed ? 'allowed' : v.errorType;
};

describe('checkGitUrl', () => {
  it.each([
    'https://github.com/org/repo.git',
    'https://gitlab.com:443/group/sub/repo',
    'https://[2606:4700::1111]/repo.git',
    'https://8.8.8.8/repo.git',
  ])('allows the public https URL %s', (url) => {
    expect(verdictOf(url)).toBe('allowed');
  });

  it.each([
    ['http://github.com/org/repo', 'invalid_spec'],
    ['git://github.com/org/repo', 'invalid_spec'],
    ['ssh://git@github.com/org/repo', 'invalid_spec'],
    ['git@github.com:org/repo.git', 'invalid_spec'],
    ['https://user:token@github.com/org/repo', 'invalid_spec'],
    ['file:///etc/passwd', 'ssrf_blocked'],
    ['ext::sh -c id', 'injection'],
    ['-uhttps://github.com/x', 'injection'],
    ['https://github.com/org/repo;id', 'injection'],
    ['https://github.com/org/repo$(id)', 'injection'],
    ['https://github.com/org/re\npo', 'injection'],
    ['not a url', 'injection'],
    ['relative/path', 'invalid_spec'],
    [`https://github.com/${'a'.repeat(2048)}`, 'invalid_spec'],
  ])('refuses %s as %s', (url, errorType) => {
    expect(verdictOf(url)).toBe(errorType);
  });

  it.each([
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0177.0.0.1/',
    'https://127.1/',
    'https://127.0.0.1./',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[0:0:0:0:0:ffff:7f00:1]/',
    'https://%31%32%37.0.0.1/',
    'https://localhost/',
    'https://LOCALHOST./',
    'https://app.localhost/',
    'https://0.0.0.0/',
    'https://0/',
    'https://[::]/',
    'https://10.0.0.1/',
    'https://172.16.5.4/',
    'https://192.168.1.1/',
    'https://100.64.0.1/',
    'https://169.254.1.1/',
    'https://[fe80::1]/',
    'https://[fd12:3456::1]/',
    'https://224.0.0.1/',
    'https://[ff02::1]/',
    'https://255.255.255.255/',
    'https://[64:ff9b::7f00:1]/',
    'https://[2002:a9fe:a9fe::]/',
    'https://169.254.169.254/',
    'https://169.254.170.2/',
    'https://100.100.100.200/',
    'https://[fd00:ec2::254]/',
    'https://metadata.google.internal/',
    'https://metadata.goog/',
    'https://kubernetes/',
    'https://kubernetes.default/',
    'https://kubernetes.default.svc/',
    'https://kubernetes.default.svc.cluster.local./',
    'https://10.96.0.1/',
    'https://grafana.monitoring.svc/',
    'https://redis.cache.svc.cluster.local:6379/',
    'https://prometheus/',
    'https://printer.local/',
    'https://github.com@169.254.169.254/',
    'https://github.com:443@10.0.0.1/',
  ])('refuses the internal address %s as ssrf_blocked', (url) => {
    expect(verdictOf(url)).toBe('ssrf_blocked');
  });

  it('explains the range in the message', () => {
    const verdict = checkGitUrl('https://[::ffff:169.254.169.254]/', strict);
    expect(verdict).toMatchObject({ allowed: false, reason: expect.stringContaining('metadata endpoint') });
    expect(checkGitUrl('https://10.96.0.1/', strict)).toMatchObject({
      reason: expect.stringContaining('service network'),
    });
  });

  it('lets allow-listed internal hosts and ranges through, over http too', () => {
    expect(verdictOf('http://gitea.git.svc.cluster.local:3000/org/fn.git', withGitea)).toBe('allowed');
    expect(verdictOf('https://git.corp.example.org/fn.git', withGitea)).toBe('allowed');
    expect(verdictOf('http://10.0.5.7/fn.git', withGitea)).toBe('allowed');
    expect(verdictOf('http://corp.example.org/fn.git', withGitea)).toBe('invalid_spec');
    expect(verdictOf('http://10.0.6.7/fn.git', withGitea)).toBe('ssrf_blocked');
  });

  it('never lets the allow-list open metadata, unspecified or multicast addresses', () => {
    const permissive = resolvePolicy({ allowList: ['0.0.0.0/0', '::/0'] });
    expect(verdictOf('https://192.168.1.1/', permissive)).toBe('allowed');
    for (const url of [
      'https://169.254.169.254/',
      'https://[fd00:ec2::254]/',
      'https://0.0.0.0/',
      'https://224.0.0.1/',
    ]) {
      expect(verdictOf(url, permissive)).toBe('ssrf_blocked');
    }
  });

  it('honours a configured service network and cluster domain', () => {
    const custom = resolvePolicy({ allowList: [] }, { serviceCidrs: ['198.19.0.0/16'], clusterDomain: 'k8s.example' });
    expect(checkGitUrl('https://198.19.0.1/', custom)).toMatchObject({
      reason: expect.stringContaining('service network'),
    });
    expect(verdictOf('https://api.team.k8s.example/', custom)).toBe('ssrf_blocked');
  });

  it('refuses a bad allow-list at startup', () => {
    expect(() => resolvePolicy({ allowList: ['exa mple.com'] })).toThrow(/allow-list entry/);
    expect(() => resolvePolicy({ allowList: ['10.0.0.0/40'] })).toThrow(/prefix/);
  });
});
