/**
 * The RACF database as a value: users, groups, connects, classes, profiles, SETROPTS options,
 * RACLIST in-storage copies, and the certificate / ring / virtual data-set records of digtcert.ts.
 *
 * Immutable to callers. Tables are persistent maps (pmap.ts), so a command changes O(log n) nodes;
 * `Draft` is the mutable form used while a deck is applied, frozen into a new `RacfState` at the end.
 * RACLIST in-storage copies are just references to a class's profile tables at the time of the last
 * `SETROPTS RACLIST(class)` / `REFRESH`, which is what makes `pendingRefresh` exact and cheap.
 */
import * as t from 'io-ts';
import type { Segment } from './ast';
import { type CertOwner, type CertificateRecord, type RingRecord, type VirtualDataSet, certKey, ownerKey, ringKey } from './digtcert';
import { DraftMap, PMap } from './pmap';
import type { AccessLevel, GroupAuthority } from './schema';

/** A stored password or password phrase: salted hash only, never the clear text. */
export const PasswordHash = t.type({
  /** `pbkdf2-sha256` (ztwin; RACF itself uses KDFAES/DES, which a twin need not reproduce). */
  algorithm: t.literal('pbkdf2-sha256'),
  iterations: t.number,
  /** base64 */
  salt: t.string,
  /** base64 */
  hash: t.string,
});
export type PasswordHash = t.TypeOf<typeof PasswordHash>;

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly dfltgrp: string;
  readonly data: string | null;
  readonly special: boolean;
  readonly operations: boolean;
  readonly auditor: boolean;
  readonly roaudit: boolean;
  readonly restricted: boolean;
  readonly revoked: boolean;
  readonly revokeDate: string | null;
  readonly resumeDate: string | null;
  readonly grpacc: boolean;
  readonly adsp: boolean;
  readonly uacc: AccessLevel;
  readonly clauth: readonly string[];
  /** Salted hash of the password; null = none (NOPASSWORD / protected user). */
  readonly password: PasswordHash | null;
  readonly phrase: PasswordHash | null;
  /** Password must be changed at next logon (ADDUSER/ALTUSER PASSWORD without NOEXPIRED). */
  readonly passwordExpired: boolean;
  readonly model: string | null;
  /** Connected groups, in connect order (the default group first). */
  readonly groups: readonly string[];
  /** Non-base segments (OMVS, TSO, DFP, WORKATTR, CICS ...) as keyword → value maps. */
  readonly segments: Readonly<Record<string, Segment>>;
}

export interface GroupRecord {
  readonly id: string;
  readonly supgroup: string | null;
  readonly owner: string;
  readonly data: string | null;
  readonly termuacc: boolean;
  readonly universal: boolean;
  readonly model: string | null;
  readonly segments: Readonly<Record<string, Segment>>;
}

export interface ConnectRecord {
  readonly user: string;
  readonly group: string;
  readonly authority: GroupAuthority;
  readonly owner: string;
  readonly uacc: AccessLevel;
  readonly special: boolean;
  readonly operations: boolean;
  readonly auditor: boolean;
  readonly grpacc: boolean;
  readonly adsp: boolean;
  readonly revoked: boolean;
}

export interface AccessEntry {
  /** User id, group id, or `*` (any RACF-defined user). */
  readonly id: string;
  readonly access: AccessLevel;
}
/** Conditional access-list entry: PERMIT ... WHEN(kind(value)). */
export interface ConditionalAccessEntry extends AccessEntry {
  readonly when: { readonly kind: WhenKind; readonly value: string };
}
export const WHEN_KINDS = ['PROGRAM', 'TERMINAL', 'JESINPUT', 'CONSOLE', 'APPCPORT', 'SYSID', 'SERVAUTH', 'CRITERIA'] as const;
export type WhenKind = (typeof WHEN_KINDS)[number];

export interface ProfileRecord {
  readonly class: string;
  readonly name: string;
  readonly generic: boolean;
  readonly owner: string;
  readonly uacc: AccessLevel;
  readonly warning: boolean;
  readonly data: string | null;
  readonly appldata: string | null;
  readonly level: number;
  readonly notify: string | null;
  readonly erase: boolean;
  readonly accessList: readonly AccessEntry[];
  readonly conditionalAccessList: readonly ConditionalAccessEntry[];
  /** ADDMEM members (grouping classes, PROGRAM libraries, ...). */
  readonly members: readonly string[];
  /** STDATA, SESSION, KERB, CDTINFO, ... */
  readonly segments: Readonly<Record<string, Segment>>;
}

