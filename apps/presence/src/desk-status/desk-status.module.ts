import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { DeskStatus } from './desk-status.js';

@Module({ imports: [AgentsModule], providers: [DeskStatus], exports: [DeskStatus] })
export class DeskStatusModule {}
