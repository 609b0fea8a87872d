import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ReservationsModule } from '../reservations/reservations.module.js';
import { HealthGrpcController } from './health.grpc.controller.js';
import { PresenceGrpcController } from './presence.grpc.controller.js';

@Module({
  imports: [AgentsModule, ReservationsModule],
  controllers: [PresenceGrpcController, HealthGrpcController],
})
export class PresenceGrpcModule {}
