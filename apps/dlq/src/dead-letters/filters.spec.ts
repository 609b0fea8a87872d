import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeadLetterView } from './dead-letter-view.js';
import { isEmptyFilter, matchesFilter, selectDeadLetters } from './filters.js';

function view(overrides: Partial<DeadLetterView>): DeadLetterView {
  return {
    id: '0:1',
    partition: 0,
    offset: '1',
    writtenAt: '2024-05-01T10:00:00.000Z',
    failedAt: '2024-05-01T10:00:00.000Z',
    originalTopic: 'handoff.agent.status.v1',
    originalPartition: 2,
    originalOffset: '40',
    stage: 'processing',
    attempts: 3,
    consumerGroup: 'handoff-presence',
    reason: 'after 3 attempts: Event cannot be STORED',
    eventId: 'evt-1',
    eventType: 'handoff.agent.status.changed',
    valueOmitted: null,
    record: {
      topic: 'handoff.dlq.v1',
      partition: 0,
      offset: '1',
      timestamp: '0',
      key: null,
      value: null,
      headers: {},
    },
    ...overrides,
  };
}

describe('dead-letter filters', () => {
  const letter = view({});

  it('match everything when empty', () => {
    assert.equal(isEmptyFilter({}), true);
    assert.equal(matchesFilter(letter, {}), true);
  });

  it('match the original topic exactly', () => {
    assert.equal(matchesFilter(letter, { topic: 'handoff.agent.status.v1' }), true);
    assert.equal(matchesFilter(letter, { topic: 'handoff.agent.status' }), false);
  });

  it('match a piece of the reason in any case', () => {
    assert.equal(matchesFilter(letter, { reason: 'cannot be stored' }), true);
    assert.equal(matchesFilter(letter, { reason: 'not JSON' }), false);
    assert.equal(matchesFilter(view({ reason: null }), { reason: 'x' }), false);
  });

  it('match failedAt within --since and --until, both inclusive', () => {
    assert.equal(matchesFilter(letter, { since: new Date('2024-05-01T10:00:00Z') }), true);
    assert.equal(matchesFilter(letter, { since: new Date('2024-05-01T10:00:00.001Z') }), false);
    assert.equal(matchesFilter(letter, { until: new Date('2024-05-01T10:00:00Z') }), true);
    assert.equal(matchesFilter(letter, { until: new Date('2024-05-01T09:59:59Z') }), false);
    assert.equal(
      matchesFilter(letter, { since: new Date('2024-05-01'), until: new Date('2024-05-02') }),
      true,
    );
    assert.equal(matchesFilter(view({ failedAt: null }), { since: new Date(0) }), false);
  });

  it('match the dead-letter id or the event id, any of several', () => {
    assert.equal(matchesFilter(letter, { ids: ['0:1'] }), true);
    assert.equal(matchesFilter(letter, { ids: ['evt-1'] }), true);
    assert.equal(matchesFilter(letter, { ids: ['1:1', 'evt-1'] }), true);
    assert.equal(matchesFilter(letter, { ids: ['1:0', 'evt-2'] }), false);
    assert.equal(matchesFilter(view({ eventId: null }), { ids: ['evt-1'] }), false);
  });

  it('match the consumer group and the stage', () => {
    assert.equal(matchesFilter(letter, { group: 'handoff-presence', stage: 'processing' }), true);
    assert.equal(matchesFilter(letter, { group: 'handoff-routing' }), false);
    assert.equal(matchesFilter(letter, { stage: 'validation' }), false);
  });

  it('select only letters every criterion matches, keeping their order', () => {
    const letters = [
      view({ id: '0:1' }),
      view({ id: '0:2', stage: 'validation' }),
      view({ id: '1:1' }),
    ];
    assert.deepEqual(
      selectDeadLetters(letters, { stage: 'processing', topic: 'handoff.agent.status.v1' }).map(
        ({ id }) => id,
      ),
      ['0:1', '1:1'],
    );
  });
});
