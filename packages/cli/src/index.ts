export * from './args';
export * from './command';
export * from './io';
export * from './run';
export * from './usage';
export { builtinCommands, defaultRegistry } from './commands';
export { jclCommands } from './commands/jcl';
export * from './json';
export * from './state-file';
