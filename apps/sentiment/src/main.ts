// Telemetry first: its import runs before the modules below load.
import './telemetry.js';
import { connectEventConsumers } from '@handoff/messaging';
import { createService, exitOnBootFailure, startService } from '@handoff/service-kit';
import { SentimentAppModule } from './app.module.js';
import { loadSentimentConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadSentimentConfig();
  const app = await createService(SentimentAppModule.forRoot(config), config.runtime);
  connectEventConsumers(app);
  await startService(app, config.runtime);
}

main().catch(exitOnBootFailure('handoff-sentiment'));
