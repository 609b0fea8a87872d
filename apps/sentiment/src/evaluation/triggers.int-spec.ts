import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import {
  escalationRequestedType,
  messageRecordedType,
  sentimentScoredType,
  triggersPublishedType,
  Topics,
  type MessageRecorded,
  type TriggerRules,
} from '@handoff/contracts';
import { EventBus, on } from '@handoff/messaging/testing';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import { SignalsStore } from '../signals/signals.store.js';
import { TenantRules } from '../tenant-rules/tenant-rules.js';
import { startSentiment, stopSentiment } from '../testing/sentiment-under-test.js';

const infra = integrationInfra();
const name = uniqueName('int_triggers');
const tenantId = `tenant_${name}`;
const bus = new EventBus(infra.brokers, name);
let app: INestApplication | undefined;
let clock = Date.parse('2026-11-27T09:00:00Z');

type Sent = Partial<MessageRecorded> & { tenant?: string };

/** A conversation as the conversation service records it, message by message. */
function conversation(extra: Sent = {}) {
  const conversationId = uniqueName('conv');
  let count = 0;
  const say = (
    sender: 'customer' | 'bot',
    text: string,
    bot?: MessageRecorded['message']['bot'],
  ) => {
    count += 1;
    clock += 60_000;
    return on(messageRecordedType, {
      conversationId,
      tenantId: extra.tenant ?? tenantId,
      language: extra.language ?? 'en',
      channel: 'web',
      variables: extra.variables ?? {},
      fallbacks: extra.fallbacks ?? 0,
      ...(extra.customerTier ? { customerTier: extra.customerTier } : {}),
      message: {
        messageId: `m${count}`,
        sender,
        text,
        sentAt: new Date(clock).toISOString(),
        ...(bot ? { bot } : {}),
      },
    });
  };
  return {
    conversationId,
    customer: (text: string) => say('customer', text),
    bot: (text: string, bot?: MessageRecorded['message']['bot']) => say('bot', text, bot),
    escalation: () =>
      bus.received(
        escalationRequestedType,
        (data) => data.conversationId === conversationId,
        `escalation of ${conversationId}`,
      ),
    escalations: () =>
      bus.all(escalationRequestedType, (data) => data.conversationId === conversationId),
  };
}

async function publishRules(tenant: string, version: number, rules: TriggerRules): Promise<void> {
  await bus.publish(
    on(triggersPublishedType, {
      tenantId: tenant,
      version,
      rules,
      publishedAt: new Date().toISOString(),
    }),
  );
}

