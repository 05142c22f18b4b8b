export * from './model';
export * from './records';
export * from './reader';
export * from './tso';
export * from './builder';
export * from './racf-job';
export * from './le-options';
export * from './lint';
