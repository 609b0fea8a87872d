/** One server-sent event as it arrived: its id, its event name and its data. */
export interface SseFrame {
  id?: string;
  type: string;
  data: string;
}

/**
 * Cuts a stream of server-sent-event text, fed in chunks as the network delivers them, into
 * events at blank lines. Comment lines (the gateway's heartbeats) are dropped.
 */
export class SseFrames {
  private buffered = '';
  /** A chunk that ends in CR may be half of a CRLF: it waits for the next chunk. */
  private carriageReturn = false;

  push(chunk: string): SseFrame[] {
    let text = this.carriageReturn ? `\r${chunk}` : chunk;
    this.carriageReturn = text.endsWith('\r');
    if (this.carriageReturn) text = text.slice(0, -1);
    this.buffered += text.replace(/\r\n?/g, '\n');
    const frames: SseFrame[] = [];
    let end: number;
    while ((end = this.buffered.indexOf('\n\n')) >= 0) {
      const frame = parseFrame(this.buffered.slice(0, end));
      this.buffered = this.buffered.slice(end + 2);
      if (frame) frames.push(frame);
    }
    return frames;
  }
}

function parseFrame(text: string): SseFrame | undefined {
  const frame: SseFrame = { type: 'message', data: '' };
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
