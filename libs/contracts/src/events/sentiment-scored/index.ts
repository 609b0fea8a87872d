export * from './sentiment-scored.schema.js';
