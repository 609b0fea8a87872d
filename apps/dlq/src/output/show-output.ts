import { Topics, type DeadLetterReplayRecord } from '@handoff/contracts';
import type { IHeaders } from 'kafkajs';
import type { DeadLetterView } from '../dead-letters/dead-letter-view.js';
import { replaysOf, type ReplayHistory } from '../replay/replay-history.js';
import { decodeValue, encodeBytes, hexDump, type EncodedBytes } from './bytes.js';
import { deadLetterSummaryJson, type DeadLetterSummaryJson } from './list-output.js';
import { originText, timeText } from './format.js';

export type HeaderJson = { name: string } & EncodedBytes;

/** Every header value, in order; a repeated header gives one entry per value. */
export function headerEntries(headers: IHeaders): HeaderJson[] {
  const entries: HeaderJson[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value])
      entries.push({ name, ...encodeBytes(one) });
  }
  return entries;
}

/** `show <id>`: everything about one dead letter, as text. */
export function showText(letter: DeadLetterView, history: ReplayHistory): string[] {
  const { record } = letter;
  const field = (name: string, value: string) => `  ${name.padEnd(16)}${value}`;
  const lines = [
    `Dead letter ${letter.id} (${Topics.DeadLetter} partition ${letter.partition}, offset ${letter.offset}, written ${timeText(letter.writtenAt)})`,
    field('original', originText(letter)),
    field('failed at', letter.failedAt ?? '-'),
    field('stage', letter.stage ?? '-'),
    field('attempts', letter.attempts === null ? '-' : String(letter.attempts)),
    field('consumer group', letter.consumerGroup ?? '-'),
    field('reason', letter.reason ?? '-'),
    field('event', letter.eventId === null ? '-' : `${letter.eventType ?? '?'} ${letter.eventId}`),
  ];
  if (letter.valueOmitted !== null) lines.push(field('value omitted', letter.valueOmitted));

  const headers = headerEntries(record.headers);
  lines.push('', `Headers (${headers.length})`);
  for (const header of headers)
    lines.push(
      `  ${header.name}: ${header.encoding === 'hex' ? `hex:${header.text}` : header.text}`,
    );

  lines.push('');
  if (record.key === null) lines.push('Key: none');
  else {
    const key = encodeBytes(record.key);
    lines.push(
      `Key (${key.encoding}, ${record.key.length} bytes)`,
      ...(key.encoding === 'hex' ? hexDump(record.key) : [key.text]).map(indent),
    );
  }

  lines.push('');
  if (record.value === null)
    lines.push(letter.valueOmitted === null ? 'Value: none' : 'Value: omitted');
  else {
    const value = decodeValue(record.value);
    const body = value.encoding === 'hex' ? hexDump(record.value) : value.text.split(/\r?\n/);
    lines.push(`Value (${value.encoding}, ${record.value.length} bytes)`, ...body.map(indent));
  }

  const replays = replaysOf(history, letter.id);
  lines.push(
    '',
    replays.length === 0 ? 'Replays: none' : `Replays (${replays.length})`,
    ...replays.map((replay) => indent(replayLine(replay))),
  );
  return lines;
}

function indent(line: string): string {
  return line === '' ? line : `  ${line}`;
}

function replayLine(replay: DeadLetterReplayRecord): string {
  const to = replay.replayedTo;
  return `${replay.replayedAt} by ${replay.replayedBy} to ${to.topic}:${to.partition}@${to.offset}`;
}

export interface DeadLetterDetailJson extends DeadLetterSummaryJson {
  headers: HeaderJson[];
  value: { encoding: 'json'; json: unknown } | { encoding: 'utf8' | 'hex'; text: string } | null;
}

/** `show <id> --json`: the summary of `list --json` plus every header and the value. */
export function showJson(letter: DeadLetterView, history: ReplayHistory): DeadLetterDetailJson {
  return {
    ...deadLetterSummaryJson(letter, history),
    headers: headerEntries(letter.record.headers),
    value: letter.record.value === null ? null : valueJson(letter.record.value),
  };
}

function valueJson(bytes: Buffer): DeadLetterDetailJson['value'] {
  const value = decodeValue(bytes);
  return value.encoding === 'json' ? { encoding: 'json', json: value.json } : value;
}
