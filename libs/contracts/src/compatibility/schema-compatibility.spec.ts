import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compatibilityProblems, type JsonSchema } from './schema-compatibility.js';

const id = { type: 'string', minLength: 1, maxLength: 128 };
const kind = (values: string[]) => ({ type: 'string', 'x-extensible-enum': values });

/** A small published event: a required id, an optional customer object, an extensible enum. */
const published = {
  $id: 'https://schemas.example/test.json',
  title: 'Test',
  description: 'A test event',
  type: 'object',
  required: ['conversationId', 'trigger'],
  properties: {
    conversationId: id,
    customer: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 120 },
        email: { type: 'string', format: 'email' },
      },
    },
    trigger: {
      type: 'object',
      required: ['kind'],
      properties: { kind: kind(['explicit_request', 'negative_sentiment']) },
    },
    skills: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        required: ['name', 'minProficiency'],
        properties: {
          name: { type: 'string', pattern: '^[a-z]+$' },
          minProficiency: { type: 'integer', minimum: 1, maximum: 5 },
        },
      },
    },
    variables: {
      type: 'object',
      maxProperties: 64,
      propertyNames: { pattern: '^[A-Za-z_]+$' },
      additionalProperties: { type: ['string', 'number'], maxLength: 1000 },
    },
  },
} as const satisfies JsonSchema;

/** A deep, mutable copy of the published schema for a test to change. */
function copy(): any {
  return structuredClone(published);
}

function problemsAfter(change: (schema: any) => void): string[] {
  const current = copy();
  change(current);
  return compatibilityProblems(published, current);
}

describe('compatibilityProblems: allowed changes', () => {
  it('accepts an unchanged schema', () => {
    assert.deepEqual(compatibilityProblems(published, copy()), []);
  });

  it('accepts a new optional field at the top level', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.channel = { type: 'string' })),
      [],
    );
  });

  it('accepts a new optional field in a nested object', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.properties.phone = { type: 'string' })),
      [],
    );
  });

  it('accepts a new optional field inside the items of an array of objects', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.skills.items.properties.weight = { type: 'number' })),
      [],
    );
  });

  it('accepts a new optional object field that stays open', () => {
    const address = {
      type: 'object',
      required: ['city'],
      properties: { city: { type: 'string' } },
    };
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.properties.address = address)),
      [],
    );
  });

  it('accepts a new value of an extensible enum', () => {
    assert.deepEqual(
      problemsAfter((s) =>
        s.properties.trigger.properties.kind['x-extensible-enum'].push('keyword'),
      ),
      [],
    );
  });

  it('accepts reordered extensible enum values and required names', () => {
    assert.deepEqual(
      problemsAfter((s) => {
        s.properties.trigger.properties.kind['x-extensible-enum'].reverse();
        s.required.reverse();
      }),
      [],
    );
  });

  it('accepts changed, added and removed annotations', () => {
    assert.deepEqual(
      problemsAfter((s) => {
        s.$id = 'https://schemas.example/test-renamed.json';
        s.title = 'Renamed';
        delete s.description;
        s.$comment = 'a note';
        s.properties.customer.description = 'Who is chatting';
        s.properties.customer.properties.email.examples = ['ana@example.com'];
        s.properties.trigger.properties.kind.title = 'Trigger kind';
      }),
      [],
    );
  });
});

