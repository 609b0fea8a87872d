import type { DeadLetterReplayRecord } from '@handoff/contracts';
import type { DeadLetterView } from '../dead-letters/dead-letter-view.js';
import { replaysOf, type ReplayHistory } from '../replay/replay-history.js';
import type { ReplayDecision } from '../replay/replay-plan.js';
import type { ReplaySummary } from '../replay/replay.js';
import { encodeBytes } from './bytes.js';
import { originText } from './format.js';

export function describeSkip(
  decision: Exclude<ReplayDecision, { action: 'replay' }>,
  history: ReplayHistory,
): string {
  const { letter } = decision;
  switch (decision.action) {
    case 'already-replayed': {
      const last = replaysOf(history, letter.id).at(-1)!;
      const times = decision.replayedBefore === 1 ? 'once' : `${decision.replayedBefore} times`;
      return `skipped ${letter.id}: already replayed ${times}, last at ${last.replayedAt} by ${last.replayedBy} (--again replays it again)`;
    }
    case 'value-omitted':
      return `skipped ${letter.id}: its value was too large to keep (${letter.valueOmitted}); the original is at ${originText(letter)}`;
    case 'no-origin':
      return `skipped ${letter.id}: ${decision.why}`;
  }
}

export function describeWouldReplay({
  letter,
  origin,
  replayedBefore,
}: Extract<ReplayDecision, { action: 'replay' }>): string {
  const again =
    replayedBefore > 0
      ? `, again (replayed ${replayedBefore} time${replayedBefore === 1 ? '' : 's'} before)`
      : '';
  return `would replay ${letter.id} to ${origin.topic}:${origin.partition}${describeRecord(letter)}${again}`;
}

export function describeReplayed(letter: DeadLetterView, record: DeadLetterReplayRecord): string {
  const to = record.replayedTo;
  return `replayed ${letter.id} to ${to.topic}:${to.partition}@${to.offset}${describeRecord(letter)}`;
}

function describeRecord(letter: DeadLetterView): string {
  const key = letter.record.key === null ? 'no key' : `key ${encodeBytes(letter.record.key).text}`;
  const event =
    letter.eventId === null ? '' : `, event ${letter.eventType ?? '?'} ${letter.eventId}`;
  return ` (${key}${event})`;
}

export function describeSummary(summary: ReplaySummary): string {
  const extra = [
    summary.valueOmitted > 0 ? `${summary.valueOmitted} without their value` : '',
    summary.noOrigin > 0 ? `${summary.noOrigin} without an origin` : '',
    summary.failed > 0 ? `${summary.failed} whose topic is gone` : '',
  ].filter(Boolean);
  const counts = [`${summary.alreadyReplayed} already replayed`, ...extra].join(', ');
  return summary.dryRun
    ? `dry run: ${summary.replayed} would be replayed, ${counts}; nothing was written`
    : `${summary.replayed} replayed, ${counts}`;
}
