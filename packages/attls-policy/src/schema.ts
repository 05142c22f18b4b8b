/**
 * The catalog of AT-TLS Policy Agent statements and their parameters: which parameters each
 * statement takes, their value kinds, ranges, allowed values and IBM defaults.
 *
 * Sources: z/OS Communications Server IP Configuration Reference, "AT-TLS policy statements"
 * (syntax diagrams, e.g. TTLSEnvironmentAdvancedParms in V2R1, 2.5 and 3.1), and the values a real
 * `pasearch -t` prints for parameters a policy does not set (colinpaicemq/EasyAT-TLS
 * files/pasearch.report, z/OS 3.1: GSK, OCSP, HTTP CDP, group advanced parms).
 * Release-dependent defaults are in {@link releaseDefaults}.
 */

/** z/OS releases whose AT-TLS defaults the model knows. */
export const ZOS_RELEASES = ['V2R1', 'V2R2', 'V2R3', 'V2R4', 'V2R5', 'V3R1'] as const;
export type ZosRelease = (typeof ZOS_RELEASES)[number];
export const DEFAULT_RELEASE: ZosRelease = 'V3R1';

export function releaseIndex(r: ZosRelease): number {
  return ZOS_RELEASES.indexOf(r);
}

/** Kinds of parameter values. */
export type ParamKind =
  | { readonly kind: 'onoff' }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'string'; readonly maxLength?: number }
  /** `...Ref name`: a reference to a statement of `target` type. */
  | { readonly kind: 'ref'; readonly target: StatementType }
  /** An inline nested statement of `target` type. */
  | { readonly kind: 'nested'; readonly target: StatementType }
  /** All | ip | ip/prefix | ip-ip */
  | { readonly kind: 'addr'; readonly allowAll: boolean; readonly form: 'any' | 'single' | 'prefix' | 'range' }
  /** n | n-m (0..65535) */
  | { readonly kind: 'port' }
  /** MVS name with optional trailing `*` wildcard */
  | { readonly kind: 'wildname'; readonly maxLength: number }
  /** cipher suites: names or 2-hex codes (V2/V3) or 4-hex codes (4Char) */
  | { readonly kind: 'ciphers'; readonly form: 'v2' | 'v3' | 'v3-4char' }
  /** a list of tokens, repeatable lines concatenate */
  | { readonly kind: 'list' }
  /** 0/1 mask of fixed length */
  | { readonly kind: 'mask'; readonly length: number }
  | { readonly kind: 'timeofday' }
  | { readonly kind: 'timerange' };

export interface ParamSpec {
  /** IBM's spelling. */
  readonly name: string;
  readonly type: ParamKind;
  /** May appear more than once (values accumulate). */
  readonly repeatable?: boolean;
  readonly required?: boolean;
  /** The IBM default, when the statement supplies defaults (not for override-only statements). */
  readonly default?: string;
  /** Holds a secret: never shown in reports or JSON. */
  readonly secret?: boolean;
}

export const STATEMENT_TYPES = [
  'TTLSRule',
  'TTLSGroupAction',
  'TTLSEnvironmentAction',
  'TTLSConnectionAction',
  'TTLSGroupAdvancedParms',
  'TTLSEnvironmentAdvancedParms',
  'TTLSConnectionAdvancedParms',
  'TTLSKeyringParms',
  'TTLSCipherParms',
  'TTLSSignatureParms',
  'TTLSGskAdvancedParms',
  'TTLSGskLdapParms',
  'TTLSGskOcspParms',
  'TTLSGskHttpCdpParms',
  'IpAddr',
  'IpAddrSet',
  'IpAddrGroup',
  'PortRange',
  'PortGroup',
  'IpTimeCondition',
] as const;
export type StatementType = (typeof STATEMENT_TYPES)[number];

