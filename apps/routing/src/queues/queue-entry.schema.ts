import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { deriveId, type RoutingEnqueued } from '@handoff/contracts';

/** A conversation waiting in its tenant's queue; removed when it is assigned or leaves. */
@Schema({ collection: 'queue_entries', versionKey: false })
export class QueueEntryRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) tenantId!: string;
  /** The tenant's partition of the queue topic, so an instance given it finds the tenant at once. */
  @Prop({ index: true }) partition?: number;
  @Prop({ required: true }) conversationId!: string;
  @Prop({ required: true }) escalationId!: string;
  @Prop() channel?: string;
  @Prop({ type: Object, required: true }) requirements!: RoutingEnqueued['requirements'];
  @Prop({ required: true }) priority!: number;
  @Prop({ type: Date, required: true }) enqueuedAt!: Date;
  /** Absent in entries stored before queues were configurable: the tenant's first queue. */
  @Prop() queue?: string;
  @Prop() preferredAgentId?: string;
  @Prop({ type: [String], default: [] }) declinedBy!: string[];
}

export function queueEntryId(tenantId: string, conversationId: string): string {
  return deriveId('queued', tenantId, conversationId);
}

export const QueueEntrySchema = SchemaFactory.createForClass(QueueEntryRecord);
