import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { HealthRegistry, type CheckResult } from './health.registry.js';

const check = (name: string, result: () => CheckResult | Promise<CheckResult>) => ({
  name,
  check: result,
});

describe('HealthRegistry', () => {
  let registry: HealthRegistry;

  beforeEach(() => {
    registry = new HealthRegistry();
  });

  it('is ready and alive with no checks', async () => {
    assert.deepEqual(await registry.readiness(), { ok: true, checks: {} });
    assert.deepEqual(await registry.liveness(), { ok: true, checks: {} });
  });

  it('is ready when every readiness check passes, reporting each by name', async () => {
    registry.addReadiness(check('mongo', () => true));
    registry.addReadiness(
      check('kafka-producer', async () => ({ ok: true, detail: 'connected to 3 brokers' })),
    );

    assert.deepEqual(await registry.readiness(), {
      ok: true,
      checks: {
        mongo: { ok: true },
        'kafka-producer': { ok: true, detail: 'connected to 3 brokers' },
      },
    });
  });

  it('is not ready when one check fails, and keeps its detail for the operator', async () => {
    registry.addReadiness(check('mongo', () => true));
    registry.addReadiness(
      check('kafka-consumer', () => ({
        ok: false,
        detail: 'joining consumer group handoff-routing',
      })),
    );
    registry.addReadiness(check('presence', async () => false));

    assert.deepEqual(await registry.readiness(), {
      ok: false,
      checks: {
        mongo: { ok: true },
        'kafka-consumer': { ok: false, detail: 'joining consumer group handoff-routing' },
        presence: { ok: false },
      },
    });
  });

  it('turns a check that throws, or rejects, into a failed check with its message', async () => {
    registry.addReadiness(
      check('mongo', () => {
        throw new Error('Client must be connected before running operations');
      }),
    );
    registry.addReadiness(
      check('presence', () =>
        Promise.reject(new Error('14 UNAVAILABLE: No connection established')),
      ),
    );
    registry.addReadiness(check('odd', () => Promise.reject('not an Error')));
    registry.addReadiness(check('fine', () => true));

    const report = await registry.readiness();

    assert.equal(report.ok, false);
    assert.deepEqual(report.checks, {
      mongo: { ok: false, detail: 'Client must be connected before running operations' },
      presence: { ok: false, detail: '14 UNAVAILABLE: No connection established' },
      odd: { ok: false, detail: 'not an Error' },
      fine: { ok: true },
    });
  });

  it('keeps readiness and liveness apart: a dependency outage fails readiness only', async () => {
    registry.addReadiness(check('mongo', () => ({ ok: false, detail: 'connection refused' })));
    registry.addLiveness(check('kafka-consumer', () => true));

    assert.equal((await registry.readiness()).ok, false);
    assert.deepEqual(await registry.liveness(), {
      ok: true,
      checks: { 'kafka-consumer': { ok: true } },
    });
  });

  it('is not alive when a liveness check fails', async () => {
    registry.addLiveness(
      check('kafka-consumer', () => ({ ok: false, detail: 'handler for t/0 busy for 301 s' })),
    );
    registry.addLiveness(check('other', () => true));

    assert.deepEqual(await registry.liveness(), {
      ok: false,
      checks: {
        'kafka-consumer': { ok: false, detail: 'handler for t/0 busy for 301 s' },
        other: { ok: true },
      },
    });
  });

  it('asks every check afresh each time', async () => {
    let connected = false;
    registry.addReadiness(
      check('kafka-producer', () => connected || { ok: false, detail: 'producer disconnected' }),
    );

    assert.equal((await registry.readiness()).ok, false);
    connected = true;
    assert.equal((await registry.readiness()).ok, true);
  });

  it('runs the checks at the same time, so one slow check does not add up with the others', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    registry.addReadiness(
      check('slow', async () => {
        started.push('slow');
        await gate;
        return true;
      }),
    );
    registry.addReadiness(
      check('fast', async () => {
        started.push('fast');
        return true;
      }),
    );

    const pending = registry.readiness();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, ['slow', 'fast']);
    release();
    assert.equal((await pending).ok, true);
  });
});
