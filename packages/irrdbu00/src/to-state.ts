/**
 * UnloadDatabase → racf-model RacfState. The result is an ordinary state: decks apply on top of it,
 * checkAccess works on it and renderState renders it.
 *
 * What an unload does not carry, the caller supplies: which classes are active / RACLISTed / have
 * generic checking (SETROPTS CLASSACT, RACLIST, GENERIC are not in IRRDBU00 output) and the other
 * SETROPTS options. Passwords are not unloaded either: imported users have no password.
 *
 * The tables are built in bulk (racf-model PMap builders: native Maps handed over as flat persistent
 * maps), not one persistent insert per record.
 */
import { type Diagnostic } from '@ztwin/core';
import {
  type ClassOptions,
  type ClassProfiles,
  type ConnectRecord,
  type GroupRecord,
  PMap,
  type ProfileRecord,
  RacfState,
  type SetroptsRecord,
  type UserRecord,
  certKey,
  createState,
  ringKey,
  type CertificateRecord,
  type RingRecord,
} from '@ztwin/racf-model';
import { type ClassTables, DATASET_CLASS, type ProfileTables, type UnloadConnect, type UnloadDatabase, type UnloadUser } from './database';

/** SETROPTS class options the caller knows (from `SETROPTS LIST`), since the unload lacks them. */
export interface ClassSettings {
  /** SETROPTS CLASSACT classes. `'all'` = every class that has profiles in the unload. */
  readonly active?: readonly string[] | 'all';
  /** SETROPTS RACLIST classes (their in-storage copies are loaded from the unload). */
  readonly raclist?: readonly string[];
  /** SETROPTS GENERIC classes. `'all'` = every class that has generic profiles in the unload. */
  readonly generic?: readonly string[] | 'all';
  /** SETROPTS GENCMD classes (default: the GENERIC ones). */
  readonly gencmd?: readonly string[];
}

export interface StateOptions {
  readonly classes?: ClassSettings;
  /** SETROPTS options (GRPLIST, EGN, PROTECTALL ...); defaults are racf-model's. */
  readonly setropts?: Partial<SetroptsRecord>;
  /** Source name for diagnostics. */
  readonly source?: string;
}

const nullIfBlank = (s: string): string | null => (s === '' ? null : s);

function userRecord(u: UnloadUser, groups: readonly string[]): UserRecord {
  const segments: Record<string, Record<string, string | number>> = {};
  if (u.omvs !== undefined) {
    const omvs: Record<string, string | number> = {};
    if (u.omvs.uid !== undefined) omvs['UID'] = u.omvs.uid;
    if (u.omvs.home !== '') omvs['HOME'] = u.omvs.home;
    if (u.omvs.program !== '') omvs['PROGRAM'] = u.omvs.program;
    segments['OMVS'] = omvs;
  }
  if (u.tso !== undefined) {
    const tso: Record<string, string | number> = {};
    if (u.tso.account !== '') tso['ACCTNUM'] = u.tso.account;
    if (u.tso.proc !== '') tso['PROC'] = u.tso.proc;
    if (u.tso.size !== undefined) tso['SIZE'] = u.tso.size;
    if (u.tso.maxSize !== undefined && u.tso.maxSize !== 0) tso['MAXSIZE'] = u.tso.maxSize;
    if (u.tso.unit !== '') tso['UNIT'] = u.tso.unit;
    if (u.tso.command !== '') tso['COMMAND'] = u.tso.command;
    segments['TSO'] = tso;
  }
  return {
    id: u.id,
    name: u.name,
    owner: u.owner,
    dfltgrp: u.defaultGroup,
    data: nullIfBlank(u.installData),
    special: u.special,
    operations: u.operations,
    auditor: u.auditor,
    roaudit: false,
    restricted: u.restricted,
    revoked: u.revoked,
    revokeDate: nullIfBlank(u.revokeDate),
    resumeDate: nullIfBlank(u.resumeDate),
    grpacc: u.grpacc,
    adsp: u.adsp,
    uacc: 'NONE',
    clauth: u.clauth,
    password: null,
    phrase: null,
    passwordExpired: false,
    model: null,
    groups,
    segments,
  };
}

function classOptions(name: string, over: Partial<ClassOptions>): ClassOptions {
  return { name, active: false, raclist: false, generic: false, gencmd: false, genlist: false, global: false, audit: false, statistics: false, ...over };
}

/**
 * Build a racf-model state holding exactly what the unload describes (plus the caller's SETROPTS).
 * `tables`: the profile tables UnloadDatabaseBuilder made of `db.profiles` while reading (importUnload).
 */
