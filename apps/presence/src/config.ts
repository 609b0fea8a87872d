import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import {
  baseEnv,
  loadConfig,
  mongoEnv,
  optionalAuthEnv,
  optionalAuthOptions,
  runtimeFrom,
  portSchema,
} from '@handoff/service-kit';
import { z } from 'zod';

const presenceEnv = z.object({
  ...baseEnv('presence', 3004),
  ...kafkaEnv('presence'),
  ...mongoEnv('presence'),
  GRPC_HOST: z.string().min(1).default('127.0.0.1'),
  GRPC_PORT: portSchema.default(50051),
  PRESENCE_HEARTBEAT_GRACE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(45_000),
  PRESENCE_MAX_MISSED_OFFERS: z.coerce.number().int().min(0).max(100).default(3),
  PRESENCE_WRAP_UP_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
  // Token settings are optional: without them presence serves no reads of agents.
  ...optionalAuthEnv(),
});

export type PresenceConfig = ReturnType<typeof toPresenceConfig>;

function toPresenceConfig(env: z.output<typeof presenceEnv>) {
  return {
    runtime: runtimeFrom(env),
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB },
    grpcUrl: `${env.GRPC_HOST}:${env.GRPC_PORT}`,
    /** An agent whose desk sends heartbeats goes offline after this long without one. */
    heartbeatGraceMs: env.PRESENCE_HEARTBEAT_GRACE_MS,
    /** Offers an agent may let run out in a row before being set away; 0 never. */
    maxMissedOffers: env.PRESENCE_MAX_MISSED_OFFERS,
    /** Wrap-up after each conversation for agents whose status names none; 0 none. */
    wrapUpMs: env.PRESENCE_WRAP_UP_MS,
    /** How the bearer tokens of people reading agents are checked. */
    auth: optionalAuthOptions(env),
    messaging: messagingOptionsFrom(env, {
      source: '/handoff/presence',
      topics: [
        Topics.AgentStatus,
        Topics.ConversationLifecycle,
        Topics.AgentCommands,
        Topics.AgentCommandResults,
        Topics.RoutingDecisions,
        Topics.AgentAvailability,
        Topics.DeadLetter,
      ],
    }),
  };
}

export function loadPresenceConfig(env: NodeJS.ProcessEnv = process.env): PresenceConfig {
  return toPresenceConfig(loadConfig(presenceEnv, env));
}
