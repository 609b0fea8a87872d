export * from './conversation-closed.schema.js';
