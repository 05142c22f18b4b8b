export * from './digtcert';
export * from './ast';
export { lex, type Token, type LogicalCommand, type LexResult } from './lexer';
export { parseDeck, parseCommand, segmentString, CASE_SENSITIVE_CLASSES, type ParseOptions, type ParseResult } from './parser';
export {
  ACCESS_LEVELS,
  AUTHORITIES,
  COMMAND_ALIASES,
  RACDCERT_FUNCTIONS,
  PBE_ENCRYPTALGS,
  PBE_MACALGS,
  type AccessLevel,
  type GroupAuthority,
  type CommandName,
  type RacdcertFunctionName,
} from './schema';
export { DraftMap, PMap, PMapBuilder, TMap, type FlatTable } from './pmap';
export { StringTable } from './string-table';
export {
  RacfState,
  PasswordHash,
  createState,
  getUser,
  getGroup,
  getConnect,
  listUsers,
  listGroups,
  listConnects,
  getClass,
  listClasses,
  isClassActive,
  isRaclisted,
  pendingRefresh,
  getSetropts,
  getProfile,
  listProfiles,
  hasGenericChars,
  getCertificate,
  listCertificates,
  withCertificate,
  withoutCertificate,
  getRing,
  listRings,
  withRing,
  withoutRing,
  getDataSet,
  listDataSets,
  withDataSet,
  withoutDataSet,
  type UserRecord,
  type GroupRecord,
  type ConnectRecord,
  type ProfileRecord,
  type AccessEntry,
  type ConditionalAccessEntry,
  type WhenKind,
  type ClassOptions,
  type ClassProfiles,
  type SetroptsRecord,
  type StateTables,
  type CreateStateOptions,
} from './state';
export { applyCommand, applyDeck, resolveDsn, type ApplyContext, type ApplyResult, type ApplyDeckResult } from './apply';
export {
  AccessDecision,
  AccessDecisionProfile,
  checkAccess,
  checkAccessExplained,
  verifyPassword,
  findProtectingProfile,
  accessLevelValue,
  isAccessLevel,
  type AccessRequest,
  type AccessContext,
  type PasswordCheck,
} from './access';
export { genericMatches, compareSpecificity } from './match';
export { renderCommand, renderCommandChecked, quoteValue, type RenderResult } from './render';
export { diffStates, renderState, type DiffOptions } from './diff';
export {
  serializeState,
  deserializeState,
  RacfStateJson,
  UserJson,
  GroupJson,
  ConnectJson,
  ProfileJson,
  ClassOptionsJson,
  SetroptsJson,
  RaclistJson,
  SegmentCodec,
  type SerializeOptions,
} from './serialize';
export { Diagnostic } from '@ztwin/core';
