import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, type AuthOptions } from '@handoff/service-kit';
import { ConversationStoreModule } from '../conversations/conversation-store.module.js';
import { ConversationReadsController } from './conversation-reads.controller.js';

/**
 * People's reads of conversations, through the gateway. Without token settings there are none:
 * this service never trusts a tenant it is told.
 */
@Module({})
export class ReadsModule {
  static register(auth: AuthOptions | undefined): DynamicModule {
    if (!auth) return { module: ReadsModule };
    return {
      module: ReadsModule,
      imports: [AuthModule.forRoot(auth), ConversationStoreModule],
      controllers: [ConversationReadsController],
    };
  }
}
