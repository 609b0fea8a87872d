import { Topics, type EventTopic } from '../topics.js';
import * as agentAvailability from './agent-availability-changed/index.js';
import * as agentActions from './agent-actions/index.js';
import * as agentCommands from './agent-commands/index.js';
import * as contextPacket from './context-packet/index.js';
import * as customerEvents from './customer-events/index.js';
import * as feedback from './feedback/index.js';
import * as tenantConfig from './tenant-config/index.js';
import * as agentShifts from './agent-shifts-scheduled/index.js';
import * as agentStatus from './agent-status-changed/index.js';
import * as conversationClosed from './conversation-closed/index.js';
import * as conversationEnded from './conversation-ended/index.js';
import * as routingQueue from './routing-queue/index.js';
import * as controlRequested from './conversation-control-requested/index.js';
import * as conversationStarted from './conversation-started/index.js';
import * as notificationRequested from './customer-notification-requested/index.js';
import * as escalationRequested from './escalation-requested/index.js';
import * as messagePosted from './message-posted/index.js';
import * as messageRecorded from './message-recorded/index.js';
import * as routingDecided from './routing-decided/index.js';
import * as sentimentScored from './sentiment-scored/index.js';
import * as variableCollected from './variable-collected/index.js';

/** The data carried by each CloudEvents `type`. */
export interface EventDataByType {
  [agentStatus.agentStatusChangedType]: agentStatus.AgentStatusChanged;
  [agentShifts.agentShiftsScheduledType]: agentShifts.AgentShiftsScheduled;
  [conversationStarted.conversationStartedType]: conversationStarted.ConversationStarted;
  [messagePosted.messagePostedType]: messagePosted.MessagePosted;
  [variableCollected.variableCollectedType]: variableCollected.VariableCollected;
  [messageRecorded.messageRecordedType]: messageRecorded.MessageRecorded;
  [sentimentScored.sentimentScoredType]: sentimentScored.SentimentScored;
  [escalationRequested.escalationRequestedType]: escalationRequested.EscalationRequested;
  [routingDecided.routingDecidedType]: routingDecided.RoutingDecided;
  [notificationRequested.customerNotificationRequestedType]: notificationRequested.CustomerNotificationRequested;
  [controlRequested.conversationControlRequestedType]: controlRequested.ConversationControlRequested;
  [conversationEnded.conversationEndedType]: conversationEnded.ConversationEnded;
  [conversationClosed.conversationClosedType]: conversationClosed.ConversationClosed;
  [agentAvailability.agentAvailabilityChangedType]: agentAvailability.AgentAvailabilityChanged;
  [routingQueue.routingEnqueuedType]: routingQueue.RoutingEnqueued;
  [routingQueue.routingWithdrawnType]: routingQueue.RoutingWithdrawn;
  [routingQueue.offerAnsweredType]: routingQueue.OfferAnswered;
  [routingQueue.offerExpiredType]: routingQueue.OfferExpired;
  [routingQueue.queueDueType]: routingQueue.QueueDue;
  [routingQueue.offersListRequestedType]: routingQueue.OffersListRequested;
  [agentCommands.acceptOfferType]: agentCommands.AcceptOffer;
  [agentCommands.declineOfferType]: agentCommands.DeclineOffer;
  [agentCommands.commandResultType]: agentCommands.CommandResult;
  [agentCommands.agentHeartbeatType]: agentCommands.AgentHeartbeat;
  [agentCommands.transferConversationType]: agentCommands.TransferConversation;
  [agentCommands.transferRequestedType]: agentCommands.TransferRequested;
  [customerEvents.botFallbackType]: customerEvents.BotFallback;
  [customerEvents.customerProfileType]: customerEvents.CustomerProfile;
  [customerEvents.customerLeftType]: customerEvents.CustomerLeft;
  [customerEvents.csatAnsweredType]: customerEvents.CsatAnswered;
  [agentActions.sendAgentMessageType]: agentActions.SendAgentMessage;
  [agentActions.addNoteType]: agentActions.AddNote;
  [agentActions.resolveConversationType]: agentActions.ResolveConversation;
  [agentActions.returnToBotType]: agentActions.ReturnToBot;
  [agentActions.requestContextType]: agentActions.RequestContext;
  [agentActions.setAgentStatusType]: agentActions.SetAgentStatus;
  [agentActions.listOffersType]: agentActions.ListOffers;
  [agentActions.deskResultType]: agentActions.DeskResult;
  [agentActions.agentMessageSentType]: agentActions.AgentMessageSent;
  [contextPacket.contextPacketType]: contextPacket.ContextPacket;
  [feedback.csatRecordedType]: feedback.CsatRecorded;
  [feedback.handoffRatedType]: feedback.HandoffRated;
  [tenantConfig.templatesPublishedType]: tenantConfig.TemplatesPublished;
  [tenantConfig.triggersPublishedType]: tenantConfig.TriggersPublished;
}

