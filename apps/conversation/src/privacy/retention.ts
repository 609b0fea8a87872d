import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { meter } from '@handoff/service-kit';
import type { Connection } from 'mongoose';
import { ContextMemory } from '../conversations/context-memory.js';
import { ConversationStates } from '../conversations/conversation-states.js';
import { records } from '../conversations/conversation.records.js';
import type { PrivacySettings } from './privacy-config.js';

export const PRIVACY_SETTINGS = Symbol('PRIVACY_SETTINGS');
export const RETENTION_SWEEP_MS = Symbol('RETENTION_SWEEP_MS');

const purged = meter().createCounter('handoff_conversations_purged_total', {
  description: 'Conversations deleted with all their records when their tenant retention ran out',
});

const dayMs = 86_400_000;
/** Conversations deleted per round, so one sweep never holds the store for long. */
const purgeChunk = 500;

/** Which conversations have outlived their tenant's retention, as store filters. */
export function expiredFilters(
  settings: PrivacySettings,
  now: number,
): { tenantId: unknown; startedAt: { $lt: Date } }[] {
  const listed = Object.keys(settings.tenants).filter((tenant) => tenant !== '*');
  return Object.entries(settings.tenants).flatMap(([tenant, privacy]) =>
    privacy.retentionDays === undefined
      ? []
      : [
          {
            tenantId: tenant === '*' ? { $nin: listed } : tenant,
            startedAt: { $lt: new Date(now - privacy.retentionDays * dayMs) },
          },
        ],
  );
}

/**
 * Enforces each tenant's retention without TTL indexes: every sweep deletes the conversations
 * that started longer ago than the tenant keeps them, with every record about them (transcript,
 * variables, decisions, notes, feedback). Deletion is housekeeping from the stored start time, the
 * same on every instance, so several replicas sweeping at once only repeat each other.
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionSweeper.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(PRIVACY_SETTINGS) private readonly settings: PrivacySettings,
    @Inject(RETENTION_SWEEP_MS) private readonly sweepMs: number,
    @Inject(ConversationStates) private readonly states: ConversationStates,
    @Inject(ContextMemory) private readonly memory: ContextMemory,
  ) {}

  onApplicationBootstrap(): void {
    if (expiredFilters(this.settings, Date.now()).length === 0) return;
    this.timer = setInterval(() => void this.sweepQuietly(), this.sweepMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes what has expired by `now`; returns how many conversations went. */
  async sweep(now = Date.now()): Promise<number> {
    const conversations = this.connection.collection('conversations');
    let total = 0;
    for (const filter of expiredFilters(this.settings, now)) {
      for (;;) {
        const expired = await conversations
          .find(filter, { projection: { _id: 1, tenantId: 1 } })
          .limit(purgeChunk)
          .toArray();
        if (expired.length === 0) break;
        const ids = expired.map(({ _id }) => _id as unknown as string);
        await this.deleteRecordsOf(ids);
        await conversations.deleteMany({ _id: { $in: ids } } as never);
        ids.forEach((id) => this.states.delete(id));
        this.memory.forget(ids);
        for (const { tenantId } of expired) purged.add(1, { tenant: String(tenantId) });
        total += ids.length;
      }
    }
    return total;
  }

  /** Records first, the conversation last: an interrupted sweep finds it again next time. */
  private async deleteRecordsOf(conversationIds: string[]): Promise<void> {
    const collections = records
      .map(({ schema }) => schema.get('collection') as string)
      .filter((name) => name !== 'conversations');
    await Promise.all(
      collections.map((name) =>
        this.connection.collection(name).deleteMany({ conversationId: { $in: conversationIds } }),
      ),
    );
  }

  private async sweepQuietly(): Promise<void> {
    try {
      const count = await this.sweep();
      if (count > 0) this.logger.log({ message: 'retention sweep', purged: count });
    } catch (error) {
      // The store is away: the next sweep tries again.
      this.logger.warn({ message: 'retention sweep failed', error: (error as Error).message });
    }
  }
}
