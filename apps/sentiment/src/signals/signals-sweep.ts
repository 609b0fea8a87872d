import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SignalsStore } from './signals.store.js';

export class SignalsSweepOptions {
  constructor(readonly retentionDays: number) {}
}

const sweepEveryMs = 60 * 60_000;

/** Drops the signals of conversations quiet for longer than the retention, hourly (no TTL indexes). */
@Injectable()
export class SignalsSweep implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SignalsSweep.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: SignalsStore,
    private readonly options: SignalsSweepOptions,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), sweepEveryMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(now = Date.now()): Promise<number> {
    try {
      const dropped = await this.store.sweep(
        new Date(now - this.options.retentionDays * 86_400_000),
      );
      if (dropped > 0)
        this.logger.log({ message: 'signals of quiet conversations dropped', dropped });
      return dropped;
    } catch (error) {
      this.logger.warn({
        message: 'signals sweep failed; next hour again',
        error: (error as Error).message,
      });
      return 0;
    }
  }
}
