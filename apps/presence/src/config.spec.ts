import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Topics } from '@handoff/contracts';
import { ConfigError } from '@handoff/service-kit';
import { loadPresenceConfig } from './config.js';

describe('loadPresenceConfig', () => {
  it('has working defaults for local development', () => {
    const config = loadPresenceConfig({});
    assert.equal(config.grpcUrl, '127.0.0.1:50051');
    assert.equal(config.runtime.httpPort, 3004);
    assert.deepEqual(config.mongo, {
      url: 'mongodb://127.0.0.1:27017',
      dbName: 'handoff_presence',
    });
    assert.equal(config.messaging.source, '/handoff/presence');
    assert.deepEqual(config.messaging.topics, [
      Topics.AgentStatus,
      Topics.ConversationLifecycle,
      Topics.AgentCommands,
      Topics.AgentCommandResults,
      Topics.RoutingDecisions,
      Topics.AgentAvailability,
      Topics.DeadLetter,
    ]);
  });

  it('takes no wrap-up by default, and the one configured in ms', () => {
    assert.equal(loadPresenceConfig({}).wrapUpMs, 0);
    assert.equal(loadPresenceConfig({ PRESENCE_WRAP_UP_MS: '30000' }).wrapUpMs, 30_000);
  });

  it('serves gRPC on the configured host and port', () => {
    assert.equal(
      loadPresenceConfig({ GRPC_HOST: '0.0.0.0', GRPC_PORT: '50052' }).grpcUrl,
      '0.0.0.0:50052',
    );
  });

  const invalid: [string, string][] = [
    ['GRPC_HOST', ''],
    ['GRPC_PORT', 'grpc'],
    ['GRPC_PORT', '0'],
    ['GRPC_PORT', '70000'],
    ['HTTP_PORT', '-1'],
    ['MONGO_DB', 'presence/db'],
    ['KAFKA_MAX_ATTEMPTS', 'many'],
    ['PRESENCE_WRAP_UP_MS', '-1'],
    ['PRESENCE_WRAP_UP_MS', 'soon'],
    ['PRESENCE_WRAP_UP_MS', '3600001'],
  ];
  for (const [variable, value] of invalid) {
    it(`rejects ${variable}=${JSON.stringify(value)}, naming the variable`, () => {
      assert.throws(
        () => loadPresenceConfig({ [variable]: value }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError, 'expected a ConfigError');
          assert.match(error.message, new RegExp(`\\b${variable}: `));
          return true;
        },
      );
    });
  }
});
