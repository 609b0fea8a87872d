import { Module, type DynamicModule } from '@nestjs/common';
import { PresenceGrpc, protoLoaderOptions } from '@handoff/contracts';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { join } from 'node:path';
import { PRESENCE_DEADLINE_MS, PRESENCE_GRPC, PresenceClient } from './presence.client.js';

@Module({})
export class PresenceClientModule {
  static register(options: { url: string; deadlineMs: number }): DynamicModule {
    return {
      module: PresenceClientModule,
      imports: [
        ClientsModule.register([
          {
            name: PRESENCE_GRPC,
            transport: Transport.GRPC,
            options: {
              url: options.url,
              package: PresenceGrpc.packageName,
              protoPath: join(PresenceGrpc.protoRoot, PresenceGrpc.protoFile),
              loader: protoLoaderOptions,
            },
          },
        ]),
      ],
      providers: [PresenceClient, { provide: PRESENCE_DEADLINE_MS, useValue: options.deadlineMs }],
      exports: [PresenceClient],
    };
  }
}
