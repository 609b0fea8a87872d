import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Topics,
  addNoteType,
  agentMessageSentType,
  commandResultType,
  conversationClosedType,
  conversationControlRequestedType,
  conversationStartedType,
  csatAnsweredType,
  csatRecordedType,
  customerNotificationRequestedType,
  escalationRequestedType,
  handoffRatedType,
  messagePostedType,
  resolveConversationType,
  returnToBotType,
  routingDecidedType,
  sendAgentMessageType,
} from '@handoff/contracts';
import { getConnectionToken } from '@nestjs/mongoose';
import { eventually, integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import type { Connection } from 'mongoose';
import { EventBus, on } from '@handoff/messaging/testing';
import { startConversationUnderTest } from '../testing/conversation-under-test.js';

const runName = uniqueName('int_agent_actions');
const tenantId = `tenant_${runName}`;
const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();

let service: Awaited<ReturnType<typeof startConversationUnderTest>>;
let bus: EventBus;

/** A conversation in `language` that escalated. */
function escalated(conversationId: string, language: string): Promise<void> {
  return bus.publish(
    on(conversationStartedType, {
      conversationId,
      tenantId,
      channel: 'whatsapp',
      language,
      customer: { customerId: `cust_${conversationId}`, displayName: 'Carla' },
      startedAt: at(0),
    }),
    on(messagePostedType, {
      conversationId,
      tenantId,
      messageId: 'm-1',
      sender: 'customer',
      text: 'Quiero hablar con una persona',
      sentAt: at(1),
    }),
    on(escalationRequestedType, {
      escalationId: `esc_${conversationId}`,
      conversationId,
      tenantId,
      language,
      trigger: { kind: 'explicit_request', explanation: 'asked for a person', messageId: 'm-1' },
      sentiment: { score: -0.2, label: 'negative' },
      variables: {},
      requestedAt: at(2),
    }),
  );
}

/** Routing's decision that Ana has it. */
function assign(conversationId: string, language: string): Promise<void> {
  return bus.publish(
    on(routingDecidedType, {
      decisionId: `decision_${conversationId}`,
      escalationId: `esc_${conversationId}`,
      conversationId,
      tenantId,
      outcome: 'assigned',
      requirements: { language, skills: [] },
      agent: { agentId: 'agent-ana', displayName: 'Ana' },
      decidedAt: at(3),
    }),
  );
}

/** Waits until the service has stored a record of the conversation in the collection. */
function storedIn(collection: string, conversationId: string): Promise<boolean> {
  const records = service.app.get<Connection>(getConnectionToken()).collection(collection);
  const field = collection === 'conversations' ? '_id' : 'conversationId';
  return eventually(
    `${conversationId} in ${collection}`,
    async () => (await records.countDocuments({ [field]: conversationId } as never)) > 0,
    30_000,
  );
}

/** A conversation in `language` that escalated and was assigned to Ana, as this service knows. */
async function assignedToAna(conversationId: string, language: string): Promise<void> {
  await escalated(conversationId, language);
  await assign(conversationId, language);
  await storedIn('decisions', conversationId);
}

const command = (commandId: string, conversationId: string, agentId = 'agent-ana') => ({
  commandId,
  tenantId,
  agentId,
  conversationId,
  requestedAt: at(20),
});

const resultOf = (commandId: string) =>
  bus.received(
    commandResultType,
    (result) => result.commandId === commandId,
    `result of ${commandId}`,
  );

describe("agents' commands on a conversation, over the real broker and store", () => {
  before(async () => {
    const infra = integrationInfra();
    service = await startConversationUnderTest({
      name: runName,
      brokers: infra.brokers,
      mongoUrl: infra.mongoUrl,
    });
    bus = new EventBus(infra.brokers, runName);
    await bus.start([
      Topics.AgentCommandResults,
      Topics.AgentMessages,
      Topics.ConversationLifecycle,
      Topics.ConversationControl,
      Topics.CustomerNotifications,
      Topics.Feedback,
      Topics.DeadLetter,
    ]);
  });

  after(async () => {
    await bus?.stop();
    await service?.close();
  });

  it('lets the holder write to the customer and refuses everyone else, with reasons', async () => {
    const conversationId = `conv_${runName}_write`;
    await assignedToAna(conversationId, 'es');
    await bus.publish(
      on(sendAgentMessageType, { ...command('w-bob', conversationId, 'agent-bob'), text: 'Hola' }),
      on(sendAgentMessageType, {
        ...command('w-ana', conversationId),
        text: 'Hola Carla, soy Ana',
      }),
      on(sendAgentMessageType, {
        ...command('w-intruder', conversationId),
        tenantId: `intruder_${runName}`,
        text: '<script>alert(1)</script>',
      }),
      on(addNoteType, { ...command('n-bob', conversationId, 'agent-bob'), text: 'Cliente VIP' }),
    );

    assert.deepEqual(
      [(await resultOf('w-bob')).data.status, (await resultOf('w-bob')).data.reason],
      ['refused', `conversation ${conversationId} is held by another agent`],
    );
    assert.equal((await resultOf('w-intruder')).data.status, 'refused');
    assert.equal((await resultOf('w-ana')).data.status, 'done');
    assert.equal((await resultOf('n-bob')).data.status, 'done', "a colleague's note is taken");
    const sent = await bus.received(
      agentMessageSentType,
      (m) => m.conversationId === conversationId,
    );
    assert.deepEqual(
      [sent.data.agentId, sent.data.agentDisplayName, sent.data.channel, sent.data.text],
      ['agent-ana', 'Ana', 'whatsapp', 'Hola Carla, soy Ana'],
    );
    assert.equal(
      bus.all(agentMessageSentType, (m) => m.conversationId === conversationId).length,
      1,
    );
  });

  it('lets a command sent right after the assignment wait for it to arrive', async () => {
    const conversationId = `conv_${runName}_race`;
    await escalated(conversationId, 'en');
    await storedIn('conversations', conversationId);
    // The desk saw the decision before this service did: the command may be read first.
    const publishing = assign(conversationId, 'en');
    await bus.publish(
      on(sendAgentMessageType, {
        ...command('w-race', conversationId),
        text: 'Hi, Ana here',
        requestedAt: new Date().toISOString(),
      }),
    );
    await publishing;
    assert.equal((await resultOf('w-race')).data.status, 'done');
  });

  it("keeps the bot quiet while Ana holds the conversation, and stores only the customer's words", async () => {
    const conversationId = `conv_${runName}_quiet`;
    await assignedToAna(conversationId, 'es');
    await bus.publish(
      on(messagePostedType, {
        conversationId,
        tenantId,
        messageId: 'bot-late',
        sender: 'bot',
        text: '¿Algo más?',
        sentAt: at(10),
      }),
      on(messagePostedType, {
        conversationId,
        tenantId,
        messageId: 'm-2',
        sender: 'customer',
        text: 'Sigo aquí',
        sentAt: at(11),
      }),
    );
    const messages = service.app.get<Connection>(getConnectionToken()).collection('messages');
    await eventually(
      'the customer message is stored',
      async () => (await messages.countDocuments({ conversationId, messageId: 'm-2' })) === 1,
      30_000,
    );
    assert.equal(await messages.countDocuments({ conversationId, messageId: 'bot-late' }), 0);
  });

  it('resolves: the slot goes back, the bot resumes, the customer is asked for CSAT and answers', async () => {
    const conversationId = `conv_${runName}_resolve`;
    await assignedToAna(conversationId, 'es');
    const resolve = on(resolveConversationType, {
      ...command('resolve-1', conversationId),
      disposition: 'solved',
      summary: 'Reembolso hecho',
      handoffNeeded: false,
    });
    await bus.publish(resolve);
    assert.equal((await resultOf('resolve-1')).data.status, 'done');
    const mine = (data: { conversationId: string }) => data.conversationId === conversationId;
    assert.equal((await bus.received(conversationClosedType, mine)).data.reason, 'resolved');
    const control = await bus.received(
      conversationControlRequestedType,
      (data) => mine(data) && data.action === 'resume_bot',
    );
    assert.deepEqual(
      [control.data.action, control.data.reason, control.data.summary],
      ['resume_bot', 'resolved', 'Reembolso hecho'],
    );
    const survey = await bus.received(
      customerNotificationRequestedType,
      (notice) => mine(notice) && notice.template === 'handoff.csat',
    );
    assert.equal(survey.data.language, 'es');
    assert.match(survey.data.text, /Ana/);
    const rated = await bus.received(handoffRatedType, mine);
    assert.deepEqual(
      [rated.data.agentId, rated.data.needed, rated.data.triggers],
      ['agent-ana', false, ['explicit_request']],
    );

    await bus.publish(
      on(sendAgentMessageType, { ...command('after', conversationId), text: '¿Sigues ahí?' }),
      resolve,
      on(messagePostedType, {
        conversationId,
        tenantId,
        messageId: 'm-csat',
        sender: 'customer',
        text: '4',
        sentAt: at(30),
      }),
    );
    assert.equal(
      (await resultOf('after')).data.reason,
      `conversation ${conversationId} is not with an agent`,
    );
    const csat = await bus.received(csatRecordedType, mine);
    assert.deepEqual([csat.data.score, csat.data.agentId], [4, 'agent-ana']);
    await eventually(
      'the redelivered resolve is answered',
      () => bus.all(commandResultType, (r) => r.commandId === 'resolve-1').length >= 2 || undefined,
      30_000,
    );
    assert.ok(
      bus
        .all(commandResultType, (r) => r.commandId === 'resolve-1')
        .every((r) => r.data.status === 'done'),
      'a redelivered resolve is done again, not refused',
    );
  });

  it('keeps the note an agent hands a conversation on with, for the next agent', async () => {
    const conversationId = `conv_${runName}_transfer`;
    await assignedToAna(conversationId, 'en');
    await bus.publish(
      on(routingDecidedType, {
        decisionId: `decision_${conversationId}_transferred`,
        escalationId: `esc_${conversationId}`,
        conversationId,
        tenantId,
        outcome: 'transferred',
        requirements: { language: 'en', skills: [] },
        transfer: {
          fromAgentId: 'agent-ana',
          toQueue: 'billing',
          note: 'Refund promised by Friday',
        },
        decidedAt: at(30),
      }),
    );
    await storedIn('notes', conversationId);
    const notes = service.app.get<Connection>(getConnectionToken()).collection('notes');
    const [note] = await notes.find({ conversationId }).toArray();
    assert.deepEqual(
      [note?.['agentId'], note?.['text']],
      ['agent-ana', 'Refund promised by Friday'],
    );
    await bus.publish(
      on(sendAgentMessageType, { ...command('w-gone', conversationId), text: 'Still here?' }),
    );
    assert.equal(
      (await resultOf('w-gone')).data.reason,
      `conversation ${conversationId} is not with an agent`,
      'a transfer takes the conversation from Ana',
    );
  });

  it('returns to the bot with the summary, and refuses a CSAT answer nobody asked for', async () => {
    const conversationId = `conv_${runName}_back`;
    await assignedToAna(conversationId, 'en');
    await bus.publish(
      on(returnToBotType, {
        ...command('back-1', conversationId),
        summary: 'Address updated; the bot can confirm the delivery slot',
        handoffNeeded: true,
      }),
      on(csatAnsweredType, { conversationId, tenantId, score: 5, answeredAt: at(40) }),
    );
    const mine = (data: { conversationId: string }) => data.conversationId === conversationId;
    const back = (await resultOf('back-1')).data;
    assert.equal(back.status, 'done', back.reason);
    assert.equal((await bus.received(conversationClosedType, mine)).data.reason, 'returned_to_bot');
    const control = await bus.received(
      conversationControlRequestedType,
      (data) => mine(data) && data.action === 'resume_bot',
    );
    assert.deepEqual(
      [control.data.reason, control.data.summary],
      ['handed_back', 'Address updated; the bot can confirm the delivery slot'],
    );
    const notice = await bus.received(
      customerNotificationRequestedType,
      (data) => mine(data) && data.template === 'handoff.back_to_bot',
    );
    assert.deepEqual([notice.data.template, notice.data.language], ['handoff.back_to_bot', 'en']);
    assert.equal((await bus.received(handoffRatedType, mine)).data.needed, true);
    const dead = await eventually(
      'the unasked CSAT answer is dead-lettered',
      () => bus.deadLetters().find((letter) => letter.reason.includes(conversationId)),
      30_000,
    );
    assert.match(dead.reason, /no satisfaction survey is open/);
  });
});
