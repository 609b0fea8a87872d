export * from './routing-enqueued.schema.js';
export * from './routing-withdrawn.schema.js';
export * from './offer-events.schema.js';
export * from './queue-due.schema.js';
export * from './offers-list-requested.schema.js';
