export * from './conversation-control-requested.schema.js';
