import type { Logger } from '@nestjs/common';
import { describeError } from '@handoff/messaging';

/**
 * Acts on deadlines as they fall due: runs `sweep` every `everyMs`, never two at once (a slow
 * broker makes a sweep outlast the interval). Stop it when the module is destroyed.
 */
export class DueSweep {
  private sweeping = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sweep: (now: number) => Promise<number>,
    everyMs: number,
  ) {
    this.timer = setInterval(() => void this.run(), everyMs).unref();
  }

  /** Sweeps what is due by `now`; returns how many it acted on (0 while another sweep runs). */
  async run(now = Date.now()): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      return await this.sweep(now);
    } finally {
      this.sweeping = false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Publishes what a deadline caused; false, with a warning, when it could not (tried at the next sweep). */
export async function publishedOrWarned(
  logger: Logger,
  what: string,
  publish: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await publish();
    return true;
  } catch (error) {
    logger.warn({ message: `could not announce ${what}; retrying`, error: describeError(error) });
    return false;
  }
}
