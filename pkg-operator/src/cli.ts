// The `lambda-operator` command: `run` starts the operator, `check-source` applies the source policy to a
// LambdaFunction file (implemented by the sources module).
import { runMain } from './main';
import { checkSourceCli } from './sources/cli';

export const USAGE = `usage: lambda-operator <command> [flags]

commands:
  run            run the operator (flags: see pkg-operator/README.md)
  check-source   check LambdaFunction sources against the security policy: check-source <file.yaml|->
  dlq-forwarder  the Triggers' dead-letter sink: CloudEvents → RabbitMQ (env: see pkg-operator/README.md)`;

export async function cli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runMain(rest);
    case 'check-source':
      return checkSourceCli(rest);
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}
