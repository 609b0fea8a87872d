import type { INestApplication } from '@nestjs/common';
import type { EventTopic } from '@handoff/contracts';
import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { EventBatch } from './event-batch.js';
import { EventConsumerRunner } from './event-consumer.runner.js';

/** What `@Ctx()` gives a batch handler: the topic and partition the batch came from. */
export class EventBatchContext extends BaseRpcContext<[topic: string, partition: number]> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }
}

/**
 * The Nest transport behind `@ConsumeEvents` handlers: each handler's topic is read by the
 * service's one EventConsumerRunner, which hands it batches. Nest's own Kafka transport delivers
 * one parsed message at a time and cannot pause a partition; this keeps the bytes raw and the
 * decisions (validation, retries, dead letters, commits) in one place.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  constructor(private readonly runner: EventConsumerRunner) {
    super();
  }

  listen(callback: () => void): void {
    for (const [topic, handler] of this.getHandlers()) {
      if (!handler.isEventHandler) continue;
      this.runner.register(topic as EventTopic, async (batch: EventBatch<EventTopic>) => {
        const result = await handler(batch, new EventBatchContext([batch.topic, batch.partition]));
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      });
    }
    this.runner.start();
    callback();
  }

  async close(): Promise<void> {
    await this.runner.stop();
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to listen to; use the health endpoints');
  }

  unwrap<T>(): T {
    return this.runner as T;
  }
}

/** Attaches the consumer of every `@ConsumeEvents` handler in the app, as a hybrid-app transport. */
export function connectEventConsumers(app: INestApplication): void {
  app.connectMicroservice(
    { strategy: new KafkaEventServer(app.get(EventConsumerRunner)) },
    { inheritAppConfig: true },
  );
}