describe('escalation triggers on the real broker and store', () => {
  before(async () => {
    app = await startSentiment(infra, name);
    await bus.start([Topics.Escalations, Topics.SentimentScores, Topics.DeadLetter]);
    // The rule triggers are each shown alone: the trained score, which often fires earlier, has its own case.
    await publishRules(tenantId, 1, { escalationScore: { enabled: false } });
    await eventually(
      'the rules in use',
      () => app!.get(TenantRules).of(tenantId).version === 1 || undefined,
    );
  });
  after(async () => {
    await bus.stop();
    await stopSentiment(app, true);
  });

  it('scores every customer message with frustration, language and the trajectory', async () => {
    const talk = conversation({ language: 'es' });
    await bus.publish(
      talk.customer('Hola, tengo una duda'),
      talk.customer('Esto es horrible, estoy harto'),
    );
    // A score published again after a retried batch has the same id: wait for both messages'.
    const last = await eventually(
      'the second message scored',
      () =>
        bus
          .all(sentimentScoredType, (data) => data.conversationId === talk.conversationId)
          .find((event) => event.data.messageId === 'm2')?.data,
    );
    assert.equal(last.language, 'es');
    assert.ok(last.sentiment.score < -0.5);
    assert.ok(last.frustration! > 0.3);
    assert.equal(last.trajectory!.turns, 2);
    assert.ok(last.trajectory!.change < 0);
  });

  const cases: {
    kind: string;
    explains: RegExp;
    build: () => ReturnType<typeof conversation> & { messages: ReturnType<typeof on>[] };
  }[] = [
    {
      kind: 'explicit_request',
      explains: /asked to talk to a human \(de phrasing\)/,
      build: () => {
        const talk = conversation({ language: 'de' });
        return { ...talk, messages: [talk.customer('Ich möchte mit einem Mitarbeiter sprechen')] };
      },
    },
    {
      kind: 'keyword',
      explains: /"legal" keywords/,
      build: () => {
        const talk = conversation({ language: 'pt' });
        return { ...talk, messages: [talk.customer('Vou falar com meu advogado')] };
      },
    },
    {
      kind: 'sentiment',
      explains: /below the tenant's -0\.6/,
      build: () => {
        const talk = conversation({ language: 'fr' });
        return { ...talk, messages: [talk.customer("C'est affreux, horrible")] };
      },
    },
    {
      kind: 'repetition',
      explains: /same thing 3 times/,
      build: () => {
        const talk = conversation();
        const ask = () => talk.customer('Where is my order 5521?');
        return {
          ...talk,
          messages: [ask(), talk.bot('Checking.'), ask(), talk.bot('Still checking.'), ask()],
        };
      },
    },
    {
      kind: 'bot_trouble',
      explains: /fell back 2 times/,
      build: () => {
        const talk = conversation({ fallbacks: 2 });
        return { ...talk, messages: [talk.bot("Sorry, I didn't get that.", { fallback: true })] };
      },
    },
    {
      kind: 'loop',
      explains: /same answer 3 times/,
      build: () => {
        const talk = conversation();
        const answer = () => talk.bot('Please restart your router.');
        return {
          ...talk,
          messages: [
            answer(),
            talk.customer('did that'),
            answer(),
            talk.customer('again?'),
            answer(),
          ],
        };
      },
    },
    {
      kind: 'business_rule',
      explains: /Fifteen customer turns/,
      build: () => {
        const talk = conversation();
        const messages = Array.from({ length: 15 }, (_, turn) => talk.customer(`step ${turn}`));
        return { ...talk, messages };
      },
    },
  ];
  for (const { kind, explains, build } of cases) {
    it(`escalates on the ${kind} trigger, with its explanation and evidence`, async () => {
      const talk = build();
      await bus.publish(...talk.messages);
      const { data, id } = await talk.escalation();
      assert.equal(data.trigger.kind, kind);
      assert.match(data.trigger.explanation, explains);
      assert.ok(data.triggers!.some((fired) => fired.kind === kind));
      assert.equal(id, data.escalationId);
      assert.ok(data.priority! >= 1);
    });
  }

  it("escalates on the trained score alone, under a tenant's rules taken at run time", async () => {
    const scoreOnly = `${tenantId}_score`;
    const off = { enabled: false };
    await publishRules(scoreOnly, 1, {
      explicitRequest: off,
      keywords: off,
      sentiment: off,
      repetition: off,
      botTrouble: off,
      loops: off,
      businessRules: [],
      escalationScore: { threshold: 0.3 },
    });
    await eventually(
      'the rule set in use',
      () => app!.get(TenantRules).of(scoreOnly).version === 1 || undefined,
    );
    const talk = conversation({ tenant: scoreOnly, fallbacks: 3 });
    await bus.publish(
      talk.customer('my internet is down'),
      talk.bot("Sorry, I didn't get that.", { fallback: true, confidence: 0.2 }),
      talk.customer('THIS IS USELESS!!! my internet is DOWN'),
      talk.bot("Sorry, I didn't get that.", { fallback: true, confidence: 0.2 }),
      talk.customer('I am furious, this is the worst service ever!!!'),
    );
    const { data } = await talk.escalation();
    assert.deepEqual(
      data.triggers!.map((fired) => fired.kind),
      ['escalation_score'],
    );
    assert.match(data.trigger.explanation, /escalation model .* scores the conversation/);
  });

  it('dead-letters a rule set that does not compile, saying what is wrong, and keeps the previous one', async () => {
    const tenant = `${tenantId}_rules`;
    await publishRules(tenant, 1, {
      keywords: { lists: [{ name: 'outage', terms: ['no signal'] }] },
    });
    await eventually(
      'version 1 in use',
      () => app!.get(TenantRules).of(tenant).version === 1 || undefined,
    );
    await publishRules(tenant, 2, { businessRules: [{ name: 'broken', when: 'turns >>' }] });
    const dead = await eventually('the refused set', () =>
      bus.deadLetters().find(({ value }) => value.includes(tenant)),
    );
    assert.match(
      dead.reason,
      /rule set 2 of tenant .* refused: businessRules\.0\.when: the expression does not parse/,
    );
    const talk = conversation({ tenant });
    await bus.publish(talk.customer('My line has NO SIGNAL since Monday'));
    const { data } = await talk.escalation();
    assert.equal(data.trigger.rule, 'keywords.outage');
    assert.equal(app!.get(TenantRules).of(tenant).version, 1);
  });

  it("names the skills a tenant maps the bot's intent to, intent names with dots included", async () => {
    const tenant = `${tenantId}_skills`;
    await publishRules(tenant, 1, { intentSkills: { 'billing.refund': 'billing' } });
    await eventually(
      'the skills in use',
      () => app!.get(TenantRules).of(tenant).version === 1 || undefined,
    );
    const talk = conversation({ tenant });
    await bus.publish(
      talk.customer('I was charged twice'),
      talk.bot('Let me look at your refund.', { intent: 'billing.refund', confidence: 0.9 }),
      talk.customer('I want to talk to a human'),
    );
    const { data } = await talk.escalation();
    assert.deepEqual([data.intent, data.skills], ['billing.refund', ['billing']]);
  });

  it('escalates once per episode, and publishes the same escalation again for a redelivered message', async () => {
    const talk = conversation();
    const ask = talk.customer('I want to talk to a human');
    await bus.publish(ask, talk.customer('A HUMAN NOW, this is terrible!!!'));
    const first = await talk.escalation();
    await bus.publish(ask);
    await eventually('the redelivery answered', () =>
      talk.escalations().length === 2 ? true : undefined,
    );
    assert.deepEqual(
      new Set(talk.escalations().map(({ data }) => data.escalationId)),
      new Set([first.data.escalationId]),
    );
  });

  it('carries the signals over a restart: a repeat counted before it fires after it', async () => {
    const talk = conversation();
    const ask = () => talk.customer('Why was I charged twice this month?');
    await bus.publish(ask(), ask());
    await eventually(
      'two scores',
      () =>
        bus.all(sentimentScoredType, (data) => data.conversationId === talk.conversationId)
          .length === 2 || undefined,
    );
    // The hourly sweep keeps the newest snapshot of each conversation, so a restart reads that one.
    await app!.get(SignalsStore).sweep(new Date(0));
    const snapshots = app!.get<Connection>(getConnectionToken()).collection('conversation_signals');
    const key = `${tenantId}/${talk.conversationId}`;
    assert.equal(await snapshots.countDocuments({ key }), 1);
    await stopSentiment(app);
    app = await startSentiment(infra, name);
    await bus.publish(ask());
    const { data } = await talk.escalation();
    assert.equal(data.trigger.kind, 'repetition');
  });
});
