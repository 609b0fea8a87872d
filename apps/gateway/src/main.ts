// Telemetry first: its import runs before the modules below load.
import './telemetry.js';
import { connectEventConsumers } from '@handoff/messaging';
import { createService, exitOnBootFailure, startService } from '@handoff/service-kit';
import { GatewayAppModule } from './app.module.js';
import { loadGatewayConfig } from './config.js';
import { configureGatewayHttp } from './http/configure-http.js';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createService(GatewayAppModule.forRoot(config), config.runtime);
  configureGatewayHttp(app);
  connectEventConsumers(app);
  await startService(app, config.runtime);
}

main().catch(exitOnBootFailure('handoff-gateway'));
