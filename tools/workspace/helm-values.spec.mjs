// The chart's values.schema.json is what makes `helm lint` and `helm install` refuse bad values;
// this checks the schema itself with a JSON Schema validator, so it runs wherever the tests do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const schema = JSON.parse(readFileSync('helm/handoff/values.schema.json', 'utf8'));
const defaults = parse(readFileSync('helm/handoff/values.yaml', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function withRepository(values) {
  return { ...values, image: { ...values.image, repository: 'registry.example.com/handoff' } };
}

/** The defaults with `overrides` merged in key by key, as helm merges a values file. */
function withValues(overrides, values = withRepository(defaults)) {
  const merged = { ...values };
  for (const [key, value] of Object.entries(overrides)) {
    const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
    merged[key] = isObject(value) && isObject(values[key]) ? withValues(value, values[key]) : value;
  }
  return merged;
}

function errorsOf(values) {
  return validate(values)
    ? []
    : validate.errors.map((error) => `${error.instancePath} ${error.message}`);
}

describe('helm values schema', () => {
  it('accepts the default values once an image repository is given', () => {
    assert.deepEqual(errorsOf(withRepository(defaults)), []);
  });

  it('requires an image repository: no registry is assumed', () => {
    assert.notDeepEqual(errorsOf(defaults), []);
  });

  it('rejects an unknown log level', () => {
    assert.notDeepEqual(errorsOf({ ...withRepository(defaults), logLevel: 'loud' }), []);
  });

  it('rejects a negative replica count', () => {
    const values = withRepository(defaults);
    const [first] = Object.keys(values.services);
    const services = {
      ...values.services,
      [first]: { ...values.services[first], replicaCount: -1 },
    };
    assert.notDeepEqual(errorsOf({ ...values, services }), []);
  });

  it('rejects a misspelt top-level key', () => {
    assert.notDeepEqual(errorsOf({ ...withRepository(defaults), logLevle: 'info' }), []);
  });

  describe('presence, the single in-memory capacity arbiter', () => {
    it('runs one replica by default', () => {
      assert.equal(defaults.services.presence.replicaCount, 1);
    });

    it('rejects two presence replicas', () => {
      const errors = errorsOf(withValues({ services: { presence: { replicaCount: 2 } } }));
      assert.ok(
        errors.some((error) => error.startsWith('/services/presence/replicaCount ')),
        errors.join('\n'),
      );
    });

    it('rejects autoscaling presence', () => {
      const errors = errorsOf(
        withValues({ services: { presence: { autoscaling: { enabled: true } } } }),
      );
      assert.ok(
        errors.some((error) => error.startsWith('/services/presence/autoscaling/enabled ')),
        errors.join('\n'),
      );
    });

    it('explains why in the schema', () => {
      assert.match(schema.properties.services.properties.presence.description, /arbiter/);
    });

    it('lets the other services scale', () => {
      const values = withValues({
        autoscaling: { enabled: true },
        services: { routing: { replicaCount: 4, autoscaling: { enabled: true, maxReplicas: 12 } } },
      });
      assert.deepEqual(errorsOf(values), []);
    });
  });

  describe('kafka', () => {
    it('creates as many partitions as the services do, and no fewer than the default maxReplicas', () => {
      assert.equal(defaults.kafka.topicPartitions, 6);
      assert.ok(defaults.kafka.topicPartitions >= defaults.autoscaling.maxReplicas);
    });

    it('rejects a SASL mechanism without a Secret for the credentials', () => {
      const errors = errorsOf(withValues({ kafka: { sasl: { mechanism: 'scram-sha-512' } } }));
      assert.ok(
        errors.some((error) => error.startsWith('/kafka/sasl/existingSecret ')),
        errors.join('\n'),
      );
    });

    it('rejects a SASL mechanism whose sasl block has no existingSecret key at all', () => {
      const values = withRepository(defaults);
      const errors = errorsOf({
        ...values,
        kafka: { ...values.kafka, sasl: { mechanism: 'plain' } },
      });
      assert.ok(
        errors.some((error) => error.includes('existingSecret')),
        errors.join('\n'),
      );
    });

    it('rejects TLS without a Secret for the CA', () => {
      const errors = errorsOf(withValues({ kafka: { tls: { enabled: true } } }));
      assert.ok(
        errors.some((error) => error.startsWith('/kafka/tls/existingSecret ')),
        errors.join('\n'),
      );
    });

    it('rejects an unknown SASL mechanism', () => {
      const values = withValues({
        kafka: { sasl: { mechanism: 'gssapi', existingSecret: 'kafka-credentials' } },
      });
      const errors = errorsOf(values);
      assert.ok(
        errors.some((error) => error.startsWith('/kafka/sasl/mechanism ')),
        errors.join('\n'),
      );
    });

    it('rejects an unknown key under kafka.tls', () => {
      assert.notDeepEqual(errorsOf(withValues({ kafka: { tls: { caFile: '/etc/ca.crt' } } })), []);
    });

    it('accepts a full TLS (mutual) and SCRAM configuration', () => {
      const values = withValues({
        kafka: {
          brokers: ['kafka-0.kafka:9093', 'kafka-1.kafka:9093'],
          retryMaxBackoffMs: 60000,
          partitionsConcurrency: 8,
          tls: {
            enabled: true,
            existingSecret: 'kafka-client-tls',
            clientCertificate: true,
            rejectUnauthorized: true,
          },
          sasl: {
            mechanism: 'scram-sha-512',
            existingSecret: 'kafka-credentials',
            usernameKey: 'user',
            passwordKey: 'pass',
          },
        },
      });
      assert.deepEqual(errorsOf(values), []);
    });

    it('accepts SASL without TLS and TLS without SASL', () => {
      assert.deepEqual(
        errorsOf(
          withValues({
            kafka: { sasl: { mechanism: 'scram-sha-256', existingSecret: 'kafka-credentials' } },
          }),
        ),
        [],
      );
      assert.deepEqual(
        errorsOf(withValues({ kafka: { tls: { enabled: true, existingSecret: 'kafka-ca' } } })),
        [],
      );
    });
  });
});
