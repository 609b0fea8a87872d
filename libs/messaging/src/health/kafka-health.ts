import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@handoff/service-kit';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from '../publishing/event-publisher.js';
import { describeError } from '../consuming/failure-classifier.js';

type ConsumerState = 'none' | 'starting' | 'joined' | 'crashed' | 'dead' | 'stopped';

/**
 * Kafka's part of the probes. Ready: topics provisioned, producer connected and, when the service
 * consumes, its group joined. Live: no consumer crashed for good and no handler stuck past the
 * stall timeout. A broker that cannot be reached, or refuses the credentials, makes the service not
 * ready (with the reason) but leaves it alive: it keeps trying and recovers by itself.
 */
@Injectable()
export class KafkaHealth implements OnModuleInit {
  private startupProblem: string | undefined = 'connecting to Kafka';
  private consumerState: ConsumerState = 'none';
  private consumerProblem: string | undefined;
  private deadSince = 0;
  private readonly busySince = new Map<string, number>();

  constructor(
    private readonly registry: HealthRegistry,
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.registry.addReadiness({ name: 'kafka-producer', check: () => this.producerReadiness() });
    this.registry.addReadiness({ name: 'kafka-consumer', check: () => this.consumerReadiness() });
    this.registry.addLiveness({ name: 'kafka-consumer', check: () => this.consumerLiveness() });
  }

  startupFailed(error: unknown): void {
    this.startupProblem = describeError(error);
  }

  startupSucceeded(): void {
    this.startupProblem = undefined;
  }

  consumerStarting(problem?: unknown): void {
    this.consumerState = 'starting';
    this.consumerProblem = problem === undefined ? undefined : describeError(problem);
  }

  consumerJoined(): void {
    this.consumerState = 'joined';
    this.consumerProblem = undefined;
  }

  /**
   * kafkajs restarts a consumer after a retriable crash by itself. After any other, the service
   * tries a fresh consumer; if that does not join within the stall timeout, liveness fails.
   */
  consumerCrashed(error: unknown, willRestart: boolean): void {
    if (!willRestart && this.consumerState !== 'dead') this.deadSince = Date.now();
    this.consumerState = willRestart ? 'crashed' : 'dead';
    this.consumerProblem = describeError(error);
  }

  consumerStopped(): void {
    this.consumerState = 'stopped';
  }

  batchStarted(topicPartition: string): void {
    this.busySince.set(topicPartition, Date.now());
  }

  batchEnded(topicPartition: string): void {
    this.busySince.delete(topicPartition);
  }

  private producerReadiness() {
    if (this.startupProblem) return { ok: false, detail: this.startupProblem };
    return this.publisher.isConnected || { ok: false, detail: 'producer disconnected' };
  }

  private consumerReadiness() {
    switch (this.consumerState) {
      case 'none':
      case 'joined':
        return true;
      case 'starting':
        return {
          ok: false,
          detail: this.consumerProblem ?? `joining consumer group ${this.options.groupId}`,
        };
      case 'stopped':
        return { ok: false, detail: 'consumer stopped' };
      default:
        return { ok: false, detail: `consumer ${this.consumerState}: ${this.consumerProblem}` };
    }
  }

  private consumerLiveness() {
    const now = Date.now();
    if (this.consumerState === 'dead' && now - this.deadSince > this.options.stallTimeoutMs) {
      return {
        ok: false,
        detail: `consumer crashed and could not be restarted: ${this.consumerProblem}`,
      };
    }
    for (const [topicPartition, since] of this.busySince) {
      if (now - since > this.options.stallTimeoutMs) {
        return {
          ok: false,
          detail: `handler for ${topicPartition} busy for ${Math.round((now - since) / 1000)} s`,
        };
      }
    }
    return true;
  }
}
