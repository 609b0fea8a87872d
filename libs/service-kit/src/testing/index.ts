export * from './integration-infra.js';
