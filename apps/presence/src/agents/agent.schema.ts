import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { deriveId } from '@handoff/contracts';
import type { HydratedDocument } from 'mongoose';
import { presenceStatuses, type PresenceStatus } from './agent-entry.js';

@Schema({ _id: false })
export class AgentSkill {
  @Prop({ required: true }) name!: string;
  @Prop({ required: true, min: 1, max: 5 }) proficiency!: number;
}

@Schema({ _id: false })
export class AgentChannel {
  @Prop({ required: true }) name!: string;
  @Prop({ required: true, min: 0 }) capacity!: number;
}

/**
 * One status change of an agent as applied: appended, never updated (an update by key scans the
 * collection on the local store). The newest per agent is what presence reloads at boot; older ones
 * are deleted in the background. Slots in use are not here; they are the reservations.
 */
@Schema({ collection: 'agent_statuses', versionKey: false })
export class Agent {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) tenantId!: string;
  @Prop({ required: true }) agentId!: string;
  @Prop({ required: true }) displayName!: string;
  @Prop({ type: String, required: true, enum: presenceStatuses }) status!: PresenceStatus;
  @Prop({ type: [SchemaFactory.createForClass(AgentSkill)], default: [] }) skills!: AgentSkill[];
  @Prop({ type: [String], default: [] }) languages!: string[];
  @Prop({ required: true, min: 0 }) capacity!: number;
  @Prop({ type: Date, required: true }) statusChangedAt!: Date;
  @Prop() reason?: string;
  @Prop({ type: [SchemaFactory.createForClass(AgentChannel)], default: undefined })
  channels?: AgentChannel[];
  @Prop({ type: [String], default: undefined }) teams?: string[];
  @Prop() sequence?: number;
  @Prop() wrapUpSeconds?: number;
  /** When a wrap-up ends by itself: kept with the status, so the end survives a restart. */
  @Prop({ type: Date }) wrapUpEndsAt?: Date;
}

/** Agent ids are unique within their tenant only; a change is recorded once, by what caused it. */
export function statusRecordId(tenantId: string, agentId: string, causeId: string): string {
  return deriveId('status', tenantId, agentId, causeId);
}

export type AgentDocument = HydratedDocument<Agent>;
export const AgentSchema = SchemaFactory.createForClass(Agent);
