import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Reservation, ReservationSchema } from '../reservations/reservation.schema.js';
import { AgentDirectory } from './agent-directory.js';
import { AgentStatusConsumer } from './agent-status.consumer.js';
import { AgentStatusController } from './agent-status.controller.js';
import { AgentStatusLog } from './agent-status-log.js';
import { Agent, AgentSchema } from './agent.schema.js';
import { AgentsService } from './agents.service.js';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Agent.name, schema: AgentSchema },
      { name: Reservation.name, schema: ReservationSchema },
    ]),
  ],
  controllers: [AgentStatusController, AgentStatusConsumer],
  providers: [
    AgentsService,
    AgentStatusLog,
    { provide: AgentDirectory, useValue: new AgentDirectory() },
  ],
  exports: [AgentsService, AgentDirectory, MongooseModule],
})
export class AgentsModule {}
