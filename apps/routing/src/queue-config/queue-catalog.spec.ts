import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@handoff/service-kit';
import { isOpen } from './business-hours.js';
import { QueueCatalog } from './queue-catalog.js';
import { parseQueueConfig } from './load-queue-config.js';

const config = parseQueueConfig(
  JSON.stringify({
    tenants: {
      acme: {
        queues: [
          {
            name: 'billing-vip',
            match: { topics: ['billing'], minPriority: 5 },
            skills: [{ name: 'billing', minProficiency: 4 }],
            relax: [
              { afterSeconds: 30, minProficiency: 2 },
              { afterSeconds: 60, languages: ['en'] },
              { afterSeconds: 120, overflowTo: 'general' },
            ],
          },
          { name: 'billing', match: { topics: ['billing'] }, strategy: 'least_loaded' },
          { name: 'portuguese', match: { languages: ['pt'] } },
          { name: 'email', match: { channels: ['email'] } },
          { name: 'general', match: { channels: ['chat', 'messaging'] }, strategy: 'round_robin' },
        ],
      },
    },
  }),
);
const catalog = new QueueCatalog(config);
const queueFor = (arrival: Parameters<QueueCatalog['select']>[1]) => {
  const selected = catalog.select('acme', arrival);
  return 'queue' in selected ? selected.queue.name : selected.rejected;
};

describe('QueueCatalog', () => {
  it("puts an escalation in the tenant's first queue whose criteria it meets", () => {
    assert.equal(queueFor({ topic: 'billing', language: 'en', priority: 5 }), 'billing-vip');
    assert.equal(queueFor({ topic: 'billing', language: 'en', priority: 0 }), 'billing');
    assert.equal(queueFor({ language: 'pt-BR', priority: 0 }), 'portuguese');
    assert.equal(queueFor({ language: 'de', channel: 'email', priority: 0 }), 'email');
    assert.equal(queueFor({ topic: 'returns', language: 'de', priority: 0 }), 'general');
  });

  it('says why when no queue takes it, or the tenant is unknown', () => {
    assert.equal(
      queueFor({ language: 'de', channel: 'voice', priority: 0 }),
      'no queue of tenant acme takes topic (none), language de, channel voice',
    );
    assert.deepEqual(catalog.select('globex', { language: 'en', priority: 0 }), {
      rejected: 'tenant globex has no routing configuration',
    });
  });

  it('relaxes step by step as the wait grows, then overflows keeping the wait', () => {
    const asked = { language: 'fr', skills: [{ name: 'billing', minProficiency: 1 }] };
    const at = (seconds: number) => catalog.placing('acme', 'billing-vip', asked, seconds)!;
    assert.deepEqual(at(10).requirements.skills, [{ name: 'billing', minProficiency: 4 }]);
    assert.equal(at(10).nextStepAfterSeconds, 30);
    assert.deepEqual(at(30).requirements.skills, [{ name: 'billing', minProficiency: 2 }]);
    assert.deepEqual(at(30).otherLanguages, []);
    assert.deepEqual(at(60).otherLanguages, ['en']);
    assert.equal(at(60).nextStepAfterSeconds, 120);
    const overflowed = at(120);
    assert.equal(overflowed.queue.name, 'general');
    assert.equal(overflowed.queue.strategy, 'round_robin');
    assert.deepEqual(
      overflowed.requirements.skills,
      asked.skills,
      "the new queue's skills (none configured: the escalation's)",
    );
    assert.deepEqual(overflowed.otherLanguages, ['en'], 'languages added before stay added');
    assert.equal(overflowed.nextStepAfterSeconds, undefined);
  });

  it('stops overflowing in a circle', () => {
    const circular = new QueueCatalog(
      parseQueueConfig(
        JSON.stringify({
          tenants: {
            '*': {
              queues: [
                { name: 'a', relax: [{ afterSeconds: 10, overflowTo: 'b' }] },
                { name: 'b', relax: [{ afterSeconds: 5, overflowTo: 'a' }] },
              ],
            },
          },
        }),
      ),
    );
    const placing = circular.placing('anyone', 'a', { language: 'en', skills: [] }, 60);
    assert.equal(placing?.queue.name, 'b', 'a overflowed to b, and b does not go back');
  });
});

