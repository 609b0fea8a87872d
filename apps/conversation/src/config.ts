import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import { baseEnv, loadConfig, mongoEnv, runtimeFrom } from '@handoff/service-kit';
import { z } from 'zod';
import { summarisersOf } from './context/context.module.js';
import { loadKnowledgeFile } from './context/knowledge/load-knowledge.js';

const conversationEnv = z.object({
  ...baseEnv('conversation', 3001),
  ...kafkaEnv('conversation'),
  ...mongoEnv('conversation'),
  CONVERSATION_CACHE_SIZE: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  CONVERSATION_KNOWLEDGE_FILE: z.string().min(1).optional(),
});

export type ConversationConfig = ReturnType<typeof toConversationConfig>;

function toConversationConfig(env: z.output<typeof conversationEnv>, raw: NodeJS.ProcessEnv) {
  // Checked here, so a mistake in the file stops the boot with its path and problems.
  const knowledge = loadKnowledgeFile(env.CONVERSATION_KNOWLEDGE_FILE);
  return {
    runtime: runtimeFrom(env),
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB },
    /** Conversations kept in memory per instance; others are loaded from the store when needed. */
    cacheSize: env.CONVERSATION_CACHE_SIZE,
    /** Each tenant's articles, suggested replies and summariser, for the agent's context packet. */
    context: { knowledge, summarisers: summarisersOf(knowledge, raw) },
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
        Topics.SentimentScores,
        Topics.AgentCommands,
        Topics.AgentCommandResults,
        Topics.ConversationContext,
        Topics.DeadLetter,
      ],
    }),
  };
}

export function loadConversationConfig(env: NodeJS.ProcessEnv = process.env): ConversationConfig {
  return toConversationConfig(loadConfig(conversationEnv, env), env);
}
