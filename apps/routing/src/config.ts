import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import { baseEnv, hostPortSchema, loadConfig, mongoEnv, runtimeFrom } from '@handoff/service-kit';
import { z } from 'zod';

const routingEnv = z.object({
  ...baseEnv('routing', 3003),
  ...kafkaEnv('routing'),
  ...mongoEnv('routing'),
  PRESENCE_GRPC_URL: hostPortSchema.default('127.0.0.1:50051'),
  PRESENCE_DEADLINE_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  ROUTING_MAX_RESERVE_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  ROUTING_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
});

export type RoutingConfig = ReturnType<typeof toRoutingConfig>;

function toRoutingConfig(env: z.output<typeof routingEnv>) {
  return {
    runtime: runtimeFrom(env),
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB },
    presence: { url: env.PRESENCE_GRPC_URL, deadlineMs: env.PRESENCE_DEADLINE_MS },
    maxReserveAttempts: env.ROUTING_MAX_RESERVE_ATTEMPTS,
    /** Conversations one instance routes at once (each conversation's escalations stay in order). */
    concurrency: env.ROUTING_CONCURRENCY,
    messaging: messagingOptionsFrom(env, {
      source: '/handoff/routing',
      topics: [Topics.Escalations, Topics.RoutingDecisions, Topics.DeadLetter],
    }),
  };
}

export function loadRoutingConfig(env: NodeJS.ProcessEnv = process.env): RoutingConfig {
  return toRoutingConfig(loadConfig(routingEnv, env));
}
