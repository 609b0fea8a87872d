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
  DeadLetter: 'handoff.dlq.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** Topics that carry CloudEvents; the dead-letter topic carries the original bytes instead. */
export type EventTopic = Exclude<Topic, typeof Topics.DeadLetter>;

export const allTopics: readonly Topic[] = Object.values(Topics);
