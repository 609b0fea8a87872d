import { z } from 'zod';

const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag (en, pt-BR)');

const articleSchema = z.strictObject({
  articleId: z.string().min(1).max(128),
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(20_000),
  url: z.url().max(500).optional(),
  tags: z.array(z.string().min(1).max(64)).max(32).optional(),
  /** Offered only in conversations of this language; without it, in any. */
  language: language.optional(),
});

const replySchema = z.strictObject({
  replyId: z.string().min(1).max(128).optional(),
  text: z.string().min(1).max(1000),
  /** Bot intents the reply answers: it ranks higher when the conversation's intent is one. */
  intents: z.array(z.string().min(1).max(128)).max(32).optional(),
  keywords: z.array(z.string().min(1).max(64)).max(32).optional(),
  language: language.optional(),
});

/** A tenant's own language model for summaries; its key comes from the environment variable named. */
const summariserSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  model: z.string().min(1).max(128),
  timeoutMs: z.number().int().min(100).max(30_000).default(3000),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
    .optional(),
});

const tenantKnowledgeSchema = z.strictObject({
  articles: z.array(articleSchema).max(5000).default([]),
  replies: z.array(replySchema).max(5000).default([]),
  summariser: summariserSchema.optional(),
});

/** Each tenant's articles and suggested replies; `*` serves tenants not listed. */
export const knowledgeFileSchema = z.strictObject({
  tenants: z.record(z.string().min(1).max(128), tenantKnowledgeSchema),
});

export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;
export type TenantKnowledge = z.infer<typeof tenantKnowledgeSchema>;
export type Article = z.infer<typeof articleSchema>;
export type SuggestedReply = z.infer<typeof replySchema>;