/** A class's profiles: discrete by name and generic by name. */
export interface ClassProfiles {
  readonly discrete: PMap<ProfileRecord>;
  readonly generic: PMap<ProfileRecord>;
}
export const EMPTY_CLASS: ClassProfiles = { discrete: PMap.empty(), generic: PMap.empty() };

/** SETROPTS per-class options. */
export interface ClassOptions {
  readonly name: string;
  readonly active: boolean;
  readonly raclist: boolean;
  readonly generic: boolean;
  readonly gencmd: boolean;
  readonly genlist: boolean;
  readonly global: boolean;
  readonly audit: boolean;
  readonly statistics: boolean;
}

export interface SetroptsRecord {
  readonly grplist: boolean;
  readonly egn: boolean;
  readonly addcreator: boolean;
  readonly realdsn: boolean;
  readonly initstats: boolean;
  readonly erase: boolean;
  readonly protectall: false | 'FAILURES' | 'WARNING';
  readonly prefix: string | null;
  readonly terminal: 'READ' | 'NONE';
  /** SETROPTS PASSWORD(MIXEDCASE): passwords are case-sensitive. */
  readonly mixedcase: boolean;
  /** Other SETROPTS options as given (PASSWORD(...), LOGOPTIONS(...), ...). */
  readonly other: Readonly<Record<string, Segment | string | number | boolean | readonly string[] | null>>;
}

export const DEFAULT_SETROPTS: SetroptsRecord = {
  grplist: false,
  egn: false,
  addcreator: true,
  realdsn: false,
  initstats: false,
  erase: false,
  protectall: false,
  prefix: null,
  terminal: 'READ',
  mixedcase: false,
  other: {},
};

export interface StateTables {
  readonly users: PMap<UserRecord>;
  readonly groups: PMap<GroupRecord>;
  /** key `USER/GROUP` */
  readonly connects: PMap<ConnectRecord>;
  /** by class name (DATASET included) */
  readonly profiles: PMap<ClassProfiles>;
  readonly classes: PMap<ClassOptions>;
  /** RACLIST in-storage copies by class. */
  readonly raclist: PMap<ClassProfiles>;
  readonly setropts: SetroptsRecord;
  readonly certificates: PMap<CertificateRecord>;
  readonly rings: PMap<RingRecord>;
  readonly datasets: PMap<VirtualDataSet>;
}

/**
 * The RACF database. Immutable; build it with `createState`, `applyCommand`/`applyDeck` and the
 * `with…` updaters. `JSON.stringify(state)` gives the secret-free serialisation.
 */
export class RacfState implements StateTables {
  constructor(
    readonly users: PMap<UserRecord>,
    readonly groups: PMap<GroupRecord>,
    readonly connects: PMap<ConnectRecord>,
    readonly profiles: PMap<ClassProfiles>,
    readonly classes: PMap<ClassOptions>,
    readonly raclist: PMap<ClassProfiles>,
    readonly setropts: SetroptsRecord,
    readonly certificates: PMap<CertificateRecord>,
    readonly rings: PMap<RingRecord>,
    readonly datasets: PMap<VirtualDataSet>,
  ) {}
  static of(t: StateTables): RacfState {
    return new RacfState(t.users, t.groups, t.connects, t.profiles, t.classes, t.raclist, t.setropts, t.certificates, t.rings, t.datasets);
  }
  with(patch: Partial<StateTables>): RacfState {
    return RacfState.of({ ...this.tables(), ...patch });
  }
  tables(): StateTables {
    return {
      users: this.users,
      groups: this.groups,
      connects: this.connects,
      profiles: this.profiles,
      classes: this.classes,
      raclist: this.raclist,
      setropts: this.setropts,
      certificates: this.certificates,
      rings: this.rings,
      datasets: this.datasets,
    };
  }
  /** Secret-free JSON (password hashes and private keys excluded). Set by serialize.ts. */
  toJSON(): unknown {
    return stateToJsonHook(this);
  }
}
let stateToJsonHook: (s: RacfState) => unknown = () => ({});
/** @internal serialize.ts installs the real serialiser (avoids an import cycle). */
export function setStateJsonHook(f: (s: RacfState) => unknown): void {
  stateToJsonHook = f;
}

