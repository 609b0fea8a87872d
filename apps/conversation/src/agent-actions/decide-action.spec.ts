import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addNoteType,
  deriveId,
  resolveConversationType,
  returnToBotType,
  sendAgentMessageType,
} from '@handoff/contracts';
import type { ConversationState } from '../conversations/conversation-states.js';
import { applyRelease, decideAction, type ConversationAction } from './decide-action.js';

const base = {
  tenantId: 'acme',
  agentId: 'agent-ana',
  conversationId: 'c1',
  requestedAt: '2026-11-25T10:10:00.000Z',
};
const held = (agentId = 'agent-ana'): ConversationState => ({
  tenantId: 'acme',
  language: 'es',
  channel: 'web',
  variables: {},
  holder: { agentId, displayName: 'Ana', since: 1 },
});
const message = (changes = {}): ConversationAction => ({
  type: sendAgentMessageType,
  data: { ...base, commandId: 'cmd-1', text: 'Hola, soy Ana', ...changes },
});
const resolve: ConversationAction = {
  type: resolveConversationType,
  data: { ...base, commandId: 'cmd-2', disposition: 'solved', handoffNeeded: true },
};
const escalation = { escalationId: 'esc-1', triggers: ['explicit_request'] };

describe('decideAction', () => {
  it('lets the holder write to the customer, as a transcript message of theirs', () => {
    const outcome = decideAction(message(), held(), undefined);

    assert.ok('message' in outcome);
    assert.equal(outcome.message.sender, 'agent');
    assert.equal(outcome.message.agentId, 'agent-ana');
    assert.equal(outcome.message._id, deriveId('msg', 'c1', 'cmd-1'));
    assert.deepEqual(outcome.message.sentAt, new Date(base.requestedAt));
  });

  it('refuses another agent, a conversation with the bot, and another tenant', () => {
    assert.deepEqual(decideAction(message(), held('agent-bob'), undefined), {
      refused: 'conversation c1 is held by another agent',
    });
    const withBot = { ...held(), holder: undefined };
    assert.deepEqual(decideAction(message(), withBot, undefined), {
      refused: 'conversation c1 is not with an agent',
      mayWaitForAssignment: true,
    });
    assert.deepEqual(decideAction(message({ tenantId: 'globex' }), held(), undefined), {
      refused: 'tenant globex has no conversation c1',
    });
    assert.deepEqual(decideAction(message(), undefined, undefined), {
      refused: 'tenant acme has no conversation c1',
    });
  });

  it("takes any of the tenant's agents' notes, held or not", () => {
    const note: ConversationAction = {
      type: addNoteType,
      data: { ...base, agentId: 'agent-bob', commandId: 'cmd-3', text: 'VIP, be gentle' },
    };
    const outcome = decideAction(note, { ...held(), holder: undefined }, undefined);

    assert.ok('note' in outcome);
    assert.equal(outcome.note.text, 'VIP, be gentle');
  });

  it('releases with the disposition, the feedback and why it escalated', () => {
    const outcome = decideAction(resolve, held(), escalation);

    assert.ok('release' in outcome);
    assert.deepEqual(outcome.release, {
      _id: deriveId('release', 'cmd-2'),
      conversationId: 'c1',
      tenantId: 'acme',
      agentId: 'agent-ana',
      commandId: 'cmd-2',
      kind: 'resolved',
      disposition: 'solved',
      handoffNeeded: true,
      escalationId: 'esc-1',
      triggers: ['explicit_request'],
      at: new Date(base.requestedAt),
    });
  });

  it('returns to the bot with the summary and no disposition', () => {
    const back: ConversationAction = {
      type: returnToBotType,
      data: { ...base, commandId: 'cmd-4', summary: 'Refund issued' },
    };
    const outcome = decideAction(back, held(), undefined);

    assert.ok('release' in outcome);
    assert.equal(outcome.release.kind, 'returned_to_bot');
    assert.equal(outcome.release.summary, 'Refund issued');
    assert.equal(outcome.release.disposition, undefined);
  });

  it('a release frees the conversation, and a resolution opens the survey', () => {
    const state = held();
    const outcome = decideAction(resolve, state, escalation);
    assert.ok('release' in outcome);
    applyRelease(state, outcome.release);

    assert.equal(state.holder, undefined);
    assert.deepEqual(state.survey, {
      agentId: 'agent-ana',
      escalationId: 'esc-1',
      triggers: ['explicit_request'],
    });
    assert.deepEqual(decideAction(message({ commandId: 'cmd-5' }), state, undefined), {
      refused: 'conversation c1 is not with an agent',
      mayWaitForAssignment: false,
    });
  });

  it('a release older than the current assignment leaves the new holder alone', () => {
    const state = held('agent-bob');
    state.holder!.since = Date.parse('2026-11-25T10:15:00.000Z');
    const outcome = decideAction(resolve, held(), undefined);
    assert.ok('release' in outcome);
    applyRelease(state, outcome.release);

    assert.equal(state.holder?.agentId, 'agent-bob');
  });
});
