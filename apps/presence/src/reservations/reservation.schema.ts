import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { deriveId } from '@handoff/contracts';

/**
 * One slot held by a conversation, on its channel (chat for documents that name none). Keyed by
 * tenant and conversation, so a conversation holds at most one and two tenants' conversation ids
 * never meet.
 */
@Schema({ collection: 'reservations', versionKey: false })
export class Reservation {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true }) conversationId!: string;
  @Prop({ required: true, index: true }) agentId!: string;
  @Prop({ type: Date, required: true }) reservedAt!: Date;
  @Prop() channel?: string;
  /** Given back then unless confirmed first; absent for a slot held for good (as in older documents). */
  @Prop({ type: Date }) heldUntil?: Date;
}

export function reservationId(tenantId: string, conversationId: string): string {
  return deriveId('reservation', tenantId, conversationId);
}

export const ReservationSchema = SchemaFactory.createForClass(Reservation);
