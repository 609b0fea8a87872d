import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { deriveId } from '@handoff/contracts';
import type { HydratedDocument } from 'mongoose';

@Schema({ _id: false })
export class AgentSkill {
  @Prop({ required: true }) name!: string;
  @Prop({ required: true, min: 1, max: 5 }) proficiency!: number;
}

/**
 * An agent's profile and status as last changed: what presence reloads into memory at boot.
 * Chat slots in use are not stored here; they are the active reservations.
 */
@Schema({ collection: 'agents', versionKey: false })
export class Agent {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) tenantId!: string;
  @Prop({ required: true }) agentId!: string;
  @Prop({ required: true }) displayName!: string;
  @Prop({ required: true, enum: ['online', 'away', 'offline'] }) status!:
    'online' | 'away' | 'offline';
  @Prop({ type: [SchemaFactory.createForClass(AgentSkill)], default: [] }) skills!: AgentSkill[];
  @Prop({ type: [String], default: [] }) languages!: string[];
  @Prop({ required: true, min: 0 }) capacity!: number;
  @Prop({ type: Date, required: true }) statusChangedAt!: Date;
}

/** Agent ids are unique within their tenant only. */
export function agentRecordId(tenantId: string, agentId: string): string {
  return deriveId('agent', tenantId, agentId);
}

export type AgentDocument = HydratedDocument<Agent>;
export const AgentSchema = SchemaFactory.createForClass(Agent);
