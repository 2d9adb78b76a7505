// The forwarder's settings, from the environment only (the Deployment maps a Secret's keys onto it):
// RABBITMQ_URL, or RABBITMQ_HOST/RABBITMQ_PORT/RABBITMQ_USERNAME/RABBITMQ_PASSWORD (+ RABBITMQ_VHOST);
// DLQ_FORWARDER_SENDER_CHECK=tokenreview (default) | none, DLQ_FORWARDER_AUDIENCE (sender-check.ts),
// DLQ_FORWARDER_KUBECONFIG for the TokenReview API outside a pod.
import { DEFAULT_AUDIENCE } from './sender-check';

export interface ForwarderSettings {
  host: string;
  port: number;
  amqpUrl: string;
  /** check every sender's token (undefined: accept any sender the NetworkPolicy lets through) */
  senderCheck?: { audience: string; kubeconfig?: string };
}

export class ForwarderConfigError extends Error {}

function amqpUrlFrom(env: NodeJS.ProcessEnv): string {
  if (env.RABBITMQ_URL) {
    return env.RABBITMQ_URL;
  }
  const absent = ['RABBITMQ_HOST', 'RABBITMQ_USERNAME', 'RABBITMQ_PASSWORD'].filter((name) => !env[name]);
  if (absent.length > 0) {
    throw new ForwarderConfigError(`set RABBITMQ_URL, or ${absent.join(', ')} (see pkg-operator/README.md)`);
  }
  const user = encodeURIComponent(env.RABBITMQ_USERNAME ?? '');
  const password = encodeURIComponent(env.RABBITMQ_PASSWORD ?? '');
  const vhost = env.RABBITMQ_VHOST ? `/${encodeURIComponent(env.RABBITMQ_VHOST)}` : '';
  return `amqp://${user}:${password}@${env.RABBITMQ_HOST}:${env.RABBITMQ_PORT || '5672'}${vhost}`;
}

export function loadForwarderSettings(env: NodeJS.ProcessEnv): ForwarderSettings {
  const bind = env.DLQ_FORWARDER_BIND_ADDRESS || ':8080';
  const match = /^(.*):([0-9]{1,5})$/.exec(bind);
  if (!match || Number(match[2]) > 65535) {
    throw new ForwarderConfigError(`DLQ_FORWARDER_BIND_ADDRESS=${bind}: expected [host]:port`);
  }
  const check = env.DLQ_FORWARDER_SENDER_CHECK || 'tokenreview';
  if (check !== 'tokenreview' && check !== 'none') {
    throw new ForwarderConfigError(`DLQ_FORWARDER_SENDER_CHECK=${check}: expected tokenreview or none`);
  }
  return {
    host: match[1] || '0.0.0.0',
    port: Number(match[2]),
    amqpUrl: amqpUrlFrom(env),
    senderCheck:
      check === 'none'
        ? undefined
        : {
            audience: env.DLQ_FORWARDER_AUDIENCE || DEFAULT_AUDIENCE,
            kubeconfig: env.DLQ_FORWARDER_KUBECONFIG || undefined,
          },
  };
}
