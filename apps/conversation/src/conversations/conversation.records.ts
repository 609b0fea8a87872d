import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { contextRecords } from './context.records.js';

/**
 * What the conversation service stores. Every record is appended once, by a deterministic id,
 * and never updated: the hot path only inserts (in batches), and the conversation an agent reads
 * is assembled from these records (conversation-view.ts).
 */

/** How a conversation started: who the customer is, on which channel, in which language. */
@Schema({ collection: 'conversations', versionKey: false, minimize: false })
export class ConversationRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) tenantId!: string;
  @Prop({ required: true }) channel!: string;
  @Prop({ required: true }) language!: string;
  @Prop({ type: Object, required: true }) customer!: {
    customerId: string;
    displayName?: string;
    email?: string;
    tier?: string;
  };
  @Prop({ type: Date, required: true }) startedAt!: Date;
}

/** One message of the transcript; `seq` is its offset in the partition, the order it arrived in. */
@Schema({ collection: 'messages', versionKey: false })
export class MessageRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) messageId!: string;
  @Prop({ required: true }) sender!: string;
  @Prop({ required: true }) text!: string;
  @Prop({ type: Date, required: true }) sentAt!: Date;
  @Prop({ type: Object }) bot?: { intent?: string; confidence?: number; fallback?: boolean };
  /** Who wrote it, for messages with sender `agent`. */
  @Prop() agentId?: string;
  @Prop({ required: true }) seq!: number;
}

/** A value the bot collected; a later one of the same name replaces it in the view. */
@Schema({ collection: 'variables', versionKey: false })
export class VariableRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: Object, required: true }) value!: string | number | boolean;
  @Prop({ type: Date, required: true }) collectedAt!: Date;
  @Prop({ required: true }) seq!: number;
}

/** Why the conversation needs a human, as the trigger explained it. */
@Schema({ collection: 'escalations', versionKey: false })
export class EscalationRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) trigger!: string;
  @Prop({ required: true }) explanation!: string;
  @Prop() matchedText?: string;
  @Prop({ required: true }) messageId!: string;
  @Prop({ type: Object, required: true }) sentiment!: { score: number; label: string };
  @Prop({ type: Date, required: true }) requestedAt!: Date;
  /** Every trigger that fired, when an escalation carries several; `trigger` above is the first. */
  @Prop({ type: [Object], default: undefined }) triggers?: EscalationTrigger[];
}

export interface EscalationTrigger {
  kind: string;
  explanation: string;
  matchedText?: string;
  messageId?: string;
  score?: number;
}

/** What routing decided: an agent, or a place in the queue and why. */
@Schema({ collection: 'decisions', versionKey: false })
export class DecisionRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) escalationId!: string;
  @Prop({ required: true }) outcome!: string;
  @Prop() agentId?: string;
  @Prop() agentDisplayName?: string;
  @Prop() queueReason?: string;
  @Prop({ type: Date, required: true }) decidedAt!: Date;
}

/**
 * An agent let the conversation go (resolved it, or returned it to the bot), with everything the
 * events it caused need, so a redelivered command publishes them again exactly.
 */
@Schema({ collection: 'releases', versionKey: false })
export class ReleaseRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) agentId!: string;
  @Prop({ required: true }) commandId!: string;
  @Prop({ required: true }) kind!: 'resolved' | 'returned_to_bot';
  @Prop() disposition?: string;
  @Prop() summary?: string;
  @Prop() handoffNeeded?: boolean;
  @Prop() escalationId?: string;
  @Prop({ type: [String], default: [] }) triggers!: string[];
  @Prop({ type: Date, required: true }) at!: Date;
}

/** The customer's satisfaction answer; one per conversation (the first counts). */
@Schema({ collection: 'csat', versionKey: false })
export class CsatRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) score!: number;
  @Prop() comment?: string;
  @Prop() agentId?: string;
  @Prop() escalationId?: string;
  @Prop({ type: [String], default: [] }) triggers!: string[];
  @Prop({ type: Date, required: true }) answeredAt!: Date;
}

export const records = [
  { name: ConversationRecord.name, schema: SchemaFactory.createForClass(ConversationRecord) },
  { name: MessageRecord.name, schema: SchemaFactory.createForClass(MessageRecord) },
  { name: VariableRecord.name, schema: SchemaFactory.createForClass(VariableRecord) },
  { name: EscalationRecord.name, schema: SchemaFactory.createForClass(EscalationRecord) },
  { name: DecisionRecord.name, schema: SchemaFactory.createForClass(DecisionRecord) },
  { name: ReleaseRecord.name, schema: SchemaFactory.createForClass(ReleaseRecord) },
  { name: CsatRecord.name, schema: SchemaFactory.createForClass(CsatRecord) },
  ...contextRecords,
];
