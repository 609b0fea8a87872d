import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Parser } from '@asyncapi/parser';
import { allTopics } from '../topics.js';
import { eventCatalog } from '../events/catalog.js';
import { renderAsyncApi } from './render-asyncapi.js';

const committedPath = fileURLToPath(new URL('../../asyncapi.yaml', import.meta.url));
const errorSeverity = 0;

describe('asyncapi.yaml', () => {
  const committed = readFileSync(committedPath, 'utf8');
  const parser = new Parser();
  let parsed: Awaited<ReturnType<Parser['parse']>>;

  // Parsing runs the full AsyncAPI ruleset; once is enough for all checks.
  before(async () => {
    parsed = await parser.parse(committed);
  });

  it('matches the event catalog (regenerate with `npx nx run contracts:generate`)', () => {
    assert.equal(committed, renderAsyncApi());
  });

  it('is a valid AsyncAPI 3 document', async () => {
    const { document, diagnostics } = parsed;
    const errors = diagnostics
      .filter((d) => d.severity === errorSeverity)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    assert.deepEqual(errors, []);
    assert.ok(document);
    assert.equal(document.version(), '3.0.0');
  });

  it('records every topic and every event type', () => {
    const { document } = parsed;
    const addresses = document!
      .channels()
      .all()
      .map((channel) => channel.address());
    assert.deepEqual([...addresses].sort(), [...allTopics].sort());
    const messageNames = document!
      .components()
      .messages()
      .all()
      .map((message) => message.name());
    for (const type of Object.keys(eventCatalog))
      assert.ok(messageNames.includes(type), `${type} is documented`);
  });

  it('rejects a broken document, so the check above can fail', async () => {
    const { diagnostics } = await parser.parse('asyncapi: 3.0.0\ninfo: {}\n');
    assert.ok(diagnostics.some((d) => d.severity === errorSeverity));
  });
});
