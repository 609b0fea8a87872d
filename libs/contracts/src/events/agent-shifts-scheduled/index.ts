export * from './agent-shifts-scheduled.schema.js';
