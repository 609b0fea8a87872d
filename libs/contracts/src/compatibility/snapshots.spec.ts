import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cloudEventEnvelopeSchema } from '../cloudevents/cloud-event.schema.js';
import { eventCatalog } from '../events/catalog.js';
import { compatibilityProblems, type JsonSchema } from './schema-compatibility.js';

const snapshotsDir = new URL('../../snapshots/', import.meta.url);

const schemas: [name: string, schema: JsonSchema][] = [
  ...Object.entries(eventCatalog).map(([type, entry]): [string, JsonSchema] => [
    type,
    entry.schema,
  ]),
  ['cloudevents-envelope', cloudEventEnvelopeSchema],
];

function snapshotPath(name: string): string {
  return fileURLToPath(new URL(`${name}.json`, snapshotsDir));
}

function readSnapshot(name: string): JsonSchema {
  return JSON.parse(readFileSync(snapshotPath(name), 'utf8')) as JsonSchema;
}

describe('published schema snapshots (libs/contracts/COMPATIBILITY.md)', () => {
  for (const [name, schema] of schemas) {
    it(`${name} is compatible with its snapshot`, () => {
      assert.ok(
        existsSync(snapshotPath(name)),
        `${name} has no snapshot; record it with \`npm run contracts:snapshot\``,
      );
      assert.deepEqual(compatibilityProblems(readSnapshot(name), schema), []);
    });
  }

  it('fails when a field of a published schema is removed', () => {
    const snapshot = readSnapshot('handoff.escalation.requested');
    const current = structuredClone(snapshot) as any;
    delete current.properties.trigger.properties.matchedText;
    assert.deepEqual(compatibilityProblems(snapshot, current), [
      '/trigger/matchedText: field removed',
    ]);
  });
});
