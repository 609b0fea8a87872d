import { SseFrames, type SseFrame } from './sse-frames.js';

/** One server-sent event: its type (the CloudEvent type) and the CloudEvent. */
export interface LiveEvent {
  type: string;
  event: { id: string; type: string; data: any };
}

export interface StreamHandlers {
  onEvent(event: LiveEvent): void;
  /** The gateway no longer has what was missed: reload, then follow the stream again. */
  onReset(): void;
  onState(state: 'live' | 'reconnecting'): void;
}

const maxBackoffMs = 10_000;

/**
 * Follows the gateway's stream of server-sent events. `EventSource` cannot send a bearer token,
 * so the stream is read through fetch; after a drop it reconnects with the last id it saw, and
 * the gateway sends what was missed or says reset. Returns a function that stops it.
 */
export function followStream(token: string, handlers: StreamHandlers): () => void {
  const stopped = new AbortController();
  let lastEventId: string | undefined;
  let backoffMs = 500;

  const run = async () => {
    while (!stopped.signal.aborted) {
      try {
        const response = await fetch('/v1/stream', {
          headers: {
            authorization: `Bearer ${token}`,
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
          signal: stopped.signal,
        });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        handlers.onState('live');
        backoffMs = 500;
        for await (const frame of frames(response.body)) {
          if (frame.type === 'reset') handlers.onReset();
          else if (frame.data) {
            if (frame.id) lastEventId = frame.id;
            handlers.onEvent({ type: frame.type, event: JSON.parse(frame.data) });
          }
        }
      } catch {
        if (stopped.signal.aborted) return;
      }
      handlers.onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    }
  };
  void run();
  return () => stopped.abort();
}

/** The stream's events as the body delivers them. */
async function* frames(body: ReadableStream<Uint8Array>): AsyncGenerator<SseFrame> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const cutter = new SseFrames();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    yield* cutter.push(decoder.decode(value, { stream: true }));
  }
}
