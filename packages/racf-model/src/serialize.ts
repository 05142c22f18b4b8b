/**
 * The state as JSON, with io-ts codecs. `serializeState(s, {includeSecrets:false})` (and
 * `JSON.stringify(state)`) leave out password / phrase hashes and certificate private keys;
 * a user whose hash was left out is marked `passwordRedacted` / `phraseRedacted` and reads back
 * without a password. `includeSecrets: true` is for state files the user explicitly asks for.
 */
import * as t from 'io-ts';
import { type Either, left, right } from 'fp-ts/Either';
import { type Diagnostic, diagnostic } from '@ztwin/core';
import type { Segment, SegmentValue } from './ast';
import { CertificateRecord, RingRecord, VirtualDataSet, certKey, ringKey } from './digtcert';
import { plainHash, sealedHash } from './password';
import { PMap } from './pmap';
import { ACCESS_LEVELS, AUTHORITIES } from './schema';
import {
  type ClassProfiles,
  DEFAULT_SETROPTS,
  PasswordHash,
  type ProfileRecord,
  RacfState,
  type UserRecord,
  WHEN_KINDS,
  connectKey,
  setStateJsonHook,
} from './state';

const enumOf = <T extends string>(values: readonly T[]): t.KeyofC<Record<T, null>> =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<T, null>);

export const SegmentCodec: t.Type<Segment> = t.recursion('Segment', () => t.record(t.string, SegmentValueCodec));
const SegmentValueCodec: t.Type<SegmentValue> = t.recursion('SegmentValue', () =>
  t.union([t.string, t.number, t.boolean, t.null, t.readonlyArray(t.string), SegmentCodec]),
);
const Segments = t.record(t.string, SegmentCodec);
const AccessLevelCodec = enumOf(ACCESS_LEVELS);

export const UserJson = t.intersection([
  t.type({
    id: t.string,
    name: t.string,
    owner: t.string,
    dfltgrp: t.string,
    data: t.union([t.string, t.null]),
    special: t.boolean,
    operations: t.boolean,
    auditor: t.boolean,
    roaudit: t.boolean,
    restricted: t.boolean,
    revoked: t.boolean,
    revokeDate: t.union([t.string, t.null]),
    resumeDate: t.union([t.string, t.null]),
    grpacc: t.boolean,
    adsp: t.boolean,
    uacc: AccessLevelCodec,
    clauth: t.array(t.string),
    passwordExpired: t.boolean,
    model: t.union([t.string, t.null]),
    groups: t.array(t.string),
    segments: Segments,
  }),
  t.partial({
    password: t.union([PasswordHash, t.null]),
    phrase: t.union([PasswordHash, t.null]),
    passwordRedacted: t.boolean,
    phraseRedacted: t.boolean,
  }),
]);
export const GroupJson = t.type({
  id: t.string,
  supgroup: t.union([t.string, t.null]),
  owner: t.string,
  data: t.union([t.string, t.null]),
  termuacc: t.boolean,
  universal: t.boolean,
  model: t.union([t.string, t.null]),
  segments: Segments,
});
export const ConnectJson = t.type({
  user: t.string,
  group: t.string,
  authority: enumOf(AUTHORITIES),
  owner: t.string,
  uacc: AccessLevelCodec,
  special: t.boolean,
  operations: t.boolean,
  auditor: t.boolean,
  grpacc: t.boolean,
  adsp: t.boolean,
  revoked: t.boolean,
});
const AccessEntryJson = t.type({ id: t.string, access: AccessLevelCodec });
export const ProfileJson = t.type({
  class: t.string,
  name: t.string,
  generic: t.boolean,
  owner: t.string,
  uacc: AccessLevelCodec,
  warning: t.boolean,
  data: t.union([t.string, t.null]),
  appldata: t.union([t.string, t.null]),
  level: t.number,
  notify: t.union([t.string, t.null]),
  erase: t.boolean,
  accessList: t.array(AccessEntryJson),
  conditionalAccessList: t.array(t.intersection([AccessEntryJson, t.type({ when: t.type({ kind: enumOf(WHEN_KINDS), value: t.string }) })])),
  members: t.array(t.string),
  segments: Segments,
});
export const ClassOptionsJson = t.type({
  name: t.string,
  active: t.boolean,
  raclist: t.boolean,
  generic: t.boolean,
  gencmd: t.boolean,
  genlist: t.boolean,
  global: t.boolean,
  audit: t.boolean,
  statistics: t.boolean,
});
export const SetroptsJson = t.type({
  grplist: t.boolean,
  egn: t.boolean,
  addcreator: t.boolean,
  realdsn: t.boolean,
  initstats: t.boolean,
  erase: t.boolean,
  protectall: t.union([t.literal(false), t.literal('FAILURES'), t.literal('WARNING')]),
  prefix: t.union([t.string, t.null]),
  terminal: t.keyof({ READ: null, NONE: null }),
  mixedcase: t.boolean,
  other: t.record(t.string, SegmentValueCodec),
});
/** An in-storage (RACLIST) copy: `inSync` when it equals the database profiles of the class. */
export const RaclistJson = t.intersection([t.type({ class: t.string, inSync: t.boolean }), t.partial({ profiles: t.array(ProfileJson) })]);

