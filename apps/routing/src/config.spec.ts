import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Topics } from '@handoff/contracts';
import { ConfigError } from '@handoff/service-kit';
import { loadRoutingConfig } from './config.js';

describe('loadRoutingConfig', () => {
  it('has working defaults for local development', () => {
    const config = loadRoutingConfig({});
    assert.deepEqual(config.presence, { url: '127.0.0.1:50051', deadlineMs: 2000 });
    assert.equal(config.maxPlacements, 200);
    assert.equal(config.offerTimeoutMs, 0);
    assert.deepEqual(config.mongo, { url: 'mongodb://127.0.0.1:27017', dbName: 'handoff_routing' });
    assert.equal(config.runtime.httpPort, 3003);
    assert.equal(config.messaging.groupId, 'handoff-routing');
    assert.equal(config.messaging.source, '/handoff/routing');
    assert.deepEqual(config.messaging.topics, [
      Topics.Escalations,
      Topics.ConversationLifecycle,
      Topics.AgentCommands,
      Topics.AgentCommandResults,
      Topics.RoutingQueue,
      Topics.AgentAvailability,
      Topics.RoutingDecisions,
      Topics.DeadLetter,
    ]);
  });

  it('reads the routing settings from the environment', () => {
    const config = loadRoutingConfig({
      PRESENCE_GRPC_URL: 'presence.handoff.svc:50051',
      PRESENCE_DEADLINE_MS: '750',
      ROUTING_MAX_PLACEMENTS: '50',
      KAFKA_BROKERS: 'kafka-0:9092,kafka-1:9092',
    });
    assert.deepEqual(config.presence, { url: 'presence.handoff.svc:50051', deadlineMs: 750 });
    assert.equal(config.maxPlacements, 50);
    assert.deepEqual(config.messaging.connection.brokers, ['kafka-0:9092', 'kafka-1:9092']);
  });

  const invalid: [string, string][] = [
    ['PRESENCE_GRPC_URL', 'presence'],
    ['PRESENCE_GRPC_URL', 'http://presence:50051'],
    ['PRESENCE_DEADLINE_MS', 'soon'],
    ['PRESENCE_DEADLINE_MS', '10'],
    ['PRESENCE_DEADLINE_MS', '60000'],
    ['ROUTING_MAX_PLACEMENTS', '0'],
    ['ROUTING_MAX_PLACEMENTS', '501'],
    ['ROUTING_MAX_PLACEMENTS', '2.5'],
    ['ROUTING_OFFER_TIMEOUT_MS', '-1'],
    ['ROUTING_OFFER_TIMEOUT_MS', '600001'],
    ['MONGO_URL', 'localhost:27017'],
    ['KAFKA_BROKERS', 'kafka-0'],
  ];
  for (const [variable, value] of invalid) {
    it(`rejects ${variable}=${JSON.stringify(value)}, naming the variable`, () => {
      assert.throws(
        () => loadRoutingConfig({ [variable]: value }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError, 'expected a ConfigError');
          assert.match(error.message, new RegExp(`\\b${variable}(\\.\\d+)?: `));
          return true;
        },
      );
    });
  }
});
