import { deriveId, type TransferRequested } from '@handoff/contracts';
import type { PresenceClient } from '../presence-client/presence.client.js';
import { transferredDecision } from './decisions.js';
import type { QueuePlacer } from './queue-placer.js';
import type { QueuePlans } from './queue-plans.js';
import type { QueueEntry } from './tenant-queue.js';
import { answerCommand, type OwnedQueue, type Step } from './tenant-step.js';

/**
 * Hands an assigned conversation from its agent to another agent or queue. The agent's slot is
 * given back first (presence says whose it was: only theirs may be transferred); to an agent, the
 * conversation is placed with them alone, and if they cannot take it the slot goes back to the
 * first agent and the command is refused; to a queue, it waits there at the highest priority,
 * never offered back to the agent who passed it on.
 */
export class Transfers {
  constructor(
    private readonly presence: PresenceClient,
    private readonly plans: QueuePlans,
    private readonly placer: QueuePlacer,
  ) {}

  async transfer(owned: OwnedQueue, request: TransferRequested, step: Step): Promise<void> {
    const refuse = (reason: string) => answerCommand(step, request, 'refused', reason);
    const { tenantId, conversationId, toAgentId, toQueue } = request;
    if (!toAgentId === !toQueue) return refuse('give exactly one of toAgentId and toQueue');
    if (owned.queue.has(conversationId) || owned.offers.has(conversationId))
      return refuse('the conversation is waiting for an agent, not with one');
    const queues = this.plans.tenant(tenantId).queues;
    if (toQueue && !queues.some((queue) => queue.name === toQueue))
      return refuse(`tenant ${tenantId} has no queue ${toQueue}`);

    const released = await this.presence.releaseCapacity({ tenantId, conversationId });
    if (!released.released)
      return refuse("the conversation holds no agent's slot: it is closed, or was never assigned");
    const giveBack = () =>
      this.presence.reserveCapacity({ tenantId, agentId: released.agentId, conversationId });
    if (released.agentId !== request.agentId) {
      await giveBack();
      return refuse('the conversation is with another agent');
    }

    const entry = transferEntry(request, step.now);
    if (toAgentId) {
      const plan = this.plans.plan(entry, step.now.getTime());
      const [placed] = (await this.presence.reserveBest({ tenantId, placements: [plan.placement] }))
        .placed;
      if (!placed?.reserved) {
        await giveBack();
        return refuse(`agent ${toAgentId} cannot take it now: not online, full, or not fitting`);
      }
      step.decisions.push(
        transferredDecision(entry, { ...handedOver(request), toAgentId }, step.now),
      );
      this.placer.placeWith(owned, entry, placed, plan, step);
    } else {
      step.decisions.push(
        transferredDecision(entry, { ...handedOver(request), toQueue: toQueue! }, step.now),
      );
      owned.queue.add(entry);
      await this.placer.place(owned, [entry], step);
      if (owned.queue.has(conversationId)) step.backInQueue.push(entry);
    }
    answerCommand(step, request, 'done');
  }
}

/** Who hands the conversation on, and their note for whoever takes it. */
function handedOver(request: TransferRequested): { fromAgentId: string; note?: string } {
  return { fromAgentId: request.agentId, ...(request.reason ? { note: request.reason } : {}) };
}

function transferEntry(request: TransferRequested, now: Date): QueueEntry {
  return {
    escalationId: deriveId('transfer', request.commandId),
    conversationId: request.conversationId,
    tenantId: request.tenantId,
    ...(request.channel ? { channel: request.channel } : {}),
    requirements: { language: request.language, skills: [] },
    priority: 9,
    enqueuedAt: now,
    queue: request.toQueue ?? '',
    ...(request.toAgentId ? { transferTo: request.toAgentId } : {}),
    declinedBy: [request.agentId],
    admitted: false,
    stored: false,
  };
}
