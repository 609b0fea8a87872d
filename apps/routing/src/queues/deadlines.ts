import { Logger } from '@nestjs/common';
import type { EventDataByType, EventType } from '@handoff/contracts';
import { describeError, type EventPublisher } from '@handoff/messaging';

const retryMs = 1_000;

/** What to publish when a deadline passes. */
export interface DeadlineEvent<T extends EventType = EventType> {
  type: T;
  data: EventDataByType[T];
  id: string;
}

interface Armed {
  tenantId: string;
  at: number;
  timer: NodeJS.Timeout;
}

/**
 * Deadlines that end in an event: when one passes, its event goes to Kafka and whatever it ends
 * is done when that event is handled, in order with everything else about the tenant. If the
 * broker is away the deadline has passed all the same, so publishing is retried until it works.
 */
export class Deadlines {
  private readonly logger: Logger;
  private readonly armed = new Map<string, Armed>();

  constructor(
    private readonly publisher: EventPublisher,
    private readonly what: string,
  ) {
    this.logger = new Logger(`Deadlines(${what})`);
  }

  /** Sets (or moves) the deadline with this key; the same deadline again changes nothing. */
  set(key: string, tenantId: string, at: number, event: () => DeadlineEvent): void {
    if (this.armed.get(key)?.at === at) return;
    this.cancel(key);
    this.schedule(key, tenantId, at, event, Math.max(0, at - Date.now()));
  }

  cancel(key: string): void {
    const armed = this.armed.get(key);
    if (armed) clearTimeout(armed.timer);
    this.armed.delete(key);
  }

  /** The tenant moved to another instance (or its state is reloaded): that one sets its own. */
  cancelTenant(tenantId: string): void {
    for (const [key, armed] of this.armed) if (armed.tenantId === tenantId) this.cancel(key);
  }

  clear(): void {
    for (const { timer } of this.armed.values()) clearTimeout(timer);
    this.armed.clear();
  }

  private schedule(
    key: string,
    tenantId: string,
    at: number,
    event: () => DeadlineEvent,
    delayMs: number,
  ): void {
    // A deadline alone never keeps the process alive: the service's lifetime is the consumer's.
    const timer = setTimeout(() => void this.pass(key, at, event), delayMs).unref();
    this.armed.set(key, { tenantId, at, timer });
  }

  private async pass(key: string, at: number, event: () => DeadlineEvent): Promise<void> {
    const { type, data, id } = event();
    try {
      await this.publisher.emit(type, data as never, id);
      if (this.armed.get(key)?.at === at) this.armed.delete(key);
    } catch (error) {
      this.logger.warn({
        message: `could not announce ${this.what}; retrying`,
        error: describeError(error),
      });
      const armed = this.armed.get(key);
      if (armed?.at === at) this.schedule(key, armed.tenantId, at, event, retryMs);
    }
  }
}