export interface CreateStateOptions {
  /** Add the records of a fresh RACF database (IBMUSER, SYS1, SYSCTLG, VSAMDSET). Default true. */
  readonly initial?: boolean;
}

/** Shared empty values: records are immutable, so they need not own empty arrays/maps (heap per record). */
export const NO_STRINGS: readonly string[] = Object.freeze([]);
export const NO_SEGMENTS: Readonly<Record<string, Segment>> = Object.freeze({});

export function newUser(id: string, dfltgrp: string, owner: string): UserRecord {
  return {
    id,
    name: '',
    owner,
    dfltgrp,
    data: null,
    special: false,
    operations: false,
    auditor: false,
    roaudit: false,
    restricted: false,
    revoked: false,
    revokeDate: null,
    resumeDate: null,
    grpacc: false,
    adsp: false,
    uacc: 'NONE',
    clauth: NO_STRINGS,
    password: null,
    phrase: null,
    passwordExpired: false,
    model: null,
    groups: [dfltgrp],
    segments: NO_SEGMENTS,
  };
}
export function newGroup(id: string, supgroup: string | null, owner: string): GroupRecord {
  return { id, supgroup, owner, data: null, termuacc: true, universal: false, model: null, segments: NO_SEGMENTS };
}
export function newConnect(user: string, group: string, owner: string): ConnectRecord {
  return { user, group, authority: 'USE', owner, uacc: 'NONE', special: false, operations: false, auditor: false, grpacc: false, adsp: false, revoked: false };
}
export function newClassOptions(name: string): ClassOptions {
  return { name, active: false, raclist: false, generic: false, gencmd: false, genlist: false, global: false, audit: false, statistics: false };
}
export const connectKey = (user: string, group: string): string => `${user}/${group}`;

/**
 * A new RACF database. With `initial` (default) it holds what IRRMIN00 creates: user IBMUSER
 * (SPECIAL, OPERATIONS, default group SYS1, no password in the twin — set one with ALTUSER) and
 * groups SYS1, SYSCTLG, VSAMDSET (z/OS Security Server RACF System Programmer's Guide, "RACF
 * database initialization": IBMUSER, SYS1, SYSCTLG, VSAMDSET). The DATASET class is always active.
 */
export function createState(opts: CreateStateOptions = {}): RacfState {
  const users = PMap.empty<UserRecord>().transient();
  const groups = PMap.empty<GroupRecord>().transient();
  const connects = PMap.empty<ConnectRecord>().transient();
  if (opts.initial !== false) {
    groups.set('SYS1', newGroup('SYS1', null, 'IBMUSER'));
    groups.set('SYSCTLG', newGroup('SYSCTLG', 'SYS1', 'IBMUSER'));
    groups.set('VSAMDSET', newGroup('VSAMDSET', 'SYS1', 'IBMUSER'));
    users.set('IBMUSER', { ...newUser('IBMUSER', 'SYS1', 'IBMUSER'), special: true, operations: true });
    connects.set(connectKey('IBMUSER', 'SYS1'), { ...newConnect('IBMUSER', 'SYS1', 'IBMUSER'), authority: 'JOIN' });
  }
  const classes = PMap.empty<ClassOptions>().set('DATASET', { ...newClassOptions('DATASET'), active: true });
  return new RacfState(
    users.freeze(),
    groups.freeze(),
    connects.freeze(),
    PMap.empty(),
    classes,
    PMap.empty(),
    DEFAULT_SETROPTS,
    PMap.empty(),
    PMap.empty(),
    PMap.empty(),
  );
}

// ---- getters ------------------------------------------------------------------------------------
const byKey = <T>(m: PMap<T>): T[] =>
  [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);

export const getUser = (s: RacfState, id: string): UserRecord | undefined => s.users.get(id.toUpperCase());
export const getGroup = (s: RacfState, id: string): GroupRecord | undefined => s.groups.get(id.toUpperCase());
export const getConnect = (s: RacfState, user: string, group: string): ConnectRecord | undefined =>
  s.connects.get(connectKey(user.toUpperCase(), group.toUpperCase()));
