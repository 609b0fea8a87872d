/**
 * Every Kafka topic of the platform. Names are versioned and frozen once published:
 * a change of shape is a new `.vN` topic, recorded in asyncapi.yaml.
 */
export const Topics = {
  AgentStatus: 'handoff.agent.status.v1',
  ConversationEvents: 'handoff.conversation.events.v1',
  ConversationMessages: 'handoff.conversation.messages.v1',
  SentimentScores: 'handoff.sentiment.scores.v1',
  Escalations: 'handoff.escalations.v1',
  RoutingDecisions: 'handoff.routing.decisions.v1',
  CustomerNotifications: 'handoff.customer.notifications.v1',
  ConversationControl: 'handoff.conversation.control.v1',
  ConversationLifecycle: 'handoff.conversation.lifecycle.v1',
  AgentCommands: 'handoff.agent.commands.v1',
  AgentCommandResults: 'handoff.agent.command.results.v1',
  AgentAvailability: 'handoff.presence.availability.v1',
  RoutingQueue: 'handoff.routing.queue.v1',
  AgentMessages: 'handoff.agent.messages.v1',
  ConversationContext: 'handoff.conversation.context.v1',
  Feedback: 'handoff.feedback.v1',
  TenantConfig: 'handoff.tenant.config.v1',
  DeadLetter: 'handoff.dlq.v1',
  DeadLetterReplays: 'handoff.dlq.replays.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** Topics that carry CloudEvents; the dead-letter topics carry original bytes and replay records. */
export type EventTopic = Exclude<Topic, typeof Topics.DeadLetter | typeof Topics.DeadLetterReplays>;

export const allTopics: readonly Topic[] = Object.values(Topics);

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * The largest record (`max.message.bytes`) of every event topic the platform creates. An event
 * the platform derives from accepted input always fits: the input limits below bound it.
 */
export const eventTopicMaxMessageBytes = 1 * MiB;

/**
 * The dead-letter topic takes any record an event topic accepts, plus the headers that say why it
 * is there, so a dead letter can never be refused for its size.
 */
export const deadLetterTopicMaxMessageBytes = 4 * MiB;

/**
 * Largest event value accepted from outside the platform, checked at validation before the
 * schema. Bot platforms and desks publish here; what they send must leave room for everything the
 * platform adds when it republishes it.
 */
export const inboundEventMaxBytes = 64 * KiB;

/** Largest value of an event the platform itself produces (bounded by the input limits). */
export const internalEventMaxBytes = 768 * KiB;

/** Topics integrators publish to, with the tighter inbound limit. */
export const inboundTopics: readonly EventTopic[] = [
  Topics.AgentStatus,
  Topics.ConversationEvents,
  Topics.AgentCommands,
];

export function maxEventBytes(topic: EventTopic): number {
  return inboundTopics.includes(topic) ? inboundEventMaxBytes : internalEventMaxBytes;
}

/**
 * Topics keyed alike whose partition n one instance owns together (routing keeps a tenant's queue
 * in memory from both). They must have as many partitions, or a key would land on different
 * partition numbers and its state would be split between instances.
 */
export const coPartitionedTopics: readonly (readonly Topic[])[] = [
  [Topics.RoutingQueue, Topics.AgentAvailability],
  // The conversation service keeps who holds a conversation in memory, from decisions, and checks
  // it against agents' commands and the bot's messages; it also keeps everything a context packet
  // is built from, which includes the escalations and sentiment scores.
  [
    Topics.ConversationEvents,
    Topics.RoutingDecisions,
    Topics.AgentCommands,
    Topics.Escalations,
    Topics.SentimentScores,
  ],
];

/** Topic-level settings the platform applies when it creates a topic. */
export function topicConfig(topic: Topic): Record<string, string> {
  return {
    'max.message.bytes': String(
      topic === Topics.DeadLetter ? deadLetterTopicMaxMessageBytes : eventTopicMaxMessageBytes,
    ),
  };
}
