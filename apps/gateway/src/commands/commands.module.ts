import { Module } from '@nestjs/common';
import { CommandSender } from './command-sender.js';
import { ConversationActionsController } from './conversation-actions.controller.js';
import { MeController } from './me.controller.js';
import { OffersController } from './offers.controller.js';
import { PendingCommands } from './pending-commands.js';

@Module({
  controllers: [OffersController, ConversationActionsController, MeController],
  providers: [CommandSender, { provide: PendingCommands, useValue: new PendingCommands() }],
  exports: [PendingCommands],
})
export class CommandsModule {}
