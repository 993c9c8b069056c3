export * from './access.js';
export * from './record.js';
export * from './report.js';
export * from './figures.js';
export * from './region.js';
export * from './trend.js';
