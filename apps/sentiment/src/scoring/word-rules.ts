import type { MessageWords } from './message-words.js';

// Rule weights follow the published VADER heuristics, so scores read on the same scale as VADER's.
export const shoutBoost = 0.733;
const negationFactor = -0.74;
const negationReach = 3;
const boostReach = 3;

// What English adds to plain negation, as VADER reads it.
/** "no" reaches the third word on only through "or" ("no heat or water"). */
const no = 'no';
/** "least" negates the word after it ("the least helpful"), except in "at least" and "very least". */
const least = 'least';
const leastKept = new Set(['at', 'very']);
/** "never so good", "never been this happy": emphasis, not negation. */
const neverStressedBy = new Set(['so', 'this']);

/**
 * Degree words in the three words before i and in its clause, weaker the further away they stand.
 * Each one used is added to `modifiers`.
 */
export function boostBefore(words: MessageWords, i: number, modifiers: number[]): number {
  const { keys, clauses, shouted, capsStandOut, grammar } = words;
  let boost = 0;
  let distance = 0;
  for (let at = i - 1; at >= 0 && clauses[at] === clauses[i]; at--) {
    if (!takesAPlace(words, at)) continue;
    if (++distance > boostReach) break;
    const step = grammar.boosters.get(keys[at]!);
    if (step === undefined) continue;
    const shouting = capsStandOut && shouted[at] ? Math.sign(step) * shoutBoost : 0;
    boost += (step + shouting) * (1 - 0.05 * (distance - 1));
    modifiers.push(at);
  }
  return boost;
}

/**
 * What a negation in the three words before an opinion word does to it: flips and softens it,
 * once however many there are. It does not reach past the end of a clause, or back over "but"
 * ("I don't know, thanks"; "not cheap but good"). English also negates after "least", lets "no"
 * reach three words only through "or", and reads "never ... so" as emphasis. The negation used
 * is added to `modifiers`.
 */
export function negationBefore(
  words: MessageWords,
  i: number,
  english: boolean,
  modifiers: number[],
): number {
  const { keys, clauses, grammar } = words;
  const clause = clauses[i];
  if (
    english &&
    i >= 1 &&
    keys[i - 1] === least &&
    clauses[i - 1] === clause &&
    !(i >= 2 && leastKept.has(keys[i - 2]!))
  )
    return negationFactor;
  let distance = 0;
  for (let at = i - 1; at >= 0 && clauses[at] === clause; at--) {
    if (!takesAPlace(words, at)) continue;
    if (++distance > negationReach) break;
    const key = keys[at]!;
    if (grammar.contrasts.has(key)) break;
    if (!grammar.negations.has(key) && !(english && key.endsWith("n't"))) continue;
    if (english && key === no && distance === 3 && keys[i - 1] !== 'or' && keys[i - 1] !== 'nor')
      continue;
    modifiers.push(at);
    if (english && key === 'never' && stressedAfterNever(keys, at + 1, i))
      return distance === 2 ? 1.5 : 1.25;
    return negationFactor;
  }
  return 1;
}

/**
 * One-letter words ("a", "I", "u") take no place among the three words a negation or degree word
 * reaches over ("not sure it's a good idea"): VADER, whose reach and weights these are, drops them
 * before it counts.
 */
function takesAPlace(words: MessageWords, at: number): boolean {
  return words.tokens[at]!.length > 1;
}

function stressedAfterNever(keys: string[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (neverStressedBy.has(keys[j]!)) return true;
  return false;
}
