import type { EventDataByType, EventType } from '@handoff/contracts';
import type { EmitOptions } from '../publishing/event-message.js';

export interface EmittedEvent {
  type: EventType;
  data: EventDataByType[EventType];
  id: string | undefined;
}

/** An EventSink for unit tests of handler logic: it records what would be emitted. */
export class RecordingSink {
  readonly emitted: EmittedEvent[] = [];

  emit<K extends EventType>(type: K, data: EventDataByType[K], options: EmitOptions = {}): void {
    this.emitted.push({ type, data, id: options.id });
  }
}
