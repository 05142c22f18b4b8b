/**
 * Typed ASTs of RACF commands. Field names are RACF's keywords in lower case (`dfltgrp`, `uacc`);
 * segment operands keep RACF's upper-case sub-keywords (`OMVS: { UID: 0, HOME: '/u/x' }`).
 * `FOO`/`NOFOO` keyword pairs map to one boolean field (`special: true | false`); absent = not said.
 * `NOxxx` of a value (NODATA, NOOMVS) sets the field to `null`.
 *
 * Case: user ids, group ids, class names and (most) profile names are upper-cased as RACF does;
 * labels, ring names, DATA, NAME, HOME and other values keep their case. Data set names are kept
 * in TSO form: `'SYS1.PARMLIB'` (quoted = fully qualified) or `MY.DATA` (the issuer's prefix is
 * added when the command is applied).
 *
 * Secrets (PASSWORD, PHRASE, RACDCERT PASSWORD) are `Secret` values: they print and serialise as
 * `<redacted>`; `text` of a command has them masked too.
 */
import type { SourceSpan } from '@ztwin/core';
import type { CertOwner } from './digtcert';
import type { AccessLevel, CommandName, GroupAuthority, PBE_ENCRYPTALGS, PBE_MACALGS, RacdcertFunctionName } from './schema';

/** A clear-text secret from a command. Never printed: `toString`/`toJSON`/inspect give `<redacted>`. */
export class Secret {
  declare private readonly value: string;
  constructor(value: string) {
    Object.defineProperty(this, 'value', { value, enumerable: false });
  }
  /** The clear text. Only for hashing, or for rendering a deck the user explicitly asked for. */
  reveal(): string {
    return this.value;
  }
  toString(): string {
    return '<redacted>';
  }
  toJSON(): string {
    return '<redacted>';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret(<redacted>)';
  }
}

/** Values inside segment-like operands (OMVS(...), STDATA(...), SUBJECTSDN(...), WHEN(...)). */
export type SegmentValue = string | number | boolean | readonly string[] | Segment | null;
export interface Segment {
  readonly [keyword: string]: SegmentValue;
}

export interface CommandBase {
  /** The canonical command name (aliases resolved). */
  readonly kind: CommandName;
  /** Where the command stands in its deck. */
  readonly span: SourceSpan;
  /** The command's original text (continuations joined as written), with secret values masked. */
  readonly text: string;
}

/** Operand fields shared by ADDUSER and ALTUSER. */
export interface UserOperands {
  readonly name?: string;
  readonly dfltgrp?: string;
  readonly owner?: string;
  readonly data?: string | null;
  readonly password?: Secret;
  readonly nopassword?: boolean;
  readonly phrase?: Secret;
  readonly nophrase?: boolean;
  readonly special?: boolean;
  readonly operations?: boolean;
  readonly auditor?: boolean;
  readonly roaudit?: boolean;
  readonly restricted?: boolean;
  readonly grpacc?: boolean;
  readonly adsp?: boolean;
  readonly oidcard?: boolean;
  readonly authority?: GroupAuthority;
  readonly uacc?: AccessLevel;
  readonly clauth?: readonly string[];
  readonly noclauth?: readonly string[];
  readonly model?: string | null;
  readonly seclabel?: string;
  readonly seclevel?: string;
  readonly category?: readonly string[];
  readonly when?: Segment;
  readonly OMVS?: Segment | null;
  readonly TSO?: Segment | null;
  readonly DFP?: Segment | null;
  readonly WORKATTR?: Segment | null;
  readonly CICS?: Segment | null;
  readonly CSDATA?: Segment | null;
  readonly KERB?: Segment | null;
  readonly LANGUAGE?: Segment | null;
  readonly NETVIEW?: Segment | null;
  readonly OPERPARM?: Segment | null;
  readonly [segment: string]: unknown;
}
export interface AdduserCommand extends CommandBase, UserOperands {
  readonly kind: 'ADDUSER';
  readonly userids: readonly string[];
}
export interface AltuserCommand extends CommandBase, UserOperands {
  readonly kind: 'ALTUSER';
  readonly userids: readonly string[];
  readonly expired?: boolean;
  /** REVOKE (true), REVOKE(date) ([date]) or NOREVOKE (false). */
  readonly revoke?: boolean | readonly string[];
  readonly resume?: boolean | readonly string[];
  readonly group?: string;
}
export interface DeluserCommand extends CommandBase {
  readonly kind: 'DELUSER';
  readonly userids: readonly string[];
}
export interface ListuserCommand extends CommandBase {
  readonly kind: 'LISTUSER';
  /** Absent = the issuer; `*` = all users. */
  readonly userids?: readonly string[];
  readonly noracf?: boolean;
  readonly [segment: string]: unknown;
}

