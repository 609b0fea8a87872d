import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import { baseEnv, loadConfig, mongoEnv, runtimeFrom } from '@handoff/service-kit';
import { z } from 'zod';

const conversationEnv = z.object({
  ...baseEnv('conversation', 3001),
  ...kafkaEnv('conversation'),
  ...mongoEnv('conversation'),
  CONVERSATION_CACHE_SIZE: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  NOTIFICATION_TEMPLATES_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  QUEUE_POSITION_UPDATE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
});

export type ConversationConfig = ReturnType<typeof toConversationConfig>;

function toConversationConfig(env: z.output<typeof conversationEnv>) {
  return {
    runtime: runtimeFrom(env),
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB },
    /** Conversations kept in memory per instance; others are loaded from the store when needed. */
    cacheSize: env.CONVERSATION_CACHE_SIZE,
    /** How often each instance re-reads the tenants' template sets other instances stored. */
    notifications: { templatesRefreshMs: env.NOTIFICATION_TEMPLATES_REFRESH_SECONDS * 1000 },
    /** Least time between two position updates to one queued customer. */
    handoff: { positionUpdateIntervalMs: env.QUEUE_POSITION_UPDATE_SECONDS * 1000 },
    messaging: messagingOptionsFrom(env, {
      source: '/handoff/conversation',
      topics: [
        Topics.ConversationEvents,
        Topics.ConversationMessages,
        Topics.Escalations,
        Topics.RoutingDecisions,
        Topics.CustomerNotifications,
        Topics.ConversationControl,
        Topics.ConversationLifecycle,
        Topics.TenantConfig,
        Topics.DeadLetter,
      ],
    }),
  };
}

export function loadConversationConfig(env: NodeJS.ProcessEnv = process.env): ConversationConfig {
  return toConversationConfig(loadConfig(conversationEnv, env));
}
