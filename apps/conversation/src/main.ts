// Telemetry first: its import runs before the modules below load.
import './telemetry.js';
import { connectEventConsumers } from '@handoff/messaging';
import { createService, exitOnBootFailure, startService } from '@handoff/service-kit';
import { ConversationAppModule } from './app.module.js';
import { loadConversationConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadConversationConfig();
  const app = await createService(ConversationAppModule.forRoot(config), config.runtime);
  connectEventConsumers(app);
  await startService(app, config.runtime);
}

main().catch(exitOnBootFailure('handoff-conversation'));
