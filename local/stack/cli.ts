// `npm start`: bring the whole stack up, print where everything is, stop everything on Ctrl-C or SIGTERM.
import { HELP, parseStackOptions, UsageError } from './options';
import { progressLog } from './progress';
import { startStack, type RunningStack } from './stack';
import { DEMO_NAMESPACE } from './stack-config';
import { summary } from './summary';

async function main(): Promise<number> {
  let options;
  try {
    options = parseStackOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`npm start: ${error.message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
  if (options === null) {
    console.log(HELP);
    return 0;
  }
  const log = progressLog();
  let stack: RunningStack | undefined;
  let signals = 0;
  const stop = (signal: string) => {
    signals += 1;
    if (signals > 1) {
      console.error(`${signal} again: exiting without waiting (the watchdogs remove what is left)`);
      process.exit(130);
    }
    log(`${signal}: stopping everything`);
    void (stack?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    stack = await startStack(options, log);
  } catch (error) {
    console.error(`npm start: ${(error as Error).message}`);
    return 1;
  }
  if (signals > 0) {
    await stack.stop();
    return 0;
  }
  console.log(summary(stack, options, DEMO_NAMESPACE));
  await new Promise(() => undefined);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`npm start: ${error.stack ?? error.message}`);
    process.exit(1);
  }
);