export function toRacfState(db: UnloadDatabase, options: StateOptions = {}, tables?: ProfileTables): { state: RacfState; diagnostics: Diagnostic[] } {
  const source = options.source ?? '<unload>';
  const diagnostics: Diagnostic[] = [];
  const warn = (code: string, message: string): void => {
    if (diagnostics.length < 1000) diagnostics.push({ code, severity: 'warning', message, source, line: 1, column: 1 });
  };
  // An unload holds the whole database (IBMUSER, SYS1 ... included): start from nothing.
  const empty = createState({ initial: false });

  const byUser = tables?.connectsByUser;
  const groupsOf = new Map<string, string[]>();
  const connects = PMap.builder<ConnectRecord>();
  if (byUser !== undefined) {
    // UnloadConnect has ConnectRecord's shape: the state takes the object itself.
    for (const c of db.connects) connects.set(`${c.user}/${c.group}`, c);
  } else {
    let lastUser = '';
    let last: string[] | undefined;
    for (const c of db.connects) {
      connects.set(`${c.user}/${c.group}`, c);
      // a user's connects are usually adjacent: look the list up only when the user changes
      let l = c.user === lastUser ? last : groupsOf.get(c.user);
      if (l === undefined) groupsOf.set(c.user, (l = []));
      l.push(c.group);
      lastUser = c.user;
      last = l;
    }
  }
  // byUser holds the users in the order of their first connect, which in IRRDBU00's order (each
  // user's 0203/0205 right after its 0200) is the users' order: walk it in step with the users and
  // look a list up only when the next one is not this user's (a user without connects, another order).
  const lists = byUser?.entries();
  let next = lists?.next();
  const groupNames = (id: string): string[] => {
    if (byUser === undefined) return groupsOf.get(id) ?? [];
    let list: readonly UnloadConnect[] | undefined;
    if (next !== undefined && next.done !== true && next.value[0] === id) {
      list = next.value[1];
      next = lists?.next();
    } else list = byUser.get(id);
    return list === undefined ? [] : list.map((c) => c.group);
  };

  const users = PMap.builder<UserRecord>();
  for (const u of db.users) {
    const connected = groupNames(u.id);
    // RACF lists the default group first.
    const groups = u.defaultGroup === '' || connected[0] === u.defaultGroup ? connected : [u.defaultGroup, ...connected.filter((g) => g !== u.defaultGroup)];
    users.set(u.id, userRecord(u, groups));
  }

  const groups = PMap.builder<GroupRecord>();
  for (const g of db.groups) {
    groups.set(g.name, {
      id: g.name,
      supgroup: nullIfBlank(g.superior),
      owner: g.owner,
      data: nullIfBlank(g.installData),
      termuacc: true,
      universal: g.universal,
      model: null,
      segments: g.gid !== undefined ? { OMVS: { GID: g.gid } } : {},
    });
  }

  // Profiles per class, discrete and generic.
  const perClass: Map<string, ClassTables> = tables !== undefined ? tables.classes : new Map();
  const duplicate = (p: ProfileRecord & { class: string }): void =>
    warn('IRRDBU00-DUPLICATE-PROFILE', `${p.class} profile ${p.name} is defined more than once (on several volumes); the last one is kept`);
  if (tables !== undefined) for (const p of tables.replaced) duplicate(p);
  else for (const p of db.profiles) {
    let c = perClass.get(p.class);
    if (c === undefined) {
      c = { discrete: PMap.builder<ProfileRecord>(), generic: PMap.builder<ProfileRecord>(), hasGeneric: false };
      perClass.set(p.class, c);
    }
    const table = p.generic ? c.generic : c.discrete;
    if (p.generic) c.hasGeneric = true;
    const before = table.size;
    // UnloadProfile has ProfileRecord's shape: the state takes the object itself.
    table.set(p.name, p);
    // Discrete data set profiles of the same name on several volumes: the model keys by name.
    if (table.size === before) duplicate(p);
  }
  const profiles = PMap.builder<ClassProfiles>();
  const frozen = new Map<string, ClassProfiles>();
  for (const [cls, c] of perClass) {
    const cp: ClassProfiles = { discrete: c.discrete.build(), generic: c.generic.build() };
    profiles.set(cls, cp);
    frozen.set(cls, cp);
  }

  // Class options: DATASET is always active; the rest as the caller says.
  const settings = options.classes ?? {};
  const withProfiles = [...perClass.keys()].filter((c) => c !== DATASET_CLASS);
  const active = new Set(settings.active === 'all' ? withProfiles : (settings.active ?? []).map((c) => c.toUpperCase()));
  const raclist = new Set((settings.raclist ?? []).map((c) => c.toUpperCase()));
  const generic = new Set(settings.generic === 'all' ? [...perClass.entries()].filter(([, c]) => c.hasGeneric).map(([k]) => k) : (settings.generic ?? []).map((c) => c.toUpperCase()));
  const gencmd = new Set(settings.gencmd !== undefined ? settings.gencmd.map((c) => c.toUpperCase()) : generic);
  const classes = empty.classes.transient();
  for (const name of new Set([...active, ...raclist, ...generic, ...gencmd])) {
    classes.set(name, classOptions(name, { active: active.has(name) || name === DATASET_CLASS, raclist: raclist.has(name), generic: generic.has(name), gencmd: gencmd.has(name) }));
  }
  const ds = classes.get(DATASET_CLASS);
  classes.set(DATASET_CLASS, classOptions(DATASET_CLASS, { ...(ds ?? {}), active: true }));
  const raclistCopies = PMap.builder<ClassProfiles>();
  for (const cls of raclist) raclistCopies.set(cls, frozen.get(cls) ?? { discrete: PMap.empty(), generic: PMap.empty() });

  const certificates = PMap.builder<CertificateRecord>();
  for (const c of db.certificates) {
    const key = certKey(c.owner, c.label);
    if (certificates.has(key)) {
      warn('IRRDBU00-DUPLICATE-LABEL', `two certificates of ${key.split('/')[0] ?? ''} have the label '${c.label}'; the first is kept`);
      continue;
    }
    certificates.set(key, c);
  }
  const rings = PMap.builder<RingRecord>();
  for (const r of db.rings) rings.set(ringKey(r.owner, r.name), r);

  const state = RacfState.of({
    users: users.build(),
    groups: groups.build(),
    connects: connects.build(),
    profiles: profiles.build(),
    classes: classes.freeze(),
    raclist: raclistCopies.build(),
    setropts: { ...empty.setropts, ...(options.setropts ?? {}) },
    certificates: certificates.build(),
    rings: rings.build(),
    datasets: empty.datasets,
  });
  return { state, diagnostics };
}
