import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowestProficiency, matchesSkills } from './skill-match.js';

const held = [
  { name: 'billing', proficiency: 4 },
  { name: 'returns', proficiency: 2 },
];

describe('matchesSkills', () => {
  it('matches any agent when nothing is required, even one without skills', () => {
    assert.equal(matchesSkills(held, []), true);
    assert.equal(matchesSkills([], []), true);
  });

  it('matches when every required skill is held at or above its minimum', () => {
    assert.equal(matchesSkills(held, [{ name: 'billing', minProficiency: 4 }]), true);
    assert.equal(
      matchesSkills(held, [
        { name: 'billing', minProficiency: 3 },
        { name: 'returns', minProficiency: 2 },
      ]),
      true,
    );
  });

  it('rejects an agent below the minimum proficiency', () => {
    assert.equal(matchesSkills(held, [{ name: 'billing', minProficiency: 5 }]), false);
  });

  it('rejects an agent missing any one of the required skills', () => {
    assert.equal(
      matchesSkills(held, [
        { name: 'billing', minProficiency: 1 },
        { name: 'technical', minProficiency: 1 },
      ]),
      false,
    );
  });

  it('treats a requirement without a minimum as proficiency 1', () => {
    assert.equal(matchesSkills(held, [{ name: 'returns' }]), true);
    assert.equal(
      matchesSkills([{ name: 'returns', proficiency: 0 }], [{ name: 'returns' }]),
      false,
    );
  });

  it('compares skill names exactly', () => {
    assert.equal(matchesSkills(held, [{ name: 'Billing', minProficiency: 1 }]), false);
  });
});

describe('lowestProficiency', () => {
  it('is 5 when nothing is required', () => {
    assert.equal(lowestProficiency(held, []), 5);
  });

  it('is the weakest of the required skills, ignoring the others', () => {
    assert.equal(lowestProficiency(held, [{ name: 'billing' }]), 4);
    assert.equal(lowestProficiency(held, [{ name: 'billing' }, { name: 'returns' }]), 2);
  });

  it('is 0 when a required skill is not held', () => {
    assert.equal(lowestProficiency(held, [{ name: 'billing' }, { name: 'technical' }]), 0);
  });
});
