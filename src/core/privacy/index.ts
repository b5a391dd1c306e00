export * from './randomized-response';
export * from './proof-set';
export * from './demand';
export * from './sealed';
export * from './key-file';
