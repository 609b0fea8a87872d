import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EventTopic } from '@handoff/contracts';
import { meter } from '@handoff/service-kit';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { KafkaHealth } from '../health/kafka-health.js';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { KafkaStartup } from '../topics/kafka-startup.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { BatchProcessor, type BatchHandler } from './batch-processor.js';
import { partitionAssigners } from './co-partitioned-assigner.js';
import { consumedRecord } from './consumed-record.js';
import { describeError } from './failure-classifier.js';
import { PartitionOwnership } from './partition-ownership.js';

const backgroundHeartbeatMs = 3_000;

const pausedPartitions = meter().createUpDownCounter('handoff_consumer_paused_partitions', {
  description: 'Partitions waiting for a dependency to come back',
});
const transientFailures = meter().createCounter('handoff_consumer_transient_failures_total', {
  description: 'Batches put back because a dependency was unavailable, by topic',
});

/**
 * The service's one Kafka consumer. It reads every topic a handler is registered for, in batches,
 * several partitions at once; each partition's records stay in order. Offsets are committed only
 * for records whose writes and emits are done (at-least-once; handlers are idempotent). When a
 * dependency is down, only that partition pauses and retries with capped exponential backoff: the
 * consumer stays in its group, the other partitions go on, and nothing is dead-lettered for it.
 */
