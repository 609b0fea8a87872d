import { Topics, createEvent, type CloudEventOf, type EventType } from '@handoff/contracts';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

export const skills = [
  'billing',
  'orders',
  'returns',
  'shipping',
  'technical',
  'accounts',
  'payments',
  'warranty',
  'loyalty',
  'general',
];

/** When each stage of one handoff was seen, in ms since the epoch. */
export interface HandoffTimes {
  sentAt: number;
  recordedAt?: number;
  escalatedAt?: number;
  decidedAt?: number;
}

/**
 * Plays a bot platform at a given rate: each handoff is a conversation that starts, exchanges a
 * few messages, collects a variable and ends with the customer asking for a human. Watches the
 * platform's topics to time each stage from that last message.
 */
export class HandoffLoad {
  readonly handoffs = new Map<string, HandoffTimes>();
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly watcher: Consumer;

  constructor(
    brokers: string[],
    private readonly runId: string,
    private readonly tenantId: string,
  ) {
    this.kafka = new Kafka({ clientId: `${runId}-load`, brokers, logLevel: logLevel.NOTHING });
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.watcher = this.kafka.consumer({ groupId: `${runId}-watch`, maxWaitTimeInMs: 50 });
  }

  async start(): Promise<void> {
    await Promise.all([this.producer.connect(), this.watcher.connect()]);
    await this.watcher.subscribe({
      topics: [Topics.ConversationMessages, Topics.Escalations, Topics.RoutingDecisions],
      fromBeginning: true,
    });
    await this.watcher.run({
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        for (const message of batch.messages) {
          const times = this.handoffs.get(message.key?.toString() ?? '');
          if (!times) continue;
          if (batch.topic === Topics.RoutingDecisions) times.decidedAt ??= now;
          else if (batch.topic === Topics.Escalations) times.escalatedAt ??= now;
          else if (message.value?.includes('"messageId":"m5"')) times.recordedAt ??= now;
        }
      },
    });
  }

  async stop(): Promise<void> {
    await Promise.all([this.producer.disconnect(), this.watcher.disconnect()]);
  }

  /** Puts agents online over the agent status topic, as a workforce tool would. */
  async agentsOnline(count: number): Promise<string[]> {
    const ids: string[] = [];
    const events = Array.from({ length: count }, (_, index) => {
      const agentId = `${this.runId}-agent-${index}`;
      ids.push(agentId);
      return createEvent(
        'handoff.agent.status.changed',
        {
          agentId,
          tenantId: this.tenantId,
          displayName: `Agent ${index}`,
          status: 'online',
          skills: skills.map((name, skill) => ({ name, proficiency: 1 + ((index + skill) % 5) })),
          languages: index % 4 === 0 ? ['en', 'es'] : ['en'],
          capacity: 50,
        },
        { source: '/bench/workforce' },
      );
    });
    for (let start = 0; start < events.length; start += 500)
      await this.send(events.slice(start, start + 500));
    return ids;
  }

  /** Sends `count` handoffs at `perSecond`, in small batches on a 10 ms tick. */
  async offer(step: string, perSecond: number, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, index) => `${this.runId}-${step}-${index}`);
    const started = Date.now();
    let next = 0;
    while (next < count) {
      const due = Math.min(count, Math.floor(((Date.now() - started) * perSecond) / 1000) + 1);
      if (due > next) {
        const batch = ids.slice(next, due);
        next = due;
        const sentAt = Date.now();
        for (const id of batch) this.handoffs.set(id, { sentAt });
        await this.send(batch.flatMap((id, index) => this.conversation(id, index)));
      } else {
        await sleep(10);
      }
    }
    return ids;
  }

  private conversation(conversationId: string, index: number): CloudEventOf<EventType>[] {
    const tenantId = this.tenantId;
    const at = new Date().toISOString();
    const source = '/bench/bot-platform';
    const say = (messageId: string, sender: 'customer' | 'bot', text: string) =>
      createEvent(
        'handoff.conversation.message.posted',
        { conversationId, tenantId, messageId, sender, text, sentAt: at },
        { source },
      );
    return [
      createEvent(
        'handoff.conversation.started',
        {
          conversationId,
          tenantId,
          channel: 'web',
          language: 'en',
          customer: { customerId: `cust-${conversationId}`, tier: 'standard' },
          startedAt: at,
        },
        { source },
      ),
      say('m1', 'bot', 'Hi! I am the assistant. How can I help you today?'),
      say('m2', 'customer', 'My order has not arrived and nobody answers my emails.'),
      createEvent(
        'handoff.conversation.variable.collected',
        {
          conversationId,
          tenantId,
          name: 'topic',
          value: skills[index % skills.length]!,
          collectedAt: at,
        },
        { source },
      ),
      say('m4', 'bot', 'I am sorry to hear that. Let me check what I can do.'),
      say('m5', 'customer', 'This is taking too long, I want to talk to a human please.'),
    ];
  }

  private async send(events: CloudEventOf<EventType>[]): Promise<void> {
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const event of events) {
      const topic =
        event.type === 'handoff.agent.status.changed'
          ? Topics.AgentStatus
          : Topics.ConversationEvents;
      byTopic.set(topic, [
        ...(byTopic.get(topic) ?? []),
        { key: event.partitionkey, value: JSON.stringify(event) },
      ]);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}
