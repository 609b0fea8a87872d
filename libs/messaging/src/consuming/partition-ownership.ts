import { Injectable } from '@nestjs/common';

export type RevokedListener = (topic: string, partitions: readonly number[]) => void;

/**
 * Tells the state a service keeps in memory, per partition, when this instance stops owning a
 * partition: another instance may change those keys meanwhile, so what is cached for them must be
 * dropped (and loaded again from the store if the partition comes back).
 */
@Injectable()
export class PartitionOwnership {
  private readonly listeners: RevokedListener[] = [];
  private owned = new Map<string, Set<number>>();

  onRevoked(listener: RevokedListener): void {
    this.listeners.push(listener);
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
      if (revoked.length > 0) for (const listener of this.listeners) listener(topic, revoked);
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
