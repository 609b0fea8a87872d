import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coPartitionedAssignment } from './co-partitioned-assigner.js';

describe('coPartitionedAssignment', () => {
  it('gives partition n of every topic to the same member, spreading partitions evenly', () => {
    const assignment = coPartitionedAssignment(
      ['member-b', 'member-a'],
      new Map([
        ['queue', [0, 1, 2, 3, 4, 5]],
        ['availability', [0, 1, 2, 3, 4, 5]],
      ]),
    );
    assert.deepEqual(Object.fromEntries(assignment), {
      'member-a': { queue: [0, 2, 4], availability: [0, 2, 4] },
      'member-b': { queue: [1, 3, 5], availability: [1, 3, 5] },
    });
  });

  it('leaves a member without partitions when there are more members than partitions', () => {
    const assignment = coPartitionedAssignment(['a', 'b', 'c'], new Map([['queue', [0, 1]]]));
    assert.deepEqual([...assignment.keys()].sort(), ['a', 'b']);
  });
});
