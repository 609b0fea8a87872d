export * from './integration-infra.js';
export * from './service-process.js';
export * from './topics.js';
