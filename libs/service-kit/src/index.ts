export * from './config/load-config.js';
export * from './logging/logger.js';
export * from './health/health.registry.js';
export * from './health/health.module.js';
export * from './metrics/metrics.module.js';
export * from './mongo/mongo.module.js';
export * from './tracing/telemetry.js';
export * from './bootstrap/bootstrap.js';
