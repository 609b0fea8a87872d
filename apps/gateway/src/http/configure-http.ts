import type { INestApplication } from '@nestjs/common';
import { inboundEventMaxBytes } from '@handoff/contracts';
import { readBodies } from './body-reader.js';

/** Before the app initialises: bodies read with the inbound limit, nothing rendered as HTML. */
export function configureGatewayHttp(app: INestApplication): void {
  app.use(readBodies(inboundEventMaxBytes));
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');
}
