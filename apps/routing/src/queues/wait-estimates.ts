/** Weight of the newest handle time in the running average. */
const smoothing = 0.2;
/** Assignments remembered per tenant to measure handle times; the oldest are forgotten first. */
const assignmentMemory = 20_000;

/**
 * Expected waits of a tenant's queues, from the handle times observed here (assignment to close)
 * and the agents who fit: the customer at place P waits about P × handle time ÷ agents. Until a
 * queue has handled a conversation, its configured expected handle time stands in.
 */
export class WaitEstimates {
  private readonly handleSeconds = new Map<string, number>();
  private readonly assignedAt = new Map<string, { queue: string; at: number }>();

  assigned(conversationId: string, queue: string, at: number): void {
    this.assignedAt.delete(conversationId);
    this.assignedAt.set(conversationId, { queue, at });
    if (this.assignedAt.size > assignmentMemory)
      this.assignedAt.delete(this.assignedAt.keys().next().value!);
  }

  /** The conversation closed: if it was assigned here, its handle time counts for its queue. */
  closed(conversationId: string, at: number): void {
    const assignment = this.assignedAt.get(conversationId);
    if (!assignment) return;
    this.assignedAt.delete(conversationId);
    const seconds = Math.max(0, (at - assignment.at) / 1000);
    const known = this.handleSeconds.get(assignment.queue);
    this.handleSeconds.set(
      assignment.queue,
      known === undefined ? seconds : known + smoothing * (seconds - known),
    );
  }

  handleTimeOf(queue: string, expectedSeconds: number): number {
    return this.handleSeconds.get(queue) ?? expectedSeconds;
  }

  /** Seconds the customer at `position` should still wait; undefined when nobody could serve them. */
  estimate(
    queue: string,
    expectedSeconds: number,
    position: number,
    matchingAgents: number,
  ): number | undefined {
    if (matchingAgents <= 0) return undefined;
    return Math.round((position * this.handleTimeOf(queue, expectedSeconds)) / matchingAgents);
  }
}
