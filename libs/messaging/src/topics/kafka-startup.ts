import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeConnection } from '../connection/kafka-connection.js';
import { backoffDelay } from '../consuming/backoff.js';
import { describeError } from '../consuming/failure-classifier.js';
import { KafkaHealth } from '../health/kafka-health.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from '../publishing/event-publisher.js';
import { TopicProvisioner } from './topic-provisioner.js';

/**
 * Connects to Kafka in the background once the application is up: topics first, then the
 * producer. Until that works the service answers its probes as not ready, with the reason (an
 * unreachable broker, refused credentials), and keeps trying with capped backoff.
 */
@Injectable()
export class KafkaStartup implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KafkaStartup.name);
  private stopped = false;
  private markReady!: () => void;
  /** Settles once topics exist and the producer is connected. */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    private readonly provisioner: TopicProvisioner,
    private readonly publisher: EventPublisher,
    private readonly health: KafkaHealth,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    void this.connect();
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
  }

  private async connect(): Promise<void> {
    for (let failures = 1; !this.stopped; failures++) {
      try {
        await this.provisioner.provision();
        await this.publisher.connect();
        this.health.startupSucceeded();
        this.markReady();
        return;
      } catch (error) {
        this.health.startupFailed(error);
        const delayMs = backoffDelay(
          { initialMs: 500, maxMs: this.options.retryMaxBackoffMs },
          failures,
        );
        this.logger.warn({
          message: 'Kafka start-up failed (broker, credentials or topics); retrying',
          brokers: describeConnection(this.options.connection),
          error: describeError(error),
          retryInMs: delayMs,
        });
        await sleep(delayMs);
      }
    }
  }
}
