export * from './offer-commands.schema.js';
export * from './command-result.schema.js';
export * from './heartbeat.schema.js';
export * from './transfer-command.schema.js';
