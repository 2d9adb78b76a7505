import { checkInlineDependencies } from './dependency-policy';

const verdict = (...args: Parameters<typeof checkInlineDependencies>) => {
  const v = checkInlineDependencies(...args);
  return v.allowed ? 'allowed' : v.errorType;
};

describe('inline dependencies', () => {
  it('accepts ordinary registry dependencies for every runtime', () => {
    const packageJson = JSON.stringify({
      name: 'fn',
      dependencies: { lodash: '^4.17.21', '@aws-sdk/client-s3': '3.600.0', left: '>=1.0.0 <2 || ~3.1' },
      devDependencies: { typescript: '5.x' },
      scripts: { test: 'node test.js' },
    });
    expect(verdict('nodejs', packageJson)).toBe('allowed');
    expect(verdict('python', '# pinned\nrequests==2.32.3\nboto3>=1.34,<2\nuvicorn[standard]~=0.30\n\nnumpy\n')).toBe(
      'allowed'
    );
    const goMod =
      'module example.com/fn\n\ngo 1.22\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/text v0.14.0 // indirect\n)\n';
    expect(verdict('go', goMod)).toBe('allowed');
    expect(verdict('go', 'module fn\nrequire github.com/pkg/errors v0.9.1\n')).toBe('allowed');
  });

  it.each([
    ['nodejs', '{"dependencies": {"x": "github:evil/x"}}', 'injection'],
    ['nodejs', '{"dependencies": {"x": "npm:lodash@4"}}', 'injection'],
    ['nodejs', '{"dependencies": {"../x": "1.0.0"}}', 'injection'],
    ['nodejs', '{"dependencies": {"x": 1}}', 'injection'],
    ['nodejs', '{"scripts": {"preinstall": "id"}}', 'injection'],
    ['nodejs', 'lodash@4', 'invalid_spec'],
    ['nodejs', '[]', 'invalid_spec'],
    ['python', '-r /etc/passwd', 'injection'],
    ['python', '--extra-index-url https://evil.example/simple', 'injection'],
    ['python', 'requests; python_version < "3.8"', 'injection'],
    ['python', 'git+https://evil.example/x.git', 'injection'],
    ['python', 'requests==2.0 ; os.system("id")', 'injection'],
    ['go', 'module fn\nrequire example.com/x latest\n', 'injection'],
    ['go', 'module fn\nrequire (\n  ../evil v1.0.0\n)\n', 'injection'],
    ['go', 'module fn\nreplace example.com/x => evil.example/x v1.0.0\n', 'injection'],
    ['go', 'module fn\ntool example.com/x\n', 'injection'],
  ] as const)('refuses %s dependencies %j as %s', (language, text, errorType) => {
    expect(verdict(language, text)).toBe(errorType);
  });
});
