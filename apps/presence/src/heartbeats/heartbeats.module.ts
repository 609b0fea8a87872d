import { Module, type DynamicModule } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { HEARTBEAT_GRACE_MS, HeartbeatWatch } from './heartbeat-watch.js';

@Module({})
export class HeartbeatsModule {
  static register(options: { graceMs: number }): DynamicModule {
    return {
      module: HeartbeatsModule,
      imports: [AgentsModule],
      providers: [HeartbeatWatch, { provide: HEARTBEAT_GRACE_MS, useValue: options.graceMs }],
      exports: [HeartbeatWatch],
    };
  }
}
