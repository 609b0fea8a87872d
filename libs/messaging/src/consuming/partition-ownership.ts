import { Injectable } from '@nestjs/common';

export type PartitionsListener = (topic: string, partitions: readonly number[]) => void;

/**
 * Tells the state a service keeps in memory, per partition, when this instance starts or stops
 * owning a partition: another instance may change those keys meanwhile, so what is cached for
 * them must be dropped when it goes (and loaded again from the store when it comes, or back).
 */
@Injectable()
export class PartitionOwnership {
  private readonly revokedListeners: PartitionsListener[] = [];
  private readonly assignedListeners: PartitionsListener[] = [];
  private owned = new Map<string, Set<number>>();

  onRevoked(listener: PartitionsListener): void {
    this.revokedListeners.push(listener);
  }

  /** Called with the partitions this instance did not own before the rebalance. */
  onAssigned(listener: PartitionsListener): void {
    this.assignedListeners.push(listener);
  }

  /** The assignment after a rebalance (kafkajs's memberAssignment). */
  assigned(assignment: Record<string, number[]>): void {
    const previous = this.owned;
    this.owned = new Map(
      Object.entries(assignment).map(([topic, partitions]) => [topic, new Set(partitions)]),
    );
    for (const [topic, partitions] of previous) {
      const kept = this.owned.get(topic);
      const revoked = [...partitions].filter((partition) => !kept?.has(partition));
      if (revoked.length > 0) for (const listener of this.revokedListeners) listener(topic, revoked);
    }
    for (const [topic, partitions] of this.owned) {
      const had = previous.get(topic);
      const added = [...partitions].filter((partition) => !had?.has(partition));
      if (added.length > 0) for (const listener of this.assignedListeners) listener(topic, added);
    }
  }

  /** Everything is given up (the consumer stopped or crashed). */
  revokeAll(): void {
    this.assigned({});
  }

  owns(topic: string, partition: number): boolean {
    return this.owned.get(topic)?.has(partition) ?? false;
  }
}
