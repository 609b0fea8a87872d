import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import type { ServerResponse } from 'node:http';
import { STREAM_HEARTBEAT_MS } from '../gateway.tokens.js';
import { StreamHub } from './stream-hub.js';
import { sseEvent, sseHeartbeat, sseReset } from './sse-format.js';

/**
 * Live updates for a desk as server-sent events: what the caller may see of their tenant, each with
 * an id; reconnecting with Last-Event-ID replays what was missed, or says `reset`.
 */
@Controller('v1/stream')
@Authenticated('agent', 'supervisor', 'admin')
export class StreamController {
  constructor(
    private readonly hub: StreamHub,
    @Inject(STREAM_HEARTBEAT_MS) private readonly heartbeatMs: number,
  ) {}

  @Get()
  stream(
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: ServerResponse,
  ): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold events back.
      'x-accel-buffering': 'no',
    });
    response.write(': connected\n\n');
    if (lastEventId) {
      const resume = this.hub.resume(principal, lastEventId);
      if (resume.kind === 'reset') response.write(sseReset('last event id unknown or too old'));
      else for (const entry of resume.entries) response.write(sseEvent(entry));
    }
    const unsubscribe = this.hub.subscribe({
      principal,
      send: (entry) => response.write(sseEvent(entry)),
    });
    const heartbeat = setInterval(() => response.write(sseHeartbeat), this.heartbeatMs);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
