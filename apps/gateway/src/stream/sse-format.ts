import type { StreamEntry } from './stream-buffer.js';

/** One server-sent event. The JSON is on one line, so it is one data field. */
export function sseEvent(entry: StreamEntry): string {
  return `id: ${entry.id}\nevent: ${entry.type}\ndata: ${entry.json}\n\n`;
}

/** Tells the desk the events since its Last-Event-ID are gone: reload, then follow the stream. */
export function sseReset(reason: string): string {
  return `event: reset\ndata: ${JSON.stringify({ reason })}\n\n`;
}

export const sseHeartbeat = ': heartbeat\n\n';
