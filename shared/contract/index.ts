export * from './envelope';
export * from './roles';
export * from './sync';
export * from './calls';
export * from './events';
export * from './bridge';
