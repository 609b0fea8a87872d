import type { CommandResult, DeskResult } from '@handoff/contracts';

export type AnyCommandResult = CommandResult | DeskResult;

interface Waiter {
  resolve: (result: AnyCommandResult | undefined) => void;
  timer: NodeJS.Timeout;
}

/**
 * HTTP calls waiting for their command's result, by commandId. Every instance reads every result
 * (a group of its own), so whichever instance took the call finds its answer here.
 */
export class PendingCommands {
  private readonly waiting = new Map<string, Waiter>();

  /** Resolves with the result, or undefined when none came within the time. */
  wait(commandId: string, timeoutMs: number): Promise<AnyCommandResult | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(commandId);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(commandId, { resolve, timer });
    });
  }

  settle(result: AnyCommandResult): void {
    const waiter = this.waiting.get(result.commandId);
    if (!waiter) return;
    this.waiting.delete(result.commandId);
    clearTimeout(waiter.timer);
    waiter.resolve(result);
  }

  cancel(commandId: string): void {
    const waiter = this.waiting.get(commandId);
    if (!waiter) return;
    this.waiting.delete(commandId);
    clearTimeout(waiter.timer);
    waiter.resolve(undefined);
  }

  get size(): number {
    return this.waiting.size;
  }
}
