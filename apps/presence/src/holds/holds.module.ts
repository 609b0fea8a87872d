import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { ReservationsModule } from '../reservations/reservations.module.js';
import { HoldWatch } from './hold-watch.js';

/** Held slots: given back when their hold runs out unconfirmed. */
@Module({ imports: [AgentsModule, ReservationsModule], providers: [HoldWatch] })
export class HoldsModule {}
