import { Module, type DynamicModule } from '@nestjs/common';
import { ConversationStoreModule } from '../conversations/conversation-store.module.js';
import { HandoffConsumer } from './handoff.consumer.js';
import { HandoffOptions } from './handoff.options.js';
import { HandoffService } from './handoff.service.js';

/** Escalations and routing decisions, told to the customer and to the bot. Needs NotificationsModule. */
@Module({})
export class HandoffModule {
  static register(options: HandoffOptions): DynamicModule {
    return {
      module: HandoffModule,
      imports: [ConversationStoreModule],
      controllers: [HandoffConsumer],
      providers: [{ provide: HandoffOptions, useValue: options }, HandoffService],
    };
  }
}
