export * from './record.js';
export * from './report.js';
export * from './region.js';
