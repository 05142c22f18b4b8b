/**
 * The RACF database as an unload describes it: records of the same object joined together (a user's
 * 0200, 0205 and 0270; a profile's 0400/0500 with its access lists; a certificate's 0207, 0500, 0560
 * and 1560; a ring's 0500 and 0562). This is plain, JSON-serialisable data; `toRacfState` maps it into
 * the racf-model state.
 *
 * IRRDBU00 does not unload SETROPTS options or the list of active / RACLISTed classes: the caller
 * supplies those when building a state.
 */
import * as t from 'io-ts';
import { type Diagnostic } from '@ztwin/core';
import { type CertOwner, CertificateRecord, type CertKeyType, type CertTrust, PMap, type PMapBuilder, type ProfileRecord, RingRecord } from '@ztwin/racf-model';
import { AccessLevel, ConnectAuthority, WhenType, type UnloadRecord } from './records';
import { CERTAUTH_USER, SITE_USER, normaliseSerialHex, parseDigtcertName, parseDigtringName } from './digtcert-name';

const optNumber = t.union([t.number, t.undefined]);

export const UnloadOmvs = t.type({ uid: optNumber, home: t.string, program: t.string });
export type UnloadOmvs = t.TypeOf<typeof UnloadOmvs>;

export const UnloadTso = t.type({ account: t.string, proc: t.string, size: optNumber, maxSize: optNumber, command: t.string, unit: t.string });
export type UnloadTso = t.TypeOf<typeof UnloadTso>;

export const UnloadUser = t.intersection([
  t.type({
    id: t.string,
    name: t.string,
    owner: t.string,
    defaultGroup: t.string,
    createDate: t.string,
    special: t.boolean,
    operations: t.boolean,
    auditor: t.boolean,
    restricted: t.boolean,
    revoked: t.boolean,
    protectedUser: t.boolean,
    grpacc: t.boolean,
    adsp: t.boolean,
    uaudit: t.boolean,
    installData: t.string,
    /** REVOKE / RESUME dates (yyyy-mm-dd), '' when none. */
    revokeDate: t.string,
    resumeDate: t.string,
    /** CLAUTH classes (0202 records). */
    clauth: t.array(t.string),
  }),
  t.partial({ omvs: UnloadOmvs, tso: UnloadTso }),
]);
export type UnloadUser = t.TypeOf<typeof UnloadUser>;

export const UnloadGroup = t.intersection([
  t.type({
    name: t.string,
    superior: t.string,
    owner: t.string,
    createDate: t.string,
    installData: t.string,
    universal: t.boolean,
    subgroups: t.array(t.string),
  }),
  t.partial({ gid: t.number }),
]);
export type UnloadGroup = t.TypeOf<typeof UnloadGroup>;

/** A user's connection to a group, in racf-model's ConnectRecord shape (the state takes it as it is). */
export const UnloadConnect = t.type({
  user: t.string,
  group: t.string,
  authority: ConnectAuthority,
  owner: t.string,
  uacc: AccessLevel,
  special: t.boolean,
  operations: t.boolean,
  auditor: t.boolean,
  revoked: t.boolean,
  grpacc: t.boolean,
  adsp: t.boolean,
});
export type UnloadConnect = t.TypeOf<typeof UnloadConnect>;

export const UnloadAccessEntry = t.type({ id: t.string, access: AccessLevel });
export type UnloadAccessEntry = t.TypeOf<typeof UnloadAccessEntry>;

export const UnloadConditionalEntry = t.type({ id: t.string, access: AccessLevel, when: t.type({ kind: WhenType, value: t.string }) });
export type UnloadConditionalEntry = t.TypeOf<typeof UnloadConditionalEntry>;

/** Keyword → value of a profile segment (STDATA: USER, GROUP, TRUSTED, PRIVILEGED, TRACE). */
export const UnloadSegment = t.record(t.string, t.union([t.string, t.number, t.boolean]));
export type UnloadSegment = t.TypeOf<typeof UnloadSegment>;

/**
 * A data set (class `DATASET`) or general resource profile, in racf-model's ProfileRecord shape so
 * that the state can take the object as it is (millions of profiles: no second copy). The volume of
 * a discrete data set profile is not kept (the model keys profiles by name).
 */
export const UnloadProfile = t.type({
  class: t.string,
  name: t.string,
  generic: t.boolean,
  owner: t.string,
  uacc: AccessLevel,
  warning: t.boolean,
  /** Installation data (DATA). */
  data: t.union([t.string, t.null]),
  appldata: t.union([t.string, t.null]),
  level: t.number,
  notify: t.union([t.string, t.null]),
  erase: t.boolean,
  accessList: t.array(UnloadAccessEntry),
  conditionalAccessList: t.array(UnloadConditionalEntry),
  members: t.array(t.string),
  segments: t.record(t.string, UnloadSegment),
});
export type UnloadProfile = t.TypeOf<typeof UnloadProfile>;

