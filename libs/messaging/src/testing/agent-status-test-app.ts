import { Controller, Inject, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Kafka } from 'kafkajs';
import { Topics, type TopicPayloads } from '@handoff/contracts';
import { HealthModule } from '@handoff/service-kit';
import { InboundEvents } from '../consuming/inbound-events.js';
import { connectKafkaConsumer } from '../consuming/kafka-consumer.js';
import { MessagingModule } from '../messaging.module.js';
import { KAFKA_CLIENT, type MessagingOptions } from '../messaging.options.js';
import { startGroupAtEnd } from './topic-recorder.js';

export type AgentStatusEvent = TopicPayloads[typeof Topics.AgentStatus];

/** What the test consumer saw, and which events (by id) it is told to fail on, every time. */
export class AgentStatusLog {
  readonly processed: AgentStatusEvent[] = [];
  readonly attemptsByEvent = new Map<string, number>();
  readonly failingEvents = new Set<string>();

  processedFor(agentId: string): AgentStatusEvent[] {
    return this.processed.filter((event) => event.data.agentId === agentId);
  }
}

const AGENT_STATUS_LOG = Symbol('AGENT_STATUS_LOG');

/** A consumer written the way services write theirs: every message goes through InboundEvents. */
@Controller()
class AgentStatusTestConsumer {
  constructor(
    private readonly inbound: InboundEvents,
    @Inject(AGENT_STATUS_LOG) private readonly log: AgentStatusLog,
  ) {}

  @EventPattern(Topics.AgentStatus)
  async onAgentStatus(@Ctx() context: KafkaContext): Promise<void> {
    await this.inbound.handle(Topics.AgentStatus, context, async (event) => {
      this.log.attemptsByEvent.set(event.id, (this.log.attemptsByEvent.get(event.id) ?? 0) + 1);
      if (this.log.failingEvents.has(event.id)) throw new Error(`event ${event.id} cannot be stored`);
      this.log.processed.push(event);
    });
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
    brokers,
    clientId: name,
    groupId: name,
    source: '/handoff/integration-tests',
    topics: [Topics.AgentStatus, Topics.DeadLetter],
    topicPartitions: 3,
    replicationFactor: 1,
    maxAttempts: 3,
    retryBackoffMs: 10,
  };
}

/**
 * Boots a Nest app with MessagingModule and a Kafka consumer of the agent status topic,
 * wired as a service's main.ts wires it. Its group starts at the current end of the topic,
 * so it handles only what the test publishes from now on. A second instance joins the running
 * group (and its committed offsets) instead. `silent` hides the errors kafkajs logs for a
 * rebalance the test causes on purpose.
 */
export async function startAgentStatusTestApp(
  options: MessagingOptions,
  { joinRunningGroup = false, silent = false }: { joinRunningGroup?: boolean; silent?: boolean } = {},
): Promise<AgentStatusTestApp> {
  const log = new AgentStatusLog();
  const moduleRef = await Test.createTestingModule({
    imports: [HealthModule, MessagingModule.forRoot(options)],
    controllers: [AgentStatusTestConsumer],
    providers: [{ provide: AGENT_STATUS_LOG, useValue: log }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: silent ? false : ['error', 'fatal'] });
  connectKafkaConsumer(app, options);
  try {
    await app.init();
    if (!joinRunningGroup) {
      await startGroupAtEnd(app.get<Kafka>(KAFKA_CLIENT), options.groupId, [Topics.AgentStatus]);
    }
    await app.startAllMicroservices();
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, log, options, close: () => app.close() };
}