export interface GroupOperands {
  readonly supgroup?: string;
  readonly owner?: string;
  readonly data?: string | null;
  readonly model?: string;
  readonly termuacc?: boolean;
  readonly OMVS?: Segment | null;
  readonly DFP?: Segment | null;
  readonly OVM?: Segment | null;
  readonly TME?: Segment | null;
  readonly CSDATA?: Segment | null;
}
export interface AddgroupCommand extends CommandBase, GroupOperands {
  readonly kind: 'ADDGROUP';
  readonly groups: readonly string[];
  readonly universal?: boolean;
}
export interface AltgroupCommand extends CommandBase, GroupOperands {
  readonly kind: 'ALTGROUP';
  readonly groups: readonly string[];
}
export interface DelgroupCommand extends CommandBase {
  readonly kind: 'DELGROUP';
  readonly groups: readonly string[];
}
export interface ListgrpCommand extends CommandBase {
  readonly kind: 'LISTGRP';
  readonly groups?: readonly string[];
  readonly noracf?: boolean;
  readonly OMVS?: boolean;
  readonly DFP?: boolean;
}

export interface ConnectCommand extends CommandBase {
  readonly kind: 'CONNECT';
  readonly userids: readonly string[];
  readonly group?: string;
  readonly authority?: GroupAuthority;
  readonly owner?: string;
  readonly uacc?: AccessLevel;
  readonly special?: boolean;
  readonly operations?: boolean;
  readonly auditor?: boolean;
  readonly grpacc?: boolean;
  readonly adsp?: boolean;
  readonly revoke?: boolean | readonly string[];
  readonly resume?: boolean | readonly string[];
}
export interface RemoveCommand extends CommandBase {
  readonly kind: 'REMOVE';
  readonly userids: readonly string[];
  readonly group?: string;
  readonly owner?: string;
}

export interface ProfileOperands {
  readonly uacc?: AccessLevel;
  readonly owner?: string;
  readonly data?: string | null;
  readonly warning?: boolean;
  readonly notify?: boolean | readonly string[];
  readonly level?: number;
  readonly audit?: Segment;
  readonly globalaudit?: Segment;
  readonly seclabel?: string | null;
  readonly seclevel?: string | null;
  readonly addcategory?: readonly string[];
  readonly delcategory?: readonly string[];
}
export interface ResourceOperands extends ProfileOperands {
  readonly appldata?: string | null;
  readonly addmem?: readonly string[];
  readonly singledsn?: boolean;
  readonly timezone?: string;
  readonly tvtoc?: boolean;
  readonly when?: Segment;
  /** STARTED class: STDATA(USER(..) GROUP(..) TRUSTED(YES|NO) PRIVILEGED(..) TRACE(..)). */
  readonly STDATA?: Segment | null;
  readonly SESSION?: Segment | null;
  readonly CDTINFO?: Segment | null;
  readonly KERB?: Segment | null;
  readonly ICSF?: Segment | null;
  readonly SIGVER?: Segment | null;
  readonly [segment: string]: unknown;
}
export interface RdefineCommand extends CommandBase, ResourceOperands {
  readonly kind: 'RDEFINE';
  readonly class: string;
  readonly profiles: readonly string[];
  readonly from?: string;
  readonly fclass?: string;
  readonly fgeneric?: boolean;
  readonly fvolume?: string;
}
export interface RalterCommand extends CommandBase, ResourceOperands {
  readonly kind: 'RALTER';
  readonly class: string;
  readonly profiles: readonly string[];
  readonly delmem?: readonly string[];
  readonly generic?: boolean;
}
export interface RdeleteCommand extends CommandBase {
  readonly kind: 'RDELETE';
  readonly class: string;
  readonly profiles: readonly string[];
}
export interface RlistCommand extends CommandBase {
  readonly kind: 'RLIST';
  readonly class: string;
  readonly profiles: readonly string[];
  readonly all?: boolean;
  readonly authuser?: boolean;
  readonly generic?: boolean;
  readonly noracf?: boolean;
  readonly resgroup?: boolean;
  readonly statistics?: boolean;
  readonly history?: boolean;
  readonly [segment: string]: unknown;
}

