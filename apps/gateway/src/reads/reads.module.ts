import { Module } from '@nestjs/common';
import { AgentReadsController } from './agent-reads.controller.js';
import { ConversationReadsController } from './conversation-reads.controller.js';

@Module({ controllers: [ConversationReadsController, AgentReadsController] })
export class ReadsModule {}
