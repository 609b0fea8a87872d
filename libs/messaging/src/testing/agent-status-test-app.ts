import { Inject, type INestApplication } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Kafka } from 'kafkajs';
import { Topics, type AgentStatusChanged, type TopicPayloads } from '@handoff/contracts';
import { HealthModule } from '@handoff/service-kit';
import { ConsumeEvents, EventConsumer } from '../consuming/consume-events.decorator.js';
import type { EventBatch } from '../consuming/event-batch.js';
import { EventConsumerRunner } from '../consuming/event-consumer.runner.js';
import { connectEventConsumers } from '../consuming/event-consumer.server.js';
import { TransientError } from '../consuming/failure-classifier.js';
import { MessagingModule } from '../messaging.module.js';
import { KAFKA_CLIENT, type MessagingOptions } from '../messaging.options.js';
import { KafkaStartup } from '../topics/kafka-startup.js';
import { startGroupAtEnd } from './topic-recorder.js';
import { sharedTopicPartitions } from '@handoff/service-kit/testing';

export type AgentStatusEvent = TopicPayloads[typeof Topics.AgentStatus];

/** A valid agent status for the test consumer: online, one skill, English, two slots. */
export function onlineAgentStatus(
  agentId: string,
  tenantId: string,
  displayName = 'Ana',
): AgentStatusChanged {
  return {
    agentId,
    tenantId,
    displayName,
    status: 'online',
    skills: [{ name: 'billing', proficiency: 3 }],
    languages: ['en'],
    capacity: 2,
  };
}

/** What the test consumer saw, and how it is told to fail. */
export class AgentStatusLog {
  readonly processed: AgentStatusEvent[] = [];
  readonly attemptsByEvent = new Map<string, number>();
  /** Events (by id) whose processing fails every time, as a bug or bad data would. */
  readonly failingEvents = new Set<string>();
  /** A batch with an event of these agents fails as if the store were unreachable. */
  readonly unavailableFor = new Set<string>();
  transientFailures = 0;
  readonly batchSizes: number[] = [];

  processedFor(agentId: string): AgentStatusEvent[] {
    return this.processed.filter((event) => event.data.agentId === agentId);
  }
}

const AGENT_STATUS_LOG = Symbol('AGENT_STATUS_LOG');

/** A consumer written the way services write theirs. */
@EventConsumer()
class AgentStatusTestConsumer {
  constructor(@Inject(AGENT_STATUS_LOG) private readonly log: AgentStatusLog) {}

  @ConsumeEvents(Topics.AgentStatus)
  async onAgentStatus(@Payload() batch: EventBatch<typeof Topics.AgentStatus>): Promise<void> {
    if (batch.events.some((event) => this.log.unavailableFor.has(event.data.agentId))) {
      this.log.transientFailures++;
      throw new TransientError('store unreachable');
    }
    for (const event of batch.events) {
      this.log.attemptsByEvent.set(event.id, (this.log.attemptsByEvent.get(event.id) ?? 0) + 1);
      if (this.log.failingEvents.has(event.id))
        throw new Error(`event ${event.id} cannot be stored`);
    }
    this.log.batchSizes.push(batch.events.length);
    this.log.processed.push(...batch.events);
  }
}

export interface AgentStatusTestApp {
  app: INestApplication;
  log: AgentStatusLog;
  options: MessagingOptions;
  close(): Promise<void>;
}

/** Options for a throwaway service: its own client and group, quick retries. */
export function testMessagingOptions(brokers: string[], name: string): MessagingOptions {
  return {
    connection: { brokers, clientId: name },
    groupId: name,
    source: '/handoff/integration-tests',
    topics: [Topics.AgentStatus, Topics.DeadLetter],
    topicPartitions: sharedTopicPartitions,
    replicationFactor: 1,
    maxAttempts: 3,
    retryBackoffMs: 10,
    retryMaxBackoffMs: 500,
    partitionsConsumedConcurrently: 3,
    maxBatchSize: 500,
    stallTimeoutMs: 60_000,
  };
}

/**
 * Boots a Nest app with MessagingModule and a consumer of the agent status topic, wired as a
 * service's main.ts wires it, and waits until its group has joined. Its group starts at the
 * current end of the topic, so it handles only what the test publishes from now on. A second
 * instance joins the running group (and its committed offsets) instead. `silent` hides the
 * warnings of failures a test causes on purpose; `waitUntilJoined: false` returns at once, for a
 * broker that cannot be reached.
 */
export async function startAgentStatusTestApp(
  options: MessagingOptions,
  {
    joinRunningGroup = false,
    silent = false,
    waitUntilJoined = true,
  }: { joinRunningGroup?: boolean; silent?: boolean; waitUntilJoined?: boolean } = {},
): Promise<AgentStatusTestApp> {
  const log = new AgentStatusLog();
  const moduleRef = await Test.createTestingModule({
    imports: [HealthModule, MessagingModule.forRoot(options)],
    controllers: [AgentStatusTestConsumer],
    providers: [{ provide: AGENT_STATUS_LOG, useValue: log }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: silent ? false : ['error', 'fatal'] });
  connectEventConsumers(app);
  try {
    await app.init();
    if (waitUntilJoined) {
      await app.get(KafkaStartup).ready;
      if (!joinRunningGroup)
        await startGroupAtEnd(app.get<Kafka>(KAFKA_CLIENT), options.groupId, [Topics.AgentStatus]);
    }
    await app.startAllMicroservices();
    if (waitUntilJoined) await app.get(EventConsumerRunner).joined;
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, log, options, close: () => app.close() };
}