/** Statements of the main and image configuration files (one line, no braces). */
export const CONFIG_STATEMENTS = [
  'TcpImage',
  'CommonTTLSConfig',
  'TTLSConfig',
  'LogLevel',
  'Codepage',
  // Statements of the other Policy Agent disciplines that share pagent.conf and the image files;
  // recognised (so that they are not "unknown statements") and otherwise ignored here.
  'PEPInstance',
  'CommonIPSecConfig',
  'IPSecConfig',
  'QOSConfig',
  'IDSConfig',
  'RoutingConfig',
  'PolicyServer',
  'ServerConnection',
  'ServerSSLv3CipherSuites',
  'ServerSSLv3CipherSuites4Char',
] as const;
export type ConfigStatementType = (typeof CONFIG_STATEMENTS)[number];

// Helpers keep literal types (names, enum values, targets) so that the typed statement views in
// typed.ts are derived from this one table.
const onoff = { kind: 'onoff' } as const;
const int = (min: number, max: number) => ({ kind: 'int', min, max }) as const;
const en = <const V extends readonly string[]>(...values: V) => ({ kind: 'enum', values }) as const;
const str = (maxLength?: number): { readonly kind: 'string'; readonly maxLength?: number } => (maxLength === undefined ? { kind: 'string' } : { kind: 'string', maxLength });
const ref = <const T extends StatementType>(target: T) => ({ kind: 'ref', target }) as const;
const nested = <const T extends StatementType>(target: T) => ({ kind: 'nested', target }) as const;
const list = { kind: 'list' } as const;

/** `X` inline and `XRef name`: the two ways to attach a sub-statement. */
function sub<const T extends StatementType>(target: T, required?: true) {
  const extra = required === true ? { required: true as const } : {};
  return [
    { name: target, type: nested(target), ...extra },
    { name: `${target}Ref` as `${T}Ref`, type: ref(target), ...extra },
  ] as const;
}

const TRACE = { name: 'Trace', type: int(0, 255) } as const;
const CTRACE = { name: 'CtraceClearText', type: onoff } as const;

/**
 * Protocol switches and settings shared by the environment advanced parms (with these defaults)
 * and the connection advanced parms (no defaults: they override the environment).
 */
const ADVANCED = [
  { name: 'SSLv2', type: onoff, default: 'Off' },
  { name: 'SSLv3', type: onoff, default: 'Off' },
  // TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 defaults depend on the release: see releaseDefaults.
  { name: 'TLSv1', type: onoff },
  { name: 'TLSv1.1', type: onoff },
  { name: 'TLSv1.2', type: onoff },
  { name: 'TLSv1.3', type: onoff },
  { name: 'MiddleBoxCompatMode', type: onoff, default: 'Off' },
  { name: 'ApplicationControlled', type: onoff, default: 'Off' },
  // Range 0-600 s from memory of the IP Configuration Reference, not verified here (public samples use 3 and 120).
  { name: 'HandshakeTimeout', type: int(0, 600), default: '10' },
  { name: 'ResetCipherTimer', type: int(0, 1440), default: '0' },
  { name: 'SecondaryMap', type: onoff, default: 'Off' },
  { name: 'CertificateLabel', type: str(32) },
  { name: 'TruncatedHMAC', type: onoff, default: 'Off' },
  { name: 'ServerMaxSSLFragment', type: en('Off', '512', '1024', '2048', '4096'), default: 'Off' },
  { name: 'ClientMaxSSLFragment', type: en('Off', '512', '1024', '2048', '4096'), default: 'Off' },
  { name: 'ServerHandshakeSNI', type: en('Off', 'Optional', 'Required'), default: 'Off' },
  { name: 'ClientHandshakeSNI', type: en('Off', 'Optional', 'Required'), default: 'Off' },
  { name: 'ClientHandshakeSNIList', type: str(), repeatable: true },
  { name: 'ServerHandshakeSNIMatch', type: en('Optional', 'Required') },
  { name: 'ServerHandshakeSNIList', type: list, repeatable: true },
  { name: 'ClientExtendedMasterSecret', type: en('On', 'Off', 'Required'), default: 'On' },
  { name: 'ServerExtendedMasterSecret', type: en('On', 'Off', 'Required'), default: 'On' },
  { name: 'Renegotiation', type: en('Default', 'Disabled', 'Abbreviated'), default: 'Default' },
  { name: 'RenegotiationIndicator', type: en('Optional', 'Client', 'Server', 'Both'), default: 'Optional' },
  { name: 'RenegotiationCertCheck', type: onoff, default: 'Off' },
  { name: '3DesKeyCheck', type: onoff, default: 'Off' },
  { name: 'ClientEDHGroupSize', type: en('Legacy', '2048'), default: 'Legacy' },
  { name: 'ServerEDHGroupSize', type: en('Legacy', '2048', 'Match'), default: 'Legacy' },
  { name: 'PeerMinCertVersion', type: en('Any', '3'), default: 'Any' },
  { name: 'PeerMinDHKeySize', type: int(0, 8192), default: '1024' },
  { name: 'PeerMinDsaKeySize', type: int(0, 8192), default: '1024' },
  { name: 'PeerMinECCKeySize', type: int(0, 521), default: '192' },
  { name: 'PeerMinRsaKeySize', type: int(0, 16384), default: '1024' },
  { name: 'ServerScsv', type: onoff, default: 'Off' },
] as const;

