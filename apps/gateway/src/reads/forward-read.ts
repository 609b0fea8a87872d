import type { ServerResponse } from 'node:http';

export interface ReadUpstream {
  /** The service's base URL, without a trailing slash. */
  url: string;
  /** Named in errors: "the conversation service". */
  name: string;
  timeoutMs: number;
}

/**
 * Forwards a read with the caller's bearer token, which the service verifies itself (it takes the
 * tenant from it, never from the gateway), and passes on its JSON answer. Anything but JSON is
 * refused rather than passed on, so nothing the caller gets back is rendered as a page.
 */
export async function forwardRead(
  upstream: ReadUpstream,
  path: string,
  authorization: string,
  response: ServerResponse,
): Promise<void> {
  let answer: Response;
  try {
    answer = await fetch(`${upstream.url}${path}`, {
      headers: { authorization, accept: 'application/json' },
      signal: AbortSignal.timeout(upstream.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return reply(response, timedOut ? 504 : 502, {
      statusCode: timedOut ? 504 : 502,
      message: timedOut
        ? `${upstream.name} did not answer in time`
        : `${upstream.name} is unavailable`,
    });
  }
  const body = await answer.text();
  const json = (answer.headers.get('content-type') ?? '').includes('json');
  if (!json)
    return reply(response, answer.ok ? 502 : answer.status, {
      statusCode: answer.ok ? 502 : answer.status,
      message: `unexpected answer from ${upstream.name}`,
    });
  response.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(body);
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
