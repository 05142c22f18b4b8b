/**
 * Declarative operand schemas of the RACF commands. One engine (parser.ts) turns tokens into typed
 * ASTs with these, and renderer.ts turns ASTs back into canonical command text, so the two cannot
 * drift apart. Keyword names and aliases are IBM's (z/OS Security Server RACF Command Language
 * Reference); a schema lists every keyword the model understands for that command.
 */

/** How a keyword's value is read. */
export type Spec =
  /** Bare keyword; sets `field` to `value` (true for FOO, false for NOFOO, or a string constant). */
  | { readonly t: 'flag'; readonly f: string; readonly v: boolean | string }
  /** KW(value): one value. `up` upper-cases it (user ids, group ids, class names). */
  | { readonly t: 'str'; readonly f: string; readonly up: boolean; readonly secret?: boolean }
  /** KW(v1 v2 ...): a list of values. */
  | { readonly t: 'list'; readonly f: string; readonly up: boolean }
  /** KW(n): a non-negative integer. */
  | { readonly t: 'num'; readonly f: string }
  /** KW(v) where v is one of `values` (after upper-casing). */
  | { readonly t: 'enum'; readonly f: string; readonly values: readonly string[] }
  /** KW or KW(v1 ...): true when bare, else the list of values. */
  | { readonly t: 'opt'; readonly f: string; readonly up: boolean }
  /** KW(SUB(...) ...): a nested operand group (segments, SUBJECTSDN, WHEN, CONNECT(...)...). Bare KW = {}. */
  | { readonly t: 'seg'; readonly f: string; readonly sub: Schema }
  /** KW('dsn') or KW(dsn): a data set name, kept as TSO writes it: `'FULL.NAME'` quoted (fully qualified) or `REL.NAME` (gets the prefix). */
  | { readonly t: 'dsn'; readonly f: string }
  /** NOSEG: removes a segment (sets `field` to null). */
  | { readonly t: 'null'; readonly f: string };

export interface Positional {
  readonly f: string;
  /** 'one' value or a 'list' (a parenthesised list or a single value). */
  readonly many: boolean;
  readonly up: boolean;
  readonly optional: boolean;
  /** Keep whether the value was quoted (data set names: quoted = fully qualified). */
  readonly dsn?: boolean;
}

export interface Schema {
  readonly pos: readonly Positional[];
  readonly kws: Readonly<Record<string, Spec>>;
  /** Accept keywords not in `kws` as-is (open segments, e.g. CSDATA, CDTINFO): stored under `extra`. */
  readonly open?: boolean;
}

// ---- builders -------------------------------------------------------------------------------
export const flag = (f: string, v: boolean | string = true): Spec => ({ t: 'flag', f, v });
export const str = (f: string, up = false): Spec => ({ t: 'str', f, up });
export const secret = (f: string): Spec => ({ t: 'str', f, up: false, secret: true });
export const list = (f: string, up = false): Spec => ({ t: 'list', f, up });
export const num = (f: string): Spec => ({ t: 'num', f });
export const enm = (f: string, values: readonly string[]): Spec => ({ t: 'enum', f, values });
export const opt = (f: string, up = false): Spec => ({ t: 'opt', f, up });
export const seg = (f: string, sub: Schema): Spec => ({ t: 'seg', f, sub });
export const dsn = (f: string): Spec => ({ t: 'dsn', f });
export const nul = (f: string): Spec => ({ t: 'null', f });
export const sch = (kws: Record<string, Spec>, pos: readonly Positional[] = [], open = false): Schema => ({ pos, kws, open });
const P = (f: string, many: boolean, up: boolean, optional = false, dsn = false): Positional => ({ f, many, up, optional, dsn });

/** FOO / NOFOO pairs on the same boolean field. */
function yesNo(kw: string, f: string): Record<string, Spec> {
  return { [kw]: flag(f, true), [`NO${kw}`]: flag(f, false) };
}

