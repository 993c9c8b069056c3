export * from './calendar.js';
export * from './plan.js';
export * from './nudge.js';
export * from './texts.js';
export * from './ports.js';