export const UnloadDatabase = t.type({
  users: t.array(UnloadUser),
  groups: t.array(UnloadGroup),
  connects: t.array(UnloadConnect),
  profiles: t.array(UnloadProfile),
  certificates: t.array(CertificateRecord),
  rings: t.array(RingRecord),
});
export type UnloadDatabase = t.TypeOf<typeof UnloadDatabase>;

export const DATASET_CLASS = 'DATASET';

/** One class's profiles as a racf-model state holds them (discrete and generic tables). */
export interface ClassTables {
  readonly discrete: PMapBuilder<ProfileRecord>;
  readonly generic: PMapBuilder<ProfileRecord>;
  hasGeneric: boolean;
}

/**
 * The state's profile tables by class, filled as each profile's basic record is read (for
 * `importUnload`: the inserts happen while the name is fresh, and while the main thread would
 * otherwise wait for the reading worker), with each profile that replaced another of the same
 * name (on another volume), in order. Only made while every profile had exactly one basic record
 * (otherwise `toRacfState` builds the tables from the profiles).
 */
export interface ProfileTables {
  readonly classes: Map<string, ClassTables>;
  readonly replaced: UnloadProfile[];
  /**
   * Set by `build`: each user's connects (those in `database.connects`), in the user's connection
   * order, as the builder keyed them while reading: `toRacfState` takes a user's groups from here
   * instead of grouping 450 000 connects by user a second time.
   */
  connectsByUser?: ReadonlyMap<string, readonly UnloadConnect[]>;
}

/** Stable diagnostic codes of the database assembly. */
export const DatabaseCodes = {
  orphan: 'IRRDBU00-ORPHAN-RECORD',
  duplicate: 'IRRDBU00-DUPLICATE',
  certIncomplete: 'IRRDBU00-CERT-INCOMPLETE',
  ringIncomplete: 'IRRDBU00-RING-INCOMPLETE',
  badName: 'IRRDBU00-BAD-PROFILE-NAME',
} as const;


// Shared until a profile needs its own (then replaced by a fresh array / object).
const NO_CONDITIONAL: UnloadConditionalEntry[] = [];
const NO_MEMBERS: string[] = [];
const NO_SEGMENTS: Record<string, UnloadSegment> = {};
const NO_ACCESS: UnloadAccessEntry[] = [];
Object.freeze(NO_ACCESS);
Object.freeze(NO_CONDITIONAL);
Object.freeze(NO_MEMBERS);
Object.freeze(NO_SEGMENTS);

function blankProfile(cls: string, name: string): UnloadProfile {
  return {
    class: cls,
    name,
    generic: false,
    owner: '',
    uacc: 'NONE',
    warning: false,
    data: null,
    appldata: null,
    level: 0,
    notify: null,
    erase: false,
    accessList: NO_ACCESS,
    conditionalAccessList: NO_CONDITIONAL,
    members: NO_MEMBERS,
    segments: NO_SEGMENTS,
  };
}
const orNull = (s: string): string | null => (s === '' ? null : s);

/**
 * A copy of a short list as an array literal: V8 tracks where literals are made and, seeing nearly
 * all of them live on (1.3 million access lists of an unload), allocates them in the old generation
 * at once; `slice()` copies land in the young generation and are copied again by each scavenge.
 */
function exactCopy<T>(l: readonly T[]): T[] {
  const [a, b, c, d] = l;
  switch (l.length) {
    case 1:
      return [a as T];
    case 2:
      return [a as T, b as T];
    case 3:
      return [a as T, b as T, c as T];
    case 4:
      return [a as T, b as T, c as T, d as T];
    default:
      return l.slice();
  }
}
interface CertSlot {
  name: string;
  firstLine: number;
  owner?: string;
  label?: string;
  trust?: string;
  applData?: string;
  data?: Extract<UnloadRecord, { type: '0560' }>;
  names?: Extract<UnloadRecord, { type: '1560' }>;
  ringLabel?: string;
}
interface RingSlot {
  name: string;
  firstLine: number;
  defined: boolean;
  entries: { certName: string; usage: string; isDefault: boolean; label: string; line: number }[];
}

/**
 * Joins records into an UnloadDatabase. Records may come in any order (IRRDBU00 writes a profile's
 * records together, but sorted or filtered unloads need not).
 */
export class UnloadDatabaseBuilder {
  private readonly users = new Map<string, UnloadUser>();
  private readonly groups = new Map<string, UnloadGroup>();
  private readonly subgroups = new Map<string, string[]>();
  private readonly gids = new Map<string, number>();
  /** Connects by user (a user has few groups: a short array beats a map keyed by user+group). */
  private readonly connects = new Map<string, UnloadConnect[]>();
  private readonly omvs = new Map<string, UnloadOmvs>();
  private readonly tso = new Map<string, UnloadTso>();
  private readonly clauth = new Map<string, string[]>();
  /**
   * Profiles in unload order, and in a parallel array the DSBD_VOL of each (a discrete data set
   * profile's volume is not part of the profile): no per-profile wrapper object lives through the
   * import (1.3 million of them at benchmark scale).
   */
  private readonly slots: UnloadProfile[] = [];
  private readonly volumes: string[] = [];
  /**
   * Profiles created by an access-list or segment record before (or without) their basic data record
   * (0400/0500), with that record's line: empty for a well-formed unload.
   */
  private readonly undefinedSlots = new Map<UnloadProfile, number>();
  /**
   * Index by class, name and volume, built only when a record does not follow its profile's basic
   * record (IRRDBU00 writes each profile's records together, so a well-formed unload never needs it).
   */
  private index: Map<string, UnloadProfile> | undefined;
  private readonly certs = new Map<string, CertSlot>();
  private readonly rings = new Map<string, RingSlot>();
  private readonly diagnostics: Diagnostic[] = [];

