export * from './compile-rules.js';
export * from './compiled-rules.js';
export * from './default-rules.js';
export * from './fold.js';
export * from './parse-rule-set.js';
