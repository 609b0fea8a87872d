import type { CommandResult, DeskResult, RoutingDecided } from '@handoff/contracts';
import type { Offer } from './offers.js';
import type { TenantQueue, QueueEntry } from './tenant-queue.js';
import type { WaitEstimates } from './wait-estimates.js';

/** A tenant's routing state as the instance owning its partition holds it. */
export interface OwnedQueue {
  tenantId: string;
  queue: TenantQueue;
  /** Offers waiting for an answer, by conversation. */
  offers: Map<string, Offer>;
  partition: number;
  /** Whatever waits may fit agents who freed up: loaded from the store, or a slot came back. */
  unsettled: boolean;
  waits: WaitEstimates;
}

/** The writes and announcements one step of a tenant's work gathers, done together at its end. */
export class Step {
  readonly decisions: RoutingDecided[] = [];
  readonly results: CommandResult[] = [];
  /** Answers to commands about an agent themselves (the list of their offers). */
  readonly deskResults: DeskResult[] = [];
  readonly leftQueue: QueueEntry[] = [];
  readonly backInQueue: QueueEntry[] = [];
  readonly offersMade: Offer[] = [];
  readonly offersEnded: Offer[] = [];
  constructor(readonly now: Date) {}
}

/** Answers an agent's command in the step's results. */
export function answerCommand(
  step: Step,
  command: { commandId: string; tenantId: string; agentId: string; conversationId: string },
  status: 'done' | 'refused',
  reason?: string,
): void {
  step.results.push({
    commandId: command.commandId,
    tenantId: command.tenantId,
    agentId: command.agentId,
    conversationId: command.conversationId,
    status,
    ...(reason ? { reason } : {}),
    decidedAt: step.now.toISOString(),
  });
}
