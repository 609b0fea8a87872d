import { deriveId } from '@handoff/contracts';
import type { RoutedBy } from './queue-plans.js';
import type { QueueEntry } from './tenant-queue.js';

/** A conversation offered to an agent, whose slot is held until they answer or time runs out. */
export interface Offer {
  offerId: string;
  entry: QueueEntry;
  agentId: string;
  displayName: string;
  /** When it was made (absent on offers stored before it was kept). */
  offeredAt?: Date;
  expiresAt: Date;
  /** Why it went to this agent, for the assigned decision when they accept. */
  routedBy?: RoutedBy;
  /** Kept in the store, so its deadline survives a restart or a move to another instance. */
  stored: boolean;
}

/** An agent is offered an escalation at most once (never again after declining it). */
export function offerIdFor(entry: QueueEntry, agentId: string): string {
  return deriveId('offer', entry.escalationId, agentId);
}
