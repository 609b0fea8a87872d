import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudEventEnvelopeSchema } from '../cloudevents/cloud-event.schema.js';
import { eventCatalog } from '../events/catalog.js';
import { compatibilityProblems, type JsonSchema } from './schema-compatibility.js';

/**
 * Records the published schema of every event type, and of the envelope, in libs/contracts/snapshots.
 * Refuses (exit 1, writing nothing) when a current schema breaks its snapshot: a breaking change
 * needs a new topic version, not a new snapshot (see COMPATIBILITY.md).
 */
const snapshotsDir = fileURLToPath(new URL('../../snapshots/', import.meta.url));

const schemas: [name: string, schema: JsonSchema][] = [
  ...Object.entries(eventCatalog).map(([type, entry]): [string, JsonSchema] => [
    type,
    entry.schema,
  ]),
  ['cloudevents-envelope', cloudEventEnvelopeSchema],
];

const problems: string[] = [];
for (const [name, schema] of schemas) {
  const file = `${snapshotsDir}${name}.json`;
  if (!existsSync(file)) continue;
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
  problems.push(...compatibilityProblems(snapshot, schema).map((problem) => `${name} ${problem}`));
}

if (problems.length > 0) {
  console.error('Refusing to update the snapshots: these changes break the published schemas');
  console.error('(see libs/contracts/COMPATIBILITY.md; publish a new topic version instead):');
  for (const problem of problems) console.error(`  ${problem}`);
  process.exitCode = 1;
} else {
  mkdirSync(snapshotsDir, { recursive: true });
  for (const [name, schema] of schemas) {
    const file = `${snapshotsDir}${name}.json`;
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (previous === text) continue;
    writeFileSync(file, text);
    console.log(`${previous === undefined ? 'created' : 'updated'} ${file}`);
  }
  const known = new Set(schemas.map(([name]) => `${name}.json`));
  for (const file of readdirSync(snapshotsDir).filter((f) => !known.has(f))) {
    console.warn(`warning: ${snapshotsDir}${file} matches no event type in the catalog`);
  }
  console.log(`snapshots of ${schemas.length} schemas are up to date in ${snapshotsDir}`);
}