@Injectable()
export class EventConsumerRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumerRunner.name);
  private readonly handlers = new Map<string, BatchHandler<EventTopic>>();
  private readonly failures = new Map<string, number>();
  private readonly resumeTimers = new Map<string, NodeJS.Timeout>();
  private consumer: Consumer | undefined;
  private stopped = false;
  private markJoined!: () => void;
  /** Settles when the consumer has first joined its group. */
  readonly joined = new Promise<void>((resolve) => (this.markJoined = resolve));

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly startup: KafkaStartup,
    private readonly processor: BatchProcessor,
    private readonly health: KafkaHealth,
    private readonly ownership: PartitionOwnership,
  ) {}

  register<T extends EventTopic>(topic: T, handler: BatchHandler<T>): void {
    if (this.handlers.has(topic))
      throw new Error(`two handlers for ${topic}: a service consumes a topic in one place`);
    this.handlers.set(topic, handler as unknown as BatchHandler<EventTopic>);
  }

  get topics(): string[] {
    return [...this.handlers.keys()];
  }

  /** Starts consuming in the background once Kafka is reachable. */
  start(): void {
    if (this.handlers.size === 0) return;
    this.health.consumerStarting();
    void this.runUntilStopped();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Finishes the batches in progress, commits what they did, and leaves the group. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.resumeTimers.values()) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.consumer?.disconnect();
    this.health.consumerStopped();
  }

  private get backoff(): BackoffPolicy {
    return {
      initialMs: Math.max(this.options.retryBackoffMs, 50),
      maxMs: this.options.retryMaxBackoffMs,
    };
  }

  private async runUntilStopped(): Promise<void> {
    await this.startup.ready;
    for (let failures = 1; !this.stopped; failures++) {
      const consumer = this.createConsumer();
      try {
        await consumer.connect();
        await consumer.subscribe({
          topics: this.topics,
          fromBeginning: (this.options.newGroupStartsAt ?? 'earliest') === 'earliest',
        });
        await consumer.run({
          autoCommit: true,
          autoCommitInterval: 1000,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
          eachBatch: (payload) => this.onBatch(payload),
        });
        this.consumer = consumer;
        if (this.stopped) await consumer.disconnect();
        return;
      } catch (error) {
        this.health.consumerStarting(error);
        const delayMs = backoffDelay(this.backoff, failures);
        this.logger.warn({
          message: 'consumer could not start; retrying',
          error: describeError(error),
          retryInMs: delayMs,
        });
        await consumer.disconnect().catch(() => undefined);
        await sleep(delayMs);
      }
    }
  }

  private createConsumer(): Consumer {
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout,
      rebalanceTimeout: 60_000,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
      maxWaitTimeInMs: 100,
      retry: { retries: 8 },
      partitionAssigners,
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.ownership.assigned(payload.memberAssignment);
      this.health.consumerJoined();
      this.markJoined();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.ownership.revokeAll();
      this.health.consumerCrashed(payload.error, payload.restart);
      this.logger.error({
        message: 'consumer crashed',
        restart: payload.restart,
        error: describeError(payload.error),
      });
      if (!payload.restart && !this.stopped) void this.restartAfterCrash(consumer);
    });
    return consumer;
  }

  /** kafkajs gives up on errors it does not call retriable; try a fresh consumer, liveness fails if it cannot. */
  private async restartAfterCrash(crashed: Consumer): Promise<void> {
    await crashed.disconnect().catch(() => undefined);
    if (this.consumer === crashed) this.consumer = undefined;
    await sleep(backoffDelay(this.backoff, 3));
    if (!this.stopped) await this.runUntilStopped();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const topicPartition = `${batch.topic}/${batch.partition}`;
    const handler = this.handlers.get(batch.topic)!;
    // Progress resets the stall clock: a long batch that keeps moving is not stuck.
    const heartbeat = async () => {
      this.health.batchStarted(topicPartition);
      await payload.heartbeat();
    };
    // A handler waiting on a slow store must not cost the group its membership: the heartbeat goes
    // on in the background (kafkajs shares one request among concurrent calls). If the group is
    // rebalancing, the next heartbeat in the loop below throws and kafkajs rejoins.
    const keepAlive = setInterval(
      () => void payload.heartbeat().catch(() => undefined),
      backgroundHeartbeatMs,
    );
    try {
      for (let start = 0; start < batch.messages.length; start += this.options.maxBatchSize) {
        if (!payload.isRunning() || payload.isStale()) return;
        this.health.batchStarted(topicPartition);
        const records = batch.messages
          .slice(start, start + this.options.maxBatchSize)
          .map((message) => consumedRecord(batch.topic, batch.partition, message));
        const outcome = await this.processor.process(
          batch.topic as EventTopic,
          batch.partition,
          records,
          handler,
          heartbeat,
        );
        if (outcome.doneThrough !== undefined) payload.resolveOffset(outcome.doneThrough);
        await payload.commitOffsetsIfNecessary();
        if (outcome.transient !== undefined) {
          this.pauseAfterFailure(
            topicPartition,
            batch.topic,
            batch.partition,
            payload.pause,
            outcome.transient,
          );
          return;
        }
        if (this.failures.delete(topicPartition))
          this.logger.log({
            message: 'dependency back; partition resumed',
            topic: batch.topic,
            partition: batch.partition,
          });
        await heartbeat();
      }
    } finally {
      clearInterval(keepAlive);
      this.health.batchEnded(topicPartition);
    }
  }

  /**
   * Stops fetching this partition and resumes it after a backoff. Its unprocessed records were not
   * resolved, so they are fetched again then, in order.
   */
  private pauseAfterFailure(
    topicPartition: string,
    topic: string,
    partition: number,
    pause: () => () => void,
    error: unknown,
  ): void {
    const failures = (this.failures.get(topicPartition) ?? 0) + 1;
    this.failures.set(topicPartition, failures);
    const delayMs = backoffDelay(this.backoff, failures);
    const resume = pause();
    transientFailures.add(1, { topic });
    this.logger.warn({
      message: 'dependency unavailable; partition paused',
      topic,
      partition,
      failures,
      retryInMs: delayMs,
      error: describeError(error),
    });
    const earlier = this.resumeTimers.get(topicPartition);
    if (earlier) clearTimeout(earlier);
    else pausedPartitions.add(1);
    this.resumeTimers.set(
      topicPartition,
      setTimeout(() => {
        this.resumeTimers.delete(topicPartition);
        pausedPartitions.add(-1);
        resume();
      }, delayMs),
    );
  }
}