export interface PermitCommand extends CommandBase {
  readonly kind: 'PERMIT';
  /** Profile names; in DATASET, TSO data set form (`'A.B'` quoted or `A.B` relative). */
  readonly profiles: readonly string[];
  /** Absent = DATASET. */
  readonly class?: string;
  readonly ids?: readonly string[];
  readonly access?: AccessLevel;
  readonly delete?: boolean;
  /** RESET (true) or RESET(ALL|STANDARD|WHEN). */
  readonly reset?: boolean | readonly string[];
  readonly from?: string;
  readonly fclass?: string;
  readonly fgeneric?: boolean;
  readonly fvolume?: string;
  readonly generic?: boolean;
  readonly volume?: string;
  /** WHEN(PROGRAM(..) TERMINAL(..) JESINPUT(..) CONSOLE(..) APPCPORT(..) SYSID(..) SERVAUTH(..) CRITERIA(..)). */
  readonly when?: Segment;
}

export interface DatasetOperands extends ProfileOperands {
  readonly profiles: readonly string[];
  readonly generic?: boolean;
  readonly erase?: boolean;
  readonly unit?: string;
  readonly volume?: readonly string[];
  readonly DFP?: Segment | null;
  readonly TME?: Segment | null;
}
export interface AddsdCommand extends CommandBase, DatasetOperands {
  readonly kind: 'ADDSD';
  readonly set?: boolean;
  readonly from?: string;
  readonly fclass?: string;
  readonly fgeneric?: boolean;
  readonly fvolume?: string;
  readonly model?: boolean;
  readonly tape?: boolean;
}
export interface AltdsdCommand extends CommandBase, DatasetOperands {
  readonly kind: 'ALTDSD';
  readonly addvol?: string;
  readonly delvol?: string;
}
export interface DeldsdCommand extends CommandBase {
  readonly kind: 'DELDSD';
  readonly profiles: readonly string[];
  readonly generic?: boolean;
  readonly volume?: string;
  readonly set?: boolean;
}
export interface ListdsdCommand extends CommandBase {
  readonly kind: 'LISTDSD';
  readonly profiles?: readonly string[];
  readonly dataset?: readonly string[];
  readonly ids?: readonly string[];
  readonly prefix?: readonly string[];
  readonly all?: boolean;
  readonly generic?: boolean;
  readonly authuser?: boolean;
  readonly noracf?: boolean;
  readonly statistics?: boolean;
}

export interface SetroptsCommand extends CommandBase {
  readonly kind: 'SETROPTS';
  readonly classact?: readonly string[];
  readonly noclassact?: readonly string[];
  readonly raclist?: readonly string[];
  readonly noraclist?: readonly string[];
  readonly generic?: readonly string[];
  readonly nogeneric?: readonly string[];
  readonly gencmd?: readonly string[];
  readonly nogencmd?: readonly string[];
  readonly genlist?: readonly string[];
  readonly nogenlist?: readonly string[];
  readonly global?: readonly string[];
  readonly noglobal?: readonly string[];
  readonly audit?: readonly string[];
  readonly noaudit?: readonly string[];
  readonly statistics?: readonly string[];
  readonly nostatistics?: readonly string[];
  readonly refresh?: boolean;
  readonly list?: boolean;
  readonly grplist?: boolean;
  readonly egn?: boolean;
  readonly addcreator?: boolean;
  readonly realdsn?: boolean;
  readonly initstats?: boolean;
  readonly erase?: boolean;
  readonly protectall?: boolean | readonly string[];
  readonly prefix?: string | null;
  readonly password?: Segment;
  readonly logoptions?: Segment;
  readonly when?: Segment;
  readonly nowhen?: Segment;
  readonly terminal?: 'READ' | 'NONE';
  readonly sessioninterval?: number;
  readonly kerblvl?: number;
  readonly jes?: Segment;
  readonly [option: string]: unknown;
}

