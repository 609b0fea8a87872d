// Telemetry first: its import runs before the modules below load.
import './telemetry.js';
import { connectEventConsumers } from '@handoff/messaging';
import { createService, exitOnBootFailure, startService } from '@handoff/service-kit';
import { RoutingAppModule } from './app.module.js';
import { loadRoutingConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadRoutingConfig();
  const app = await createService(RoutingAppModule.forRoot(config), config.runtime);
  connectEventConsumers(app);
  await startService(app, config.runtime);
}

main().catch(exitOnBootFailure('handoff-routing'));
