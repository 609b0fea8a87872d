import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@handoff/service-kit';
import type { Observable } from 'rxjs';
import { EventPublisher } from '../publishing/event-publisher.js';

/** Ready when the producer is connected and the consumer transport reports it is connected. */
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
      isReady: () => !this.consumerAttached || this.consumerStatus === 'connected',
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