/** The same parameters without defaults (override-only statements). */
function withoutDefaults<const P extends readonly ParamSpec[]>(ps: P): P {
  return ps.map((p) => {
    const { default: _d, ...rest } = p;
    return rest;
  }) as readonly ParamSpec[] as P; // same parameters; only the (runtime) defaults are dropped
}

const SPECS = {
  TTLSRule: [
    { name: 'LocalAddr', type: { kind: 'addr', allowAll: true, form: 'any' } },
    { name: 'RemoteAddr', type: { kind: 'addr', allowAll: true, form: 'any' } },
    { name: 'LocalAddrRef', type: ref('IpAddr') },
    { name: 'RemoteAddrRef', type: ref('IpAddr') },
    { name: 'LocalAddrSetRef', type: ref('IpAddrSet') },
    { name: 'RemoteAddrSetRef', type: ref('IpAddrSet') },
    { name: 'LocalAddrGroupRef', type: ref('IpAddrGroup') },
    { name: 'RemoteAddrGroupRef', type: ref('IpAddrGroup') },
    { name: 'LocalPortRange', type: { kind: 'port' } },
    { name: 'RemotePortRange', type: { kind: 'port' } },
    { name: 'LocalPortRangeRef', type: ref('PortRange') },
    { name: 'RemotePortRangeRef', type: ref('PortRange') },
    { name: 'LocalPortGroupRef', type: ref('PortGroup') },
    { name: 'RemotePortGroupRef', type: ref('PortGroup') },
    { name: 'Jobname', type: { kind: 'wildname', maxLength: 8 } },
    { name: 'Userid', type: { kind: 'wildname', maxLength: 8 } },
    { name: 'Direction', type: en('Inbound', 'Outbound', 'Both'), required: true },
    // Priority 1..2000000000, 2000000000 highest (IP Configuration Guide, "AT-TLS rules").
    { name: 'Priority', type: int(1, 2000000000) },
    ...sub('IpTimeCondition'),
    { name: 'TTLSGroupActionRef', type: ref('TTLSGroupAction'), required: true },
    { name: 'TTLSEnvironmentActionRef', type: ref('TTLSEnvironmentAction') },
    { name: 'TTLSConnectionActionRef', type: ref('TTLSConnectionAction') },
  ],
  TTLSGroupAction: [
    { name: 'TTLSEnabled', type: onoff, required: true },
    { ...TRACE, default: '2' } as const,
    { ...CTRACE, default: 'Off' } as const,
    { name: 'FIPS140', type: en('On', 'Off', 'Level1', 'Level2', 'Level3'), default: 'Off' },
    ...sub('TTLSGroupAdvancedParms'),
    { name: 'GroupUserInstance', type: int(0, 2147483647) },
  ],
  TTLSGroupAdvancedParms: [
    { name: 'SecondaryMap', type: onoff, default: 'Off' },
    { name: 'SyslogFacility', type: en('Daemon', 'Auth'), default: 'Daemon' },
    { name: 'Envfile', type: str() },
    { name: 'CRLCacheTimeout', type: int(0, 720) },
  ],
  TTLSEnvironmentAction: [
    { name: 'HandshakeRole', type: en('Client', 'Server', 'ServerWithClientAuth'), required: true },
    ...sub('TTLSKeyringParms', true),
    ...sub('TTLSCipherParms'),
    ...sub('TTLSSignatureParms'),
    ...sub('TTLSEnvironmentAdvancedParms'),
    ...sub('TTLSGskAdvancedParms'),
    // Values from the V2R3 / 3.1 TTLSEnvironmentAction syntax diagram.
    { name: 'SuiteBProfile', type: en('Off', '128', '128Min', '192', '192Min', 'All'), default: 'Off' },
    TRACE,
    CTRACE,
    { name: 'EnvironmentUserInstance', type: int(0, 255), default: '0' },
  ],
  TTLSEnvironmentAdvancedParms: [
    ...ADVANCED,
    { name: 'ClientAuthType', type: en('PassThru', 'Full', 'Required', 'SAFCheck'), default: 'Required' },
    { name: 'CertValidationMode', type: en('Any', 'RFC2459', 'RFC3280', 'RFC5280'), default: 'Any' },
  ],
  TTLSConnectionAction: [
    { name: 'HandshakeRole', type: en('Client', 'Server', 'ServerWithClientAuth') },
    ...sub('TTLSCipherParms'),
    ...sub('TTLSSignatureParms'),
    ...sub('TTLSConnectionAdvancedParms'),
    TRACE,
    CTRACE,
    { name: 'ConnectionUserInstance', type: int(0, 2147483647) },
  ],
  TTLSConnectionAdvancedParms: [
    ...withoutDefaults(ADVANCED),
    { name: 'ServerCertificateLabel', type: str(32), repeatable: true },
  ],
  TTLSKeyringParms: [
    { name: 'Keyring', type: str(1023), required: true },
    { name: 'KeyringPw', type: str(), secret: true },
    { name: 'KeyringStashFile', type: str(1023) },
  ],
  TTLSCipherParms: [
    { name: 'V2CipherSuites', type: { kind: 'ciphers', form: 'v2' }, repeatable: true },
    { name: 'V3CipherSuites', type: { kind: 'ciphers', form: 'v3' }, repeatable: true },
    { name: 'V3CipherSuites4Char', type: { kind: 'ciphers', form: 'v3-4char' }, repeatable: true },
  ],
  TTLSSignatureParms: [
    { name: 'ClientECurves', type: list, repeatable: true },
    { name: 'ClientKeyShareGroups', type: list, repeatable: true },
    { name: 'ServerKeyShareGroups', type: list, repeatable: true },
    { name: 'SignaturePairs', type: list, repeatable: true },
    { name: 'SignaturePairsCert', type: list, repeatable: true },
  ],
  TTLSGskAdvancedParms: [
    { name: 'GSK_V3_SESSION_TIMEOUT', type: int(0, 86400), default: '86400' },
    { name: 'GSK_V3_SIDCACHE_SIZE', type: int(0, 64000), default: '512' },
    { name: 'GSK_SESSION_TICKET_CLIENT_ENABLE', type: onoff, default: 'On' },
    { name: 'GSK_SESSION_TICKET_CLIENT_MAXSIZE', type: int(0, 65535), default: '8192' },
    { name: 'GSK_SESSION_TICKET_SERVER_ENABLE', type: onoff, default: 'On' },
    { name: 'GSK_SESSION_TICKET_SERVER_ALGORITHM', type: en('AESCBC128', 'AESCBC256'), default: 'AESCBC128' },
    { name: 'GSK_SESSION_TICKET_SERVER_COUNT', type: int(1, 1024), default: '2' },
    { name: 'GSK_SESSION_TICKET_SERVER_KEY_REFRESH', type: int(1, 86400), default: '300' },
    { name: 'GSK_SESSION_TICKET_SERVER_TIMEOUT', type: int(1, 86400), default: '300' },
    ...sub('TTLSGskHttpCdpParms'),
    ...sub('TTLSGskOcspParms'),
    ...sub('TTLSGskLdapParms'),
  ],
  TTLSGskLdapParms: [
    { name: 'GSK_LDAP_Server', type: list, repeatable: true },
    { name: 'GSK_LDAP_Server_Port', type: int(1, 65535), default: '389' },
    { name: 'GSK_LDAP_User', type: str() },
    { name: 'GSK_LDAP_Password', type: str(), secret: true },
    { name: 'GSK_CRL_Cache_Timeout', type: int(0, 720), default: '24' },
    { name: 'GSK_CRL_Security_Level', type: en('Low', 'Medium', 'High'), default: 'Medium' },
  ],
  TTLSGskOcspParms: [
    { name: 'OcspAiaEnable', type: onoff, default: 'Off' },
    { name: 'OcspUrl', type: str() },
    { name: 'OcspProxyServerName', type: str() },
    { name: 'OcspProxyServerPort', type: int(1, 65535), default: '80' },
    { name: 'OcspRetrieveViaGet', type: onoff, default: 'Off' },
    { name: 'OcspUrlPriority', type: onoff, default: 'On' },
    { name: 'OcspRequestSigalg', type: str() },
    { name: 'OcspClientCacheSize', type: int(0, 32000), default: '256' },
    { name: 'OcspCliCacheEntryMaxsize', type: int(0, 2147483647), default: '0' },
    { name: 'OcspNonceGenEnable', type: onoff, default: 'Off' },
    { name: 'OcspNonceCheckEnable', type: onoff, default: 'Off' },
    { name: 'OcspNonceSize', type: int(8, 256), default: '8' },
    { name: 'OcspResponseTimeout', type: int(0, 43200), default: '15' },
    { name: 'OcspMaxResponseSize', type: int(0, 2147483647), default: '20480' },
    { name: 'OcspServerStapling', type: onoff, default: 'Off' },
  ],
  TTLSGskHttpCdpParms: [
    { name: 'HttpCdpEnable', type: onoff, default: 'Off' },
    { name: 'HttpCdpProxyServerName', type: str() },
    { name: 'HttpCdpProxyServerPort', type: int(1, 65535), default: '80' },
    { name: 'HttpCdpResponseTimeout', type: int(0, 43200), default: '15' },
    { name: 'HttpCdpMaxResponseSize', type: int(0, 2147483647), default: '204800' },
    { name: 'HttpCdpCacheSize', type: int(0, 32000), default: '32' },
    { name: 'HttpCdpCacheEntryMaxsize', type: int(0, 2147483647), default: '0' },
  ],
  IpAddr: [{ name: 'Addr', type: { kind: 'addr', allowAll: false, form: 'single' }, required: true }],
  // IP Configuration Reference, IpAddrSet: exactly one Prefix or Range.
  IpAddrSet: [
    { name: 'Prefix', type: { kind: 'addr', allowAll: false, form: 'prefix' } },
    { name: 'Range', type: { kind: 'addr', allowAll: false, form: 'range' } },
  ],
  IpAddrGroup: [
    { name: 'IpAddrSet', type: nested('IpAddrSet'), repeatable: true },
    { name: 'IpAddrSetRef', type: ref('IpAddrSet'), repeatable: true },
    { name: 'IpAddr', type: nested('IpAddr'), repeatable: true },
    { name: 'IpAddrRef', type: ref('IpAddr'), repeatable: true },
  ],
  PortRange: [{ name: 'Port', type: { kind: 'port' }, required: true }],
  PortGroup: [
    { name: 'PortRange', type: nested('PortRange'), repeatable: true },
    { name: 'PortRangeRef', type: ref('PortRange'), repeatable: true },
  ],
  IpTimeCondition: [
    { name: 'TimeZone', type: en('UTC', 'Local'), default: 'Local' },
    { name: 'ConditionTimeRange', type: { kind: 'timerange' } },
    { name: 'TimeOfDayRange', type: { kind: 'timeofday' } },
    { name: 'DayOfMonthMask', type: { kind: 'mask', length: 62 } },
    { name: 'MonthOfYearMask', type: { kind: 'mask', length: 12 } },
    { name: 'DayOfWeekMask', type: { kind: 'mask', length: 7 } },
  ],
} as const satisfies Record<StatementType, readonly ParamSpec[]>;

