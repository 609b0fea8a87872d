export * from './context-packet.schema.js';
