import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { HealthModule, MongoModule, parseJsonConfig } from '@handoff/service-kit';
import { integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import type { Connection } from 'mongoose';
import { ConversationStates } from '../conversations/conversation-states.js';
import { ConversationStatesModule } from '../conversations/conversation-states.module.js';
import { ConversationStore } from '../conversations/conversation-store.js';
import { ConversationStoreModule } from '../conversations/conversation-store.module.js';
import { privacyFileSchema } from './privacy-config.js';
import { PrivacyModule } from './privacy.module.js';
import { RetentionSweeper } from './retention.js';

const dbName = uniqueName('int_retention');
const now = Date.UTC(2026, 10, 27, 12);
const daysAgo = (days: number) => new Date(now - days * 86_400_000);

const settings = parseJsonConfig(
  privacyFileSchema,
  JSON.stringify({
    tenants: { acme: { retentionDays: 30 }, keeper: {}, '*': { retentionDays: 7 } },
  }),
  'privacy file',
);

let states: ConversationStates;

describe('retention, against a real MongoDB-compatible store', () => {
  let app: INestApplication | undefined;
  let store: ConversationStore;

  before(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        HealthModule,
        MongoModule.forRoot({ url: integrationInfra().mongoUrl, dbName }),
        ConversationStoreModule,
        ConversationStatesModule.register({ cacheSize: 100 }),
        PrivacyModule.register({ settings, sweepMs: 3_600_000 }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
    await app.init();
    store = app.get(ConversationStore);
    states = app.get(ConversationStates);
  });

  after(async () => {
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  async function stored(tenantId: string, age: number): Promise<string> {
    const conversationId = uniqueName(`conv_${tenantId}_${age}`);
    await store.appendConversations(
      [
        {
          _id: conversationId,
          tenantId,
          channel: 'web',
          language: 'en',
          customer: { customerId: 'cust-1', email: 'carla@example.com' },
          startedAt: daysAgo(age),
        },
      ],
      0,
    );
    await store.appendMessages([
      {
        _id: `msg:${conversationId}`,
        conversationId,
        tenantId,
        messageId: 'm1',
        sender: 'customer',
        text: 'my card is 4111 1111 1111 1111',
        sentAt: daysAgo(age),
        seq: 1,
      },
    ]);
    await store.appendNotes([
      {
        _id: `note:${conversationId}`,
        conversationId,
        tenantId,
        agentId: 'a',
        text: 'n',
        at: daysAgo(age),
      },
    ]);
    states.set(conversationId, 0, { tenantId, language: 'en', channel: 'web', variables: {} });
    return conversationId;
  }

  it("deletes conversations older than their tenant's retention with every record, and keeps the rest", async () => {
    const acmeOld = await stored('acme', 31);
    const acmeRecent = await stored('acme', 29);
    const otherOld = await stored(uniqueName('globex'), 8);
    const otherRecent = await stored(uniqueName('globex'), 6);
    const kept = await stored('keeper', 400);

    const purged = await app!.get(RetentionSweeper).sweep(now);

    assert.equal(purged, 2);
    for (const gone of [acmeOld, otherOld]) {
      assert.equal(await store.view(gone, gone.split('_')[1]!), null, `${gone} is deleted`);
      assert.equal(states.has(gone), false, `${gone} left memory`);
    }
    const connection = app!.get<Connection>(getConnectionToken());
    for (const collection of ['messages', 'notes'])
      assert.equal(
        await connection
          .collection(collection)
          .countDocuments({ conversationId: { $in: [acmeOld, otherOld] } }),
        0,
        `no ${collection} of deleted conversations remain`,
      );
    for (const conversationId of [acmeRecent, otherRecent, kept])
      assert.equal(
        await connection.collection('messages').countDocuments({ conversationId }),
        1,
        `${conversationId} keeps its transcript`,
      );
    assert.equal(await app!.get(RetentionSweeper).sweep(now), 0, 'a second sweep finds nothing');
  });
});
