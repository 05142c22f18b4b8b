export * from './digtcert';
export * from './ast';
export { lex, type Token, type LogicalCommand, type LexResult } from './lexer';
export { parseDeck, parseCommand, segmentString, CASE_SENSITIVE_CLASSES, type ParseOptions, type ParseResult } from './parser';
export {
  ACCESS_LEVELS,
  AUTHORITIES,
  COMMAND_ALIASES,
  RACDCERT_FUNCTIONS,
  type AccessLevel,
  type GroupAuthority,
  type CommandName,
  type RacdcertFunctionName,
} from './schema';
