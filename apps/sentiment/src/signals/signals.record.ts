import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ConversationSignals } from './conversation-signals.js';

/** One conversation's signals, saved after each batch so a restart carries on where it was. */
@Schema({ collection: 'conversation_signals', versionKey: false })
export class SignalsRecord {
  /** `<tenant>/<conversation>`: conversation ids are only unique within a tenant. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Object, required: true }) signals!: ConversationSignals;
  /** For the retention sweep. */
  @Prop({ type: Date, required: true, index: true }) lastMessageAt!: Date;
}

export const signalsRecord = {
  name: SignalsRecord.name,
  schema: SchemaFactory.createForClass(SignalsRecord),
};

export const signalsKey = (tenantId: string, conversationId: string) =>
  `${tenantId}/${conversationId}`;