export const ACCESS_LEVELS = ['NONE', 'EXECUTE', 'READ', 'UPDATE', 'CONTROL', 'ALTER'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const AUTHORITIES = ['USE', 'CREATE', 'CONNECT', 'JOIN'] as const;
export type GroupAuthority = (typeof AUTHORITIES)[number];

const open = (): Schema => sch({}, [], true);

// ---- segments ------------------------------------------------------------------------------
const OMVS_USER = sch({
  UID: num('UID'),
  AUTOUID: flag('AUTOUID'),
  SHARED: flag('SHARED'),
  HOME: str('HOME'),
  PROGRAM: str('PROGRAM'),
  CPUTIMEMAX: num('CPUTIMEMAX'),
  ASSIZEMAX: num('ASSIZEMAX'),
  FILEPROCMAX: num('FILEPROCMAX'),
  PROCUSERMAX: num('PROCUSERMAX'),
  THREADSMAX: num('THREADSMAX'),
  MMAPAREAMAX: num('MMAPAREAMAX'),
  MEMLIMIT: str('MEMLIMIT', true),
  SHMEMMAX: str('SHMEMMAX', true),
  NOUID: nul('UID'),
  NOHOME: nul('HOME'),
  NOPROGRAM: nul('PROGRAM'),
});
const TSO_USER = sch({
  ACCTNUM: str('ACCTNUM', true),
  PROC: str('PROC', true),
  SIZE: num('SIZE'),
  MAXSIZE: num('MAXSIZE'),
  UNIT: str('UNIT', true),
  USERDATA: str('USERDATA', true),
  COMMAND: str('COMMAND'),
  DEST: str('DEST', true),
  HOLDCLASS: str('HOLDCLASS', true),
  JOBCLASS: str('JOBCLASS', true),
  MSGCLASS: str('MSGCLASS', true),
  SYSOUTCLASS: str('SYSOUTCLASS', true),
  SECLABEL: str('SECLABEL', true),
  NOACCTNUM: nul('ACCTNUM'),
  NOPROC: nul('PROC'),
  NOCOMMAND: nul('COMMAND'),
});
const DFP = sch({ DATAAPPL: str('DATAAPPL', true), DATACLAS: str('DATACLAS', true), MGMTCLAS: str('MGMTCLAS', true), STORCLAS: str('STORCLAS', true) });
const WORKATTR = sch({
  WANAME: str('WANAME'),
  WABLDG: str('WABLDG'),
  WADEPT: str('WADEPT'),
  WAROOM: str('WAROOM'),
  WAADDR1: str('WAADDR1'),
  WAADDR2: str('WAADDR2'),
  WAADDR3: str('WAADDR3'),
  WAADDR4: str('WAADDR4'),
  WAACCNT: str('WAACCNT'),
  WAEMAIL: str('WAEMAIL'),
});
const OMVS_GROUP = sch({ GID: num('GID'), AUTOGID: flag('AUTOGID'), SHARED: flag('SHARED'), NOGID: nul('GID') });
const WHEN_TIME = sch({ DAYS: list('DAYS', true), TIME: str('TIME', true) });

/** Other user segments: kept as open typed maps (keyword -> values). */
const OPEN_USER_SEGMENTS = ['CICS', 'CSDATA', 'DCE', 'EIM', 'KERB', 'LANGUAGE', 'LNOTES', 'MFA', 'NDS', 'NETVIEW', 'OPERPARM', 'OVM', 'PROXY'];
function userSegments(): Record<string, Spec> {
  const r: Record<string, Spec> = {
    OMVS: seg('OMVS', OMVS_USER),
    NOOMVS: nul('OMVS'),
    TSO: seg('TSO', TSO_USER),
    NOTSO: nul('TSO'),
    DFP: seg('DFP', DFP),
    NODFP: nul('DFP'),
    WORKATTR: seg('WORKATTR', WORKATTR),
    NOWORKATTR: nul('WORKATTR'),
  };
  for (const s of OPEN_USER_SEGMENTS) {
    r[s] = seg(s, open());
    r[`NO${s}`] = nul(s);
  }
  return r;
}

const USER_COMMON: Record<string, Spec> = {
  NAME: str('name'),
  DFLTGRP: str('dfltgrp', true),
  OWNER: str('owner', true),
  DATA: str('data'),
  NODATA: nul('data'),
  PASSWORD: secret('password'),
  NOPASSWORD: flag('nopassword'),
  PHRASE: secret('phrase'),
  NOPHRASE: flag('nophrase'),
  ...yesNo('SPECIAL', 'special'),
  ...yesNo('OPERATIONS', 'operations'),
  ...yesNo('AUDITOR', 'auditor'),
  ...yesNo('ROAUDIT', 'roaudit'),
  ...yesNo('GRPACC', 'grpacc'),
  ...yesNo('ADSP', 'adsp'),
  ...yesNo('OIDCARD', 'oidcard'),
  AUTHORITY: enm('authority', AUTHORITIES),
  UACC: enm('uacc', ACCESS_LEVELS),
  CLAUTH: list('clauth', true),
  NOCLAUTH: list('noclauth', true),
  MODEL: str('model', true),
  NOMODEL: nul('model'),
  SECLABEL: str('seclabel', true),
  SECLEVEL: str('seclevel', true),
  CATEGORY: list('category', true),
  WHEN: seg('when', WHEN_TIME),
  ...userSegments(),
};

export const ADDUSER = sch(
  { ...USER_COMMON, ...yesNo('RESTRICTED', 'restricted'), PROTECTED: flag('nopassword') },
  [P('userids', true, true)],
);
export const ALTUSER = sch(
  {
    ...USER_COMMON,
    ...yesNo('RESTRICTED', 'restricted'),
    ...yesNo('EXPIRED', 'expired'),
    REVOKE: opt('revoke', true),
    NOREVOKE: flag('revoke', false),
    RESUME: opt('resume', true),
    NORESUME: flag('resume', false),
    GROUP: str('group', true),
  },
  [P('userids', true, true)],
);
export const DELUSER = sch({}, [P('userids', true, true)]);
const LIST_SEGMENT_FLAGS: Record<string, Spec> = {};
for (const s of ['OMVS', 'TSO', 'DFP', 'WORKATTR', ...OPEN_USER_SEGMENTS]) LIST_SEGMENT_FLAGS[s] = flag(s);
export const LISTUSER = sch({ ...LIST_SEGMENT_FLAGS, NORACF: flag('noracf') }, [P('userids', true, true, true)]);

const GROUP_COMMON: Record<string, Spec> = {
  SUPGROUP: str('supgroup', true),
  OWNER: str('owner', true),
  DATA: str('data'),
  NODATA: nul('data'),
  MODEL: str('model', true),
  ...yesNo('TERMUACC', 'termuacc'),
  OMVS: seg('OMVS', OMVS_GROUP),
  NOOMVS: nul('OMVS'),
  DFP: seg('DFP', DFP),
  NODFP: nul('DFP'),
  OVM: seg('OVM', open()),
  NOOVM: nul('OVM'),
  TME: seg('TME', open()),
  NOTME: nul('TME'),
  CSDATA: seg('CSDATA', open()),
  NOCSDATA: nul('CSDATA'),
};
export const ADDGROUP = sch({ ...GROUP_COMMON, UNIVERSAL: flag('universal') }, [P('groups', true, true)]);
export const ALTGROUP = sch(GROUP_COMMON, [P('groups', true, true)]);
export const DELGROUP = sch({}, [P('groups', true, true)]);
export const LISTGRP = sch({ OMVS: flag('OMVS'), DFP: flag('DFP'), OVM: flag('OVM'), TME: flag('TME'), CSDATA: flag('CSDATA'), NORACF: flag('noracf') }, [
  P('groups', true, true, true),
]);

export const CONNECT = sch(
  {
    GROUP: str('group', true),
    AUTHORITY: enm('authority', AUTHORITIES),
    OWNER: str('owner', true),
    UACC: enm('uacc', ACCESS_LEVELS),
    ...yesNo('SPECIAL', 'special'),
    ...yesNo('OPERATIONS', 'operations'),
    ...yesNo('AUDITOR', 'auditor'),
    ...yesNo('GRPACC', 'grpacc'),
    ...yesNo('ADSP', 'adsp'),
    REVOKE: opt('revoke', true),
    NOREVOKE: flag('revoke', false),
    RESUME: opt('resume', true),
    NORESUME: flag('resume', false),
  },
  [P('userids', true, true)],
);
export const REMOVE = sch({ GROUP: str('group', true), OWNER: str('owner', true) }, [P('userids', true, true)]);

// ---- profiles ------------------------------------------------------------------------------
const STDATA = sch({
  USER: str('USER', true),
  GROUP: str('GROUP', true),
  TRUSTED: enm('TRUSTED', ['YES', 'NO']),
  PRIVILEGED: enm('PRIVILEGED', ['YES', 'NO']),
  TRACE: enm('TRACE', ['YES', 'NO']),
  NOUSER: nul('USER'),
  NOGROUP: nul('GROUP'),
  NOTRUSTED: nul('TRUSTED'),
  NOPRIVILEGED: nul('PRIVILEGED'),
  NOTRACE: nul('TRACE'),
});
const RESOURCE_SEGMENTS = ['SESSION', 'DLFDATA', 'SSIGNON', 'SVFMR', 'TME', 'KERB', 'ICSF', 'ICTX', 'EIM', 'CDTINFO', 'CFDEF', 'JES', 'PROXY', 'SIGVER', 'IDTPARMS', 'CSDATA', 'MFA', 'MFPOLICY'];
function resourceSegments(): Record<string, Spec> {
  const r: Record<string, Spec> = { STDATA: seg('STDATA', STDATA), NOSTDATA: nul('STDATA') };
  for (const s of RESOURCE_SEGMENTS) {
    r[s] = seg(s, open());
    r[`NO${s}`] = nul(s);
  }
  return r;
}
const PROFILE_COMMON: Record<string, Spec> = {
  UACC: enm('uacc', ACCESS_LEVELS),
  OWNER: str('owner', true),
  DATA: str('data'),
  NODATA: nul('data'),
  ...yesNo('WARNING', 'warning'),
  NOTIFY: opt('notify', true),
  NONOTIFY: flag('notify', false),
  LEVEL: num('level'),
  AUDIT: seg('audit', open()),
  GLOBALAUDIT: seg('globalaudit', open()),
  SECLABEL: str('seclabel', true),
  SECLEVEL: str('seclevel', true),
  NOSECLABEL: nul('seclabel'),
  NOSECLEVEL: nul('seclevel'),
  ADDCATEGORY: list('addcategory', true),
  DELCATEGORY: list('delcategory', true),
};
const RESOURCE_COMMON: Record<string, Spec> = {
  ...PROFILE_COMMON,
  APPLDATA: str('appldata'),
  NOAPPLDATA: nul('appldata'),
  ADDMEM: list('addmem'),
  SINGLEDSN: flag('singledsn'),
  TIMEZONE: str('timezone', true),
  TVTOC: flag('tvtoc'),
  WHEN: seg('when', WHEN_TIME),
  ...resourceSegments(),
};
export const RDEFINE = sch(
  { ...RESOURCE_COMMON, FROM: str('from'), FCLASS: str('fclass', true), FGENERIC: flag('fgeneric'), FVOLUME: str('fvolume', true) },
  [P('class', false, true), P('profiles', true, false)],
);
export const RALTER = sch(
  { ...RESOURCE_COMMON, DELMEM: list('delmem'), GENERIC: flag('generic') },
  [P('class', false, true), P('profiles', true, false)],
);
export const RDELETE = sch({}, [P('class', false, true), P('profiles', true, false)]);
export const RLIST = sch(
  {
    ALL: flag('all'),
    AUTHUSER: flag('authuser'),
    GENERIC: flag('generic'),
    NORACF: flag('noracf'),
    RESGROUP: flag('resgroup'),
    STATISTICS: flag('statistics'),
    HISTORY: flag('history'),
    ...Object.fromEntries(['STDATA', ...RESOURCE_SEGMENTS].map((s) => [s, flag(s)])),
  },
  [P('class', false, true), P('profiles', true, false)],
);

const WHEN_COND = sch({
  PROGRAM: list('PROGRAM', true),
  TERMINAL: list('TERMINAL', true),
  JESINPUT: list('JESINPUT', true),
  CONSOLE: list('CONSOLE', true),
  APPCPORT: list('APPCPORT', true),
  SYSID: list('SYSID', true),
  SERVAUTH: list('SERVAUTH', true),
  CRITERIA: seg('CRITERIA', open()),
});
export const PERMIT = sch(
  {
    CLASS: str('class', true),
    ID: list('ids', true),
    ACCESS: enm('access', ACCESS_LEVELS),
    DELETE: flag('delete'),
    RESET: opt('reset', true),
    FROM: str('from'),
    FCLASS: str('fclass', true),
    FGENERIC: flag('fgeneric'),
    FVOLUME: str('fvolume', true),
    GENERIC: flag('generic'),
    VOLUME: str('volume', true),
    WHEN: seg('when', WHEN_COND),
  },
  [P('profiles', true, false, false, true)],
);

const DATASET_COMMON: Record<string, Spec> = {
  ...PROFILE_COMMON,
  GENERIC: flag('generic'),
  ...yesNo('ERASE', 'erase'),
  UNIT: str('unit', true),
  VOLUME: list('volume', true),
  DFP: seg('DFP', open()),
  NODFP: nul('DFP'),
  TME: seg('TME', open()),
  NOTME: nul('TME'),
};
export const ADDSD = sch(
  { ...DATASET_COMMON, ...yesNo('SET', 'set'), FROM: str('from'), FCLASS: str('fclass', true), FGENERIC: flag('fgeneric'), FVOLUME: str('fvolume', true), MODEL: flag('model'), TAPE: flag('tape'), NOSET: flag('set', false) },
  [P('profiles', true, false, false, true)],
);
export const ALTDSD = sch({ ...DATASET_COMMON, ADDVOL: str('addvol', true), DELVOL: str('delvol', true) }, [P('profiles', true, false, false, true)]);
export const DELDSD = sch({ GENERIC: flag('generic'), VOLUME: str('volume', true), ...yesNo('SET', 'set') }, [P('profiles', true, false, false, true)]);
export const LISTDSD = sch(
  { DATASET: list('dataset'), ID: list('ids', true), PREFIX: list('prefix', true), ALL: flag('all'), GENERIC: flag('generic'), AUTHUSER: flag('authuser'), NORACF: flag('noracf'), DFP: flag('DFP'), STATISTICS: flag('statistics') },
  [P('profiles', true, false, true, true)],
);

export const SETROPTS = sch({
  CLASSACT: list('classact', true),
  NOCLASSACT: list('noclassact', true),
  RACLIST: list('raclist', true),
  NORACLIST: list('noraclist', true),
  GENERIC: list('generic', true),
  NOGENERIC: list('nogeneric', true),
  GENCMD: list('gencmd', true),
  NOGENCMD: list('nogencmd', true),
  GENLIST: list('genlist', true),
  NOGENLIST: list('nogenlist', true),
  GLOBAL: list('global', true),
  NOGLOBAL: list('noglobal', true),
  AUDIT: list('audit', true),
  NOAUDIT: list('noaudit', true),
  STATISTICS: list('statistics', true),
  NOSTATISTICS: list('nostatistics', true),
  REFRESH: flag('refresh'),
  LIST: flag('list'),
  ...yesNo('GRPLIST', 'grplist'),
  ...yesNo('EGN', 'egn'),
  ...yesNo('ADDCREATOR', 'addcreator'),
  ...yesNo('REALDSN', 'realdsn'),
  ...yesNo('INITSTATS', 'initstats'),
  ...yesNo('ERASE', 'erase'),
  PROTECTALL: opt('protectall', true),
  NOPROTECTALL: flag('protectall', false),
  PREFIX: str('prefix', true),
  NOPREFIX: nul('prefix'),
  PASSWORD: seg('password', open()),
  LOGOPTIONS: seg('logoptions', open()),
  WHEN: seg('when', sch({ PROGRAM: flag('PROGRAM') })),
  NOWHEN: seg('nowhen', sch({ PROGRAM: flag('PROGRAM') })),
  TERMINAL: enm('terminal', ['READ', 'NONE']),
  SESSIONINTERVAL: num('sessioninterval'),
  KERBLVL: num('kerblvl'),
  JES: seg('jes', open()),
  MLS: opt('mls', true),
  NOMLS: flag('mls', false),
  ...yesNo('MLACTIVE', 'mlactive'),
  ...yesNo('SECLABELCONTROL', 'seclabelcontrol'),
  ...yesNo('CATDSNS', 'catdsns'),
  ...yesNo('OPERAUDIT', 'operaudit'),
  ...yesNo('SAUDIT', 'saudit'),
  ...yesNo('CMDVIOL', 'cmdviol'),
  ...yesNo('TAPEDSN', 'tapedsn'),
  RETPD: num('retpd'),
  ...yesNo('RVARYPW', 'rvarypw'),
});

export const SEARCH = sch({
  CLASS: str('class', true),
  MASK: str('mask'),
  NOMASK: flag('nomask'),
  FILTER: str('filter'),
  USER: str('user', true),
  GENERIC: flag('generic'),
  NOGENERIC: flag('nogeneric'),
  ALL: flag('all'),
  LIST: flag('list'),
  NOLIST: flag('nolist'),
  CLIST: opt('clist'),
  AGE: num('age'),
  LEVEL: num('level'),
  WARNING: flag('warning'),
  NOWARNING: flag('nowarning'),
  VOLUME: list('volume', true),
  EXPIRES: num('expires'),
  CATEGORY: list('category', true),
  SECLABEL: str('seclabel', true),
  SECLEVEL: str('seclevel', true),
});

// ---- RACDCERT --------------------------------------------------------------------------------
const LABEL_SEL = sch({ LABEL: str('label'), SERIALNUMBER: str('serialNumber', true), ISSUERSDN: str('issuerSdn') });
const OWNER_SEL: Record<string, Spec> = { ID: str('id', true), CERTAUTH: flag('certauth'), SITE: flag('site') };
const DN = sch({
  CN: str('CN'),
  T: str('T'),
  OU: list('OU'),
  O: str('O'),
  L: str('L'),
  SP: str('SP'),
  C: str('C'),
});
const DATETIME = sch({ DATE: str('date'), TIME: str('time') });
/**
 * RACDCERT keyword set. Function keywords carry a sub-schema (CONNECT(...)), a value (ADDRING(r))
 * or may be bare (LIST, GENCERT). The parser moves function-specific top-level operands (SUBJECTSDN,
 * WITHLABEL, ...) into the function node and checks that they belong to it.
 */
export const RACDCERT_FUNCTIONS = [
  'ADD',
  'ADDRING',
  'ADDTOKEN',
  'ALTER',
  'ALTMAP',
  'BIND',
  'CHECKCERT',
  'CONNECT',
  'DELETE',
  'DELMAP',
  'DELRING',
  'DELTOKEN',
  'EXPORT',
  'GENCERT',
  'GENREQ',
  'IMPORT',
  'LIST',
  'LISTCHAIN',
  'LISTMAP',
  'LISTRING',
  'LISTTOKEN',
  'MAP',
  'REKEY',
  'REMOVE',
  'ROLLOVER',
  'UNBIND',
] as const;
export type RacdcertFunctionName = (typeof RACDCERT_FUNCTIONS)[number];

const KEYTYPE: Record<string, Spec> = {
  RSA: opt('rsa', true),
  NISTECC: opt('nistecc', true),
  BPECC: opt('bpecc', true),
  DSA: opt('dsa', true),
  PCICC: opt('pcicc', true),
  ICSF: opt('icsf', true),
  FROMICSF: str('fromicsf'),
};
/**
 * RACDCERT EXPORT PBE(...): the password-based encryption of a PKCS#12 package
 * (FORMAT(PKCS12DER|PKCS12B64)). Sub-operands as the z/OS RACF Command Language Reference (z/OS 2.5
 * and later, RACDCERT EXPORT) names them: MACALG(HMACSHA1|HMACSHA256) for the package MAC,
 * ENCRYPTALG(3DES|AES256) for the key and certificate encryption, ITERATIONS(n) for the key
 * derivation. Note: the IBM page itself was not in the reference corpus when this was written
 * (searched 2026-11-25), so names and values are from the Command Language Reference as remembered
 * and should be checked against it; keyring's EXPORT applies them and their defaults. PBE is a closed group: any other
 * sub-keyword is IKJ56712I. PASSWORD is not a PBE sub-operand (it is an operand of EXPORT), but a
 * password written inside PBE by mistake must still never be kept in clear, so it is read as a
 * Secret (masked in the command text, `<redacted>` in JSON) and keyring's EXPORT rejects it.
 */
export const PBE_MACALGS = ['HMACSHA1', 'HMACSHA256'] as const;
export const PBE_ENCRYPTALGS = ['3DES', 'AES256'] as const;
const PBE = sch({
  MACALG: enm('MACALG', PBE_MACALGS),
  ENCRYPTALG: enm('ENCRYPTALG', PBE_ENCRYPTALGS),
  ITERATIONS: num('ITERATIONS'),
  PASSWORD: secret('PASSWORD'),
});
export const RACDCERT = sch({
  ...OWNER_SEL,
  // function keywords (values interpreted per function in parser.ts)
  ADD: dsn('ADD'),
  ADDRING: str('ADDRING'),
  ADDTOKEN: str('ADDTOKEN'),
  ALTER: seg('ALTER', LABEL_SEL),
  ALTMAP: seg('ALTMAP', sch({ LABEL: str('label') })),
  BIND: seg('BIND', sch({ TOKEN: str('token'), LABEL: str('label'), ...OWNER_SEL, USAGE: enm('usage', ['PERSONAL', 'CERTAUTH', 'SITE']), DEFAULT: flag('default'), NODEFAULT: flag('default', false) })),
  CHECKCERT: dsn('CHECKCERT'),
  CONNECT: seg('CONNECT', sch({ ...OWNER_SEL, LABEL: str('label'), RING: str('ring'), USAGE: enm('usage', ['PERSONAL', 'CERTAUTH', 'SITE']), DEFAULT: flag('default') })),
  DELETE: seg('DELETE', LABEL_SEL),
  DELMAP: seg('DELMAP', sch({ LABEL: str('label') })),
  DELRING: str('DELRING'),
  DELTOKEN: str('DELTOKEN'),
  EXPORT: seg('EXPORT', LABEL_SEL),
  GENCERT: opt('GENCERT'),
  GENREQ: seg('GENREQ', LABEL_SEL),
  IMPORT: seg('IMPORT', sch({ TOKEN: str('token'), SEQNUM: num('seqnum') })),
  LIST: seg('LIST', LABEL_SEL),
  LISTCHAIN: seg('LISTCHAIN', LABEL_SEL),
  LISTMAP: seg('LISTMAP', sch({ LABEL: str('label') })),
  LISTRING: opt('LISTRING'),
  LISTTOKEN: str('LISTTOKEN'),
  MAP: opt('MAP'),
  REKEY: seg('REKEY', LABEL_SEL),
  REMOVE: seg('REMOVE', sch({ ...OWNER_SEL, LABEL: str('label'), RING: str('ring') })),
  ROLLOVER: seg('ROLLOVER', LABEL_SEL),
  UNBIND: seg('UNBIND', sch({ TOKEN: str('token'), LABEL: str('label'), ...OWNER_SEL, SEQNUM: num('seqnum') })),
  // function operands
  TRUST: flag('trust', 'TRUST'),
  NOTRUST: flag('trust', 'NOTRUST'),
  HIGHTRUST: flag('trust', 'HIGHTRUST'),
  WITHLABEL: str('withLabel'),
  NEWLABEL: str('newLabel'),
  PASSWORD: secret('password'),
  SUBJECTSDN: seg('subjectsDn', DN),
  SIZE: num('size'),
  ...KEYTYPE,
  NOTBEFORE: seg('notBefore', DATETIME),
  NOTAFTER: seg('notAfter', DATETIME),
  KEYUSAGE: seg('keyUsage', sch({ HANDSHAKE: flag('HANDSHAKE'), DATAENCRYPT: flag('DATAENCRYPT'), DOCSIGN: flag('DOCSIGN'), CERTSIGN: flag('CERTSIGN'), KEYAGREE: flag('KEYAGREE') })),
  ALTNAME: seg('altName', sch({ IP: str('IP'), DOMAIN: str('DOMAIN'), EMAIL: str('EMAIL'), URI: str('URI') })),
  SIGNWITH: seg('signWith', sch({ ...OWNER_SEL, LABEL: str('label') })),
  DSN: dsn('dsn'),
  FORMAT: enm('format', ['CERTDER', 'CERTB64', 'PKCS7DER', 'PKCS7B64', 'PKCS12DER', 'PKCS12B64', 'PKCS12TDES']),
  PBE: seg('pbe', PBE),
  FORCE: flag('force'),
  PKDS: opt('pkds'),
  TOKEN: str('token'),
  SDNFILTER: str('sdnFilter'),
  IDNFILTER: str('idnFilter'),
  CRITERIA: str('criteria'),
  USEMAP: flag('usemap'),
  NOUSEMAP: flag('usemap', false),
});

/** Which top-level operands belong to which RACDCERT function (others are diagnosed). */
export const RACDCERT_FUNCTION_OPERANDS: Readonly<Record<RacdcertFunctionName, readonly string[]>> = {
  ADD: ['trust', 'withLabel', 'password', 'pkds', 'icsf', 'token'],
  ADDRING: [],
  ADDTOKEN: [],
  ALTER: ['trust', 'newLabel'],
  ALTMAP: ['newLabel', 'trust', 'criteria'],
  BIND: [],
  CHECKCERT: ['password'],
  CONNECT: [],
  DELETE: ['force'],
  DELMAP: [],
  DELRING: [],
  DELTOKEN: ['force'],
  EXPORT: ['dsn', 'format', 'password', 'pbe'],
  GENCERT: ['subjectsDn', 'size', 'rsa', 'nistecc', 'bpecc', 'dsa', 'pcicc', 'icsf', 'pkds', 'fromicsf', 'notBefore', 'notAfter', 'withLabel', 'keyUsage', 'altName', 'signWith'],
  GENREQ: ['dsn'],
  IMPORT: ['withLabel', 'trust', 'icsf', 'pkds'],
  LIST: [],
  LISTCHAIN: [],
  LISTMAP: [],
  LISTRING: [],
  LISTTOKEN: [],
  MAP: ['sdnFilter', 'idnFilter', 'criteria', 'withLabel', 'trust', 'usemap'],
  REKEY: ['withLabel', 'size', 'rsa', 'nistecc', 'bpecc', 'dsa', 'pcicc', 'icsf', 'pkds', 'fromicsf'],
  REMOVE: [],
  ROLLOVER: ['newLabel', 'force'],
  UNBIND: [],
};

/** Command schemas by canonical name. */
export const SCHEMAS = {
  ADDUSER,
  ALTUSER,
  DELUSER,
  LISTUSER,
  ADDGROUP,
  ALTGROUP,
  DELGROUP,
  LISTGRP,
  CONNECT,
  REMOVE,
  RDEFINE,
  RALTER,
  RDELETE,
  RLIST,
  PERMIT,
  ADDSD,
  ALTDSD,
  DELDSD,
  LISTDSD,
  SETROPTS,
  SEARCH,
  RACDCERT,
} as const;
export type CommandName = keyof typeof SCHEMAS;

/**
 * Command names and their IBM abbreviations (RACF Command Language Reference, each command's
 * "Syntax" heading lists the abbreviation; e.g. `ADDUSER | AU`, `LISTGRP | LG`, `SETROPTS | SETR`).
 */
export const COMMAND_ALIASES: Readonly<Record<string, CommandName>> = {
  ADDUSER: 'ADDUSER',
  AU: 'ADDUSER',
  ALTUSER: 'ALTUSER',
  ALU: 'ALTUSER',
  DELUSER: 'DELUSER',
  DU: 'DELUSER',
  LISTUSER: 'LISTUSER',
  LU: 'LISTUSER',
  ADDGROUP: 'ADDGROUP',
  AG: 'ADDGROUP',
  ALTGROUP: 'ALTGROUP',
  ALG: 'ALTGROUP',
  DELGROUP: 'DELGROUP',
  DG: 'DELGROUP',
  LISTGRP: 'LISTGRP',
  LG: 'LISTGRP',
  CONNECT: 'CONNECT',
  CO: 'CONNECT',
  REMOVE: 'REMOVE',
  RE: 'REMOVE',
  RDEFINE: 'RDEFINE',
  RDEF: 'RDEFINE',
  RALTER: 'RALTER',
  RALT: 'RALTER',
  RDELETE: 'RDELETE',
  RDEL: 'RDELETE',
  RLIST: 'RLIST',
  RL: 'RLIST',
  PERMIT: 'PERMIT',
  PE: 'PERMIT',
  ADDSD: 'ADDSD',
  AD: 'ADDSD',
  ALTDSD: 'ALTDSD',
  ALD: 'ALTDSD',
  DELDSD: 'DELDSD',
  DD: 'DELDSD',
  LISTDSD: 'LISTDSD',
  LD: 'LISTDSD',
  SETROPTS: 'SETROPTS',
  SETR: 'SETROPTS',
  SEARCH: 'SEARCH',
  SR: 'SEARCH',
  RACDCERT: 'RACDCERT',
};

/** Known RACF commands this model does not implement (parsed as unsupported, not unknown). */
export const UNSUPPORTED_COMMANDS: readonly string[] = ['RACMAP', 'RACLINK', 'RACPRIV', 'RVARY', 'BLKUPD', 'HELP', 'PASSWORD', 'PW', 'PHRASE', 'RACFRW', 'SIGNOFF', 'DISPLAY'];

/** A schema's keyword names, sorted, for the unique-prefix abbreviation rule of TSO parse. */
const indexCache = new WeakMap<Schema, string[]>();
export type Resolved = { readonly kind: 'ok'; readonly name: string } | { readonly kind: 'unknown' } | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] };

