import { Module, type DynamicModule } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { MAX_MISSED_OFFERS, MissedOffers } from './missed-offers.js';
import { MissedOffersConsumer } from './missed-offers.consumer.js';

@Module({})
export class MissedOffersModule {
  static register(options: { maxMissedOffers: number }): DynamicModule {
    return {
      module: MissedOffersModule,
      imports: [AgentsModule],
      controllers: [MissedOffersConsumer],
      providers: [MissedOffers, { provide: MAX_MISSED_OFFERS, useValue: options.maxMissedOffers }],
    };
  }
}
