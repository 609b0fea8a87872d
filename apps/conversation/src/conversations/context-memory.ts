import type { ContextRecords } from '../context/context-records.js';
import type { ConversationRecord } from './conversation.records.js';

/** The kinds of record a context packet folds, besides the conversation itself. */
export type ContextKind = Exclude<keyof ContextRecords, 'conversation'>;

type ContextRecord = ContextRecords[ContextKind][number];

/** A conversation being read from the store, as `loading` began it. */
export interface Loading {
  conversationId: string;
  entry: HeldConversation;
}

export interface HeldConversation {
  partition: number;
  tenantId: string;
  /** Absent while the entry is being loaded from the store. */
  conversation?: ConversationRecord;
  /** Made for a kind when its first record comes: most conversations have few kinds. */
  records: { [K in ContextKind]?: Map<string, ContextRecords[K][number]> };
}

/** How many conversations with records but no entry are remembered, per conversation held. */
const unheldPerHeld = 4;

export const contextKinds: readonly ContextKind[] = [
  'messages',
  'variables',
  'escalations',
  'decisions',
  'fallbacks',
  'profiles',
  'sentiments',
  'notes',
];

/**
 * Every record the context packet of a conversation is folded from, held by the instance that owns
 * the conversation's partition, so an offer or assignment builds its packet without reading the
 * store. It holds a conversation only when it holds all of it: one this instance saw start, or one
 * loaded whole from the store while the instance owned it. The topics that carry those records are
 * co-partitioned by conversation (see `coPartitionedTopics`), so from then on every one of them
 * reaches this instance; what is stored is remembered, never what is not (yet) stored. A lost
 * partition, retention or capacity drops a conversation, and the next packet reads it again.
 */
export class ContextMemory {
  private readonly entries = new Map<string, HeldConversation>();
  /**
   * Conversations records were stored for while not held here, most recent last. One of them that
   * starts afterwards had records before its start (a producer ahead of the bot platform, or a
   * replay), so it is read whole from the store when first needed instead of held from its start.
   */
  private readonly unheld = new Set<string>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** A conversation stored just now for the first time: nothing else about it exists yet. */
  started(conversation: ConversationRecord, partition: number): void {
    if (this.entries.has(conversation._id) || this.unheld.has(conversation._id)) return;
    this.put(conversation._id, {
      partition,
      tenantId: conversation.tenantId,
      conversation,
      records: emptyRecords(),
    });
  }

  /** Records just stored; those of conversations not held here are left to the store. */
  remember<K extends ContextKind>(kind: K, records: readonly ContextRecords[K][number][]): void {
    for (const record of records) {
      const entry = this.entries.get(record.conversationId);
      if (!entry) this.noteUnheld(record.conversationId);
      else if (entry.tenantId === record.tenantId)
        ((entry.records[kind] ??= new Map()) as Map<string, ContextRecord>).set(record._id, record);
    }
  }

  /** The whole of a conversation, if it is held here for this tenant. */
  recordsOf(conversationId: string, tenantId: string): ContextRecords | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry?.conversation || entry.tenantId !== tenantId) return undefined;
    this.entries.delete(conversationId);
    this.entries.set(conversationId, entry);
    return {
      conversation: entry.conversation,
      ...(Object.fromEntries(
        contextKinds.map((kind) => [kind, [...(entry.records[kind]?.values() ?? [])]]),
      ) as Omit<ContextRecords, 'conversation'>),
    };
  }

  /**
   * Starts holding a conversation about to be read from the store: records stored meanwhile are
   * collected, so none falls between the read and `loaded`. Undefined if it is held already.
   */
  loading(conversationId: string, tenantId: string, partition: number): Loading | undefined {
    if (this.entries.has(conversationId)) return undefined;
    const entry: HeldConversation = { partition, tenantId, records: emptyRecords() };
    this.put(conversationId, entry);
    return { conversationId, entry };
  }

  /** What the store holds of a conversation `loading` began with (undefined: nothing, or the read failed). */
  loaded({ conversationId, entry }: Loading, stored: ContextRecords | undefined): void {
    // Dropped meanwhile (a lost partition, retention), or held again since: nothing to complete.
    if (this.entries.get(conversationId) !== entry) return;
    if (!stored || stored.conversation.tenantId !== entry.tenantId) {
      this.entries.delete(conversationId);
      return;
    }
    entry.conversation = stored.conversation;
    for (const kind of contextKinds) {
      const collected = (entry.records[kind] ??= new Map()) as Map<string, ContextRecord>;
      for (const record of stored[kind])
        if (!collected.has(record._id)) collected.set(record._id, record);
    }
  }

  forget(conversationIds: Iterable<string>): void {
    for (const conversationId of conversationIds) this.entries.delete(conversationId);
  }

  /** This instance no longer owns these partitions: another one now stores their records. */
  forgetPartitions(partitions: readonly number[]): void {
    const lost = new Set(partitions);
    for (const [conversationId, entry] of this.entries)
      if (lost.has(entry.partition)) this.entries.delete(conversationId);
  }

  private noteUnheld(conversationId: string): void {
    this.unheld.delete(conversationId);
    this.unheld.add(conversationId);
    // Old ones go first: a start comes soon after any record sent ahead of it.
    if (this.unheld.size > unheldPerHeld * this.capacity)
      this.unheld.delete(this.unheld.values().next().value!);
  }

  private put(conversationId: string, entry: HeldConversation): void {
    this.entries.set(conversationId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

function emptyRecords(): HeldConversation['records'] {
  return {};
}
