export * from './templates-published.schema.js';
export * from './template-variables.js';
export * from './trigger-rules.schema.js';
