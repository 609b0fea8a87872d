import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Topics, type AgentAvailabilityChanged } from '@handoff/contracts';
import { startServiceUnderTest, TopicRecorder } from '@handoff/messaging/testing';
import type { Connection } from 'mongoose';
import type { IntegrationInfra } from '@handoff/service-kit/testing';
import { PresenceAppModule } from './app.module.js';
import { loadPresenceConfig } from './config.js';

/**
 * Presence with its consumers on the real broker and store, for integration tests; its group starts
 * at the end of the topics, so old records of the shared broker do not reach it.
 */
export async function startPresenceApp(
  infra: IntegrationInfra,
  dbName: string,
  groupId: string,
): Promise<INestApplication> {
  const config = loadPresenceConfig({
    ...infra.serviceEnv,
    KAFKA_CLIENT_ID: groupId,
    KAFKA_GROUP_ID: groupId,
    MONGO_DB: dbName,
  });
  return startServiceUnderTest(PresenceAppModule.forRoot(config), {
    brokers: infra.brokers,
    groupId,
    topics: config.messaging.topics,
  });
}

/**
 * Presence started for an integration test file, with recorders of what it announces to routing
 * and what it dead-letters; its database is dropped when it stops.
 */
export class RecordedPresence {
  app!: INestApplication;
  readonly availability: TopicRecorder;
  readonly deadLetters: TopicRecorder;

  constructor(
    private readonly infra: IntegrationInfra,
    private readonly dbName: string,
  ) {
    this.availability = new TopicRecorder(infra.brokers, `${dbName}_availability`);
    this.deadLetters = new TopicRecorder(infra.brokers, `${dbName}_dead_letters`);
  }

  async start(): Promise<INestApplication> {
    await this.availability.start([Topics.AgentAvailability]);
    await this.deadLetters.start([Topics.DeadLetter]);
    this.app = await startPresenceApp(this.infra, this.dbName, this.dbName);
    return this.app;
  }

  /** Another presence instance on the same store, as after a restart. */
  restarted(groupId: string): Promise<INestApplication> {
    return startPresenceApp(this.infra, this.dbName, groupId);
  }

  async stop(): Promise<void> {
    await this.availability.stop();
    await this.deadLetters.stop();
    await this.app?.get<Connection>(getConnectionToken()).dropDatabase();
    await this.app?.close();
  }

  /**
   * What presence announced on handoff.presence.availability.v1 for the agent, in order, each event
   * once: a batch replayed after a failed commit may publish an announcement again, under the same
   * id, which consumers absorb.
   */
  announced(tenantId: string, agentId: string): AgentAvailabilityChanged[] {
    const byId = new Map<string, AgentAvailabilityChanged>();
    for (const message of this.availability.messages) {
      const { id, data } = JSON.parse(message.value!.toString()) as {
        id: string;
        data: AgentAvailabilityChanged;
      };
      if (data.tenantId === tenantId && data.agentId === agentId && !byId.has(id))
        byId.set(id, data);
    }
    return [...byId.values()];
  }
}
