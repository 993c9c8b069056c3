export * from './model.js';
export * from './template.js';
export * from './tailoring.js';
export * from './access.js';
export * from './web.js';
export * from './proposals.js';
export * from './advice.js';
export * from './monitoring.js';
