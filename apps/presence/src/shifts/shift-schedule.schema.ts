import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { deriveId } from '@handoff/contracts';

@Schema({ _id: false })
export class StoredShift {
  @Prop({ type: Date, required: true }) start!: Date;
  @Prop({ type: Date, required: true }) end!: Date;
}

/**
 * An agent's shift schedule as received: appended, never updated. The one published last per agent
 * is what presence reloads at boot; older ones are deleted in the background.
 */
@Schema({ collection: 'agent_shift_schedules', versionKey: false })
export class AgentShiftSchedule {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) agentId!: string;
  @Prop({ type: [SchemaFactory.createForClass(StoredShift)], default: [] }) shifts!: StoredShift[];
  @Prop({ type: Date, required: true }) publishedAt!: Date;
  /** When presence received it: shift starts and ends before then were announced with it. */
  @Prop({ type: Date, required: true }) receivedAt!: Date;
}

/** A schedule is recorded once, by the event that carried it. */
export function scheduleRecordId(tenantId: string, agentId: string, eventId: string): string {
  return deriveId('shifts', tenantId, agentId, eventId);
}

export const AgentShiftScheduleSchema = SchemaFactory.createForClass(AgentShiftSchedule);
