export * from './message-recorded.schema.js';
