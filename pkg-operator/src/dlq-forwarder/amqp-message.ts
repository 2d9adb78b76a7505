// How a dead letter is stored in RabbitMQ: the CloudEvent's attributes as `ce-*` message headers (the HTTP
// binary-mode names, so a message can be replayed to a broker as is), its data as the payload, persistent.
import { randomUUID } from 'node:crypto';

import type { DeadLetter } from './cloud-event';

export interface AmqpMessage {
  content: Buffer;
  /** amqplib publish options */
  options: {
    persistent: true;
    mandatory: true;
    messageId: string;
    contentType?: string;
    type: string;
    appId: string;
    headers: Record<string, string>;
  };
}

export const APP_ID = 'lambda-dlq-forwarder';

export function amqpMessage(event: DeadLetter): AmqpMessage {
  const headers = Object.fromEntries(Object.entries(event.attributes).map(([name, value]) => [`ce-${name}`, value]));
  return {
    content: event.data,
    options: {
      persistent: true,
      // an event no queue is bound for comes back (basic.return) instead of vanishing
      mandatory: true,
      // unique per publish: it matches a basic.return to its request (the event id may repeat on redelivery)
      messageId: randomUUID(),
      contentType: event.attributes.datacontenttype,
      type: event.attributes.type,
      appId: APP_ID,
      headers,
    },
  };
}
