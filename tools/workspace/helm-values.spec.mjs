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

function errorsOf(values) {
  return validate(values) ? [] : validate.errors.map((error) => `${error.instancePath} ${error.message}`);
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
    const services = { ...values.services, [first]: { ...values.services[first], replicaCount: -1 } };
    assert.notDeepEqual(errorsOf({ ...values, services }), []);
  });

  it('rejects a misspelt top-level key', () => {
    assert.notDeepEqual(errorsOf({ ...withRepository(defaults), logLevle: 'info' }), []);
  });
});
