export * from './message-posted.schema.js';
