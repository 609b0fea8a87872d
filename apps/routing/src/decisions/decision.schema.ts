import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RoutingDecided } from '@handoff/contracts';

/** One decision per escalation: a redelivered escalation re-announces it instead of routing again. */
@Schema({ collection: 'decisions', versionKey: false })
export class Decision {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true, enum: ['assigned', 'queued'] }) outcome!: string;
  @Prop({ type: Object, required: true }) event!: RoutingDecided;
}

export const DecisionSchema = SchemaFactory.createForClass(Decision);

/** A conversation waiting for an agent, with what it needs and since when. */
@Schema({ collection: 'queue', versionKey: false })
export class QueueEntry {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) tenantId!: string;
  @Prop({ required: true }) escalationId!: string;
  @Prop({ type: Object, required: true }) requirements!: RoutingDecided['requirements'];
  @Prop({ required: true }) reason!: string;
  @Prop({ type: Date, required: true }) enqueuedAt!: Date;
}

export const QueueEntrySchema = SchemaFactory.createForClass(QueueEntry);
