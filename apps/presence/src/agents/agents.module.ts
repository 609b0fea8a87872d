import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Reservation, ReservationSchema } from '../reservations/reservation.schema.js';
import { AgentDirectory } from './agent-directory.js';
import { AgentStatusConsumer } from './agent-status.consumer.js';
import { AgentStatusLog } from './agent-status-log.js';
import { Agent, AgentSchema } from './agent.schema.js';
import { AgentsService } from './agents.service.js';
import { AgentShiftSchedule, AgentShiftScheduleSchema } from '../shifts/shift-schedule.schema.js';
import { ShiftScheduleLog } from '../shifts/shift-schedule-log.js';
import { ShiftSchedules } from '../shifts/shift-schedules.js';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Agent.name, schema: AgentSchema },
      { name: Reservation.name, schema: ReservationSchema },
      { name: AgentShiftSchedule.name, schema: AgentShiftScheduleSchema },
    ]),
  ],
  controllers: [AgentStatusConsumer],
  providers: [
    AgentsService,
    AgentStatusLog,
    ShiftScheduleLog,
    ShiftSchedules,
    { provide: AgentDirectory, useValue: new AgentDirectory() },
  ],
  exports: [AgentsService, AgentDirectory, MongooseModule],
})
export class AgentsModule {}
