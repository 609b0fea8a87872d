import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import { baseEnv, loadConfig, mongoEnv, runtimeFrom } from '@handoff/service-kit';
import { z } from 'zod';

const sentimentEnv = z.object({
  ...baseEnv('sentiment', 3002),
  ...kafkaEnv('sentiment'),
  ...mongoEnv('sentiment'),
  SENTIMENT_CACHE_SIZE: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  SENTIMENT_RULES_REFRESH_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  SENTIMENT_SIGNALS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type SentimentConfig = ReturnType<typeof toSentimentConfig>;

function toSentimentConfig(env: z.output<typeof sentimentEnv>) {
  return {
    runtime: runtimeFrom(env),
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB },
    evaluation: {
      /** Conversations whose signals each instance keeps in memory. */
      cacheSize: env.SENTIMENT_CACHE_SIZE,
      /** How often rule sets stored by other instances are read. */
      rulesRefreshMs: env.SENTIMENT_RULES_REFRESH_MS,
      /** Signals of a conversation quiet for this long are dropped. */
      signalsRetentionDays: env.SENTIMENT_SIGNALS_RETENTION_DAYS,
    },
    messaging: messagingOptionsFrom(env, {
      source: '/handoff/sentiment',
      topics: [
        Topics.ConversationMessages,
        Topics.TenantConfig,
        Topics.SentimentScores,
        Topics.Escalations,
        Topics.DeadLetter,
      ],
    }),
  };
}

export function loadSentimentConfig(env: NodeJS.ProcessEnv = process.env): SentimentConfig {
  return toSentimentConfig(loadConfig(sentimentEnv, env));
}
