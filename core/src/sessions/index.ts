export * from './model.js';
export * from './registration.js';
export * from './attendance.js';
export * from './ics.js';
export * from './reach.js';
export * from './privacy.js';
export * from './access.js';
export * from './ports.js';
