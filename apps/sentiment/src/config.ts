import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import { baseEnv, loadConfig, runtimeFrom } from '@handoff/service-kit';
import { z } from 'zod';

const sentimentEnv = z.object({ ...baseEnv('sentiment', 3002), ...kafkaEnv('sentiment') });

export type SentimentConfig = ReturnType<typeof toSentimentConfig>;

function toSentimentConfig(env: z.output<typeof sentimentEnv>) {
  return {
    runtime: runtimeFrom(env),
    messaging: messagingOptionsFrom(env, {
      source: '/handoff/sentiment',
      topics: [
        Topics.ConversationMessages,
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
