export * from './routing-decided.schema.js';
