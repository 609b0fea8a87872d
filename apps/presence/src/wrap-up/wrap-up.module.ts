import { Module, type DynamicModule } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ReservationsModule } from '../reservations/reservations.module.js';
import { ConversationClosedConsumer } from './conversation-closed.consumer.js';
import { WrapUpWatch } from './wrap-up-watch.js';
import { WRAP_UP_MS, WrapUps } from './wrap-ups.js';

/** Closed conversations: their slots come back, and their agents wrap up if they take a wrap-up. */
@Module({})
export class WrapUpModule {
  static register(options: { wrapUpMs: number }): DynamicModule {
    return {
      module: WrapUpModule,
      imports: [AgentsModule, ReservationsModule],
      controllers: [ConversationClosedConsumer],
      providers: [WrapUps, WrapUpWatch, { provide: WRAP_UP_MS, useValue: options.wrapUpMs }],
    };
  }
}
