import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One chat slot held by a conversation; keyed by conversation, so a conversation holds at most one. */
@Schema({ collection: 'reservations', versionKey: false })
export class Reservation {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) tenantId!: string;
  @Prop({ required: true, index: true }) agentId!: string;
  @Prop({ type: Date, required: true }) reservedAt!: Date;
}

export const ReservationSchema = SchemaFactory.createForClass(Reservation);