/** The state file (`ztwin racf apply --out`). */
export const RacfStateJson = t.type({
  format: t.literal('ztwin-racf-state'),
  version: t.literal(1),
  users: t.array(UserJson),
  groups: t.array(GroupJson),
  connects: t.array(ConnectJson),
  classes: t.array(ClassOptionsJson),
  profiles: t.array(ProfileJson),
  raclist: t.array(RaclistJson),
  setropts: SetroptsJson,
  certificates: t.array(CertificateRecord),
  rings: t.array(RingRecord),
  datasets: t.array(VirtualDataSet),
});
export type RacfStateJson = t.TypeOf<typeof RacfStateJson>;

export interface SerializeOptions {
  /** Include password/phrase hashes and private keys. Default false. */
  readonly includeSecrets?: boolean;
}

const sorted = <T>(m: PMap<T>): T[] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
const profilesOf = (cp: ClassProfiles): ProfileRecord[] => [...sorted(cp.discrete), ...sorted(cp.generic)];

function userJson(u: UserRecord, secrets: boolean): t.TypeOf<typeof UserJson> {
  const { password, phrase, ...rest } = u;
  const base = { ...rest, clauth: [...u.clauth], groups: [...u.groups] };
  if (secrets) return { ...base, password: password && plainHash(password), phrase: phrase && plainHash(phrase) };
  return { ...base, ...(password !== null ? { passwordRedacted: true } : {}), ...(phrase !== null ? { phraseRedacted: true } : {}) };
}

function profileJson(p: ProfileRecord): t.TypeOf<typeof ProfileJson> {
  return { ...p, accessList: p.accessList.map((e) => ({ ...e })), conditionalAccessList: p.conditionalAccessList.map((e) => ({ ...e, when: { ...e.when } })), members: [...p.members] };
}