/** The statement table, literal-typed (names, kinds, enum values): see typed.ts. */
export type StatementSpecs = typeof SPECS;

/**
 * Release-dependent defaults of TTLSEnvironmentAdvancedParms protocol switches, from the syntax
 * diagrams of the IP Configuration Reference:
 * - V2R1: SSLv3 Off, TLSv1 On, TLSv1.1 On, TLSv1.2 Off (no TLSv1.3).
 * - V2R4 adds TLSv1.3, default Off.
 * - 2.5 and 3.1 still show TLSv1 On, TLSv1.1 On, TLSv1.2 Off, TLSv1.3 Off, with a footnote on the
 *   TLSv1/TLSv1.1 defaults whose text was not available here: a condition under which they differ
 *   is not modelled. (A pasearch report of a 3.1 system shows TLSv1 Off/TLSv1.2 On, but for a policy
 *   whose source is not public, so it is not evidence of defaults.)
 * V2R2/V2R3 are taken to match V2R1 (not verified separately).
 */
export function releaseDefaults(release: ZosRelease): Readonly<Record<string, string | undefined>> {
  const i = releaseIndex(release);
  return {
    TLSv1: 'On',
    'TLSv1.1': 'On',
    'TLSv1.2': 'Off',
    'TLSv1.3': i >= releaseIndex('V2R4') ? 'Off' : undefined,
  };
}

