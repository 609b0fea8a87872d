import { Inject, Injectable } from '@nestjs/common';
import { deriveId, type ContextPacket, type RoutingDecided } from '@handoff/contracts';
import type { DecisionRecord } from '../conversations/conversation.records.js';
import {
  buildContextPacket,
  summaryInput,
  type PacketOccasion,
  type PacketOptions,
} from './context-packet.builder.js';
import { occasionOf } from './packet-occasions.js';
import { inOrderSaid, type ContextRecords } from './context-records.js';
import { ContextMemory } from '../conversations/context-memory.js';
import { ContextStore, type ConversationKey } from './context-store.js';
import { detectedIntent } from './bot-attempts.js';
import { KnowledgeBase } from './knowledge/knowledge-base.js';
import { Summariser } from './summary/summariser.js';
import { Redactors } from '../privacy/redactors.js';
import { redactedRecords } from './redacted-records.js';

/** Customer messages the knowledge base is searched with: the latest say what the case is now. */
export const queryMessages = 3;

export interface PacketRequest extends ConversationKey {
  options: Omit<PacketOptions, 'builtAt' | 'summary' | 'suggestions' | 'occasion'>;
  /** Requested by a desk; otherwise read from the routing decision. */
  occasion?: PacketOccasion;
  /** The routing decision the packet follows, if any. */
  decision?: RoutingDecided;
  /** Decisions of the batch at hand up to this one, which the store may not hold yet. */
  decisions?: readonly DecisionRecord[];
  /**
   * The partition of a co-partitioned topic the request came on, when this instance owns the
   * conversation: what is read from the store is then kept in memory for the next packets.
   */
  partition?: number;
}

/** Builds context packets: the records (from memory, else the store), a summary and the tenant's suggestions. */
@Injectable()
export class ContextService {
  constructor(
    private readonly store: ContextStore,
    @Inject(ContextMemory) private readonly memory: ContextMemory,
    @Inject(KnowledgeBase) private readonly knowledge: KnowledgeBase,
    @Inject(Summariser) private readonly summariser: Summariser,
    private readonly redactors: Redactors,
  ) {}

  /** The packet asked for, as a desk reads it now; null when the tenant has no such conversation. */
  async contextPacket(conversationId: string, tenantId: string): Promise<ContextPacket | null> {
    const [packet] = await this.packets([
      {
        conversationId,
        tenantId,
        occasion: 'requested',
        // Read, not published: the id only tells one read from another.
        options: { packetId: deriveId('context', conversationId, String(Date.now())) },
      },
    ]);
    return packet ?? null;
  }

  /**
   * One packet per request, in order, read together: undefined for a conversation the tenant does
   * not have (yet: the conversation's events may still be on their way) or a decision that calls for none.
   */
  async packets(requests: readonly PacketRequest[]): Promise<(ContextPacket | undefined)[]> {
    const held = await this.recordsOf(requests);
    return Promise.all(
      requests.map(async (request) => {
        const found = held.get(request.conversationId);
        if (!found || found.conversation.tenantId !== request.tenantId) return undefined;
        const records = withDecisions(found, request.decisions ?? []);
        const occasion =
          request.occasion ??
          (request.decision ? occasionOf(request.decision, records.decisions) : undefined);
        if (!occasion) return undefined;
        return this.build(records, { ...request.options, occasion });
      }),
    );
  }

  /** From memory where it holds the conversation; the rest from the store, kept if owned here. */
  private async recordsOf(
    requests: readonly PacketRequest[],
  ): Promise<Map<string, ContextRecords>> {
    const held = new Map<string, ContextRecords>();
    const missing = new Map<string, PacketRequest>();
    for (const request of requests) {
      const records = this.memory.recordsOf(request.conversationId, request.tenantId);
      if (records) held.set(request.conversationId, records);
      else missing.set(request.conversationId, request);
    }
    if (missing.size === 0) return held;
    const loading = [...missing.values()].flatMap(({ conversationId, tenantId, partition }) =>
      partition === undefined
        ? []
        : (this.memory.loading(conversationId, tenantId, partition) ?? []),
    );
    let stored = new Map<string, ContextRecords>();
    try {
      stored = await this.store.recordsOf([...missing.values()]);
    } finally {
      for (const load of loading) this.memory.loaded(load, stored.get(load.conversationId));
    }
    for (const [conversationId, records] of stored) held.set(conversationId, records);
    return held;
  }

  private async build(
    records: ContextRecords,
    options: Omit<PacketOptions, 'builtAt' | 'summary' | 'suggestions'>,
  ): Promise<ContextPacket> {
    const { tenantId, language } = records.conversation;
    // Summaries are made from redacted text: a tenant's summary model is outside the platform.
    const redacted = redactedRecords(records, this.redactors.of(tenantId));
    const shown = this.redactors.agentsReadRedacted(tenantId) ? redacted : records;
    const intent = detectedIntent(inOrderSaid(records.messages));
    const summary = await this.summariser.summarise(tenantId, summaryInput(redacted));
    const input = summaryInput(shown);
    const suggestions = this.knowledge.suggest(tenantId, {
      ...(intent ? { intent: intent.intent } : {}),
      texts: input.customerMessages.slice(-queryMessages).map(({ text }) => text),
      language,
    });
    return buildContextPacket(shown, { ...options, builtAt: new Date(), summary, suggestions });
  }
}

function withDecisions(
  records: ContextRecords,
  decisions: readonly DecisionRecord[],
): ContextRecords {
  const known = new Set(records.decisions.map(({ _id }) => _id));
  return {
    ...records,
    decisions: [
      ...records.decisions,
      ...decisions.filter(
        ({ _id, conversationId }) => conversationId === records.conversation._id && !known.has(_id),
      ),
    ],
  };
}
