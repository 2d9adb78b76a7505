export * from './labels';
export * from './metrics';
export * from './external-metrics';
export * from './slo-defaults';
export * from './exposition';
export * from './exposition-check';
