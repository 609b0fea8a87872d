import { Module, type DynamicModule } from '@nestjs/common';
import { ConversationStoreModule } from '../conversations/conversation-store.module.js';
import { ContextDecisionsConsumer } from './context-decisions.consumer.js';
import { ContextRequestsConsumer } from './context-requests.consumer.js';
import { ContextStore } from './context-store.js';
import { ContextService } from './context.service.js';
import { KnowledgeBase } from './knowledge/knowledge-base.js';
import type { KnowledgeFile } from './knowledge/knowledge-file.schema.js';
import { SentimentScoresConsumer } from './sentiment-scores.consumer.js';
import {
  OpenAiCompatibleSummariser,
  type ChatCompletionsEndpoint,
} from './summary/openai-compatible-summariser.js';
import { Summariser } from './summary/summariser.js';

export interface ContextOptions {
  knowledge: KnowledgeFile;
  /** Each tenant's language model for summaries, if it has one; the others get extractive ones. */
  summarisers: ReadonlyMap<string, ChatCompletionsEndpoint>;
}

/** The agent's context packet: built on offers, assignments and desks' requests, and read internally. */
@Module({})
export class ContextModule {
  static register(options: ContextOptions): DynamicModule {
    return {
      module: ContextModule,
      // Shared with the authenticated reads.
      global: true,
      imports: [ConversationStoreModule],
      controllers: [ContextDecisionsConsumer, ContextRequestsConsumer, SentimentScoresConsumer],
      providers: [
        ContextStore,
        ContextService,
        { provide: KnowledgeBase, useValue: new KnowledgeBase(options.knowledge) },
        { provide: Summariser, useValue: new OpenAiCompatibleSummariser(options.summarisers) },
      ],
      exports: [ContextService],
    };
  }
}

/** The tenants' summariser endpoints from the knowledge file, with their keys from the environment. */
export function summarisersOf(
  knowledge: KnowledgeFile,
  env: NodeJS.ProcessEnv,
): Map<string, ChatCompletionsEndpoint> {
  const endpoints = new Map<string, ChatCompletionsEndpoint>();
  for (const [tenantId, { summariser }] of Object.entries(knowledge.tenants)) {
    if (!summariser) continue;
    const apiKey = summariser.apiKeyEnv ? env[summariser.apiKeyEnv] : undefined;
    endpoints.set(tenantId, {
      url: summariser.url,
      model: summariser.model,
      timeoutMs: summariser.timeoutMs,
      ...(apiKey ? { apiKey } : {}),
    });
  }
  return endpoints;
}
