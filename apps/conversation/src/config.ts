import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import {
  baseEnv,
  loadConfig,
  mongoEnv,
  optionalAuthEnv,
  optionalAuthOptions,
  runtimeFrom,
} from '@handoff/service-kit';
import { z } from 'zod';
import { summarisersOf } from './context/context.module.js';
import { loadKnowledgeFile } from './context/knowledge/load-knowledge.js';
import { loadPrivacySettings } from './privacy/privacy-config.js';

const conversationEnv = z.object({
  ...baseEnv('conversation', 3001),
  ...kafkaEnv('conversation'),
  ...mongoEnv('conversation'),
  CONVERSATION_CACHE_SIZE: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  CONVERSATION_CONTEXT_CACHE_SIZE: z.coerce.number().int().min(100).max(1_000_000).default(2_000),
  NOTIFICATION_TEMPLATES_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  QUEUE_POSITION_UPDATE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  CONVERSATION_KNOWLEDGE_FILE: z.string().min(1).optional(),
  CONVERSATION_PRIVACY_FILE: z.string().min(1).optional(),
  CONVERSATION_RETENTION_SWEEP_SECONDS: z.coerce.number().int().min(10).max(86_400).default(3600),
  // Token settings are optional here: without them the service serves no reads of conversations.
  ...optionalAuthEnv(),
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
    /** Conversations whose whole context (transcript included) is kept in memory per instance. */
    contextCacheSize: env.CONVERSATION_CONTEXT_CACHE_SIZE,
    /** How often each instance re-reads the tenants' template sets other instances stored. */
    notifications: { templatesRefreshMs: env.NOTIFICATION_TEMPLATES_REFRESH_SECONDS * 1000 },
    /** Least time between two position updates to one queued customer. */
    handoff: { positionUpdateIntervalMs: env.QUEUE_POSITION_UPDATE_SECONDS * 1000 },
    /** Each tenant's articles, suggested replies and summariser, for the agent's context packet. */
    context: { knowledge, summarisers: summarisersOf(knowledge, raw) },
    /** Each tenant's retention and redaction, and how often expired conversations are deleted. */
    privacy: {
      settings: loadPrivacySettings(env.CONVERSATION_PRIVACY_FILE),
      sweepMs: env.CONVERSATION_RETENTION_SWEEP_SECONDS * 1000,
    },
    /** How the bearer tokens the gateway forwards with reads are checked. */
    auth: optionalAuthOptions(env),
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
        Topics.SentimentScores,
        Topics.AgentCommands,
        Topics.AgentCommandResults,
        Topics.ConversationContext,
        Topics.AgentMessages,
        Topics.Feedback,
        Topics.DeadLetter,
      ],
    }),
  };
}

export function loadConversationConfig(env: NodeJS.ProcessEnv = process.env): ConversationConfig {
  return toConversationConfig(loadConfig(conversationEnv, env), env);
}
