// Telemetry first: its import runs before the modules below load.
import './telemetry.js';
import { connectKafkaConsumer } from '@handoff/messaging';
import { createService, exitOnBootFailure, startService } from '@handoff/service-kit';
import { RoutingAppModule } from './app.module.js';
import { loadRoutingConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadRoutingConfig();
  const app = await createService(RoutingAppModule.forRoot(config), config.runtime);
  connectKafkaConsumer(app, config.messaging);
  await startService(app, config.runtime);
}

main().catch(exitOnBootFailure('handoff-routing'));
