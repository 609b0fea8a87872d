import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ReservationWriter } from './reservation-writer.js';
import { ReservationsService } from './reservations.service.js';

@Module({
  imports: [AgentsModule],
  providers: [ReservationWriter, ReservationsService],
  exports: [ReservationsService],
})
export class ReservationsModule {}
