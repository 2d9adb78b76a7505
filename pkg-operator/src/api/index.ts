export * from './lambda-function';
export * from './defaults';
