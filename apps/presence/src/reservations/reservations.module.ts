import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AgentsModule } from '../agents/agents.module.js';
import { Reservation, ReservationSchema } from './reservation.schema.js';
import { ReservationsService } from './reservations.service.js';

@Module({
  imports: [AgentsModule, MongooseModule.forFeature([{ name: Reservation.name, schema: ReservationSchema }])],
  providers: [ReservationsService],
  exports: [ReservationsService],
})
export class ReservationsModule {}
