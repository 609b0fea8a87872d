export * from './agent-availability-changed.schema.js';
