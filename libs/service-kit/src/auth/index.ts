export * from './auth-config.js';
export * from './principal.js';
export * from './token-verifier.js';
export * from './auth.guard.js';
export * from './auth.module.js';