export interface SearchCommand extends CommandBase {
  readonly kind: 'SEARCH';
  readonly class?: string;
  readonly mask?: string;
  readonly nomask?: boolean;
  readonly filter?: string;
  readonly user?: string;
  readonly generic?: boolean;
  readonly nogeneric?: boolean;
  readonly all?: boolean;
  readonly list?: boolean;
  readonly nolist?: boolean;
  readonly clist?: boolean | readonly string[];
  readonly [option: string]: unknown;
}

// ---- RACDCERT --------------------------------------------------------------------------------
export type CertTrustKeyword = 'TRUST' | 'NOTRUST' | 'HIGHTRUST';
export type RingUsageKeyword = 'PERSONAL' | 'CERTAUTH' | 'SITE';

/** Selects a certificate: by LABEL (usual) or by SERIALNUMBER + ISSUERSDN. */
export interface CertSelector {
  readonly label?: string;
  readonly serialNumber?: string;
  readonly issuerSdn?: string;
}
/** SUBJECTSDN(CN('..') T('..') OU('..' ...) O('..') L('..') SP('..') C('..')). */
export interface SubjectsDn {
  readonly CN?: string;
  readonly T?: string;
  readonly OU?: readonly string[];
  readonly O?: string;
  readonly L?: string;
  readonly SP?: string;
  readonly C?: string;
}
/** NOTBEFORE/NOTAFTER(DATE(yyyy/mm/dd | yyyy-mm-dd) TIME(hh:mm:ss)); `date` is normalised to yyyy-mm-dd. */
export interface CertDateTime {
  readonly date?: string;
  readonly time?: string;
}
export interface KeyUsage {
  readonly HANDSHAKE?: boolean;
  readonly DATAENCRYPT?: boolean;
  readonly DOCSIGN?: boolean;
  readonly CERTSIGN?: boolean;
  readonly KEYAGREE?: boolean;
}
export interface AltName {
  readonly IP?: string;
  readonly DOMAIN?: string;
  readonly EMAIL?: string;
  readonly URI?: string;
}
/** SIGNWITH(CERTAUTH LABEL('..')) / SIGNWITH(SITE LABEL('..')) / SIGNWITH(LABEL('..')) (the owner's own). */
export interface SignWith {
  readonly owner: CertOwner | null;
  readonly label: string;
}
/** Key algorithm keywords: RSA (default), NISTECC, BPECC, DSA; value = the optional suboperand (e.g. RSA(PKDS)). */
export interface KeyTypeOperands {
  readonly rsa?: boolean | readonly string[];
  readonly nistecc?: boolean | readonly string[];
  readonly bpecc?: boolean | readonly string[];
  readonly dsa?: boolean | readonly string[];
  readonly pcicc?: boolean | readonly string[];
  readonly icsf?: boolean | readonly string[];
  readonly pkds?: boolean | readonly string[];
  readonly fromicsf?: string;
  readonly size?: number;
}

/**
 * RACDCERT EXPORT PBE(...) sub-operands (see schema.ts PBE). `PASSWORD` is only there when a deck
 * wrote one inside PBE by mistake; it is a Secret so it never prints.
 */
