import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, type AuthOptions } from '@handoff/service-kit';
import { AgentStatusController } from './agent-status.controller.js';
import { AgentsModule } from './agents.module.js';

/**
 * People's reads of agents (status, slots, shift). Without token settings there are none: presence
 * never trusts a tenant it is told.
 */
@Module({})
export class AgentReadsModule {
  static register(auth: AuthOptions | undefined): DynamicModule {
    if (!auth) return { module: AgentReadsModule };
    return {
      module: AgentReadsModule,
      imports: [AuthModule.forRoot(auth), AgentsModule],
      controllers: [AgentStatusController],
    };
  }
}
