import { replayedFromHeader, Topics } from '@handoff/contracts';
import type { IHeaders, Message } from 'kafkajs';
import type { DeadLetterView } from '../dead-letters/dead-letter-view.js';
import { replaysOf, type ReplayHistory } from './replay-history.js';

const deadLetterHeaderPrefix = 'handoff-dlq-';

/** Where a dead letter came from, when its headers say so completely. */
export interface Origin {
  topic: string;
  partition: number;
  offset: string;
}

export type ReplayDecision =
  | { action: 'replay'; letter: DeadLetterView; origin: Origin; replayedBefore: number }
  | { action: 'already-replayed'; letter: DeadLetterView; replayedBefore: number }
  | { action: 'value-omitted'; letter: DeadLetterView }
  | { action: 'no-origin'; letter: DeadLetterView; why: string };

/**
 * What a replay does with each selected dead letter, in dead-letter order (partition, then
 * offset), so letters of one key go back in the order they failed.
 */
export function planReplay(
  letters: readonly DeadLetterView[],
  history: ReplayHistory,
  { again }: { again: boolean },
): ReplayDecision[] {
  return letters.map((letter): ReplayDecision => {
    const origin = originOf(letter);
    if (typeof origin === 'string') return { action: 'no-origin', letter, why: origin };
    if (letter.valueOmitted !== null) return { action: 'value-omitted', letter };
    const replayedBefore = replaysOf(history, letter.id).length;
    if (replayedBefore > 0 && !again) return { action: 'already-replayed', letter, replayedBefore };
    return { action: 'replay', letter, origin, replayedBefore };
  });
}

function originOf(letter: DeadLetterView): Origin | string {
  const { originalTopic: topic, originalPartition: partition, originalOffset: offset } = letter;
  if (topic === null || partition === null || offset === null)
    return 'its headers do not say which topic, partition and offset it came from';
  if (topic === Topics.DeadLetter || topic === Topics.DeadLetterReplays)
    return `its original topic is ${topic}, which is not replayed into`;
  return { topic, partition, offset };
}

export function isDeadLetterHeader(name: string): boolean {
  return name.toLowerCase().startsWith(deadLetterHeaderPrefix);
}

/**
 * The original headers, as received: everything but the `handoff-dlq-*` headers the dead-letter
 * writer added, plus the dead letter this copy is replayed from (replacing an earlier one).
 */
export function replayHeaders(headers: IHeaders, deadLetterId: string): IHeaders {
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (
      value === undefined ||
      isDeadLetterHeader(name) ||
      name.toLowerCase() === replayedFromHeader
    )
      continue;
    kept[name] = value;
  }
  kept[replayedFromHeader] = deadLetterId;
  return kept;
}

/** The record a replay sends: the original key and value, byte for byte, and the original headers. */
export function replayMessage(letter: DeadLetterView): Message {
  return {
    key: letter.record.key,
    value: letter.record.value,
    headers: replayHeaders(letter.record.headers, letter.id),
  };
}
