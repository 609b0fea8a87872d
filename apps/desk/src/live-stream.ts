/** One server-sent event: its id, its type (the CloudEvent type) and the CloudEvent. */
export interface LiveEvent {
  id?: string;
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
            handlers.onEvent({ id: frame.id, type: frame.type, event: JSON.parse(frame.data) });
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

interface Frame {
  id?: string;
  type: string;
  data: string;
}

/** Splits the byte stream into events at blank lines; comments (heartbeats) are skipped. */
async function* frames(body: ReadableStream<Uint8Array>): AsyncGenerator<Frame> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = parseFrame(buffered.slice(0, end));
      buffered = buffered.slice(end + 2);
      if (frame) yield frame;
    }
  }
}

function parseFrame(text: string): Frame | undefined {
  const frame: Frame = { type: 'message', data: '' };
  let fields = 0;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    fields++;
    if (field === 'id') frame.id = value;
    else if (field === 'event') frame.type = value;
    else if (field === 'data') frame.data += frame.data ? `\n${value}` : value;
  }
  return fields > 0 ? frame : undefined;
}
