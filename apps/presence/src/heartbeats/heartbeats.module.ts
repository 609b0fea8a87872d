import { Module, type DynamicModule } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { HEARTBEAT_GRACE_MS, HeartbeatWatch } from './heartbeat-watch.js';
import { HeartbeatsConsumer } from './heartbeats.consumer.js';

@Module({})
export class HeartbeatsModule {
  static register(options: { graceMs: number }): DynamicModule {
    return {
      module: HeartbeatsModule,
      imports: [AgentsModule],
      controllers: [HeartbeatsConsumer],
      providers: [HeartbeatWatch, { provide: HEARTBEAT_GRACE_MS, useValue: options.graceMs }],
    };
  }
}