const resolvedCache = new WeakMap<Schema, Map<string, Resolved>>();
/** Words remembered per schema (exact names, abbreviations, unknown words); bounded. */
const RESOLVED_CACHE_LIMIT = 4096;

/**
 * Resolve a keyword (upper-cased) to its canonical name: exact match first, else a unique prefix.
 * Memoised per schema in a native Map: a deck resolves the same few keywords millions of times.
 */
export function resolveKeyword(schema: Schema, word: string): Resolved {
  let cache = resolvedCache.get(schema);
  if (cache === undefined) resolvedCache.set(schema, (cache = new Map()));
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const r = resolveUncached(schema, word);
  if (cache.size < RESOLVED_CACHE_LIMIT) cache.set(word, r);
  return r;
}

function resolveUncached(schema: Schema, word: string): Resolved {
  let names = indexCache.get(schema);
  if (names === undefined) {
    names = Object.keys(schema.kws).sort();
    indexCache.set(schema, names);
  }
  // the schema's own key string (internalised: later property lookups with it are fast)
  if (Object.prototype.hasOwnProperty.call(schema.kws, word)) return { kind: 'ok', name: names.find((k) => k === word) ?? word };
  const found: string[] = [];
  for (const k of names) if (k.length > word.length && k.startsWith(word)) found.push(k);
  if (found.length === 1 && found[0] !== undefined) return { kind: 'ok', name: found[0] };
  if (found.length > 1) {
    // NOxxx keywords share prefixes with each other; a prefix matching only one base keyword is fine.
    return { kind: 'ambiguous', candidates: found };
  }
  return { kind: 'unknown' };
}
