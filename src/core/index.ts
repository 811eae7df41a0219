export * from './config.js';
export * from './error-codes.js';
export * from './errors.js';
export * from './i18n.js';
export * from './ids.js';
export * from './korean-particle.js';
export { makeDirectory } from './make-directory.js';
export { seoulDay } from './seoul-day.js';
export { isCalendarDate, readTimeBound } from './time-bound.js';