export interface RacdcertPbe {
  readonly MACALG?: (typeof PBE_MACALGS)[number];
  readonly ENCRYPTALG?: (typeof PBE_ENCRYPTALGS)[number];
  readonly ITERATIONS?: number;
  readonly PASSWORD?: Secret;
}
export type RacdcertFunction =
  | { readonly function: 'ADD'; readonly dsn: string; readonly trust?: CertTrustKeyword; readonly withLabel?: string; readonly password?: Secret; readonly pkds?: boolean | readonly string[]; readonly icsf?: boolean | readonly string[]; readonly token?: string }
  | { readonly function: 'ADDRING'; readonly ring: string }
  | { readonly function: 'ADDTOKEN'; readonly token: string }
  | ({ readonly function: 'ALTER'; readonly trust?: CertTrustKeyword; readonly newLabel?: string } & CertSelector)
  | { readonly function: 'ALTMAP'; readonly label?: string; readonly newLabel?: string; readonly trust?: CertTrustKeyword; readonly criteria?: string }
  | { readonly function: 'BIND'; readonly token?: string; readonly label?: string; readonly certOwner: CertOwner | null; readonly usage?: RingUsageKeyword; readonly default?: boolean }
  | { readonly function: 'CHECKCERT'; readonly dsn: string; readonly password?: Secret }
  | { readonly function: 'CONNECT'; readonly certOwner: CertOwner | null; readonly label?: string; readonly ring?: string; readonly usage?: RingUsageKeyword; readonly default?: boolean }
  | ({ readonly function: 'DELETE'; readonly force?: boolean } & CertSelector)
  | { readonly function: 'DELMAP'; readonly label?: string }
  | { readonly function: 'DELRING'; readonly ring: string }
  | { readonly function: 'DELTOKEN'; readonly token: string; readonly force?: boolean }
  | ({ readonly function: 'EXPORT'; readonly dsn?: string; readonly format?: string; readonly password?: Secret; readonly pbe?: RacdcertPbe } & CertSelector)
  | ({
      readonly function: 'GENCERT';
      /** GENCERT('dsn'): sign the PKCS#10 request in this data set. */
      readonly request?: string;
      readonly subjectsDn?: SubjectsDn;
      readonly notBefore?: CertDateTime;
      readonly notAfter?: CertDateTime;
      readonly withLabel?: string;
      readonly keyUsage?: KeyUsage;
      readonly altName?: AltName;
      readonly signWith?: SignWith;
    } & KeyTypeOperands)
  | ({ readonly function: 'GENREQ'; readonly dsn?: string } & CertSelector)
  | { readonly function: 'IMPORT'; readonly token?: string; readonly seqnum?: number; readonly withLabel?: string; readonly trust?: CertTrustKeyword; readonly icsf?: boolean | readonly string[]; readonly pkds?: boolean | readonly string[] }
  | ({ readonly function: 'LIST' } & CertSelector)
  | ({ readonly function: 'LISTCHAIN' } & CertSelector)
  | { readonly function: 'LISTMAP'; readonly label?: string }
  /** LISTRING(name) or LISTRING(*) (all rings); bare LISTRING = all rings too. */
  | { readonly function: 'LISTRING'; readonly ring: string }
  | { readonly function: 'LISTTOKEN'; readonly token: string }
  | { readonly function: 'MAP'; readonly dsn?: string; readonly sdnFilter?: string; readonly idnFilter?: string; readonly criteria?: string; readonly withLabel?: string; readonly trust?: CertTrustKeyword; readonly usemap?: boolean }
  | ({ readonly function: 'REKEY'; readonly withLabel?: string } & CertSelector & KeyTypeOperands)
  | { readonly function: 'REMOVE'; readonly certOwner: CertOwner | null; readonly label?: string; readonly ring?: string }
  | ({ readonly function: 'ROLLOVER'; readonly newLabel?: string; readonly force?: boolean } & CertSelector)
  | { readonly function: 'UNBIND'; readonly token?: string; readonly label?: string; readonly certOwner: CertOwner | null; readonly seqnum?: number };

export interface RacdcertCommand extends CommandBase {
  readonly kind: 'RACDCERT';
  /** ID(user) / CERTAUTH / SITE; null = not said (RACF uses the issuer's user id). */
  readonly owner: CertOwner | null;
  readonly function: RacdcertFunction;
}
export type RacdcertFunctionOf<F extends RacdcertFunctionName> = Extract<RacdcertFunction, { function: F }>;

export type Command =
  | AdduserCommand
  | AltuserCommand
  | DeluserCommand
  | ListuserCommand
  | AddgroupCommand
  | AltgroupCommand
  | DelgroupCommand
  | ListgrpCommand
  | ConnectCommand
  | RemoveCommand
  | RdefineCommand
  | RalterCommand
  | RdeleteCommand
  | RlistCommand
  | PermitCommand
  | AddsdCommand
  | AltdsdCommand
  | DeldsdCommand
  | ListdsdCommand
  | SetroptsCommand
  | SearchCommand
  | RacdcertCommand;

export type CommandOf<K extends CommandName> = Extract<Command, { kind: K }>;
