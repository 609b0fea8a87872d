import { Injectable } from '@nestjs/common';
import { Topics, type CloudEvent, type RoutingDecided } from '@handoff/contracts';
import { PartitionOwnership } from '@handoff/messaging';
import type { Principal } from '@handoff/service-kit';
import { ConversationHolders } from './conversation-holders.js';
import { audienceOf, mayReceive } from './stream-audience.js';
import { StreamBuffer, type Resume, type StreamEntry } from './stream-buffer.js';

export interface StreamSubscriber {
  principal: Principal;
  send(entry: StreamEntry): void;
}

/** Fans the events this instance consumes out to its connected desks, each seeing only its share. */
@Injectable()
export class StreamHub {
  private readonly subscribers = new Set<StreamSubscriber>();
  private readonly holders = new ConversationHolders();

  constructor(
    private readonly buffer: StreamBuffer,
    ownership: PartitionOwnership,
  ) {
    // The instance's group starts at the topics' end when it is first given its partitions.
    ownership.onAssigned(() => buffer.startedConsuming(Date.now()));
  }

  publish(topic: string, event: CloudEvent): void {
    if (topic === Topics.RoutingDecisions) this.holders.apply(event.data as RoutingDecided);
    const entry = this.buffer.append({
      type: event.type,
      audience: audienceOf(topic, event, this.holders),
      json: JSON.stringify(event),
      time: Date.parse(event.time) || Date.now(),
    });
    for (const subscriber of this.subscribers) {
      if (mayReceive(subscriber.principal, entry.audience)) subscriber.send(entry);
    }
  }

  subscribe(subscriber: StreamSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** What the caller missed since the given id, filtered to what they may see. */
  resume(principal: Principal, lastEventId: string): Resume {
    const resume = this.buffer.since(lastEventId);
    if (resume.kind === 'reset') return resume;
    return {
      kind: 'missed',
      entries: resume.entries.filter((entry) => mayReceive(principal, entry.audience)),
    };
  }

  get connected(): number {
    return this.subscribers.size;
  }
}
