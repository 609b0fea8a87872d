import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RoutingDecided } from '@handoff/contracts';

/** Each decision once, by id: a redelivered event re-announces it instead of deciding again. */
@Schema({ collection: 'decisions', versionKey: false })
export class Decision {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) escalationId!: string;
  @Prop({ required: true, index: true }) conversationId!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) outcome!: string;
  @Prop({ type: Object, required: true }) event!: RoutingDecided;
}

export const DecisionSchema = SchemaFactory.createForClass(Decision);
