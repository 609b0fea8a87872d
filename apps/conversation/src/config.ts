import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import { baseEnv, loadConfig, mongoEnv, runtimeFrom } from '@handoff/service-kit';
import { z } from 'zod';

const conversationEnv = z.object({
  ...baseEnv('conversation', 3001),
  ...kafkaEnv('conversation'),
  ...mongoEnv('conversation'),
  CONVERSATION_CACHE_SIZE: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
});

export type ConversationConfig = ReturnType<typeof toConversationConfig>;

function toConversationConfig(env: z.output<typeof conversationEnv>) {
  return {
    runtime: runtimeFrom(env),
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB },
    /** Conversations kept in memory per instance; others are loaded from the store when needed. */
    cacheSize: env.CONVERSATION_CACHE_SIZE,
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
        Topics.DeadLetter,
      ],
    }),
  };
}

export function loadConversationConfig(env: NodeJS.ProcessEnv = process.env): ConversationConfig {
  return toConversationConfig(loadConfig(conversationEnv, env));
}
