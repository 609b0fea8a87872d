export * from './bot-fallback.schema.js';
export * from './customer-profile.schema.js';
export * from './customer-left.schema.js';
export * from './csat-answered.schema.js';
