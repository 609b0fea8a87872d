import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ShiftWatch } from './shift-watch.js';

/** Shift starts and ends, announced to routing as they come. */
@Module({ imports: [AgentsModule], providers: [ShiftWatch] })
export class ShiftsModule {}
