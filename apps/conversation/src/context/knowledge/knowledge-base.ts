import type { ContextPacket } from '@handoff/contracts';
import MiniSearch, { type SearchResult } from 'minisearch';
import type {
  Article,
  KnowledgeFile,
  SuggestedReply,
  TenantKnowledge,
} from './knowledge-file.schema.js';

/** Articles and replies a packet suggests at most (the contract's limits). */
export const maxSuggestions = 5;

/** A reply written for the conversation's intent ranks this many times higher. */
export const intentBoost = 3;

/** Longest article snippet shown. */
export const maxSnippetLength = 240;

export type Suggestions = ContextPacket['suggestions'];

export interface KnowledgeQuery {
  /** The intent the bot detected last, if any. */
  intent?: string;
  /** What the customer said (the latest messages) or the summary. */
  texts: readonly string[];
  language: string;
}

/** Accents and case do not matter: "cancelación" finds "cancelacion". */
function processTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Intents are names like `billing.refund_status`: their words are what is searched. */
const intentWords = (intent: string) => intent.replace(/[._:/-]+/g, ' ');

const fitsLanguage = (wanted: string, language: string | undefined) =>
  !language || language === wanted || language === wanted.split('-')[0];

/** One tenant's articles and replies, indexed in memory for full-text search. */
class TenantIndex {
  private readonly articles = new MiniSearch<Article & { id: string }>({
    fields: ['title', 'body', 'tags'],
    storeFields: ['articleId', 'title', 'url', 'body', 'language'],
    extractField: (document, field) => {
      const value = (document as unknown as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join(' ') : (value as string);
    },
    processTerm,
    searchOptions: { boost: { title: 2, tags: 1.5 }, fuzzy: 0.2, prefix: true, processTerm },
  });
  private readonly replies = new MiniSearch<SuggestedReply & { id: string }>({
    fields: ['text', 'keywords', 'intents'],
    storeFields: ['text', 'intents', 'language'],
    extractField: (document, field) => {
      const value = (document as unknown as Record<string, unknown>)[field];
      if (field === 'intents' && Array.isArray(value)) return value.map(intentWords).join(' ');
      return Array.isArray(value) ? value.join(' ') : (value as string);
    },
    processTerm,
    searchOptions: { boost: { keywords: 2, intents: 2 }, fuzzy: 0.2, prefix: true, processTerm },
  });

  constructor(knowledge: TenantKnowledge) {
    this.articles.addAll(
      knowledge.articles.map((article) => ({ ...article, id: article.articleId })),
    );
    this.replies.addAll(
      knowledge.replies.map((reply, index) => ({
        ...reply,
        id: reply.replyId ?? `reply-${index}`,
      })),
    );
  }

  suggest(query: KnowledgeQuery): Suggestions {
    const text = [...(query.intent ? [intentWords(query.intent)] : []), ...query.texts].join(' ');
    if (!text.trim()) return { replies: [], articles: [] };
    const inLanguage = (result: SearchResult) =>
      fitsLanguage(query.language, result['language'] as string | undefined);
    const articles = this.articles
      .search(text, { filter: inLanguage })
      .slice(0, maxSuggestions)
      .map((result) => ({
        articleId: result['articleId'] as string,
        title: result['title'] as string,
        ...(result['url'] ? { url: result['url'] as string } : {}),
        snippet: snippet(result['body'] as string, result.terms),
        score: rounded(result.score),
      }));
    const replies = this.replies
      .search(text, {
        filter: inLanguage,
        boostDocument: (_id, _term, stored) =>
          query.intent && (stored?.['intents'] as string[] | undefined)?.includes(query.intent)
            ? intentBoost
            : 1,
      })
      .slice(0, maxSuggestions)
      .map((result) => ({ text: result['text'] as string, score: rounded(result.score) }));
    return { replies, articles };
  }
}

/** The knowledge file indexed per tenant at boot; a tenant not listed uses `*`, if there is one. */
export class KnowledgeBase {
  private readonly tenants = new Map<string, TenantIndex>();

  constructor(file: KnowledgeFile) {
    for (const [tenantId, knowledge] of Object.entries(file.tenants))
      this.tenants.set(tenantId, new TenantIndex(knowledge));
  }

  suggest(tenantId: string, query: KnowledgeQuery): Suggestions {
    const index = this.tenants.get(tenantId) ?? this.tenants.get('*');
    return index ? index.suggest(query) : { replies: [], articles: [] };
  }
}

/** The body's first sentence holding a matched term (else its opening), cut to fit. */
export function snippet(body: string, matched: readonly string[]): string {
  const wanted = new Set(matched);
  const sentences = body.split(/(?<=[.!?])\s+/u);
  const holding = sentences.find((sentence) =>
    (sentence.match(/[\p{L}\p{N}]+/gu) ?? []).some((word) => wanted.has(processTerm(word))),
  );
  const chosen = (holding ?? body).trim();
  return chosen.length <= maxSnippetLength ? chosen : `${chosen.slice(0, maxSnippetLength - 1)}…`;
}

const rounded = (score: number) => Math.round(score * 1000) / 1000;
