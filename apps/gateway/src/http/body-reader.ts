import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestWithBody extends IncomingMessage {
  body?: unknown;
  /** The exact bytes received: webhook signatures are computed over them. */
  rawBody?: Buffer;
}

const jsonType = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * Reads every request body itself, up to the limit: 413 beyond it, 400 for JSON that does not
 * parse, always answered as JSON. Keeps the raw bytes for signature checks. Express's own parsers
 * then find the body read and leave it alone.
 */
export function readBodies(limitBytes: number) {
  return (request: RequestWithBody, response: ServerResponse, next: () => void): void => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limitBytes) return refuse(response, 413, tooLarge(limitBytes));
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limitBytes) {
        refused = true;
        refuse(response, 413, tooLarge(limitBytes));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', () => {
      if (!refused) refuse(response, 400, 'request body could not be read');
      refused = true;
    });
    request.on('end', () => {
      if (refused) return;
      const raw = Buffer.concat(chunks);
      request.rawBody = raw;
      if (raw.length > 0 && jsonType.test(request.headers['content-type'] ?? '')) {
        try {
          request.body = JSON.parse(raw.toString('utf8'));
        } catch (error) {
          return refuse(response, 400, `body is not JSON: ${(error as Error).message}`);
        }
      }
      next();
    });
  };
}

function tooLarge(limitBytes: number): string {
  return `request body exceeds ${limitBytes} bytes`;
}

function refuse(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    connection: 'close',
  });
  response.end(JSON.stringify({ statusCode: status, message }));
}