export type EventType = keyof EventDataByType;

interface CatalogEntry {
  readonly topic: EventTopic;
  readonly schema: { readonly $id: string; readonly title: string; readonly description: string };
  /** The data field whose value keys the Kafka message, so one aggregate stays in order. */
  readonly keyField: 'agentId' | 'conversationId' | 'tenantId';
}

/** Where each event type travels, what it must look like and what keys it. */
export const eventCatalog = {
  [agentStatus.agentStatusChangedType]: {
    topic: Topics.AgentStatus,
    schema: agentStatus.agentStatusChangedSchema,
    keyField: 'agentId',
  },
  [agentShifts.agentShiftsScheduledType]: {
    topic: Topics.AgentStatus,
    schema: agentShifts.agentShiftsScheduledSchema,
    keyField: 'agentId',
  },
  [conversationStarted.conversationStartedType]: {
    topic: Topics.ConversationEvents,
    schema: conversationStarted.conversationStartedSchema,
    keyField: 'conversationId',
  },
  [messagePosted.messagePostedType]: {
    topic: Topics.ConversationEvents,
    schema: messagePosted.messagePostedSchema,
    keyField: 'conversationId',
  },
  [variableCollected.variableCollectedType]: {
    topic: Topics.ConversationEvents,
    schema: variableCollected.variableCollectedSchema,
    keyField: 'conversationId',
  },
  [messageRecorded.messageRecordedType]: {
    topic: Topics.ConversationMessages,
    schema: messageRecorded.messageRecordedSchema,
    keyField: 'conversationId',
  },
  [sentimentScored.sentimentScoredType]: {
    topic: Topics.SentimentScores,
    schema: sentimentScored.sentimentScoredSchema,
    keyField: 'conversationId',
  },
  [escalationRequested.escalationRequestedType]: {
    topic: Topics.Escalations,
    schema: escalationRequested.escalationRequestedSchema,
    keyField: 'conversationId',
  },
  [routingDecided.routingDecidedType]: {
    topic: Topics.RoutingDecisions,
    schema: routingDecided.routingDecidedSchema,
    keyField: 'conversationId',
  },
  [notificationRequested.customerNotificationRequestedType]: {
    topic: Topics.CustomerNotifications,
    schema: notificationRequested.customerNotificationRequestedSchema,
    keyField: 'conversationId',
  },
  [controlRequested.conversationControlRequestedType]: {
    topic: Topics.ConversationControl,
    schema: controlRequested.conversationControlRequestedSchema,
    keyField: 'conversationId',
  },
  [conversationEnded.conversationEndedType]: {
    topic: Topics.ConversationEvents,
    schema: conversationEnded.conversationEndedSchema,
    keyField: 'conversationId',
  },
  [conversationClosed.conversationClosedType]: {
    topic: Topics.ConversationLifecycle,
    schema: conversationClosed.conversationClosedSchema,
    keyField: 'conversationId',
  },
  [agentAvailability.agentAvailabilityChangedType]: {
    topic: Topics.AgentAvailability,
    schema: agentAvailability.agentAvailabilityChangedSchema,
    keyField: 'tenantId',
  },
  [routingQueue.routingEnqueuedType]: {
    topic: Topics.RoutingQueue,
    schema: routingQueue.routingEnqueuedSchema,
    keyField: 'tenantId',
  },
  [routingQueue.routingWithdrawnType]: {
    topic: Topics.RoutingQueue,
    schema: routingQueue.routingWithdrawnSchema,
    keyField: 'tenantId',
  },
  [routingQueue.offerAnsweredType]: {
    topic: Topics.RoutingQueue,
    schema: routingQueue.offerAnsweredSchema,
    keyField: 'tenantId',
  },
  [routingQueue.offerExpiredType]: {
    topic: Topics.RoutingQueue,
    schema: routingQueue.offerExpiredSchema,
    keyField: 'tenantId',
  },
  [routingQueue.queueDueType]: {
    topic: Topics.RoutingQueue,
    schema: routingQueue.queueDueSchema,
    keyField: 'tenantId',
  },
  [routingQueue.offersListRequestedType]: {
    topic: Topics.RoutingQueue,
    schema: routingQueue.offersListRequestedSchema,
    keyField: 'tenantId',
  },
  [agentCommands.acceptOfferType]: {
    topic: Topics.AgentCommands,
    schema: agentCommands.acceptOfferSchema,
    keyField: 'conversationId',
  },
  [agentCommands.declineOfferType]: {
    topic: Topics.AgentCommands,
    schema: agentCommands.declineOfferSchema,
    keyField: 'conversationId',
  },
  [agentCommands.agentHeartbeatType]: {
    topic: Topics.AgentCommands,
    schema: agentCommands.agentHeartbeatSchema,
    keyField: 'agentId',
  },
  [agentCommands.transferConversationType]: {
    topic: Topics.AgentCommands,
    schema: agentCommands.transferConversationSchema,
    keyField: 'conversationId',
  },
  [agentCommands.transferRequestedType]: {
    topic: Topics.RoutingQueue,
    schema: agentCommands.transferRequestedSchema,
    keyField: 'tenantId',
  },
  [agentCommands.commandResultType]: {
    topic: Topics.AgentCommandResults,
    schema: agentCommands.commandResultSchema,
    keyField: 'conversationId',
  },
  [customerEvents.botFallbackType]: {
    topic: Topics.ConversationEvents,
    schema: customerEvents.botFallbackSchema,
    keyField: 'conversationId',
  },
  [customerEvents.customerProfileType]: {
    topic: Topics.ConversationEvents,
    schema: customerEvents.customerProfileSchema,
    keyField: 'conversationId',
  },
  [customerEvents.customerLeftType]: {
    topic: Topics.ConversationEvents,
    schema: customerEvents.customerLeftSchema,
    keyField: 'conversationId',
  },
  [customerEvents.csatAnsweredType]: {
    topic: Topics.ConversationEvents,
    schema: customerEvents.csatAnsweredSchema,
    keyField: 'conversationId',
  },
  [agentActions.sendAgentMessageType]: {
    topic: Topics.AgentCommands,
    schema: agentActions.sendAgentMessageSchema,
    keyField: 'conversationId',
  },
  [agentActions.addNoteType]: {
    topic: Topics.AgentCommands,
    schema: agentActions.addNoteSchema,
    keyField: 'conversationId',
  },
  [agentActions.resolveConversationType]: {
    topic: Topics.AgentCommands,
    schema: agentActions.resolveConversationSchema,
    keyField: 'conversationId',
  },
  [agentActions.returnToBotType]: {
    topic: Topics.AgentCommands,
    schema: agentActions.returnToBotSchema,
    keyField: 'conversationId',
  },
  [agentActions.requestContextType]: {
    topic: Topics.AgentCommands,
    schema: agentActions.requestContextSchema,
    keyField: 'conversationId',
  },
  [agentActions.setAgentStatusType]: {
    topic: Topics.AgentCommands,
    schema: agentActions.setAgentStatusSchema,
    keyField: 'agentId',
  },
  [agentActions.listOffersType]: {
    topic: Topics.AgentCommands,
    schema: agentActions.listOffersSchema,
    keyField: 'agentId',
  },
  [agentActions.deskResultType]: {
    topic: Topics.AgentCommandResults,
    schema: agentActions.deskResultSchema,
    keyField: 'agentId',
  },
  [agentActions.agentMessageSentType]: {
    topic: Topics.AgentMessages,
    schema: agentActions.agentMessageSentSchema,
    keyField: 'conversationId',
  },
  [contextPacket.contextPacketType]: {
    topic: Topics.ConversationContext,
    schema: contextPacket.contextPacketSchema,
    keyField: 'conversationId',
  },
  [feedback.csatRecordedType]: {
    topic: Topics.Feedback,
    schema: feedback.csatRecordedSchema,
    keyField: 'conversationId',
  },
  [feedback.handoffRatedType]: {
    topic: Topics.Feedback,
    schema: feedback.handoffRatedSchema,
    keyField: 'conversationId',
  },
  [tenantConfig.templatesPublishedType]: {
    topic: Topics.TenantConfig,
    schema: tenantConfig.templatesPublishedSchema,
    keyField: 'tenantId',
  },
  [tenantConfig.triggersPublishedType]: {
    topic: Topics.TenantConfig,
    schema: tenantConfig.triggersPublishedSchema,
    keyField: 'tenantId',
  },
} as const satisfies Record<EventType, CatalogEntry>;

export type TopicOfType<K extends EventType> = (typeof eventCatalog)[K]['topic'];

/** Event types that may travel on a topic. */
export type EventTypesOn<T extends EventTopic> = {
  [K in EventType]: TopicOfType<K> extends T ? K : never;
}[EventType];

export function eventTypesOn(topic: EventTopic): EventType[] {
  return (Object.keys(eventCatalog) as EventType[]).filter((t) => eventCatalog[t].topic === topic);
}
