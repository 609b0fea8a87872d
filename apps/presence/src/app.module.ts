import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@handoff/messaging';
import { HealthModule, MetricsModule, MongoModule } from '@handoff/service-kit';
import { AgentCommandsModule } from './agent-commands/agent-commands.module.js';
import { AgentReadsModule } from './agents/agent-reads.module.js';
import { AgentsModule } from './agents/agents.module.js';
import type { PresenceConfig } from './config.js';
import { HoldsModule } from './holds/holds.module.js';
import { MissedOffersModule } from './missed-offers/missed-offers.module.js';
import { PresenceGrpcModule } from './grpc/grpc.module.js';
import { ReservationsModule } from './reservations/reservations.module.js';
import { ShiftsModule } from './shifts/shifts.module.js';
import { WrapUpModule } from './wrap-up/wrap-up.module.js';

@Module({})
export class PresenceAppModule {
  static forRoot(config: PresenceConfig): DynamicModule {
    return {
      module: PresenceAppModule,
      imports: [
        HealthModule,
        MetricsModule,
        MongoModule.forRoot(config.mongo),
        MessagingModule.forRoot(config.messaging),
        AgentsModule,
        AgentReadsModule.register(config.auth),
        ReservationsModule,
        PresenceGrpcModule,
        AgentCommandsModule.register({ heartbeatGraceMs: config.heartbeatGraceMs }),
        MissedOffersModule.register({ maxMissedOffers: config.maxMissedOffers }),
        WrapUpModule.register({ wrapUpMs: config.wrapUpMs }),
        ShiftsModule,
        HoldsModule,
      ],
    };
  }
}