  /** See ProfileTables; undefined when not wanted or no longer valid. */
  private tables: ProfileTables | undefined;

  /** `profileTables`: also build the state's profile tables while reading (see ProfileTables). */
  constructor(
    readonly source: string,
    profileTables = false,
  ) {
    if (profileTables) this.tables = { classes: new Map(), replaced: [] };
  }

  private addToTables(t: ProfileTables, p: UnloadProfile): void {
    let c = t.classes.get(p.class);
    if (c === undefined) {
      c = { discrete: PMap.builder<ProfileRecord>(), generic: PMap.builder<ProfileRecord>(), hasGeneric: false };
      t.classes.set(p.class, c);
    }
    const table = p.generic ? c.generic : c.discrete;
    if (p.generic) c.hasGeneric = true;
    const before = table.size;
    // UnloadProfile has ProfileRecord's shape: the state takes the object itself.
    table.set(p.name, p);
    if (table.size === before) t.replaced.push(p);
  }

  private warn(code: string, message: string, line: number): void {
    if (this.diagnostics.length < 1000) this.diagnostics.push({ code, severity: 'warning', message, source: this.source, line, column: 1 });
  }

  private lastSlot: UnloadProfile | undefined;
  private lastClass = '';
  private lastName = '';
  private lastVolume = '';

