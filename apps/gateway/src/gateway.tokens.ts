/** Injection tokens for the gateway's settings and shared helpers. */
export const EVENT_VALIDATOR = Symbol('EVENT_VALIDATOR');
export const COMMAND_TIMEOUT_MS = Symbol('COMMAND_TIMEOUT_MS');
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const STREAM_HEARTBEAT_MS = Symbol('STREAM_HEARTBEAT_MS');
