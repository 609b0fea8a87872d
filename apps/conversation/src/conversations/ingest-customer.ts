import { deriveId, type BotFallback, type CustomerProfile } from '@handoff/contracts';
import type { FallbackRecord, ProfileRecord } from './context.records.js';
import { conversationOf, type WorkingSet } from './working-set.js';

/** What the bot platform adds for the agent's context: the bot's fallbacks and the CRM profile. */
export interface IngestedContext {
  fallbacks: FallbackRecord[];
  profiles: ProfileRecord[];
}

export function recordFallback(
  fallback: BotFallback,
  eventId: string,
  seq: number,
  working: WorkingSet,
  result: IngestedContext,
): void {
  const conversation = conversationOf(working, fallback.conversationId, fallback.tenantId, eventId);
  conversation.fallbacks = (conversation.fallbacks ?? 0) + 1;
  result.fallbacks.push({
    _id: deriveId('fallback', fallback.conversationId, fallback.fallbackId),
    conversationId: fallback.conversationId,
    tenantId: fallback.tenantId,
    fallbackId: fallback.fallbackId,
    ...(fallback.messageId ? { messageId: fallback.messageId } : {}),
    ...(fallback.intent ? { intent: fallback.intent } : {}),
    ...(fallback.confidence !== undefined ? { confidence: fallback.confidence } : {}),
    occurredAt: new Date(fallback.occurredAt),
    seq,
  });
}

/** One record per profile event: the packet folds them, the latest `updatedAt` last. */
export function recordProfile(
  profile: CustomerProfile,
  eventId: string,
  seq: number,
  working: WorkingSet,
  result: IngestedContext,
): void {
  const conversation = conversationOf(working, profile.conversationId, profile.tenantId, eventId);
  if (profile.customer.tier) conversation.customerTier = profile.customer.tier;
  result.profiles.push({
    _id: deriveId('profile', profile.conversationId, eventId),
    conversationId: profile.conversationId,
    tenantId: profile.tenantId,
    customer: profile.customer,
    updatedAt: new Date(profile.updatedAt),
    seq,
  });
}
