/**
 * @ztwin/attls-policy — AT-TLS Policy Agent files as types: parser, renderer, NCA-style builder,
 * validation, effective policy (pasearch-like report) and the rule matcher.
 *
 * The public API is listed here by name (the README's API table and docs/guides/attls-policy.md,
 * what other packages use, and the types and io-ts codecs of every public shape). Helpers the
 * modules share among themselves (condition predicates, IPv4/IPv6 primitives, catalog indexes,
 * render column, secret masking internals, dedupe) stay internal: exported from their module for
 * the package's own use, not from here.
 */

// One call each: check a policy or pagent.conf, canonical text, match a connection.
export { type CheckResult, type PolicyInput, MatchResult, MatchedRule, check, checkPath, fmt, match, parseEndpoint } from './api';

// The model and its JSON (secrets masked).
export {
  type ConfigStatement,
  type Param,
  type Policy,
  type PolicyIndex,
  type Statement,
  ParamJSON,
  PolicyJSON,
  StatementJSON,
  indexPolicy,
  paramValue,
  paramValues,
  policyToJSON,
  samePolicy,
} from './model';

// Reading and writing policy files.
export { type ParseResult, parsePolicy } from './parse';
export { type FileReader, type LoadOptions, type LoadResult, loadPolicy, mergePolicies } from './load';
export { type RenderOptions, type RenderResult, renderPolicy } from './render';

// The statement catalog: parameters, kinds, ranges, IBM defaults by z/OS release, cipher table.
export {
  type ConfigStatementType,
  type ParamKind,
  type ParamSpec,
  type StatementSpec,
  type StatementType,
  type ZosRelease,
  CONFIG_STATEMENTS,
  DEFAULT_RELEASE,
  PARAM_SINCE,
  STATEMENT_TYPES,
  ZOS_RELEASES,
  lookupConfigStatement,
  lookupStatementType,
  releaseDefaults,
  statementSpec,
} from './schema';
export { type CipherSuite, CIPHER_SUITES, cipherNames, lookupCipher } from './ciphers';

// Typed views of every statement.
export type {
  AnyTypedStatement,
  IpAddr,
  IpAddrGroup,
  IpAddrSet,
  IpTimeCondition,
  PortGroup,
  PortRange,
  TTLSCipherParms,
  TTLSConnectionAction,
  TTLSConnectionAdvancedParms,
  TTLSEnvironmentAction,
  TTLSEnvironmentAdvancedParms,
  TTLSGroupAction,
  TTLSGroupAdvancedParms,
  TTLSGskAdvancedParms,
  TTLSGskHttpCdpParms,
  TTLSGskLdapParms,
  TTLSGskOcspParms,
  TTLSKeyringParms,
  TTLSRule,
  TTLSSignatureParms,
  TypedParams,
  TypedStatement,
} from './typed';
export { typedAs, typedStatement } from './typed';

// Addresses and ports as AT-TLS conditions write them.
export { type AddrRange, type AddrSpec, type IpAddress, formatIp, parseAddrSpec, parseIp, parsePortSpec } from './address';

// Matching connections to rules.
export { type CompiledRule, compileRules, ruleCovers } from './conditions';
export { type MatchOptions, type PreparedConnection, Connection, RuleMatcher, SkippedRule, matchNaive, prepareConnection } from './match';

// Effective actions and the pasearch-like report.
export { type EffectiveOptions, EffectiveActions, EffectiveStatement, Settings, TlsSummary, effectiveActions } from './effective';
export { pasearchReport } from './pasearch';

// Validation, also against RACF key rings.
export { type ValidateOptions, shadowedRules, validatePolicy } from './validate';
export { type KeyringFacts, type KeyringRef, type VirtualKeyringRef, parseKeyringRef, virtualKeyringText } from './keyring-facts';
// RACF virtual key rings: keyring's rules (shared with zcee-config), re-exported for policy checks.
export {
  type VirtualRingAccess,
  type VirtualRingCertificate,
  type VirtualRingOwner,
  virtualRingAccess,
  virtualRingAnchors,
  virtualRingCertificate,
  virtualRingMembers,
  virtualRingName,
  virtualRingResource,
} from '@ztwin/keyring';
export { type KeyringStateFactsOptions, keyringFactsFromState } from './state-facts';

// The z/OSMF Network Configuration Assistant's model.
export {
  type AddressGroup,
  type ConnectivityRule,
  type NcaConfig,
  type NcaError,
  type PortSpec,
  type RequirementMap,
  type SecurityLevel,
  type TrafficDescriptor,
  buildNcaPolicy,
} from './nca';
