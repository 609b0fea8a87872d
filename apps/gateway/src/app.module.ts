import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@handoff/messaging';
import { AuthModule, HealthModule, MetricsModule } from '@handoff/service-kit';
import { CommandsModule } from './commands/commands.module.js';
import type { GatewayConfig } from './config.js';
import { DeskModule } from './desk/desk.module.js';
import { GatewaySharedModule } from './gateway-shared.module.js';
import { ReadsModule } from './reads/reads.module.js';
import { StreamModule } from './stream/stream.module.js';
import { TenantConfigModule } from './tenant-config/tenant-config.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({})
export class GatewayAppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        HealthModule,
        MetricsModule,
        MessagingModule.forRoot(config.messaging),
        AuthModule.forRoot(config.auth),
        GatewaySharedModule.forRoot(config),
        CommandsModule,
        StreamModule,
        TenantConfigModule,
        ReadsModule,
        WebhooksModule,
        DeskModule,
      ],
    };
  }
}
