import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@handoff/service-kit';
import type { Observable } from 'rxjs';
import { EventPublisher } from '../publishing/event-publisher.js';

/**
 * Consumer states that still deliver messages. Nest's Kafka transport reports `rebalancing`
 * when kafkajs re-joins the group but never reports the end of it, so treating it as down
 * would leave every instance not ready for good after the first rebalance (another replica
 * starting or stopping). kafkajs re-joins by itself; if it cannot, the state becomes `crashed`.
 */
const consumingStates = new Set(['connected', 'rebalancing']);

/** Ready when the producer is connected and the consumer transport is consuming. */
@Injectable()
export class KafkaReadiness implements OnModuleInit {
  private consumerStatus = 'not_attached';
  private consumerAttached = false;

  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly publisher: EventPublisher,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'kafka-producer', isReady: () => this.publisher.isConnected });
    this.registry.register({
      name: 'kafka-consumer',
      isReady: () => !this.consumerAttached || consumingStates.has(this.consumerStatus),
    });
  }

  /** Follows the Kafka transport's status events (connected, rebalancing, crashed, ...). */
  watch(status: Observable<string>): void {
    this.consumerAttached = true;
    status.subscribe((next) => (this.consumerStatus = next));
  }

  get status(): string {
    return this.consumerStatus;
  }
}
