export * from './feedback.schema.js';
