import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

@Schema({ _id: false })
export class AgentSkill {
  @Prop({ required: true }) name!: string;
  @Prop({ required: true, min: 1, max: 5 }) proficiency!: number;
}

/**
 * An agent's presence. `freeSlots` is kept equal to capacity minus active chats so a
 * reservation is one conditional update, atomic without transactions. `activeConversations`
 * lists who holds the slots, so a repeated reservation for one conversation is recognised
 * inside that same update.
 */
@Schema({ collection: 'agents', versionKey: false })
export class Agent {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) tenantId!: string;
  @Prop({ required: true }) displayName!: string;
  @Prop({ required: true, enum: ['online', 'away', 'offline'] }) status!: 'online' | 'away' | 'offline';
  @Prop({ type: [SchemaFactory.createForClass(AgentSkill)], default: [] }) skills!: AgentSkill[];
  @Prop({ type: [String], default: [] }) languages!: string[];
  @Prop({ required: true, min: 0 }) capacity!: number;
  @Prop({ required: true, default: 0 }) activeChats!: number;
  @Prop({ type: [String], default: [] }) activeConversations!: string[];
  @Prop({ required: true, default: 0 }) freeSlots!: number;
  @Prop({ type: Date, default: null }) lastAssignedAt!: Date | null;
  @Prop({ type: Date, required: true }) statusChangedAt!: Date;
}

export type AgentDocument = HydratedDocument<Agent>;
export const AgentSchema = SchemaFactory.createForClass(Agent);
AgentSchema.index({ tenantId: 1, status: 1, languages: 1 });
