import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ConversationClosedConsumer } from './conversation-closed.consumer.js';
import { ReservationWriter } from './reservation-writer.js';
import { ReservationsService } from './reservations.service.js';

@Module({
  imports: [AgentsModule],
  controllers: [ConversationClosedConsumer],
  providers: [ReservationWriter, ReservationsService],
  exports: [ReservationsService],
})
export class ReservationsModule {}
