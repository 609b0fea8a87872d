export * from './conversation-actions.schema.js';
export * from './agent-requests.schema.js';
export * from './agent-message-sent.schema.js';
