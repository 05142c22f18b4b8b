export * from './diagnostic';
export * from './position';
export * from './sources';
export * from './suggest';
