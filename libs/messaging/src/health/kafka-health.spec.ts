import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { Test } from '@nestjs/testing';
import { HealthRegistry, type HealthReport } from '@handoff/service-kit';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { EventPublisher } from '../publishing/event-publisher.js';
import { KafkaHealth } from './kafka-health.js';

class FakePublisher {
  isConnected = false;
}

const stallTimeoutMs = 60_000;
const options = { groupId: 'handoff-routing', stallTimeoutMs } as MessagingOptions;

describe('KafkaHealth', () => {
  let publisher: FakePublisher;
  let registry: HealthRegistry;
  let health: KafkaHealth;

  beforeEach(async () => {
    mock.timers.enable({ apis: ['Date'], now: 1_800_000_000_000 });
    publisher = new FakePublisher();
    const moduleRef = await Test.createTestingModule({
      providers: [
        HealthRegistry,
        KafkaHealth,
        { provide: EventPublisher, useValue: publisher },
        { provide: MESSAGING_OPTIONS, useValue: options },
      ],
    }).compile();
    await moduleRef.init();
    registry = moduleRef.get(HealthRegistry);
    health = moduleRef.get(KafkaHealth);
  });

  afterEach(() => mock.timers.reset());

  const elapse = (ms: number) => mock.timers.tick(ms);

  /** A started service that produces and consumes. */
  function connectedAndJoined(): void {
    health.startupSucceeded();
    publisher.isConnected = true;
    health.consumerStarting();
    health.consumerJoined();
  }

  async function readiness(): Promise<HealthReport> {
    return registry.readiness();
  }

  describe('readiness', () => {
    it('is not ready while connecting to Kafka', async () => {
      const report = await readiness();
      assert.equal(report.ok, false);
      assert.deepEqual(report.checks['kafka-producer'], {
        ok: false,
        detail: 'connecting to Kafka',
      });
    });

    it('says why start-up failed, and keeps the latest reason', async () => {
      health.startupFailed(new Error('Connection error: connect ECONNREFUSED 10.0.0.7:9092'));
      health.startupFailed(new Error('SASL SCRAM SHA512 authentication failed'));

      const report = await readiness();
      assert.equal(report.ok, false);
      assert.deepEqual(report.checks['kafka-producer'], {
        ok: false,
        detail: 'SASL SCRAM SHA512 authentication failed',
      });
    });

    it('is not ready when start-up succeeded but the producer is disconnected', async () => {
      health.startupSucceeded();

      assert.deepEqual((await readiness()).checks['kafka-producer'], {
        ok: false,
        detail: 'producer disconnected',
      });
      publisher.isConnected = true;
      assert.deepEqual((await readiness()).checks['kafka-producer'], { ok: true });
    });

    it('is ready with a connected producer and no consumer at all', async () => {
      health.startupSucceeded();
      publisher.isConnected = true;

      const report = await readiness();
      assert.equal(report.ok, true);
      assert.deepEqual(report.checks['kafka-consumer'], { ok: true });
    });

    it('is not ready while the consumer joins its group, naming the group', async () => {
      health.startupSucceeded();
      publisher.isConnected = true;
      health.consumerStarting();

      const report = await readiness();
      assert.equal(report.ok, false);
      assert.deepEqual(report.checks['kafka-consumer'], {
        ok: false,
        detail: 'joining consumer group handoff-routing',
      });
    });

    it('says why the consumer could not start', async () => {
      health.consumerStarting(new Error('Not authorized to access group: handoff-routing'));

      assert.deepEqual((await readiness()).checks['kafka-consumer'], {
        ok: false,
        detail: 'Not authorized to access group: handoff-routing',
      });
    });

    it('is ready once the consumer joined, and forgets the earlier problem', async () => {
      health.startupSucceeded();
      publisher.isConnected = true;
      health.consumerStarting(new Error('coordinator not available'));
      health.consumerJoined();

      const report = await readiness();
      assert.equal(report.ok, true);
      assert.deepEqual(report.checks['kafka-consumer'], { ok: true });
    });

    it('is not ready after a crash kafkajs restarts from, until the consumer joins again', async () => {
      connectedAndJoined();
      health.consumerCrashed(new Error('The coordinator is not aware of this member'), true);

      assert.deepEqual((await readiness()).checks['kafka-consumer'], {
        ok: false,
        detail: 'consumer crashed: The coordinator is not aware of this member',
      });
      health.consumerJoined();
      assert.equal((await readiness()).ok, true);
    });

    it('is not ready after a crash kafkajs does not restart from', async () => {
      connectedAndJoined();
      health.consumerCrashed(new TypeError('Cannot read properties of undefined'), false);

      assert.deepEqual((await readiness()).checks['kafka-consumer'], {
        ok: false,
        detail: 'consumer dead: Cannot read properties of undefined',
      });
    });

    it('is not ready once the consumer stopped', async () => {
      connectedAndJoined();
      health.consumerStopped();

      assert.deepEqual((await readiness()).checks['kafka-consumer'], {
        ok: false,
        detail: 'consumer stopped',
      });
    });
  });

  describe('liveness', () => {
    it('stays alive while Kafka cannot be reached: an outage is not a reason to restart', async () => {
      health.startupFailed(new Error('Connection error: connect ECONNREFUSED'));
      health.consumerStarting(new Error('Connection error: connect ECONNREFUSED'));
      elapse(10 * stallTimeoutMs);

      assert.deepEqual(await registry.liveness(), {
        ok: true,
        checks: { 'kafka-consumer': { ok: true } },
      });
    });

    it('stays alive after a crash kafkajs restarts from, however long it takes', async () => {
      connectedAndJoined();
      health.consumerCrashed(new Error('rebalance in progress'), true);
      elapse(10 * stallTimeoutMs);

      assert.equal((await registry.liveness()).ok, true);
    });

    it('fails when a handler is busy for longer than the stall timeout, naming its partition, and recovers when it ends', async () => {
      connectedAndJoined();
      health.batchStarted('handoff.agent.status.v1/3');

      elapse(stallTimeoutMs);
      assert.equal((await registry.liveness()).ok, true, 'exactly the stall timeout is still fine');

      elapse(60_000);
      const report = await registry.liveness();
      assert.equal(report.ok, false);
      assert.deepEqual(report.checks['kafka-consumer'], {
        ok: false,
        detail: 'handler for handoff.agent.status.v1/3 busy for 120 s',
      });

      health.batchEnded('handoff.agent.status.v1/3');
      assert.equal((await registry.liveness()).ok, true);
    });

    it('judges each partition by its own batch', async () => {
      connectedAndJoined();
      health.batchStarted('handoff.agent.status.v1/0');
      elapse(stallTimeoutMs / 2);
      health.batchStarted('handoff.agent.status.v1/1');
      health.batchEnded('handoff.agent.status.v1/0');
      elapse(stallTimeoutMs / 2 + 1);
      assert.equal(
        (await registry.liveness()).ok,
        true,
        'partition 1 has been busy for only half the timeout',
      );

      health.batchStarted('handoff.agent.status.v1/0');
      elapse(stallTimeoutMs / 2);
      assert.deepEqual((await registry.liveness()).checks['kafka-consumer'], {
        ok: false,
        detail: 'handler for handoff.agent.status.v1/1 busy for 60 s',
      });
    });

    it('fails when the consumer stays dead (crashed without restart) for longer than the stall timeout, and recovers when it joins again', async () => {
      connectedAndJoined();
      health.consumerCrashed(new Error('Unknown error'), false);

      elapse(stallTimeoutMs);
      assert.equal(
        (await registry.liveness()).ok,
        true,
        'a fresh consumer gets the stall timeout to join',
      );

      elapse(1);
      const report = await registry.liveness();
      assert.equal(report.ok, false);
      assert.deepEqual(report.checks['kafka-consumer'], {
        ok: false,
        detail: 'consumer crashed and could not be restarted: Unknown error',
      });

      health.consumerJoined();
      assert.equal((await registry.liveness()).ok, true);
      assert.equal((await readiness()).ok, true);
    });

    it('counts from the first crash when the consumer crashes again before it joined', async () => {
      connectedAndJoined();
      health.consumerCrashed(new Error('first'), false);
      elapse(stallTimeoutMs / 2);
      health.consumerCrashed(new Error('second'), false);
      elapse(stallTimeoutMs / 2 + 1);

      assert.deepEqual((await registry.liveness()).checks['kafka-consumer'], {
        ok: false,
        detail: 'consumer crashed and could not be restarted: second',
      });
    });

    it('counts afresh from a crash that follows a successful join', async () => {
      connectedAndJoined();
      health.consumerCrashed(new Error('first'), false);
      elapse(stallTimeoutMs / 2);
      health.consumerJoined();
      elapse(stallTimeoutMs);
      health.consumerCrashed(new Error('second'), false);
      elapse(stallTimeoutMs / 2);

      assert.equal((await registry.liveness()).ok, true);
    });
  });
});
