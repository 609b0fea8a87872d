import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { HttpException, HttpStatus } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health.registry.js';

describe('HealthController', () => {
  let registry: HealthRegistry;
  let controller: HealthController;
  let ready: boolean;
  let alive: boolean;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [HealthController],
      providers: [HealthRegistry],
    }).compile();
    registry = moduleRef.get(HealthRegistry);
    controller = moduleRef.get(HealthController);
    ready = true;
    alive = true;
    registry.addReadiness({
      name: 'kafka-consumer',
      check: () => ready || { ok: false, detail: 'joining consumer group handoff-routing' },
    });
    registry.addLiveness({
      name: 'kafka-consumer',
      check: () => alive || { ok: false, detail: 'handler for t/0 busy for 301 s' },
    });
  });

  /** The HTTP status and body a failed probe answers with. */
  async function failure(probe: Promise<unknown>): Promise<{ status: number; body: unknown }> {
    try {
      await probe;
    } catch (error) {
      assert.ok(error instanceof HttpException);
      return { status: error.getStatus(), body: error.getResponse() };
    }
    assert.fail('the probe should have failed');
  }

  it('answers ready with every check when all pass', async () => {
    assert.deepEqual(await controller.ready(), {
      status: 'ready',
      checks: { 'kafka-consumer': { ok: true } },
    });
  });

  it('answers 503 not_ready with the failing check and its detail', async () => {
    ready = false;
    assert.deepEqual(await failure(controller.ready()), {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: {
        status: 'not_ready',
        checks: {
          'kafka-consumer': { ok: false, detail: 'joining consumer group handoff-routing' },
        },
      },
    });
  });

  it('answers live while not ready: an outage must not get the pod restarted', async () => {
    ready = false;
    assert.deepEqual(await controller.live(), {
      status: 'ok',
      checks: { 'kafka-consumer': { ok: true } },
    });
  });

  it('answers 503 dead when a liveness check fails', async () => {
    alive = false;
    assert.deepEqual(await failure(controller.live()), {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: {
        status: 'dead',
        checks: { 'kafka-consumer': { ok: false, detail: 'handler for t/0 busy for 301 s' } },
      },
    });
  });
});
