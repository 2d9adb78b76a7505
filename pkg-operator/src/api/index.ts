export * from './lambda-function';
export * from './defaults';
export * from './phase';
