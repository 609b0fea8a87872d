import { Injectable } from '@nestjs/common';

export interface ReadinessCheck {
  readonly name: string;
  isReady(): boolean | Promise<boolean>;
}

/** Collects what must be up before the service takes traffic (store, broker, consumers). */
@Injectable()
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const results = await Promise.all(
      this.checks.map(async (check) => [check.name, await safely(check)] as const),
    );
    return { ready: results.every(([, ok]) => ok), checks: Object.fromEntries(results) };
  }
}

async function safely(check: ReadinessCheck): Promise<boolean> {
  try {
    return await check.isReady();
  } catch {
    return false;
  }
}
