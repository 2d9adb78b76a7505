export * from './labels';
export * from './metrics';
export * from './external-metrics';
