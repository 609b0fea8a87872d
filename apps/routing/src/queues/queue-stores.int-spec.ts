import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import mongoose, { type Connection, type Model } from 'mongoose';
import { OfferRecord, OfferSchema, OfferStore } from './offer-store.js';
import { QueueEntryRecord, QueueEntrySchema } from './queue-entry.schema.js';
import { QueueStore } from './queue-store.js';
import type { QueueEntry } from './tenant-queue.js';

const dbName = uniqueName('int_routing_queues');
let connection: Connection;
let queues: QueueStore;
let offers: OfferStore;

function entry(tenantId: string, conversationId: string): QueueEntry {
  return {
    escalationId: `esc:${conversationId}`,
    conversationId,
    tenantId,
    channel: 'web',
    requirements: { language: 'pt-BR', skills: [{ name: 'billing', minProficiency: 3 }] },
    priority: 5,
    enqueuedAt: new Date('2026-11-30T10:00:00.000Z'),
    queue: 'billing-vip',
    preferredAgentId: 'ana',
    declinedBy: ['bo'],
    admitted: true,
    stored: false,
  };
}

describe('queue and offer stores (real store)', () => {
  before(async () => {
    connection = await mongoose
      .createConnection(integrationInfra().mongoUrl, { dbName })
      .asPromise();
    queues = new QueueStore(
      connection.model(
        QueueEntryRecord.name,
        QueueEntrySchema,
      ) as unknown as Model<QueueEntryRecord>,
    );
    offers = new OfferStore(
      connection.model(OfferRecord.name, OfferSchema) as unknown as Model<OfferRecord>,
    );
  });

  after(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('keeps what a waiting conversation needs across a restart, its queue and preferred agent included', async () => {
    const waiting = entry('acme', 'c1');
    await queues.append([waiting, entry('globex', 'g1')], 2);
    await queues.append([waiting], 2);
    const [loaded, ...more] = await queues.load('acme');
    assert.equal(more.length, 0, 'appended twice, stored once');
    assert.deepEqual(loaded, { ...waiting, stored: true });
  });

  it('finds the tenants stored for the partitions an instance is given', async () => {
    await queues.append([entry('initech', 'i1'), entry('initech', 'i2')], 5);
    const offered = entry('umbrella', 'u1');
    await offers.append(
      [
        {
          offerId: 'offer:u1:ana',
          entry: offered,
          agentId: 'ana',
          displayName: 'Ana',
          expiresAt: new Date('2026-11-30T10:00:30.000Z'),
          stored: false,
        },
      ],
      5,
    );
    const sorted = (found: { tenantId: string; partition: number }[]) =>
      [...found].sort((a, b) => a.tenantId.localeCompare(b.tenantId));
    assert.deepEqual(sorted(await queues.tenantsIn([5, 7])), [
      { tenantId: 'initech', partition: 5 },
    ]);
    assert.deepEqual(sorted(await queues.tenantsIn([2])), [
      { tenantId: 'acme', partition: 2 },
      { tenantId: 'globex', partition: 2 },
    ]);
    assert.deepEqual(await offers.tenantsIn([5]), [{ tenantId: 'umbrella', partition: 5 }]);
    const [offer] = await offers.load('umbrella');
    assert.equal(offer?.entry.queue, 'billing-vip');
    assert.equal(offer?.entry.preferredAgentId, 'ana');

    await queues.remove(await queues.load('initech'));
    assert.deepEqual(await queues.tenantsIn([5]), []);
  });
});
