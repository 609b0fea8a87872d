import type { Placement, RoutingDecided } from '@handoff/contracts';
import { isOpen } from '../queue-config/business-hours.js';
import { QueueCatalog, defaultRoutingConfig } from '../queue-config/queue-catalog.js';
import type { QueueConfig, TenantRouting } from '../queue-config/queue-config.schema.js';
import type { QueueReason } from './decisions.js';
import type { QueueEntry } from './tenant-queue.js';

export type Unserved = NonNullable<RoutingDecided['unserved']>;
export type RoutedBy = NonNullable<RoutingDecided['routedBy']>;

/** How a waiting conversation is placed at one moment, and when that changes next. */
export interface Plan {
  queue: QueueConfig;
  placement: Placement;
  offerTimeoutMs: number;
  /** Why the agent presence picks is the one: the queue, strategy and relaxation reached. */
  routedBy: RoutedBy;
  /** When it has waited the queue's longest wait (ms since the epoch). */
  maxWaitAt: number;
  /** When a relaxation step or the end of the preferred agent's wait changes the plan. */
  changesAt?: number;
}

const fallbackTenant = defaultRoutingConfig.tenants['*']!;
/** How long past an offer's deadline presence keeps its slot held, for routing to end the offer first. */
const holdGraceMs = 60_000;

/**
 * The tenants' queue settings applied to one entry at one moment: which queue it is in after
 * relaxation, what presence is asked for, and what the queue's policies say when it cannot wait.
 */
export class QueuePlans {
  constructor(
    private readonly catalog: QueueCatalog,
    private readonly defaultOfferTimeoutMs: number,
  ) {}

  tenant(tenantId: string): TenantRouting {
    return this.catalog.tenant(tenantId) ?? fallbackTenant;
  }

  /** The queue the entry waits in now: where it entered, or where relaxation moved it. */
  queueOf(entry: QueueEntry): QueueConfig {
    const { queues } = this.tenant(entry.tenantId);
    const name = entry.current?.queue ?? entry.queue;
    return queues.find((queue) => queue.name === name) ?? queues[0]!;
  }

  plan(entry: QueueEntry, now: number): Plan {
    const tenant = this.tenant(entry.tenantId);
    const entered = tenant.queues.find((queue) => queue.name === entry.queue) ?? tenant.queues[0]!;
    const waitedMs = now - entry.enqueuedAt.getTime();
    const placing = this.catalog.placing(
      entry.tenantId,
      entered.name,
      entry.requirements,
      waitedMs / 1000,
    ) ?? {
      queue: entered,
      requirements: entry.requirements,
      otherLanguages: [],
      relaxedSteps: 0,
    };
    const { queue } = placing;
    const start = entry.enqueuedAt.getTime();
    const preferredUntil = start + queue.preferredAgentSeconds * 1000;
    const preferring =
      queue.strategy === 'preferred_agent' && !!entry.preferredAgentId && now < preferredUntil;
    const changes = [
      placing.nextStepAfterSeconds === undefined
        ? undefined
        : start + placing.nextStepAfterSeconds * 1000,
      preferring ? preferredUntil : undefined,
    ].filter((at): at is number => at !== undefined);
    const strategy = entry.transferTo ? 'preferred_agent' : queue.strategy;
    const offerTimeoutMs =
      queue.offerTimeoutSeconds === undefined
        ? this.defaultOfferTimeoutMs
        : queue.offerTimeoutSeconds * 1000;
    return {
      queue,
      routedBy: { queue: queue.name, strategy, relaxedSteps: placing.relaxedSteps },
      placement: {
        conversationId: entry.conversationId,
        language: placing.requirements.language,
        skills: placing.requirements.skills,
        excludeAgentIds: entry.declinedBy,
        strategy,
        preferredAgentId: entry.transferTo ?? entry.preferredAgentId ?? '',
        preferredOnly: preferring || entry.transferTo !== undefined,
        // The kind of slot it takes, as the queue says: the bot platform's channel names
        // (web, whatsapp…) are not agents' capacity channels.
        channel: queue.channel,
        teams: queue.teams ?? [],
        otherLanguages: placing.otherLanguages,
        // An offer only holds the slot, a while past its own deadline: if this instance is gone by
        // then and nobody ends the offer, presence gives the slot back by itself.
        holdMs: String(offerTimeoutMs === 0 ? 0 : offerTimeoutMs + holdGraceMs),
      },
      offerTimeoutMs,
      maxWaitAt: start + queue.maxWaitSeconds * 1000,
      ...(changes.length > 0 ? { changesAt: Math.min(...changes) } : {}),
    };
  }

  /** Outside business hours a new arrival gets the queue's closed policy (unless it is to wait). */
  admission(entry: QueueEntry, plan: Plan, now: number): Unserved | undefined {
    const { businessHours } = this.tenant(entry.tenantId);
    if (isOpen(businessHours, new Date(now)) || plan.queue.whenClosed === 'wait') return undefined;
    return { policy: plan.queue.whenClosed, reason: 'outside_business_hours' };
  }

  /**
   * A new arrival nobody took: with nobody online or nobody who fits, the queue's no-agent policy;
   * placed past the queue's size, its full policy; otherwise it waits.
   */
  whenUnplaced(plan: Plan, reason: QueueReason, position: number): Unserved | undefined {
    const { queue } = plan;
    if (reason !== 'all_agents_busy' && queue.whenNoAgents !== 'wait')
      return { policy: queue.whenNoAgents, reason };
    if (queue.maxSize !== undefined && position > queue.maxSize)
      return { policy: queue.whenFull, reason: 'queue_full' };
    return undefined;
  }

  /** Waited the longest the queue allows: it leaves with the queue's policy. */
  overdue(plan: Plan, now: number): Unserved | undefined {
    return now >= plan.maxWaitAt
      ? { policy: plan.queue.afterMaxWait, reason: 'max_wait' }
      : undefined;
  }
}
