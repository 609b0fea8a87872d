import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Records kept for the agent's context packet (context/): what the bot platform adds about the
 * customer and the bot's troubles, the customer's mood message by message, and agents' notes.
 * Appended once by deterministic id, never updated, like the records of conversation.records.ts.
 */

/** The bot did not understand the customer; `seq` is the event's offset in its partition. */
@Schema({ collection: 'fallbacks', versionKey: false })
export class FallbackRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) fallbackId!: string;
  @Prop() messageId?: string;
  @Prop() intent?: string;
  @Prop() confidence?: number;
  @Prop({ type: Date, required: true }) occurredAt!: Date;
  @Prop({ required: true }) seq!: number;
}

/** The customer as the bot platform's CRM knows them; the latest `updatedAt` wins field by field. */
@Schema({ collection: 'profiles', versionKey: false, minimize: false })
export class ProfileRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ type: Object, required: true }) customer!: {
    customerId: string;
    displayName?: string;
    email?: string;
    phone?: string;
    tier?: string;
    language?: string;
    attributes?: Record<string, string | number | boolean>;
  };
  @Prop({ type: Date, required: true }) updatedAt!: Date;
  @Prop({ required: true }) seq!: number;
}

/** The sentiment of one customer message, as the sentiment service scored it. */
@Schema({ collection: 'sentiments', versionKey: false })
export class SentimentRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) messageId!: string;
  @Prop({ required: true }) score!: number;
  @Prop({ required: true }) label!: string;
  @Prop({ type: Date, required: true }) scoredAt!: Date;
}

/** An agent's internal note on the conversation; never shown to the customer. */
@Schema({ collection: 'notes', versionKey: false })
export class NoteRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) agentId!: string;
  @Prop({ required: true }) text!: string;
  @Prop({ type: Date, required: true }) at!: Date;
}

export const contextRecords = [
  { name: FallbackRecord.name, schema: SchemaFactory.createForClass(FallbackRecord) },
  { name: ProfileRecord.name, schema: SchemaFactory.createForClass(ProfileRecord) },
  { name: SentimentRecord.name, schema: SchemaFactory.createForClass(SentimentRecord) },
  { name: NoteRecord.name, schema: SchemaFactory.createForClass(NoteRecord) },
];
