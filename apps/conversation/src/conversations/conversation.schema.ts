import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

export type ConversationStatus = 'bot' | 'awaiting_agent' | 'queued' | 'assigned';

@Schema({ _id: false })
export class TranscriptEntry {
  @Prop({ required: true }) messageId!: string;
  @Prop({ required: true, enum: ['customer', 'bot'] }) sender!: 'customer' | 'bot';
  @Prop({ required: true }) text!: string;
  @Prop({ type: Date, required: true }) sentAt!: Date;
  @Prop({ type: Object }) bot?: { intent?: string; confidence?: number; fallback?: boolean };
}

@Schema({ _id: false })
export class Customer {
  @Prop({ required: true }) customerId!: string;
  @Prop() displayName?: string;
  @Prop() email?: string;
  @Prop() tier?: string;
}

@Schema({ _id: false })
export class EscalationRecord {
  @Prop({ required: true }) escalationId!: string;
  @Prop({ required: true }) trigger!: string;
  @Prop({ required: true }) explanation!: string;
  @Prop() matchedText?: string;
  @Prop({ required: true }) messageId!: string;
  @Prop({ type: Object, required: true }) sentiment!: { score: number; label: string };
  @Prop({ type: Date, required: true }) requestedAt!: Date;
}

@Schema({ _id: false })
export class Assignment {
  @Prop({ required: true }) decisionId!: string;
  @Prop({ required: true, enum: ['assigned', 'queued'] }) outcome!: 'assigned' | 'queued';
  @Prop() agentId?: string;
  @Prop() agentDisplayName?: string;
  @Prop() queueReason?: string;
  @Prop({ type: Date, required: true }) decidedAt!: Date;
}

/** The whole conversation as the agent receives it: who, what was said, collected, and why it escalated. */
// minimize off: an empty variables object must stay an object, not vanish.
@Schema({ collection: 'conversations', versionKey: false, timestamps: true, minimize: false })
export class Conversation {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) tenantId!: string;
  @Prop({ required: true }) channel!: string;
  @Prop({ required: true }) language!: string;
  @Prop({ type: SchemaFactory.createForClass(Customer), required: true }) customer!: Customer;
  @Prop({ required: true, default: 'bot' }) status!: ConversationStatus;
  @Prop({ type: Object, default: {} }) variables!: Record<string, string | number | boolean>;
  @Prop({ type: [SchemaFactory.createForClass(TranscriptEntry)], default: [] }) transcript!: TranscriptEntry[];
  @Prop({ type: SchemaFactory.createForClass(EscalationRecord) }) escalation?: EscalationRecord;
  @Prop({ type: SchemaFactory.createForClass(Assignment) }) assignment?: Assignment;
  @Prop({ type: Date, required: true }) startedAt!: Date;
}

export type ConversationDocument = HydratedDocument<Conversation>;
export const ConversationSchema = SchemaFactory.createForClass(Conversation);
