import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EscalationIntakeConsumer } from '../intake/escalation-intake.consumer.js';
import { PresenceClientModule } from '../presence-client/presence-client.module.js';
import { QueueCatalog } from '../queue-config/queue-catalog.js';
import type { RoutingConfigFile } from '../queue-config/queue-config.schema.js';
import { QueueEntryRecord, QueueEntrySchema } from './queue-entry.schema.js';
import { OfferRecord, OfferSchema, OfferStore } from './offer-store.js';
import { OfferTimers } from './offer-timers.js';
import { QueueDueTimers } from './queue-due-timers.js';
import { MAX_PLACEMENTS, OFFER_TIMEOUT_MS, QueueRouter } from './queue-router.js';
import { QueueStore } from './queue-store.js';
import { QueueConsumer } from './queue.consumer.js';

@Module({})
export class QueuesModule {
  static register(options: {
    presence: { url: string; deadlineMs: number };
    maxPlacements: number;
    offerTimeoutMs: number;
    queues: RoutingConfigFile;
  }): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        PresenceClientModule.register(options.presence),
        MongooseModule.forFeature([
          { name: QueueEntryRecord.name, schema: QueueEntrySchema },
          { name: OfferRecord.name, schema: OfferSchema },
        ]),
      ],
      controllers: [EscalationIntakeConsumer, QueueConsumer],
      providers: [
        QueueRouter,
        QueueStore,
        OfferStore,
        OfferTimers,
        QueueDueTimers,
        { provide: QueueCatalog, useValue: new QueueCatalog(options.queues) },
        { provide: MAX_PLACEMENTS, useValue: options.maxPlacements },
        { provide: OFFER_TIMEOUT_MS, useValue: options.offerTimeoutMs },
      ],
    };
  }
}
