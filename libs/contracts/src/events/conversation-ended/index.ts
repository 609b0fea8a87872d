export * from './conversation-ended.schema.js';