  private static key(className: string, name: string, volume: string): string {
    return `${className}\u0000${name}\u0000${volume}`;
  }
  private remember(s: UnloadProfile, className: string, name: string, volume: string): UnloadProfile {
    this.lastSlot = s;
    this.lastClass = className;
    this.lastName = name;
    this.lastVolume = volume;
    return s;
  }
  private addSlot(className: string, name: string, volume: string): UnloadProfile {
    const s = blankProfile(className, name);
    this.slots.push(s);
    this.volumes.push(volume);
    return s;
  }
  /** An existing profile gets its basic data record: report a second one. */
  private define(s: UnloadProfile, line: number): UnloadProfile {
    // A profile's basic record for an existing slot: the tables built so far may not hold it as defined.
    this.tables = undefined;
    if (this.undefinedSlots.size > 0 && this.undefinedSlots.delete(s)) return s;
    const what = s.class === DATASET_CLASS ? `data set profile ${s.name}` : `${s.class} profile ${s.name}`;
    this.warn(DatabaseCodes.duplicate, `${what} appears twice; the later record is used`, line);
    return s;
  }
  /** The profile of a basic data record. */
  private newSlot(className: string, name: string, volume: string, line: number): UnloadProfile {
    if (this.index !== undefined) {
      const key = UnloadDatabaseBuilder.key(className, name, volume);
      const old = this.index.get(key);
      if (old !== undefined) return this.remember(this.define(old, line), className, name, volume);
      const s = this.addSlot(className, name, volume);
      this.index.set(key, s);
      return this.remember(s, className, name, volume);
    }
    if (this.lastSlot !== undefined && name === this.lastName && className === this.lastClass && volume === this.lastVolume) return this.define(this.lastSlot, line);
    return this.remember(this.addSlot(className, name, volume), className, name, volume);
  }
  /** The profile an access-list or segment record belongs to. */
  private slot(className: string, name: string, volume: string, line: number): UnloadProfile {
    // An unload writes a profile's records together: the previous profile, compared by identity of
    // the (interned / reused) strings first.
    if (this.lastSlot !== undefined && name === this.lastName && className === this.lastClass && volume === this.lastVolume) return this.lastSlot;
    if (this.index === undefined) {
      this.index = new Map();
      const { slots, volumes } = this;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i];
        if (s !== undefined) this.index.set(UnloadDatabaseBuilder.key(s.class, s.name, volumes[i] ?? ''), s);
      }
    }
    const key = UnloadDatabaseBuilder.key(className, name, volume);
    let s = this.index.get(key);
    if (s === undefined) {
      s = this.addSlot(className, name, volume);
      this.undefinedSlots.set(s, line);
      this.index.set(key, s);
    }
    return this.remember(s, className, name, volume);
  }

  // Access-list entries are immutable values and the same (id, access) pair recurs across millions of
  // profiles: share one object per pair instead of allocating one per entry.
  private readonly entries = new Map<AccessLevel, Map<string, UnloadAccessEntry>>();
  private entry(id: string, access: AccessLevel): UnloadAccessEntry {
    let byId = this.entries.get(access);
    if (byId === undefined) {
      byId = new Map();
      this.entries.set(access, byId);
    }
    let e = byId.get(id);
    if (e === undefined) {
      e = Object.freeze({ id, access });
      byId.set(id, e);
    }
    return e;
  }

  // The access list being collected for the current profile, in a reused array: each profile gets an
  // exactly sized list once its records end (a growing array would carry ~17 slots for ~3 entries).
  private collecting: UnloadProfile | undefined;
  private readonly pending: UnloadAccessEntry[] = [];
  private addEntry(s: UnloadProfile, e: UnloadAccessEntry): void {
    if (s !== this.collecting) {
      this.flushEntries();
      this.collecting = s;
    }
    this.pending.push(e);
  }
  private flushEntries(): void {
    const p = this.collecting;
    if (p === undefined || this.pending.length === 0) return;
    p.accessList = p.accessList === NO_ACCESS ? exactCopy(this.pending) : p.accessList.concat(this.pending);
    this.pending.length = 0;
  }

  /** AccessSink for the reader's fast path (0404 / 0505 without a record object). */
  readonly addAccess = (className: string, name: string, volume: string, authId: string, access: AccessLevel, line: number, pair = -1): void => {
    let e: UnloadAccessEntry | undefined;
    if (pair >= 0) {
      e = this.entryByPair[pair];
      if (e === undefined) this.entryByPair[pair] = e = this.entry(authId, access);
    } else e = this.entry(authId, access);
    this.addEntry(this.slot(className, name, volume, line), e);
  };
  /** Entries by the reader's pair number (AccessSink): one array index instead of two Map lookups. */
  private readonly entryByPair: (UnloadAccessEntry | undefined)[] = [];
  private cert(name: string, line: number): CertSlot {
    let c = this.certs.get(name);
    if (c === undefined) {
      c = { name, firstLine: line };
      this.certs.set(name, c);
    }
    return c;
  }
  private ring(name: string, line: number): RingSlot {
    let r = this.rings.get(name);
    if (r === undefined) {
      r = { name, firstLine: line, defined: false, entries: [] };
      this.rings.set(name, r);
    }
    return r;
  }
  /**
   * The user a segment or class record (0202, 0220, 0270) belongs to, when its basic record (0200) has
   * been read: IRRDBU00 writes them right after it, so this is the last user read, without a lookup.
   * Records before their user's 0200 wait in the omvs / tso / clauth maps until it comes.
   */
  private currentUser: UnloadUser | undefined;
  private userOf(id: string): UnloadUser | undefined {
    const u = this.currentUser;
    return u !== undefined && u.id === id ? u : this.users.get(id);
  }

  // A user's 0203 and 0205 records follow each other: remember the last user's list and member records.
  private lastConnectUser = '';
  private lastConnects: UnloadConnect[] | undefined;
  private lastPending: (string | ConnectAuthority)[] | undefined;
  private connect(user: string, group: string, id = -1): UnloadConnect {
    let list = this.lastConnects;
    if (user !== this.lastConnectUser || list === undefined) {
      if (id >= 0 && this.idsComplete) {
        list = this.connectsById[id];
        if (list === undefined) {
          list = [];
          this.connects.set(user, list);
          this.connectsById[id] = list;
        }
        this.lastPending = this.pendingById[id];
      } else {
        list = this.connects.get(user);
        if (list === undefined) {
          list = [];
          this.connects.set(user, list);
          this.idsComplete = false;
        }
        this.lastPending = this.pendingMembers.size > 0 ? this.pendingMembers.get(user) : undefined;
      }
      this.lastConnectUser = user;
      this.lastConnects = list;
    }
    for (const c of list) if (c.group === group) return c;
    // a new connect takes the authority of the pair's member record (0102), if one came before
    let authority: ConnectAuthority = 'USE';
    const p = this.lastPending;
    if (p !== undefined)
      for (let i = 0; i < p.length; i += 2)
        if (p[i] === group) {
          authority = p[i + 1] as ConnectAuthority;
          this.claimed++;
          break;
        }
    const c: UnloadConnect = { user, group, authority, owner: '', uacc: 'NONE', special: false, operations: false, auditor: false, revoked: false, grpacc: false, adsp: false };
    list.push(c);
    return c;
  }

  /**
   * Connect authorities of group member records (0102), per user: [group, GPMEM_AUTH, group, ...]
   * (one entry per group: a later record of the pair replaces the authority).
   *
   * A user's groups follow the user's own connection records, in the order of the 0203 (User Group
   * Connections) records: they come from the user profile's connect list, the order LISTUSER shows
   * (IBM, z/OS Security Server RACF Macros and Interfaces, "Record formats produced by the database
   * unload utility": User record formats, 0203 and 0205). The group's 0102 member list is not the
   * user's view, and it need not be complete: IRRDBU00 writes no 0102 record for a user connected to
   * a UNIVERSAL group with USE authority and no group-level attributes (RACF Security Administrator's
   * Guide, "Using IRRDBU00 with universal groups"). So 0102 only supplies the authority: IRRDBU00
   * writes groups before users, the authorities are collected per user here, and each connect takes
   * its pair's authority when the user's connection record makes it (the user's list is looked up
   * once per user, not per connect; `claimed` counts the pairs taken). A 0102 that no user record
   * claims becomes a connect (appended) in `build`, after the last record.
   */
  private readonly pendingMembers = new Map<string, (string | ConnectAuthority)[]>();
  /**
   * The user-keyed maps (users, connects, pendingMembers) indexed by the reader's number for the
   * user id (RecordSink's `id`): after its first record a user is found by an array index, not a
   * Map lookup (three lookups per user and one per member record were ~0.3 s of a 7M-record
   * import). Valid while every entry of the maps came with an id (`idsComplete`): then a miss
   * here is a miss in the map; once one did not, the maps alone are used.
   */
  private readonly userById: (UnloadUser | undefined)[] = [];
  private readonly connectsById: (UnloadConnect[] | undefined)[] = [];
  private readonly pendingById: ((string | ConnectAuthority)[] | undefined)[] = [];
  private idsComplete = true;
  /** Distinct (group, user) pairs in pendingMembers, and how many of them a connect took. */
  private members = 0;
  private claimed = 0;
  /** A user connection record has been added: 0102 records from now on join the connect directly. */
  private connectsStarted = false;
  private addMember(group: string, user: string, authority: ConnectAuthority, id: number): void {
    const byId = id >= 0 && this.idsComplete;
    const p = byId ? this.pendingById[id] : this.pendingMembers.get(user);
    if (this.connectsStarted) {
      // Out of IRRDBU00's order (users before groups): find the connect itself.
      const c = this.connect(user, group, id);
      // An earlier member record of the pair must not override this later one in `build`.
      if (p !== undefined) for (let i = 0; i < p.length; i += 2) if (p[i] === group) p[i + 1] = authority;
      c.authority = authority;
      return;
    }
    if (p === undefined) {
      const l = [group, authority];
      this.pendingMembers.set(user, l);
      if (byId) this.pendingById[id] = l;
      else this.idsComplete = false;
      this.members++;
      return;
    }
    for (let i = 0; i < p.length; i += 2)
      if (p[i] === group) {
        p[i + 1] = authority;
        return;
      }
    p.push(group, authority);
    this.members++;
  }

  /**
   * Add one decoded record (line = its line in the unload, for diagnostics). Records of types 0102,
   * 0203, 0205, 0400 and 0500 are not kept (their fields are copied): the import reads with
   * `reuseRecords`.
   */
  add(r: UnloadRecord, line: number, id = -1): void {
    switch (r.type) {
      case '0100':
        if (this.groups.has(r.name)) this.warn(DatabaseCodes.duplicate, `group ${r.name} appears twice; the later record is used`, line);
        this.groups.set(r.name, { name: r.name, superior: r.supgroup, owner: r.owner, createDate: r.createDate, installData: r.installData, universal: r.universal, subgroups: [] });
        return;
      case '0101': {
        const l = this.subgroups.get(r.name);
        if (l === undefined) this.subgroups.set(r.name, [r.subgroup]);
        else l.push(r.subgroup);
        return;
      }
      case '0102':
        this.addMember(r.name, r.member, r.authority, id);
        return;
      case '0120':
        if (r.gid !== undefined) this.gids.set(r.name, r.gid);
        return;
      case '0200': {
        const byId = id >= 0 && this.idsComplete;
        const old = byId ? this.userById[id] : this.users.get(r.name);
        if (old !== undefined) this.warn(DatabaseCodes.duplicate, `user ${r.name} appears twice; the later record is used`, line);
        const u: UnloadUser = {
          id: r.name,
          name: r.programmer,
          owner: r.owner,
          defaultGroup: r.defaultGroup,
          createDate: r.createDate,
          special: r.special,
          operations: r.operations,
          auditor: r.auditor,
          restricted: r.restricted,
          revoked: r.revoked,
          protectedUser: r.protectedUser,
          grpacc: r.grpacc,
          adsp: r.adsp,
          uaudit: r.uaudit,
          installData: r.installData,
          revokeDate: r.revokeDate,
          resumeDate: r.resumeDate,
          clauth: [],
        };
        this.users.set(r.name, u);
        if (byId) this.userById[id] = u;
        else this.idsComplete = false;
        this.currentUser = u;
        if (old !== undefined) {
          // The segments and classes read so far belong to the user, whichever basic record is used.
          u.clauth = old.clauth;
          if (old.omvs !== undefined) u.omvs = old.omvs;
          if (old.tso !== undefined) u.tso = old.tso;
        } else if (this.omvs.size + this.tso.size + this.clauth.size > 0) {
          // Records of the user that came before its basic record (not IRRDBU00's order).
          const omvs = this.omvs.get(u.id);
          const tso = this.tso.get(u.id);
          const clauth = this.clauth.get(u.id);
          if (omvs !== undefined) u.omvs = omvs;
          if (tso !== undefined) u.tso = tso;
          if (clauth !== undefined) u.clauth = clauth;
          this.omvs.delete(u.id);
          this.tso.delete(u.id);
          this.clauth.delete(u.id);
        }
        return;
      }
      case '0202': {
        const u = this.userOf(r.name);
        if (u !== undefined) {
          u.clauth.push(r.className);
          return;
        }
        const l = this.clauth.get(r.name);
        if (l === undefined) this.clauth.set(r.name, [r.className]);
        else l.push(r.className);
        return;
      }
      case '0203':
        this.connectsStarted = true;
        this.connect(r.name, r.group, id);
        return;
      case '0205': {
        this.connectsStarted = true;
        const c = this.connect(r.name, r.group, id);
        c.owner = r.owner;
        c.uacc = AccessLevel.is(r.uacc) ? r.uacc : 'NONE';
        c.special = r.special;
        c.operations = r.operations;
        c.auditor = r.auditor;
        c.revoked = r.revoked;
        c.grpacc = r.grpacc;
        c.adsp = r.adsp;
        return;
      }
      case '0207': {
        const c = this.cert(r.certName, line);
        c.owner = r.name;
        c.label = r.label;
        return;
      }
      case '0220': {
        const tso: UnloadTso = { account: r.account, proc: r.proc, size: r.size, maxSize: r.maxSize, command: r.command, unit: r.unit };
        const u = this.userOf(r.name);
        if (u !== undefined) u.tso = tso;
        else this.tso.set(r.name, tso);
        return;
      }
      case '0270': {
        const omvs: UnloadOmvs = { uid: r.uid, home: r.home, program: r.program };
        const u = this.userOf(r.name);
        if (u !== undefined) u.omvs = omvs;
        else this.omvs.set(r.name, omvs);
        return;
      }
      case '0400': {
        const p = this.newSlot(DATASET_CLASS, r.name, r.volume, line);
        p.generic = r.generic;
        p.owner = r.owner;
        p.uacc = r.uacc;
        p.warning = r.warning;
        p.data = orNull(r.installData);
        p.notify = orNull(r.notify);
        p.erase = r.erase;
        p.level = r.level ?? 0;
        if (this.tables !== undefined) this.addToTables(this.tables, p);
        return;
      }
      case '0402':
        this.addConditional(this.slot(DATASET_CLASS, r.name, r.volume, line), { id: r.authId, access: r.access, when: { kind: r.whenType, value: r.whenName } });
        return;
      case '0404':
        this.addEntry(this.slot(DATASET_CLASS, r.name, r.volume, line), this.entry(r.authId, r.access));
        return;
      case '0500':
        if (r.className === 'DIGTCERT') {
          const c = this.cert(r.name, line);
          c.trust = r.uacc;
          c.applData = r.applData;
          return;
        }
        if (r.className === 'DIGTRING') {
          this.ring(r.name, line).defined = true;
          return;
        }
        this.addGeneral(r, line);
        return;
      case '0505':
        this.addEntry(this.slot(r.className, r.name, '', line), this.entry(r.authId, r.access));
        return;
      case '0507':
        this.addConditional(this.slot(r.className, r.name, '', line), { id: r.authId, access: r.access, when: { kind: r.whenType, value: r.whenName } });
        return;
      case '0540':
      {
        // STDATA as racf-model holds segments: keyword → value, blank fields omitted.
        const st: UnloadSegment = { TRUSTED: r.trusted, PRIVILEGED: r.privileged, TRACE: r.trace };
        if (r.user !== '') st['USER'] = r.user;
        if (r.group !== '') st['GROUP'] = r.group;
        const p = this.slot(r.className, r.name, '', line);
        p.segments = { ...p.segments, STDATA: st };
      }
        return;
      case '0560':
        this.cert(r.name, line).data = r;
        return;
      case '1560':
        this.cert(r.name, line).names = r;
        return;
      case '0561':
        // The ring side (0562) carries usage, default and label; 0561 adds nothing the twin needs.
        return;
      case '0562': {
        const ring = this.ring(r.name, line);
        if (r.certName !== '') {
          ring.entries.push({ certName: r.certName, usage: r.usage, isDefault: r.isDefault, label: r.label, line });
          const c = this.cert(r.certName, line);
          if (c.ringLabel === undefined && r.label !== '') c.ringLabel = r.label;
        }
        return;
      }
    }
  }

  private addConditional(p: UnloadProfile, e: UnloadConditionalEntry): void {
    if (p.conditionalAccessList === NO_CONDITIONAL) p.conditionalAccessList = [e];
    else p.conditionalAccessList.push(e);
  }

  private addGeneral(r: Extract<UnloadRecord, { type: '0500' }>, line: number): void {
    const p = this.newSlot(r.className, r.name, '', line);
    const uacc = AccessLevel.is(r.uacc) ? r.uacc : 'NONE';
    if (!AccessLevel.is(r.uacc) && r.uacc !== '') this.warn('IRRDBU00-BAD-UACC', `${r.className} profile ${r.name} has UACC '${r.uacc}'; NONE is used`, line);
    p.generic = r.generic;
    p.owner = r.owner;
    p.uacc = uacc;
    p.warning = r.warning;
    p.data = orNull(r.installData);
    p.appldata = orNull(r.applData);
    p.notify = orNull(r.notify);
    p.level = r.level ?? 0;
    if (this.tables !== undefined) this.addToTables(this.tables, p);
  }

  /** Finish: join everything; diagnostics name what could not be joined. */
  build(): { database: UnloadDatabase; diagnostics: Diagnostic[]; tables?: ProfileTables } {
    this.flushEntries();
    this.collecting = undefined;
    const groups: UnloadGroup[] = [];
    for (const g of this.groups.values()) {
      const gid = this.gids.get(g.name);
      groups.push({ ...g, subgroups: this.subgroups.get(g.name) ?? [], ...(gid !== undefined ? { gid } : {}) });
    }
    // The user objects belong to this builder: complete them in place (no copy of 220 000 users).
    const users: UnloadUser[] = [];
    // (Their segments and classes were attached as they came: see userOf.)
    for (const u of this.users.values()) users.push(u);
    // The connects took their member records' authorities as they were made (see connect). A member
    // record no user connection record claimed still connects the user: then a pass over the member
    // records (setting a claimed one's authority again changes nothing) appends those connects.
    if (this.claimed !== this.members) {
      for (const [user, p] of this.pendingMembers) for (let i = 0; i < p.length; i += 2) this.connect(user, p[i] ?? '').authority = p[i + 1] as ConnectAuthority;
    }
    this.pendingMembers.clear();
    const joined = this.joinConnects();
    const connects = joined.connects;
    for (const o of joined.orphans) {
      for (const c of o.dropped) this.warn(DatabaseCodes.orphan, `connect of ${c.user} to ${c.group}: the unload has no ${o.userKnown ? `group ${c.group}` : `user ${c.user}`}; skipped`, 1);
      // connectsByUser holds only the connects kept
      this.connects.set(o.user, connects.slice(o.from, o.to));
    }
    if (this.tables !== undefined) this.tables.connectsByUser = this.connects;
    const undefinedSlots = this.undefinedSlots;
    // Every profile got its basic data record (a well-formed unload): the slots are the profiles.
    const profiles: UnloadProfile[] = undefinedSlots.size === 0 ? this.slots.slice() : [];
    if (undefinedSlots.size > 0) for (const s of this.slots) {
      const firstLine = undefinedSlots.size > 0 ? undefinedSlots.get(s) : undefined;
      if (firstLine !== undefined) {
        this.warn(DatabaseCodes.orphan, 'access list or segment record for a profile that has no basic data record (0400/0500); skipped', firstLine);
        continue;
      }
      profiles.push(s);
    }
    const certificates: CertificateRecord[] = [];
    const certOwners = new Map<string, { owner: CertOwner; label: string }>();
    for (const c of this.certs.values()) {
      const rec = this.certificate(c);
      if (rec !== undefined) {
        certificates.push(rec);
        certOwners.set(c.name, { owner: rec.owner, label: rec.label });
      }
    }
    const rings: RingRecord[] = [];
    for (const r of this.rings.values()) {
      const parsed = parseDigtringName(r.name);
      if (parsed === undefined) {
        this.warn(DatabaseCodes.badName, `DIGTRING profile name '${r.name}' is not owner.ring; skipped`, r.firstLine);
        continue;
      }
      const connections: RingRecord['connections'] = [];
      for (const e of r.entries) {
        const owner = certOwners.get(e.certName);
        if (owner === undefined) {
          this.warn(DatabaseCodes.ringIncomplete, `ring ${parsed.owner}/${parsed.ring} refers to certificate ${e.certName}, which the unload does not describe; connection skipped`, e.line);
          continue;
        }
        const usage = e.usage === 'PERSONAL' || e.usage === 'CERTAUTH' || e.usage === 'SITE' ? e.usage : 'PERSONAL';
        connections.push({ certOwner: owner.owner, label: e.label !== '' ? e.label : owner.label, usage, default: e.isDefault });
      }
      rings.push({ owner: parsed.owner, name: parsed.ring, connections });
    }
    const database = { users, groups, connects, profiles, certificates, rings };
    return this.tables !== undefined ? { database, diagnostics: this.diagnostics, tables: this.tables } : { database, diagnostics: this.diagnostics };
  }

  /**
   * The connects whose user and group the unload defines, in order, and per user the ones dropped.
   * Nothing of the builder changes.
   */
  private joinConnects(): {
    connects: UnloadConnect[];
    orphans: { user: string; userKnown: boolean; from: number; to: number; dropped: UnloadConnect[] }[];
  } {
    const groups = this.groups;
    const connects: UnloadConnect[] = [];
    const orphans: { user: string; userKnown: boolean; from: number; to: number; dropped: UnloadConnect[] }[] = [];
    // The users come in the order of their first connect in an IRRDBU00 unload: walk them in step
    // (a lookup only when the next user is not this one).
    const ids = this.users.keys();
    let next = ids.next();
    for (const [user, list] of this.connects) {
      let userKnown: boolean;
      if (next.done !== true && next.value === user) {
        userKnown = true;
        next = ids.next();
      } else userKnown = this.users.has(user);
      const from = connects.length;
      let dropped: UnloadConnect[] | undefined;
      for (const c of list) {
        if (userKnown && groups.has(c.group)) connects.push(c);
        else (dropped ??= []).push(c);
      }
      if (dropped !== undefined) orphans.push({ user, userKnown, from, to: connects.length, dropped });
    }
    return { connects, orphans };
  }

  private certificate(c: CertSlot): CertificateRecord | undefined {
    const parsed = parseDigtcertName(c.name);
    const ownerId = c.owner ?? (c.applData !== undefined && c.applData !== '' ? c.applData.split(' ')[0] : undefined);
    if (ownerId === undefined || ownerId === '') {
      this.warn(DatabaseCodes.certIncomplete, `certificate ${c.name} has no owner (no 0207 record and no APPLDATA); skipped`, c.firstLine);
      return undefined;
    }
    const lower = ownerId.toLowerCase();
    const owner: CertOwner = lower === CERTAUTH_USER ? { kind: 'CERTAUTH' } : lower === SITE_USER ? { kind: 'SITE' } : { kind: 'ID', id: ownerId.toUpperCase() };
    const label = c.label ?? c.ringLabel;
    if (label === undefined || label === '') {
      this.warn(DatabaseCodes.certIncomplete, `certificate ${c.name} has no label; skipped`, c.firstLine);
      return undefined;
    }
    const d = c.data;
    if (d === undefined || d.startDate === '' || d.endDate === '') {
      this.warn(DatabaseCodes.certIncomplete, `certificate ${c.name} has no certificate data record (0560) with validity dates; skipped`, c.firstLine);
      return undefined;
    }
    if (c.trust === undefined) this.warn(DatabaseCodes.certIncomplete, `certificate ${c.name} has no DIGTCERT basic record (0500); trust status TRUST assumed`, c.firstLine);
    const trust: CertTrust = c.trust === 'NOTRUST' ? 'NOTRUST' : c.trust === 'HIGHTRST' || c.trust === 'HIGHTRUST' ? 'HIGHTRUST' : 'TRUST';
    const keyTypeField = d.keyType.toUpperCase();
    const sigAlg = c.names?.sigAlg ?? '';
    const keyType = certKeyType(keyTypeField, sigAlg);
    const rec: CertificateRecord = {
      owner,
      label,
      trust,
      serialHex: parsed?.serialHex ?? '0',
      subjectDn: c.names?.subjectDn ?? '',
      issuerDn: c.names?.issuerDn ?? parsed?.issuerDn ?? '',
      notBefore: isoOf(d.startDate, d.startTime || '00:00:00'),
      notAfter: isoOf(d.endDate, d.endTime || '23:59:59'),
      keyType,
      keySize: d.keySize ?? 0,
      hasPrivateKey: keyTypeField !== '' && keyTypeField !== 'PUBTOKEN',
      digtcertProfile: c.name,
    };
    if (/^[0-9A-Fa-f]+$/.test(d.lastSerial) && /[1-9A-Fa-f]/.test(d.lastSerial)) rec.lastSerialIssuedHex = normaliseSerialHex(d.lastSerial);
    if (c.names === undefined) this.warn(DatabaseCodes.certIncomplete, `certificate ${c.name} has no certificate name record (1560); subject DN unknown`, c.firstLine);
    return rec;
  }
}

/** yyyy-mm-dd + hh:mm:ss → ISO 8601 UTC (RACF keeps certificate dates in GMT). */
function isoOf(date: string, time: string): string {
  return `${date}T${time}.000Z`;
}

/**
 * Key algorithm from GRCERT_KEY_TYPE (which names where the private key is kept) and, when that is not
 * conclusive, the certificate's signature algorithm (exact for self-signed certificates only).
 */
function certKeyType(keyType: string, sigAlg: string): CertKeyType {
  if (keyType.includes('DSA')) return 'DSA';
  if (keyType.includes('BP')) return 'BPECC';
  if (keyType.includes('ECC') || keyType.includes('NIST')) return 'NISTECC';
  const s = sigAlg.toUpperCase();
  if (s.includes('ECDSA')) return 'NISTECC';
  if (s.includes('DSA')) return 'DSA';
  if (s.includes('RSA')) return 'RSA';
  if (keyType === 'PKCSDER' || keyType === 'ICSFTOKN' || keyType === 'PCICCTKN') return 'RSA';
  return 'UNKNOWN';
}
