export * from './errors.js';
export * from './identity.js';
export * from './municipality.js';
export * from './tender.js';
export * from './session.js';
export * from './ports.js';
export * from './content/schema.js';
