import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import { baseEnv, hostPortSchema, loadConfig, mongoEnv, runtimeFrom } from '@handoff/service-kit';
import { z } from 'zod';
import { loadQueueConfig } from './queue-config/load-queue-config.js';

const routingEnv = z.object({
  ...baseEnv('routing', 3003),
  ...kafkaEnv('routing'),
  ...mongoEnv('routing'),
  PRESENCE_GRPC_URL: hostPortSchema.default('127.0.0.1:50051'),
  PRESENCE_DEADLINE_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  ROUTING_MAX_PLACEMENTS: z.coerce.number().int().min(1).max(500).default(200),
  ROUTING_OFFER_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  ROUTING_QUEUES_FILE: z.string().min(1).optional(),
});

export type RoutingConfig = ReturnType<typeof toRoutingConfig>;

function toRoutingConfig(env: z.output<typeof routingEnv>) {
  return {
    runtime: runtimeFrom(env),
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB },
    presence: { url: env.PRESENCE_GRPC_URL, deadlineMs: env.PRESENCE_DEADLINE_MS },
    /** Waiting conversations of a tenant placed in one call to presence. */
    maxPlacements: env.ROUTING_MAX_PLACEMENTS,
    /** How long an agent has to accept an offer; 0 assigns conversations directly. */
    offerTimeoutMs: env.ROUTING_OFFER_TIMEOUT_MS,
    /** Each tenant's queues (validated here, so a bad file stops the boot with its problems listed). */
    queues: loadQueueConfig(env.ROUTING_QUEUES_FILE),
    messaging: messagingOptionsFrom(env, {
      source: '/handoff/routing',
      topics: [
        Topics.Escalations,
        Topics.ConversationLifecycle,
        Topics.AgentCommands,
        Topics.AgentCommandResults,
        Topics.RoutingQueue,
        Topics.AgentAvailability,
        Topics.RoutingDecisions,
        Topics.DeadLetter,
      ],
    }),
  };
}

export function loadRoutingConfig(env: NodeJS.ProcessEnv = process.env): RoutingConfig {
  return toRoutingConfig(loadConfig(routingEnv, env));
}
