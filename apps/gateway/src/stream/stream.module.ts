import { Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CommandsModule } from '../commands/commands.module.js';
import type { GatewayConfig } from '../config.js';
import { GATEWAY_CONFIG } from '../gateway.tokens.js';
import { LiveEventsConsumer } from './live-events.consumer.js';
import { StreamBuffer } from './stream-buffer.js';
import { StreamController } from './stream.controller.js';
import { StreamHub } from './stream-hub.js';

@Module({
  imports: [CommandsModule],
  controllers: [StreamController, LiveEventsConsumer],
  providers: [
    StreamHub,
    {
      provide: StreamBuffer,
      inject: [GATEWAY_CONFIG],
      // Ids name this instance's run: an id from another instance or an earlier run resumes by time.
      useFactory: (config: GatewayConfig) =>
        new StreamBuffer(
          config.streamBufferSize,
          randomBytes(4).toString('hex'),
          config.streamResumeOverlapMs,
        ),
    },
  ],
})
export class StreamModule {}
