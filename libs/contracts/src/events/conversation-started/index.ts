export * from './conversation-started.schema.js';