describe('queue file validation', () => {
  const problems = (file: unknown) => {
    try {
      parseQueueConfig(JSON.stringify(file));
      return '';
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.message;
    }
  };

  it('lists every problem with where it is', () => {
    const message = problems({
      tenants: {
        acme: {
          businessHours: { timeZone: 'Mars/Olympus', weekly: { mon: ['9-17'] } },
          queues: [
            { name: 'Sales', strategy: 'fastest' },
            { name: 'x', relax: [{ afterSeconds: 10, overflowTo: 'nowhere' }], maxSize: -1 },
            { name: 'x', whenFull: 'wait' },
          ],
        },
      },
    });
    for (const expected of [
      'tenants.acme.businessHours.timeZone: not a known IANA time zone',
      'tenants.acme.businessHours.weekly.mon.0: HH:MM-HH:MM',
      'tenants.acme.queues.0.name',
      'tenants.acme.queues.0.strategy',
      'tenants.acme.queues.1.maxSize',
      'tenants.acme.queues.2.whenFull',
    ])
      assert.ok(message.includes(expected), `${expected} in:\n${message}`);
  });

  it('refuses duplicate queues, overflow to an unknown queue, steps that change nothing, and no tenant', () => {
    const message = problems({
      tenants: {
        acme: {
          queues: [
            {
              name: 'x',
              relax: [{ afterSeconds: 10, overflowTo: 'nowhere' }, { afterSeconds: 20 }],
            },
            { name: 'x' },
          ],
        },
      },
    });
    assert.match(message, /queue x is defined twice/);
    assert.match(message, /queue x overflows to nowhere, which is not a queue of the tenant/);
    assert.match(message, /a relaxation step lowers the proficiency, adds languages or overflows/);
    assert.match(problems({ tenants: {} }), /no tenant is configured/);
    assert.match(problems({ tenants: { acme: { queues: [] } } }), /tenants\.acme\.queues/);
    assert.throws(() => parseQueueConfig('{ not json'), /not JSON/);
  });
});

describe('business hours', () => {
  const hours = {
    timeZone: 'America/New_York',
    weekly: { mon: ['09:00-17:00'], sat: ['22:00-02:00'] },
    closedOn: ['2026-12-28'],
  };

  it('are read in the time zone given', () => {
    // Monday 30 Nov 2026: 13:59 UTC is 08:59 in New York, 14:00 UTC is 09:00.
    assert.equal(isOpen(hours, new Date('2026-11-30T13:59:00Z')), false);
    assert.equal(isOpen(hours, new Date('2026-11-30T14:00:00Z')), true);
    assert.equal(isOpen(hours, new Date('2026-11-30T21:59:00Z')), true);
    assert.equal(isOpen(hours, new Date('2026-11-30T22:00:00Z')), false, 'the end is excluded');
    assert.equal(isOpen(hours, new Date('2026-12-01T15:00:00Z')), false, 'Tuesday is not given');
  });

  it('close on listed days and run past midnight', () => {
    assert.equal(isOpen(hours, new Date('2026-12-28T15:00:00Z')), false, 'a closed Monday');
    assert.equal(isOpen(hours, new Date('2026-12-06T04:00:00Z')), true, 'Saturday 23:00 local');
    assert.equal(isOpen(hours, new Date('2026-12-06T06:30:00Z')), true, 'Sunday 01:30 local');
    assert.equal(isOpen(hours, new Date('2026-12-06T07:00:00Z')), false, 'Sunday 02:00 local');
    assert.equal(isOpen(hours, new Date('2026-12-05T05:30:00Z')), false, 'Saturday 00:30 local');
    assert.equal(isOpen(undefined, new Date()), true, 'no hours: always open');
  });
});