/** Parameters introduced after V2R1, keyed by the release that introduced them. */
export const PARAM_SINCE: Readonly<Record<string, ZosRelease>> = {
  'TLSv1.3': 'V2R4',
  MiddleBoxCompatMode: 'V2R4',
  ClientKeyShareGroups: 'V2R4',
  ServerKeyShareGroups: 'V2R4',
};

export interface StatementSpec {
  readonly type: StatementType;
  readonly params: readonly ParamSpec[];
  /** Lower-cased parameter name → spec. */
  readonly byLower: ReadonlyMap<string, ParamSpec>;
}

const STATEMENT_SPECS: ReadonlyMap<string, StatementSpec> = new Map(
  STATEMENT_TYPES.map((type) => {
    const params = SPECS[type];
    return [type.toLowerCase(), { type, params, byLower: new Map(params.map((p) => [p.name.toLowerCase(), p])) }];
  }),
);

const SPEC_BY_TYPE: ReadonlyMap<string, StatementSpec> = new Map([...STATEMENT_SPECS.values()].map((s) => [s.type, s]));

export function statementSpec(type: StatementType): StatementSpec {
  const s = SPEC_BY_TYPE.get(type) ?? STATEMENT_SPECS.get(type.toLowerCase());
  if (s === undefined) throw new Error(`no spec for ${type}`); // unreachable: StatementType is closed
  return s;
}

/** The canonical spelling of a statement type, case-insensitively; undefined when unknown. */
export function lookupStatementType(word: string): StatementType | undefined {
  return STATEMENT_SPECS.get(word.toLowerCase())?.type;
}

const CONFIG_LOWER: ReadonlyMap<string, ConfigStatementType> = new Map(CONFIG_STATEMENTS.map((c) => [c.toLowerCase(), c]));
export function lookupConfigStatement(word: string): ConfigStatementType | undefined {
  return CONFIG_LOWER.get(word.toLowerCase());
}

/** Statement types in which a parameter (any spelling) is valid. */
export function statementsWithParam(name: string): StatementType[] {
  const l = name.toLowerCase();
  return STATEMENT_TYPES.filter((t) => statementSpec(t).byLower.has(l));
}

/** Every parameter name any statement takes (for did-you-mean). */
export const ALL_PARAM_NAMES: readonly string[] = [...new Set(STATEMENT_TYPES.flatMap((t) => SPECS[t].map((p) => p.name)))];

/** Names of the sub-statement a parameter attaches (`X` or `XRef` → `X`). */
export function subTarget(p: ParamSpec): StatementType | undefined {
  return p.type.kind === 'ref' || p.type.kind === 'nested' ? p.type.target : undefined;
}
