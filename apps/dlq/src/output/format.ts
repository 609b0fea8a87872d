import type { DeadLetterView } from '../dead-letters/dead-letter-view.js';

/** `topic:partition@offset` of the record a dead letter came from; `?` for what its headers lack. */
export function originText(
  letter: Pick<DeadLetterView, 'originalTopic' | 'originalPartition' | 'originalOffset'>,
): string {
  return `${letter.originalTopic ?? '?'}:${letter.originalPartition ?? '?'}@${letter.originalOffset ?? '?'}`;
}

/** An ISO time to the second, as a table shows it. */
export function timeText(iso: string | null): string {
  return iso === null ? '-' : iso.replace(/\.\d+Z$/, 'Z');
}

/** Text on one line: runs of whitespace (line breaks included) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `width` characters, ending in an ellipsis when cut. */
export function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, Math.max(0, width)) : `${text.slice(0, width - 1)}…`;
}

export function replayedText(count: number): string {
  return count === 0 ? 'no' : count === 1 ? 'yes' : `yes (${count})`;
}
