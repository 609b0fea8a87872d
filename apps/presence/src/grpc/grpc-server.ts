import type { INestApplication } from '@nestjs/common';
import { HealthGrpc, PresenceGrpc, protoLoaderOptions } from '@handoff/contracts';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { join } from 'node:path';

/** Serves handoff.presence.v1.Presence and grpc.health.v1.Health on one port. */
export function connectGrpcServer(app: INestApplication, url: string): void {
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.GRPC,
      options: {
        url,
        package: [PresenceGrpc.packageName, HealthGrpc.packageName],
        protoPath: [
          join(PresenceGrpc.protoRoot, PresenceGrpc.protoFile),
          join(PresenceGrpc.protoRoot, HealthGrpc.protoFile),
        ],
        loader: protoLoaderOptions,
      },
    },
    { inheritAppConfig: true },
  );
}
