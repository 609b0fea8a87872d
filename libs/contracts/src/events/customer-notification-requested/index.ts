export * from './customer-notification-requested.schema.js';
