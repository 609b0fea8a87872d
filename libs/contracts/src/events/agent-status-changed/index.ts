export * from './agent-status-changed.schema.js';
