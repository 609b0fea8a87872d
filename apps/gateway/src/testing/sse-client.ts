export interface ReceivedEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface OpenStream {
  status: number;
  events: ReceivedEvent[];
  close(): void;
}

/** A desk's stream, as a fetch-based SSE client reads it (EventSource cannot send a bearer token). */
export async function openStream(
  url: string,
  token: string,
  lastEventId?: string,
): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/stream`, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: controller.signal,
  });
  const events: ReceivedEvent[] = [];
  if (response.ok && response.body) void read(response.body, events);
  return { status: response.status, events, close: () => controller.abort() };
}

async function read(body: ReadableStream<Uint8Array>, events: ReceivedEvent[]): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for await (const chunk of body) {
      buffered += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event: ReceivedEvent = { data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const [field, ...rest] = line.split(': ');
          const value = rest.join(': ');
          if (field === 'id') event.id = value;
          else if (field === 'event') event.event = value;
          else if (field === 'data') event.data += value;
        }
        if (event.event) events.push(event);
      }
    }
  } catch {
    // Aborted by close().
  }
}
