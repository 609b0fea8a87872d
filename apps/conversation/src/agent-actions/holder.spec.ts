import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationState } from '../conversations/conversation-states.js';
import { foldHolder, holderChangeOf, openSurveyOf } from './holder.js';

const fresh = (): ConversationState => ({
  tenantId: 'acme',
  language: 'en',
  channel: 'web',
  variables: {},
});
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute));
const decision = (outcome: string, minute: number, agentId?: string) => ({
  outcome,
  decidedAt: at(minute),
  ...(agentId ? { agentId, agentDisplayName: agentId.replace('agent-', '') } : {}),
});

describe('holder', () => {
  it('follows assignments, and releases by transfer, policy, abandonment', () => {
    for (const outcome of ['transferred', 'deflected', 'expired', 'abandoned']) {
      const state = fresh();
      foldHolder(state, [
        holderChangeOf(decision('assigned', 1, 'agent-ana'))!,
        holderChangeOf(decision(outcome, 2))!,
      ]);
      assert.equal(state.holder, undefined, outcome);
    }
  });

  it('ignores queued, offered and rerouted decisions', () => {
    for (const outcome of ['queued', 'offered', 'rerouted'])
      assert.equal(holderChangeOf(decision(outcome, 1, 'agent-ana')), undefined, outcome);
  });

  it('folds changes by time whatever order they are read in', () => {
    const state = fresh();
    foldHolder(state, [
      holderChangeOf(decision('assigned', 5, 'agent-bob'))!,
      { kind: 'released', at: at(3).getTime() },
      holderChangeOf(decision('assigned', 1, 'agent-ana'))!,
    ]);

    assert.deepEqual(state.holder, {
      agentId: 'agent-bob',
      displayName: 'bob',
      since: at(5).getTime(),
    });
  });

  it('keeps a survey open only while unanswered', () => {
    const resolution = { agentId: 'agent-ana', triggers: ['explicit_request'] };
    assert.deepEqual(openSurveyOf(resolution, false), resolution);
    assert.equal(openSurveyOf(resolution, true), undefined);
    assert.equal(openSurveyOf(undefined, false), undefined);
  });
});
