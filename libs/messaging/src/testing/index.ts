export * from './agent-status-test-app.js';
export * from './topic-recorder.js';
export * from './recording-sink.js';
export * from './service-under-test.js';
export * from './event-bus.js';
