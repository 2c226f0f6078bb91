export * from './time';
export * from './school';
export * from './people';
export * from './lesson';
export * from './announcement';
export * from './display';
export * from './staff';
export * from './accountImport';
