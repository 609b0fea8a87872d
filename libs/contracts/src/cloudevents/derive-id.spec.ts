import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveId } from './derive-id.js';

describe('deriveId', () => {
  it('is deterministic and readable for short ids', () => {
    assert.equal(deriveId('esc', 'conv-1', 'm-2'), 'esc:conv-1:m-2');
    assert.equal(deriveId('esc', 'conv-1', 'm-2'), deriveId('esc', 'conv-1', 'm-2'));
  });

  it('hashes long ids to stay within 128 characters, still deterministic', () => {
    const long = 'x'.repeat(120);
    const id = deriveId('esc', long, long);
    assert.ok(id.length <= 128);
    assert.equal(id, deriveId('esc', long, long));
    assert.notEqual(id, deriveId('esc', long, `${long}y`));
  });
});
