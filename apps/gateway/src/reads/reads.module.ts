import { Module } from '@nestjs/common';
import { ConversationReadsController } from './conversation-reads.controller.js';

@Module({ controllers: [ConversationReadsController] })
export class ReadsModule {}
