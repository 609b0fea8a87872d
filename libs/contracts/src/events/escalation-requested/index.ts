export * from './escalation-requested.schema.js';
