export * from './offer-commands.schema.js';
export * from './command-result.schema.js';
export * from './heartbeat.schema.js';
