export * from './variable-collected.schema.js';