/** All users, sorted by id. */
export const listUsers = (s: RacfState): UserRecord[] => byKey(s.users);
export const listGroups = (s: RacfState): GroupRecord[] => byKey(s.groups);
/** Connects of a user (in the user's connect order) or of a group (sorted by user). */
export function listConnects(s: RacfState, of: { user?: string; group?: string } = {}): ConnectRecord[] {
  if (of.user !== undefined) {
    const u = getUser(s, of.user);
    if (u === undefined) return [];
    return u.groups.map((g) => s.connects.get(connectKey(u.id, g))).filter((c): c is ConnectRecord => c !== undefined);
  }
  const all = byKey(s.connects);
  return of.group === undefined ? all : all.filter((c) => c.group === of.group?.toUpperCase());
}

export function getClass(s: RacfState, cls: string): ClassOptions {
  const c = cls.toUpperCase();
  return s.classes.get(c) ?? newClassOptions(c);
}
export const isClassActive = (s: RacfState, cls: string): boolean => getClass(s, cls).active;
export const isRaclisted = (s: RacfState, cls: string): boolean => getClass(s, cls).raclist;
/** The SETROPTS options. */
export const getSetropts = (s: RacfState): SetroptsRecord => s.setropts;
export const listClasses = (s: RacfState): ClassOptions[] => byKey(s.classes);

/**
 * A profile by class and exact name. `generic` undefined: the discrete profile, else the generic one
 * of that name (names with generic characters are always generic).
 */
export function getProfile(s: RacfState, cls: string, name: string, generic?: boolean): ProfileRecord | undefined {
  const cp = s.profiles.get(cls.toUpperCase());
  if (cp === undefined) return undefined;
  if (generic === true) return cp.generic.get(name);
  if (generic === false) return cp.discrete.get(name);
  return cp.discrete.get(name) ?? (hasGenericChars(name) ? cp.generic.get(name) : undefined);
}
/** Profiles of a class (all classes when omitted), sorted by class, then name (discrete first). */
export function listProfiles(s: RacfState, cls?: string): ProfileRecord[] {
  const out: ProfileRecord[] = [];
  const classes = cls === undefined ? [...s.profiles.keys()].sort() : [cls.toUpperCase()];
  for (const c of classes) {
    const cp = s.profiles.get(c);
    if (cp === undefined) continue;
    for (const p of byKey(cp.discrete)) out.push(p);
    for (const p of byKey(cp.generic)) out.push(p);
  }
  return out;
}

/**
 * True when a RACLISTed class has database changes (RDEFINE/RALTER/PERMIT/RDELETE) that the
 * in-storage copy does not have yet: they take effect at `SETROPTS RACLIST(class) REFRESH`.
 */
export function pendingRefresh(s: RacfState, cls: string): boolean {
  const c = cls.toUpperCase();
  if (!isRaclisted(s, c)) return false;
  return (s.raclist.get(c) ?? EMPTY_CLASS) !== (s.profiles.get(c) ?? EMPTY_CLASS);
}

/** RACF generic characters: `%` (one character), `*` and `**`. */
export function hasGenericChars(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 37 || c === 42) return true;
  }
  return false;
}

// ---- certificate / ring / data-set accessors ---------------------------------------------------
export const getCertificate = (s: RacfState, owner: CertOwner, label: string): CertificateRecord | undefined => s.certificates.get(certKey(owner, label));
/** Certificates, optionally of one owner, sorted by owner then label. */
export function listCertificates(s: RacfState, owner?: CertOwner): CertificateRecord[] {
  const all = byKey(s.certificates);
  if (owner === undefined) return all;
  const k = ownerKey(owner);
  return all.filter((c) => ownerKey(c.owner) === k);
}
export const withCertificate = (s: RacfState, c: CertificateRecord): RacfState => s.with({ certificates: s.certificates.set(certKey(c.owner, c.label), c) });
export const withoutCertificate = (s: RacfState, owner: CertOwner, label: string): RacfState => s.with({ certificates: s.certificates.delete(certKey(owner, label)) });
export const getRing = (s: RacfState, owner: string, name: string): RingRecord | undefined => s.rings.get(ringKey(owner.toUpperCase(), name));
/** Rings, optionally of one owner (user id), sorted by owner then name. */
export function listRings(s: RacfState, owner?: string): RingRecord[] {
  const all = byKey(s.rings);
  return owner === undefined ? all : all.filter((r) => r.owner === owner.toUpperCase());
}
export const withRing = (s: RacfState, r: RingRecord): RacfState => s.with({ rings: s.rings.set(ringKey(r.owner, r.name), r) });
export const withoutRing = (s: RacfState, owner: string, name: string): RacfState => s.with({ rings: s.rings.delete(ringKey(owner.toUpperCase(), name)) });
export const getDataSet = (s: RacfState, dsn: string): VirtualDataSet | undefined => s.datasets.get(dsn.toUpperCase());
export const listDataSets = (s: RacfState): VirtualDataSet[] => byKey(s.datasets);
export const withDataSet = (s: RacfState, d: VirtualDataSet): RacfState => s.with({ datasets: s.datasets.set(d.dsn.toUpperCase(), { ...d, dsn: d.dsn.toUpperCase() }) });
export const withoutDataSet = (s: RacfState, dsn: string): RacfState => s.with({ datasets: s.datasets.delete(dsn.toUpperCase()) });

