import { Injectable } from '@nestjs/common';

/** A check's answer: up or not, and when not, a sentence an operator can act on. */
export type CheckResult = boolean | { ok: boolean; detail?: string };

export interface HealthCheck {
  readonly name: string;
  check(): CheckResult | Promise<CheckResult>;
}

export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/**
 * What the probes ask. Readiness: the dependencies the service cannot work without are reachable
 * (store, broker, consumers joined, presence for routing). Liveness: the process can still make
 * progress by itself (no consumer crashed for good, no handler stuck); a failing liveness gets the
 * pod restarted, so a dependency outage must never fail it.
 */
@Injectable()
export class HealthRegistry {
  private readonly readinessChecks: HealthCheck[] = [];
  private readonly livenessChecks: HealthCheck[] = [];

  addReadiness(check: HealthCheck): void {
    this.readinessChecks.push(check);
  }

  addLiveness(check: HealthCheck): void {
    this.livenessChecks.push(check);
  }

  readiness(): Promise<HealthReport> {
    return report(this.readinessChecks);
  }

  liveness(): Promise<HealthReport> {
    return report(this.livenessChecks);
  }
}

async function report(checks: readonly HealthCheck[]): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (check) => [check.name, await safely(check)] as const),
  );
  return { ok: results.every(([, result]) => result.ok), checks: Object.fromEntries(results) };
}

async function safely(check: HealthCheck): Promise<{ ok: boolean; detail?: string }> {
  try {
    const result = await check.check();
    return typeof result === 'boolean' ? { ok: result } : result;
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
