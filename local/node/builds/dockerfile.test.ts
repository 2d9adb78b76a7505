// Parsing the runtimes' Dockerfiles and running their steps without a container runtime.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { commandLine, expandVariables, keyValues, parseDockerfile } from './dockerfile';
import { rebase, runDockerfile } from './run-dockerfile';

const RUNTIMES = path.resolve(__dirname, '../../../pkg-operator/runtimes');

test('the shipped Dockerfiles parse into the instructions the node implements', () => {
  for (const language of ['go', 'python', 'nodejs']) {
    const keywords = parseDockerfile(fs.readFileSync(path.join(RUNTIMES, language, 'Dockerfile'), 'utf8')).map(
      (i) => i.keyword
    );
    expect(keywords[0]).toBe('ARG');
    expect(
      keywords.filter(
        (k) => !['ARG', 'FROM', 'WORKDIR', 'COPY', 'RUN', 'ENV', 'USER', 'EXPOSE', 'ENTRYPOINT'].includes(k)
      )
    ).toEqual([]);
  }
});

test('continuations, variables, exec and shell forms, ENV pairs', () => {
  expect(parseDockerfile('# c\nRUN a \\\n  b\nFROM x AS y\n')).toEqual([
    { keyword: 'RUN', args: 'a    b', line: 2 },
    { keyword: 'FROM', args: 'x AS y', line: 4 },
  ]);
  expect(expandVariables('${A}-$B-${C}', { A: '1', B: '2' })).toBe('1-2-');
  expect(commandLine('["python", "-m", "x"]')).toEqual(['python', '-m', 'x']);
  expect(commandLine('echo hi')).toEqual(['/bin/sh', '-c', 'echo hi']);
  expect(keyValues('A=/a:/b B="two words"')).toEqual([
    ['A', '/a:/b'],
    ['B', 'two words'],
  ]);
});

test('rebase moves image paths into the stage directory and leaves system paths alone', () => {
  expect(rebase('sh /runtime/build.sh /function "$X" /out/function', '/r')).toBe(
    'sh /r/runtime/build.sh /r/function "$X" /r/out/function'
  );
  expect(rebase('/runtime:/function/.deps', '/r')).toBe('/r/runtime:/r/function/.deps');
  expect(rebase('cat /etc/ssl/x /dev/null /tmp/y', '/r')).toBe('cat /etc/ssl/x /dev/null /tmp/y');
});

test('a multi-stage Dockerfile: COPY --from, WORKDIR, ENV and RUN in the stage directory', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-test-'));
  try {
    fs.mkdirSync(path.join(dir, 'ctx', 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'ctx', 'src', 'a.txt'), 'hello');
    const steps: string[][] = [];
    const image = await runDockerfile(
      [
        'ARG NAME=out',
        'FROM base AS build',
        'ARG NAME',
        'COPY src/ /src/',
        'RUN cp /src/a.txt /build/${NAME}',
        'FROM scratch',
        'WORKDIR /app',
        'ENV P=/app/lib',
        'COPY --from=build /build/out /app/out',
        'ENTRYPOINT ["/app/out"]',
      ].join('\n'),
      {
        contextDir: path.join(dir, 'ctx'),
        workDir: path.join(dir, 'work'),
        shimDir: dir,
        run: async (argv, { env, cwd }) => {
          steps.push(argv);
          fs.mkdirSync(path.join(dir, 'work', 'stage-0', 'build'), { recursive: true });
          // the step sees the stage's ARG in its env, as RUN does
          fs.copyFileSync(
            path.join(dir, 'work', 'stage-0', 'src', 'a.txt'),
            path.join(dir, 'work', 'stage-0', 'build', env.NAME!)
          );
          expect(cwd).toBe(path.join(dir, 'work', 'stage-0'));
        },
      }
    );
    expect(steps).toEqual([['/bin/sh', '-c', `cp ${dir}/work/stage-0/src/a.txt ${dir}/work/stage-0/build/\${NAME}`]]);
    expect(fs.readFileSync(path.join(image.rootfs, 'app', 'out'), 'utf8')).toBe('hello');
    expect(image.config).toMatchObject({
      baseImage: 'scratch',
      entrypoint: ['/app/out'],
      env: { P: '/app/lib' },
      workdir: '/app',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an instruction the node cannot run fails the build with its line', async () => {
  await expect(
    runDockerfile('FROM x\nHEALTHCHECK CMD true\n', {
      contextDir: '/nonexistent',
      workDir: os.tmpdir(),
      shimDir: '',
      run: async () => undefined,
    })
  ).rejects.toThrow('Dockerfile line 2 (HEALTHCHECK): the local node does not implement HEALTHCHECK');
});
