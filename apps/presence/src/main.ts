// Telemetry first: its import runs before the modules below load.
import './telemetry.js';
import { connectEventConsumers } from '@handoff/messaging';
import { createService, exitOnBootFailure, startService } from '@handoff/service-kit';
import { PresenceAppModule } from './app.module.js';
import { loadPresenceConfig } from './config.js';
import { connectGrpcServer } from './grpc/grpc-server.js';

async function main(): Promise<void> {
  const config = loadPresenceConfig();
  const app = await createService(PresenceAppModule.forRoot(config), config.runtime);
  connectEventConsumers(app);
  connectGrpcServer(app, config.grpcUrl);
  await startService(app, config.runtime);
}

main().catch(exitOnBootFailure('handoff-presence'));
