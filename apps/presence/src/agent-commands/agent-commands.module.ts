import { Module, type DynamicModule } from '@nestjs/common';
import { DeskStatusModule } from '../desk-status/desk-status.module.js';
import { HeartbeatsModule } from '../heartbeats/heartbeats.module.js';
import { AgentCommandsConsumer } from './agent-commands.consumer.js';

/** The one reader of handoff.agent.commands.v1 in presence: heartbeats and desks' status commands. */
@Module({})
export class AgentCommandsModule {
  static register(options: { heartbeatGraceMs: number }): DynamicModule {
    return {
      module: AgentCommandsModule,
      imports: [HeartbeatsModule.register({ graceMs: options.heartbeatGraceMs }), DeskStatusModule],
      controllers: [AgentCommandsConsumer],
    };
  }
}
