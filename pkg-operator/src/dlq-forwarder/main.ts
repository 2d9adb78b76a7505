// `lambda-operator dlq-forwarder`: the dead-letter sink of every function Trigger. Settings come from the
// environment (settings.ts); SIGTERM/SIGINT stop taking requests, then close the AMQP connection.
import { KubeConfig } from '@kubernetes/client-node';

import { DeadLetterPublisher } from './amqp-publisher';
import { ForwarderMetrics } from './forwarder-metrics';
import { ForwarderServer } from './http-server';
import { SenderCheck, tokenReviewer } from './sender-check';
import type { ForwarderSettings } from './settings';
import { ForwarderConfigError, loadForwarderSettings } from './settings';

export interface RunningForwarder {
  port: number;
  publisher: DeadLetterPublisher;
  stop(): Promise<void>;
}

const stderrLog = (msg: string) => process.stderr.write(`dlq-forwarder: ${msg}\n`);

function senderCheckOf(settings: ForwarderSettings): SenderCheck | undefined {
  if (!settings.senderCheck) {
    return undefined;
  }
  const kc = new KubeConfig();
  if (settings.senderCheck.kubeconfig) {
    kc.loadFromFile(settings.senderCheck.kubeconfig);
  } else {
    kc.loadFromCluster();
  }
  return new SenderCheck(tokenReviewer(kc), settings.senderCheck.audience);
}

export async function startDlqForwarder(
  settings: ForwarderSettings,
  log: (msg: string) => void = stderrLog
): Promise<RunningForwarder> {
  const publisher = new DeadLetterPublisher(settings.amqpUrl, log);
  await publisher.start();
  const server = new ForwarderServer(publisher, new ForwarderMetrics(), log, senderCheckOf(settings));
  const port = await server.listen(settings.host, settings.port);
  return {
    port,
    publisher,
    async stop() {
      await server.close();
      await publisher.close();
    },
  };
}

export async function dlqForwarderMain(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.length > 0) {
    stderrLog(`takes no arguments (configure it through the environment), got: ${argv.join(' ')}`);
    return 2;
  }
  let settings;
  try {
    settings = loadForwarderSettings(env);
  } catch (err) {
    if (err instanceof ForwarderConfigError) {
      stderrLog(err.message);
      return 2;
    }
    throw err;
  }
  const forwarder = await startDlqForwarder(settings);
  stderrLog(`listening on ${settings.host}:${forwarder.port}`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await forwarder.stop();
  return 0;
}