/** Deterministic JSON of a state (sorted keys of every table). */
export function serializeState(s: RacfState, opts: SerializeOptions = {}): RacfStateJson {
  const secrets = opts.includeSecrets === true;
  const raclist: t.TypeOf<typeof RaclistJson>[] = [];
  for (const [cls, cp] of [...s.raclist.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const db = s.profiles.get(cls);
    const inSync = cp === db || (db === undefined && cp.discrete.size === 0 && cp.generic.size === 0);
    raclist.push(inSync ? { class: cls, inSync } : { class: cls, inSync, profiles: profilesOf(cp).map(profileJson) });
  }
  return {
    format: 'ztwin-racf-state',
    version: 1,
    users: sorted(s.users).map((u) => userJson(u, secrets)),
    groups: sorted(s.groups).map((g) => ({ ...g })),
    connects: sorted(s.connects).map((c) => ({ ...c })),
    classes: sorted(s.classes).map((c) => ({ ...c })),
    profiles: [...s.profiles.keys()].sort().flatMap((cls) => {
      const cp = s.profiles.get(cls);
      return cp === undefined ? [] : profilesOf(cp).map(profileJson);
    }),
    raclist,
    setropts: { ...s.setropts, other: { ...s.setropts.other } },
    certificates: sorted(s.certificates).map((c) => {
      if (secrets) return c;
      const { privateKey, ...rest } = c;
      return privateKey === undefined ? rest : { ...rest, hasPrivateKey: true };
    }),
    rings: sorted(s.rings),
    datasets: sorted(s.datasets),
  };
}
setStateJsonHook((s) => serializeState(s, { includeSecrets: false }));

function pathOf(e: t.ValidationError): string {
  return e.context
    .map((c) => c.key)
    .filter((k) => k !== '')
    .join('.');
}

function classTables(profiles: readonly ProfileRecord[]): Map<string, ClassProfiles> {
  const by = new Map<string, { d: ReturnType<PMap<ProfileRecord>['transient']>; g: ReturnType<PMap<ProfileRecord>['transient']> }>();
  for (const p of profiles) {
    let e = by.get(p.class);
    if (e === undefined) by.set(p.class, (e = { d: PMap.empty<ProfileRecord>().transient(), g: PMap.empty<ProfileRecord>().transient() }));
    (p.generic ? e.g : e.d).set(p.name, p);
  }
  const out = new Map<string, ClassProfiles>();
  for (const [k, v] of by) out.set(k, { discrete: v.d.freeze(), generic: v.g.freeze() });
  return out;
}

/** Paths whose bad value may be (part of) a secret: never quoted in a diagnostic. */
const SECRET_PATH = /password|phrase|privatekey|pkcs8|hash|salt/i;

/** Read a state file. Shape errors come back as diagnostics (code ZTW-STATE-INVALID). */
export function deserializeState(json: unknown, source = '<state>'): Either<Diagnostic[], RacfState> {
  const r = RacfStateJson.decode(json);
  if (r._tag === 'Left') {
    const ds = r.left.slice(0, 20).map((e) =>
      diagnostic({ code: 'ZTW-STATE-INVALID', message: `invalid state file at ${pathOf(e) || '(root)'}: ${e.message ?? `unexpected ${SECRET_PATH.test(pathOf(e)) ? 'value (not shown: a secret)' : (JSON.stringify(e.value)?.slice(0, 40) ?? 'undefined')}`}` }, { source }),
    );
    return left(ds);
  }
  const j = r.right;
  const users = PMap.from(
    j.users.map((u): [string, UserRecord] => {
      const { passwordRedacted: _pr, phraseRedacted: _fr, password, phrase, ...rest } = u;
      return [u.id, { ...rest, password: password ? sealedHash(password) : null, phrase: phrase ? sealedHash(phrase) : null }];
    }),
  );
  const tables = classTables(j.profiles);
  const raclist = PMap.from(
    j.raclist.map((rl): [string, ClassProfiles] => {
      if (rl.inSync) return [rl.class, tables.get(rl.class) ?? { discrete: PMap.empty(), generic: PMap.empty() }];
      return [rl.class, classTables(rl.profiles ?? []).get(rl.class) ?? { discrete: PMap.empty(), generic: PMap.empty() }];
    }),
  );
  const state = new RacfState(
    users,
    PMap.from(j.groups.map((g) => [g.id, g] as const)),
    PMap.from(j.connects.map((c) => [connectKey(c.user, c.group), c] as const)),
    PMap.from([...tables]),
    PMap.from(j.classes.map((c) => [c.name, c] as const)),
    raclist,
    { ...DEFAULT_SETROPTS, ...j.setropts },
    PMap.from(j.certificates.map((c) => [certKey(c.owner, c.label), c] as const)),
    PMap.from(j.rings.map((r) => [ringKey(r.owner, r.name), r] as const)),
    PMap.from(j.datasets.map((d) => [d.dsn, d] as const)),
  );
  return right(state);
}
