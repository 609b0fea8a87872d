import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { GatewayConfig } from '../config.js';
import { GATEWAY_CONFIG } from '../gateway.tokens.js';

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/**
 * Only the desk's own files run on its page: no inline script or style, no other origin, and it
 * cannot be framed. Customer text is put on the page as text, and this is the second guard.
 */
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * The agents' web desk: a page and its scripts, served to anyone, since it holds no data. Every
 * call it makes goes to this gateway's API with the agent's bearer token.
 */
@Controller('desk')
export class DeskController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get()
  page(@Res() response: ServerResponse): Promise<void> {
    return this.send(response, 'index.html');
  }

  @Get(':file')
  asset(@Param('file') file: string, @Res() response: ServerResponse): Promise<void> {
    return this.send(response, file);
  }

  private async send(response: ServerResponse, file: string): Promise<void> {
    const path = this.pathOf(file);
    const body = path ? await readFile(path).catch(() => undefined) : undefined;
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`no desk file ${file}`);
      return;
    }
    const extension = file.slice(file.lastIndexOf('.') + 1);
    response.writeHead(200, { 'content-type': contentTypes[extension], ...securityHeaders });
    response.end(body);
  }

  /** The page and style sheet are kept as written; the scripts are the desk's build. */
  private pathOf(file: string): string | undefined {
    const match = /^[a-z][a-z-]*\.(html|css|js)$/.exec(file);
    if (!match) return undefined;
    return join(this.config.deskDir, match[1] === 'js' ? 'dist' : 'static', file);
  }
}
