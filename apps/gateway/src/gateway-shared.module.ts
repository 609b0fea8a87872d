import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EventValidator } from '@handoff/contracts';
import type { GatewayConfig } from './config.js';
import {
  COMMAND_TIMEOUT_MS,
  EVENT_VALIDATOR,
  GATEWAY_CONFIG,
  STREAM_HEARTBEAT_MS,
} from './gateway.tokens.js';

/** The settings and the contracts' validator, for every feature of the gateway. */
@Global()
@Module({})
export class GatewaySharedModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const providers = [
      { provide: GATEWAY_CONFIG, useValue: config },
      { provide: EVENT_VALIDATOR, useValue: new EventValidator() },
      { provide: COMMAND_TIMEOUT_MS, useValue: config.commandTimeoutMs },
      { provide: STREAM_HEARTBEAT_MS, useValue: config.streamHeartbeatMs },
    ];
    return {
      module: GatewaySharedModule,
      providers,
      exports: providers.map(({ provide }) => provide),
    };
  }
}
