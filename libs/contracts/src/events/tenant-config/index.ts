export * from './templates-published.schema.js';
