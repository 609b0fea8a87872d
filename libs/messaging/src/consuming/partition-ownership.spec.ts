import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Topics } from '@handoff/contracts';
import { PartitionOwnership } from './partition-ownership.js';

const status = Topics.AgentStatus;
const escalations = Topics.Escalations;

describe('PartitionOwnership', () => {
  let ownership: PartitionOwnership;
  let revoked: [string, number[]][];

  beforeEach(() => {
    ownership = new PartitionOwnership();
    revoked = [];
    ownership.onRevoked((topic, partitions) => revoked.push([topic, [...partitions]]));
  });

  it('reports nothing revoked on the first assignment', () => {
    ownership.assigned({ [status]: [0, 1, 2] });

    assert.deepEqual(revoked, []);
    assert.equal(ownership.owns(status, 1), true);
    assert.equal(ownership.owns(status, 3), false);
    assert.equal(ownership.owns(escalations, 1), false);
  });

  it('reports, per topic, the partitions a reassignment took away, and not those it kept or added', () => {
    ownership.assigned({ [status]: [0, 1, 2, 3], [escalations]: [5, 6] });

    ownership.assigned({ [status]: [1, 3, 4], [escalations]: [5, 6, 7] });

    assert.deepEqual(revoked, [[status, [0, 2]]]);
    assert.equal(ownership.owns(status, 0), false);
    assert.equal(ownership.owns(status, 3), true);
    assert.equal(ownership.owns(status, 4), true);
    assert.equal(ownership.owns(escalations, 7), true);
  });

  it('reports every partition of a topic that is no longer assigned at all', () => {
    ownership.assigned({ [status]: [0], [escalations]: [2, 3] });

    ownership.assigned({ [status]: [0] });

    assert.deepEqual(revoked, [[escalations, [2, 3]]]);
    assert.equal(ownership.owns(escalations, 2), false);
  });

  it('compares each assignment with the one just before it', () => {
    ownership.assigned({ [status]: [0, 1] });
    ownership.assigned({ [status]: [1] });
    ownership.assigned({ [status]: [0, 1] });
    ownership.assigned({ [status]: [0] });

    assert.deepEqual(revoked, [
      [status, [0]],
      [status, [1]],
    ]);
  });

  it('reports everything it owned when all is given up, and then owns nothing', () => {
    ownership.assigned({ [status]: [0, 2], [escalations]: [1] });

    ownership.revokeAll();

    assert.deepEqual(revoked, [
      [status, [0, 2]],
      [escalations, [1]],
    ]);
    assert.equal(ownership.owns(status, 0), false);
    assert.equal(ownership.owns(escalations, 1), false);

    ownership.revokeAll();
    assert.equal(revoked.length, 2, 'nothing left to revoke the second time');
  });

  it('tells every listener', () => {
    const second: string[] = [];
    ownership.onRevoked((topic, partitions) => second.push(`${topic}/${partitions.join(',')}`));
    ownership.assigned({ [status]: [0] });

    ownership.revokeAll();

    assert.deepEqual(revoked, [[status, [0]]]);
    assert.deepEqual(second, [`${status}/0`]);
  });

  it('reports, per topic, the partitions an assignment adds, the first one included', () => {
    const added: [string, number[]][] = [];
    ownership.onAssigned((topic, partitions) => added.push([topic, [...partitions]]));

    ownership.assigned({ [status]: [0, 1] });
    ownership.assigned({ [status]: [1, 2], [escalations]: [4] });
    ownership.assigned({ [status]: [1, 2], [escalations]: [4] });

    assert.deepEqual(added, [
      [status, [0, 1]],
      [status, [2]],
      [escalations, [4]],
    ]);
  });
});
