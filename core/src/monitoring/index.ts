export * from './record.js';
export * from './report.js';
