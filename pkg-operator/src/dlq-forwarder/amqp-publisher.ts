// One recovering AMQP connection with a confirm channel. publish() resolves only once RabbitMQ has
// confirmed the message (persisted to its queue), so the HTTP answer can promise that nothing was lost.
import type { ChannelModel, ConfirmChannel, Message, RecoveringChannelModel } from 'amqplib';
import { connect } from 'amqplib';

import type { AmqpMessage } from './amqp-message';

/** RabbitMQ has the message in a queue */
export type PublishResult = 'stored' | 'unroutable';

export class BrokerUnavailable extends Error {}

export class DeadLetterPublisher {
  private connection?: RecoveringChannelModel;
  private model?: ChannelModel;
  private channel?: ConfirmChannel;
  private lastChannelError?: string;
  private readonly returned = new Set<string>();
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly log: (msg: string) => void
  ) {}

  async start(): Promise<void> {
    this.connection = await connect(this.url, {
      recovery: {
        initialDelay: 200,
        maxDelay: 5000,
        maxRetries: Infinity,
        waitForConnect: false,
        setup: async (model: ChannelModel) => {
          this.model = model;
          await this.openChannel(model);
        },
      },
    });
    this.connection.on('disconnect', (err: Error) => {
      this.model = undefined;
      this.channel = undefined;
      this.log(`RabbitMQ connection lost: ${err?.message ?? 'closed'}`);
    });
    this.connection.on('connect-failed', (err: Error) => this.log(`RabbitMQ connection failed: ${err.message}`));
    this.connection.on('error', (err: Error) => this.log(`RabbitMQ connection error: ${err.message}`));
  }

  /** ready = a confirm channel on an open connection */
  ready(): boolean {
    return this.channel !== undefined;
  }

  private async openChannel(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    this.lastChannelError = undefined;
    channel.on('return', (message: Message) => this.returned.add(String(message.properties.messageId)));
    // a channel-level error (e.g. the exchange does not exist) closes only the channel: open a new one
    channel.on('error', (err: Error) => {
      this.lastChannelError = err.message;
    });
    channel.on('close', () => {
      if (this.channel === channel) {
        this.channel = undefined;
      }
      if (!this.closing && this.model === model) {
        this.openChannel(model).catch((err: Error) => this.log(`cannot reopen the AMQP channel: ${err.message}`));
      }
    });
    this.channel = channel;
  }

  publish(exchange: string, routingKey: string, message: AmqpMessage): Promise<PublishResult> {
    const channel = this.channel;
    if (!channel) {
      return Promise.reject(new BrokerUnavailable('not connected to RabbitMQ'));
    }
    const id = message.options.messageId;
    return new Promise<PublishResult>((resolve, reject) => {
      try {
        channel.publish(exchange, routingKey, message.content, message.options, (err: unknown) => {
          const wasReturned = this.returned.delete(id);
          if (err) {
            reject(new Error(`RabbitMQ did not confirm the message: ${this.lastChannelError ?? String(err)}`));
          } else {
            resolve(wasReturned ? 'unroutable' : 'stored');
          }
        });
      } catch (err) {
        reject(new BrokerUnavailable(`cannot publish: ${(err as Error).message}`));
      }
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.connection?.close().catch(() => undefined);
  }
}
