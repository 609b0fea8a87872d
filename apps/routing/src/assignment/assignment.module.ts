import { Module, type DynamicModule } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module.js';
import { PresenceClientModule } from '../presence-client/presence-client.module.js';
import {
  AssignmentService,
  MAX_RESERVE_ATTEMPTS,
  ROUTING_CONCURRENCY,
} from './assignment.service.js';
import { EscalationsConsumer } from './escalations.consumer.js';

@Module({})
export class AssignmentModule {
  static register(options: {
    presence: { url: string; deadlineMs: number };
    maxReserveAttempts: number;
    concurrency: number;
  }): DynamicModule {
    return {
      module: AssignmentModule,
      imports: [DecisionsModule, PresenceClientModule.register(options.presence)],
      controllers: [EscalationsConsumer],
      providers: [
        AssignmentService,
        { provide: MAX_RESERVE_ATTEMPTS, useValue: options.maxReserveAttempts },
        { provide: ROUTING_CONCURRENCY, useValue: options.concurrency },
      ],
    };
  }
}