describe('compatibilityProblems: forbidden changes', () => {
  it('reports a removed field', () => {
    assert.deepEqual(
      problemsAfter((s) => delete s.properties.customer.properties.email),
      ['/customer/email: field removed'],
    );
  });

  it('reports a removed required field once, as removed', () => {
    assert.deepEqual(
      problemsAfter((s) => {
        delete s.properties.conversationId;
        s.required = ['trigger'];
      }),
      ['/conversationId: field removed'],
    );
  });

  it('reports a renamed field as removed', () => {
    assert.deepEqual(
      problemsAfter((s) => {
        s.properties.customer.properties.mail = s.properties.customer.properties.email;
        delete s.properties.customer.properties.email;
      }),
      ['/customer/email: field removed'],
    );
  });

  it('reports a new required field', () => {
    assert.deepEqual(
      problemsAfter((s) => {
        s.properties.priority = { type: 'integer' };
        s.required.push('priority');
      }),
      ['/priority: new required field'],
    );
  });

  it('reports an optional field that became required', () => {
    assert.deepEqual(
      problemsAfter((s) => s.properties.customer.required.push('email')),
      ['/customer/email: optional field became required'],
    );
  });

  it('reports a required field that became optional', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.required = [])),
      ['/customer/name: required field became optional'],
    );
  });

  it('reports a type change', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.conversationId = { ...id, type: 'integer' })),
      ['/conversationId: type changed from "string" to "integer"'],
    );
  });

  it('reports a tighter pattern', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.skills.items.properties.name.pattern = '^[a-z]{2,}$')),
      ['/skills/[]/name: pattern changed from "^[a-z]+$" to "^[a-z]{2,}$"'],
    );
  });

  it('reports a looser pattern', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.skills.items.properties.name.pattern = '^[a-z0-9]+$')),
      ['/skills/[]/name: pattern changed from "^[a-z]+$" to "^[a-z0-9]+$"'],
    );
  });

  it('reports a shorter and a longer maxLength', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.properties.name.maxLength = 60)),
      ['/customer/name: maxLength changed from 120 to 60'],
    );
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.properties.name.maxLength = 240)),
      ['/customer/name: maxLength changed from 120 to 240'],
    );
  });

  it('reports an added and a removed validation keyword', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.properties.name.minLength = 1)),
      ['/customer/name: minLength 1 added'],
    );
    assert.deepEqual(
      problemsAfter((s) => delete s.properties.customer.properties.email.format),
      ['/customer/email: format "email" removed'],
    );
  });

  it('reports changed format, range and item limits', () => {
    assert.deepEqual(
      problemsAfter((s) => {
        s.properties.customer.properties.email.format = 'idn-email';
        s.properties.skills.maxItems = 20;
        s.properties.variables.maxProperties = 32;
      }),
      [
        '/customer/email: format changed from "email" to "idn-email"',
        '/skills: maxItems changed from 10 to 20',
        '/variables: maxProperties changed from 64 to 32',
      ],
    );
  });

  it('reports a removed extensible enum value', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.trigger.properties.kind = kind(['negative_sentiment']))),
      ['/trigger/kind: known value "explicit_request" removed from x-extensible-enum'],
    );
  });

  it('reports an extensible enum turned into a closed enum', () => {
    const closed = { type: 'string', enum: ['explicit_request', 'negative_sentiment'] };
    assert.deepEqual(
      problemsAfter((s) => (s.properties.trigger.properties.kind = closed)),
      [
        '/trigger/kind: known value "explicit_request" removed from x-extensible-enum',
        '/trigger/kind: known value "negative_sentiment" removed from x-extensible-enum',
        '/trigger/kind: closed enum ["explicit_request","negative_sentiment"] replaces an extensible enum',
      ],
    );
  });

  it('reports a closed enum added beside the extensible one', () => {
    assert.deepEqual(
      problemsAfter(
        (s) =>
          (s.properties.trigger.properties.kind.enum = ['explicit_request', 'negative_sentiment']),
      ),
      [
        '/trigger/kind: closed enum ["explicit_request","negative_sentiment"] replaces an extensible enum',
      ],
    );
  });

  it('reports a closed enum on a field that had none', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.properties.name.enum = ['Ana', 'Bo'])),
      ['/customer/name: closed enum ["Ana","Bo"] replaces an open value'],
    );
  });

  it('reports a closed enum whose values changed', () => {
    const before = { type: 'object', properties: { tier: { enum: ['gold', 'silver'] } } };
    const after = { type: 'object', properties: { tier: { enum: ['gold', 'silver', 'bronze'] } } };
    assert.deepEqual(compatibilityProblems(before, after), [
      '/tier: enum changed from ["gold","silver"] to ["gold","silver","bronze"]',
    ]);
  });

  it('reports closing the top-level object', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.additionalProperties = false)),
      ['/: object closed with additionalProperties: false'],
    );
  });

  it('reports closing a nested object', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.additionalProperties = false)),
      ['/customer: object closed with additionalProperties: false'],
    );
  });

  it('reports closing an object inside the items of an array', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.skills.items.additionalProperties = false)),
      ['/skills/[]: object closed with additionalProperties: false'],
    );
  });

  it('reports a closed object in a new optional field', () => {
    const address = { type: 'object', additionalProperties: false, properties: {} };
    assert.deepEqual(
      problemsAfter((s) => (s.properties.customer.properties.address = address)),
      ['/customer/address: object closed with additionalProperties: false'],
    );
  });

  it('reports a map whose value schema was replaced by additionalProperties: false', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.variables.additionalProperties = false)),
      ['/variables: object closed with additionalProperties: false'],
    );
  });

  it('reports a nested change inside the items of an array of objects', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.skills.items.properties.minProficiency.maximum = 10)),
      ['/skills/[]/minProficiency: maximum changed from 5 to 10'],
    );
    assert.deepEqual(
      problemsAfter((s) => s.properties.skills.items.required.push('weight')),
      ['/skills/[]/weight: new required field'],
    );
  });

  it('reports a change in the value schema of a map (additionalProperties)', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.variables.additionalProperties.maxLength = 500)),
      ['/variables/*: maxLength changed from 1000 to 500'],
    );
  });

  it('reports a change in propertyNames', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.variables.propertyNames.pattern = '^[a-z_]+$')),
      ['/variables/(name): pattern changed from "^[A-Za-z_]+$" to "^[a-z_]+$"'],
    );
  });

  it('reports items replaced by a different kind of schema', () => {
    assert.deepEqual(
      problemsAfter((s) => (s.properties.skills.items = true)),
      [`/skills: items changed from ${JSON.stringify(published.properties.skills.items)} to true`],
    );
  });

  it('reports a const change', () => {
    const before = { type: 'object', properties: { specversion: { const: '1.0' } } };
    const after = { type: 'object', properties: { specversion: { const: '1.1' } } };
    assert.deepEqual(compatibilityProblems(before, after), [
      '/specversion: const changed from "1.0" to "1.1"',
    ]);
  });

  it('reports every problem of a change at once, with its path', () => {
    assert.deepEqual(
      problemsAfter((s) => {
        delete s.properties.customer.properties.email;
        s.properties.conversationId.maxLength = 64;
        s.properties.trigger.properties.kind['x-extensible-enum'] = ['explicit_request'];
      }),
      [
        '/conversationId: maxLength changed from 128 to 64',
        '/customer/email: field removed',
        '/trigger/kind: known value "negative_sentiment" removed from x-extensible-enum',
      ],
    );
  });

  it('prefixes problems with the path it is given', () => {
    assert.deepEqual(compatibilityProblems({ type: 'string' }, { type: 'number' }, '/data'), [
      '/data: type changed from "string" to "number"',
    ]);
  });
});
