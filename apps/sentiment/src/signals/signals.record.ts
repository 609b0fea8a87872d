import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One saved snapshot of a conversation's signals. Each batch inserts new snapshots; loading takes
 * the newest of a conversation and the hourly sweep drops the older ones. The signals are kept as
 * JSON text, so their keys may hold any character.
 */
@Schema({ collection: 'conversation_signals', versionKey: false })
export class SignalsRecord {
  @Prop({ type: String, required: true }) _id!: string;
  /** `<tenant>/<conversation>`: conversation ids are only unique within a tenant. */
  @Prop({ type: String, required: true, index: true }) key!: string;
  @Prop({ type: String, required: true }) signals!: string;
  @Prop({ type: Date, required: true }) savedAt!: Date;
  /** For the retention sweep. */
  @Prop({ type: Date, required: true, index: true }) lastMessageAt!: Date;
}

export const signalsRecord = {
  name: SignalsRecord.name,
  schema: SchemaFactory.createForClass(SignalsRecord),
};

export const signalsKey = (tenantId: string, conversationId: string) =>
  `${tenantId}/${conversationId}`;
