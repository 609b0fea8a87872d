import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AgentStatusConsumer } from './agent-status.consumer.js';
import { AgentStatusController } from './agent-status.controller.js';
import { Agent, AgentSchema } from './agent.schema.js';
import { AgentsService } from './agents.service.js';

@Module({
  imports: [MongooseModule.forFeature([{ name: Agent.name, schema: AgentSchema }])],
  controllers: [AgentStatusController, AgentStatusConsumer],
  providers: [AgentsService],
  exports: [AgentsService, MongooseModule],
})
export class AgentsModule {}