// ---- Draft: the mutable form used by apply ----------------------------------------------------
/** Access-list entries shared per access level (see Draft.accessEntry). */
const ENTRY_CACHE = 4096;
/**
 * @internal `list` and `x`: a new, exactly sized array (a spread or push leaves spare capacity:
 * about 100 bytes more per connect-group list). Lists are not shared between users: looking a
 * shared one up costs more, in a large deck, than the collector saves on the two objects.
 */
export function appendExact<T>(list: readonly T[], x: T): T[] {
  const [a, b, c] = list;
  switch (list.length) {
    case 0:
      return [x];
    case 1:
      if (a !== undefined) return [a, x];
      break;
    case 2:
      if (a !== undefined && b !== undefined) return [a, b, x];
      break;
    case 3:
      if (a !== undefined && b !== undefined && c !== undefined) return [a, b, c, x];
      break;
  }
  return list.concat([x]);
}
interface ClassDraft {
  discrete: DraftMap<ProfileRecord>;
  generic: DraftMap<ProfileRecord>;
  base: ClassProfiles;
  dirty: boolean;
}

/** @internal Mutable working copy of a state while commands are applied. */
export class Draft {
  readonly users: DraftMap<UserRecord>;
  readonly groups: DraftMap<GroupRecord>;
  readonly connects: DraftMap<ConnectRecord>;
  readonly classes: DraftMap<ClassOptions>;
  readonly raclist: DraftMap<ClassProfiles>;
  readonly certificates: DraftMap<CertificateRecord>;
  readonly rings: DraftMap<RingRecord>;
  readonly datasets: DraftMap<VirtualDataSet>;
  setropts: SetroptsRecord;
  private readonly profiles: DraftMap<ClassProfiles>;
  private readonly classDrafts = new Map<string, ClassDraft>();
  private readonly entries = new Map<AccessLevel, Map<string, AccessEntry>>();
  /**
   * One shared, frozen access-list entry per (id, access): entries are immutable values and a deck
   * permits the same few groups to many profiles (less heap, and checks keep them in cache). The
   * cache holds the first ENTRY_CACHE ids per access level: a deck that permits each of 250,000
   * users once would otherwise keep a 250,000-entry Map (a cache miss per lookup, and its heap)
   * that never hits; later ids get an entry of their own (equal by value).
   */
  accessEntry(id: string, access: AccessLevel): AccessEntry {
    let byId = this.entries.get(access);
    if (byId === undefined) this.entries.set(access, (byId = new Map()));
    let e = byId.get(id);
    if (e === undefined) {
      if (byId.size >= ENTRY_CACHE) return { id, access };
      byId.set(id, (e = Object.freeze({ id, access })));
    }
    return e;
  }
  /**
   * The last few records this draft created that no frozen map can reach yet (none frozen since
   * they were stored): a later command of the deck may complete them in place instead of copying
   * (CONNECT after ADDUSER, PERMIT after RDEFINE). Identity comparison only: no hashing. Emptied
   * whenever profiles are frozen (RACLIST, REFRESH, listings) and at `freeze`, so an object ever
   * handed out with a state is never changed afterwards.
   */
  private readonly fresh: (object | null)[] = [null, null, null, null, null, null, null, null];
  private freshAt = 0;
  /** Remember `rec` (just stored by this draft, reachable only through it) as changeable in place. */
  markFresh(rec: object): void {
    this.fresh[this.freshAt] = rec;
    this.freshAt = (this.freshAt + 1) & 7;
  }
  /** `rec` was created by this draft and nothing frozen holds it: it may be changed in place. */
  isFresh(rec: object): boolean {
    const f = this.fresh;
    for (let i = 0; i < 8; i++) if (f[i] === rec) return true;
    return false;
  }
  private forgetFresh(): void {
    this.fresh.fill(null);
  }
  constructor(s: RacfState) {
    this.users = new DraftMap(s.users);
    this.groups = new DraftMap(s.groups);
    this.connects = new DraftMap(s.connects);
    this.classes = new DraftMap(s.classes);
    this.raclist = new DraftMap(s.raclist);
    this.certificates = new DraftMap(s.certificates);
    this.rings = new DraftMap(s.rings);
    this.datasets = new DraftMap(s.datasets);
    this.profiles = new DraftMap(s.profiles);
    this.setropts = s.setropts;
  }
  classOptions(cls: string): ClassOptions {
    return this.classes.get(cls) ?? newClassOptions(cls);
  }
  /** Read-only view of a class's current (database) profiles. */
  profile(cls: string, name: string, generic: boolean): ProfileRecord | undefined {
    const d = this.classDrafts.get(cls);
    if (d !== undefined) return (generic ? d.generic : d.discrete).get(name);
    const cp = this.profiles.get(cls);
    return cp === undefined ? undefined : (generic ? cp.generic : cp.discrete).get(name);
  }
  private classDraft(cls: string): ClassDraft {
    let d = this.classDrafts.get(cls);
    if (d === undefined) {
      const base = this.profiles.get(cls) ?? EMPTY_CLASS;
      d = { discrete: new DraftMap(base.discrete), generic: new DraftMap(base.generic), base, dirty: false };
      this.classDrafts.set(cls, d);
    }
    return d;
  }
  private readonly classNames = new Map<string, string>();
  /** One string per class name in the profiles a draft makes (each command brings its own copy). */
  className(cls: string): string {
    const n = this.classNames.get(cls);
    if (n !== undefined) return n;
    this.classNames.set(cls, cls);
    return cls;
  }
  /** `putProfile` of a profile that `profile(p.class, p.name, p.generic)` has just found absent. */
  addProfile(p: ProfileRecord): void {
    const d = this.classDraft(p.class);
    (p.generic ? d.generic : d.discrete).add(p.name, p);
    d.dirty = true;
  }
  putProfile(p: ProfileRecord): void {
    const d = this.classDraft(p.class);
    (p.generic ? d.generic : d.discrete).set(p.name, p);
    d.dirty = true;
  }
  deleteProfile(cls: string, name: string, generic: boolean): void {
    const d = this.classDraft(cls);
    (generic ? d.generic : d.discrete).delete(name);
    d.dirty = true;
  }
  /** Persistent snapshot of a class's profiles (the same object while unchanged). */
  classProfiles(cls: string, final = false): ClassProfiles {
    const d = this.classDrafts.get(cls);
    if (d === undefined) return this.profiles.get(cls) ?? EMPTY_CLASS;
    if (d.dirty || final) {
      // the frozen maps (a RACLIST copy, a listing's view) share the draft's records from now on
      this.forgetFresh();
      const discrete = d.discrete.freeze(final);
      const generic = d.generic.freeze(final);
      if (!d.dirty) return d.base;
      d.base = discrete.size === 0 && generic.size === 0 ? EMPTY_CLASS : { discrete, generic };
      d.dirty = false;
      if (d.base === EMPTY_CLASS) this.profiles.delete(cls);
      else this.profiles.set(cls, d.base);
    }
    return d.base;
  }
  /** Iterate a class's current profiles (for listing/search within a deck). */
  classProfilesNow(cls: string): ClassProfiles {
    return this.classProfiles(cls);
  }
  freeze(): RacfState {
    this.forgetFresh();
    for (const cls of this.classDrafts.keys()) this.classProfiles(cls, true);
    return new RacfState(
      this.users.freeze(true),
      this.groups.freeze(true),
      this.connects.freeze(true),
      this.profiles.freeze(true),
      this.classes.freeze(true),
      this.raclist.freeze(true),
      this.setropts,
      this.certificates.freeze(true),
      this.rings.freeze(true),
      this.datasets.freeze(true),
    );
  }
}
