export * from './der';
export * from './dn';
export * from './sources';
export * from './certinfo';
export * from './gencert';
