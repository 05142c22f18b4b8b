/**
 * `diffStates(a, b)`: RACF commands that turn database `a` into `b`; `renderState(s)`: the
 * canonical deck that rebuilds `s` from a fresh database (it is `diffStates(createState(), s)`).
 *
 * What a deck cannot carry, and how it is handled (documented limits, not silent losses):
 * - password / phrase hashes: RACF commands take clear text only, so decks never carry them; a
 *   comment names the users whose passwords must be set again. Use `serializeState(..,
 *   {includeSecrets:true})` to move hashes. `passwordExpired` is not reproduced either.
 * - certificates, rings and virtual data sets belong to @ztwin/keyring (RACDCERT); a comment
 *   counts them.
 * - RACLIST in-storage copies are rebuilt as refreshed (`SETROPTS RACLIST(c) REFRESH` at the end),
 *   so a pending, not yet refreshed change in `b` is reproduced as refreshed.
 * - access-list entries for ids that no longer exist (residual entries) cannot be PERMITted again.
 */
import type { Diagnostic } from '@ztwin/core';
import type { Segment } from './ast';
import { sameHash } from './password';
import { renderFromRecord } from './render';
import {
  type ClassOptions,
  type ConnectRecord,
  EMPTY_CLASS,
  type GroupRecord,
  type ProfileRecord,
  type RacfState,
  type UserRecord,
  createState,
  hasGenericChars,
  newClassOptions,
  newUser,
} from './state';

export interface DiffOptions {
  /** Collects refusals of values that cannot be written. */
  readonly diagnostics?: Diagnostic[];
}

const eq = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const sortedKeys = (...ms: { keys(): Iterable<string> }[]): string[] => [...new Set(ms.flatMap((m) => [...m.keys()]))].sort();

function segDiff(kind: 'ALTUSER' | 'ALTGROUP' | 'RALTER' | 'ALTDSD', pos: Record<string, unknown>, a: Readonly<Record<string, Segment>>, b: Readonly<Record<string, Segment>>, out: string[], diags: Diagnostic[]): void {
  for (const s of sortedKeys(new Map(Object.entries(a)), new Map(Object.entries(b)))) {
    const sa = a[s];
    const sb = b[s];
    if (eq(sa, sb)) continue;
    if (sa !== undefined) out.push(renderFromRecord(kind, { ...pos, [s]: null }, diags));
    if (sb !== undefined) out.push(renderFromRecord(kind, { ...pos, [s]: sb }, diags));
  }
}

function userFields(a: UserRecord | undefined, b: UserRecord): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  const set = <K extends keyof UserRecord>(k: K, field: string, v: unknown = b[k]): void => {
    if (a === undefined ? !eq(v, DEFAULT_USER[k]) : !eq(a[k], b[k])) r[field] = v;
  };
  set('name', 'name');
  set('owner', 'owner', b.owner);
  set('data', 'data');
  set('special', 'special');
  set('operations', 'operations');
  set('auditor', 'auditor');
  set('roaudit', 'roaudit');
  set('restricted', 'restricted');
  set('grpacc', 'grpacc');
  set('adsp', 'adsp');
  set('model', 'model');
  if (a === undefined ? b.clauth.length > 0 : !eq(a.clauth, b.clauth)) {
    const add = b.clauth.filter((c) => !(a?.clauth ?? []).includes(c));
    const del = (a?.clauth ?? []).filter((c) => !b.clauth.includes(c));
    if (add.length > 0) r['clauth'] = add;
    if (del.length > 0) r['noclauth'] = del;
  }
  return r;
}
/** What ADDUSER gives a new user: the fields a deck must set for a user the old state lacks. */
const DEFAULT_USER: UserRecord = newUser('', '', '');

function connectFields(a: ConnectRecord | undefined, b: ConnectRecord): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  const base = a ?? { authority: 'USE', owner: '', uacc: 'NONE', special: false, operations: false, auditor: false, grpacc: false, adsp: false, revoked: false };
  if (base.authority !== b.authority) r['authority'] = b.authority;
  if (base.owner !== b.owner) r['owner'] = b.owner;
  if (base.uacc !== b.uacc) r['uacc'] = b.uacc;
  for (const k of ['special', 'operations', 'auditor', 'grpacc', 'adsp'] as const) if (base[k] !== b[k]) r[k] = b[k];
  if (base.revoked !== b.revoked) r[b.revoked ? 'revoke' : 'resume'] = true;
  return r;
}

function groupOrder(s: RacfState): GroupRecord[] {
  const out: GroupRecord[] = [];
  const seen = new Set<string>();
  const visit = (g: GroupRecord, depth: number): void => {
    if (seen.has(g.id) || depth > 1000) return;
    if (g.supgroup !== null) {
      const sup = s.groups.get(g.supgroup);
      if (sup !== undefined) visit(sup, depth + 1);
    }
    seen.add(g.id);
    out.push(g);
  };
  for (const k of [...s.groups.keys()].sort()) {
    const g = s.groups.get(k);
    if (g !== undefined) visit(g, 0);
  }
  return out;
}

function profileCmdKind(cls: string): { def: 'RDEFINE' | 'ADDSD'; alt: 'RALTER' | 'ALTDSD'; del: 'RDELETE' | 'DELDSD' } {
  return cls === 'DATASET' ? { def: 'ADDSD', alt: 'ALTDSD', del: 'DELDSD' } : { def: 'RDEFINE', alt: 'RALTER', del: 'RDELETE' };
}
function profilePos(p: ProfileRecord): Record<string, unknown> {
  return p.class === 'DATASET' ? { profiles: [`'${p.name}'`], ...(p.generic && !hasGenericChars(p.name) ? { generic: true } : {}) } : { class: p.class, profiles: [p.name], ...(p.generic && !hasGenericChars(p.name) ? { generic: true } : {}) };
}
function profileFields(a: ProfileRecord | undefined, b: ProfileRecord): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  const base = a ?? { uacc: 'NONE', owner: '', warning: false, data: null, appldata: null, level: 0, notify: null, erase: false, members: [] as readonly string[] };
  if (base.uacc !== b.uacc) r['uacc'] = b.uacc;
  if (base.owner !== b.owner) r['owner'] = b.owner;
  if (base.warning !== b.warning) r['warning'] = b.warning;
  if (base.data !== b.data) r['data'] = b.data;
  if (base.level !== b.level) r['level'] = b.level;
  if (base.notify !== b.notify) r['notify'] = b.notify === null ? false : [b.notify];
  if (b.class === 'DATASET' && base.erase !== b.erase) r['erase'] = b.erase;
  if (b.class !== 'DATASET') {
    if (base.appldata !== b.appldata) r['appldata'] = b.appldata;
    const add = b.members.filter((m) => !base.members.includes(m));
    const del = base.members.filter((m) => !b.members.includes(m));
    if (add.length > 0) r['addmem'] = add;
    if (del.length > 0) r['delmem'] = del;
  }
  return r;
}

function permitPos(p: ProfileRecord): Record<string, unknown> {
  const g = p.generic && !hasGenericChars(p.name) ? { generic: true } : {};
  return p.class === 'DATASET' ? { profiles: [`'${p.name}'`], ...g } : { profiles: [p.name], class: p.class, ...g };
}

function aclDiff(a: ProfileRecord | undefined, b: ProfileRecord, out: string[], diags: Diagnostic[], creator: string | null): void {
  const aAcl = a?.accessList ?? (creator === null ? [] : [{ id: creator, access: 'ALTER' as const }]);
  if (!eq(aAcl, b.accessList)) {
    const prefixKept = aAcl.length <= b.accessList.length && aAcl.every((e, i) => eq(e, b.accessList[i]));
    if (!prefixKept) out.push(renderFromRecord('PERMIT', { ...permitPos(b), reset: true }, diags));
    for (const e of prefixKept ? b.accessList.slice(aAcl.length) : b.accessList) out.push(renderFromRecord('PERMIT', { ...permitPos(b), ids: [e.id], access: e.access }, diags));
  }
  const aC = a?.conditionalAccessList ?? [];
  if (!eq(aC, b.conditionalAccessList)) {
    if (aC.length > 0) out.push(renderFromRecord('PERMIT', { ...permitPos(b), reset: ['WHEN'] }, diags));
    for (const e of b.conditionalAccessList) {
      const when: Segment = e.when.kind === 'CRITERIA' ? { CRITERIA: { [e.when.value]: true } } : { [e.when.kind]: [e.when.value] };
      out.push(renderFromRecord('PERMIT', { ...permitPos(b), ids: [e.id], access: e.access, when }, diags));
    }
  }
}

function classOptionsDiff(a: RacfState, b: RacfState, out: string[], diags: Diagnostic[]): void {
  const flags: [keyof ClassOptions, string, string][] = [
    ['active', 'classact', 'noclassact'],
    ['generic', 'generic', 'nogeneric'],
    ['gencmd', 'gencmd', 'nogencmd'],
    ['genlist', 'genlist', 'nogenlist'],
    ['global', 'global', 'noglobal'],
    ['audit', 'audit', 'noaudit'],
    ['statistics', 'statistics', 'nostatistics'],
  ];
  for (const [f, on, off] of flags) {
    const add: string[] = [];
    const del: string[] = [];
    for (const k of sortedKeys(a.classes, b.classes)) {
      if (k === '*') continue;
      const x = a.classes.get(k) ?? newClassOptions(k);
      const y = b.classes.get(k) ?? newClassOptions(k);
      if (x[f] !== y[f]) (y[f] ? add : del).push(k);
    }
    if (add.length > 0) out.push(renderFromRecord('SETROPTS', { [on]: add }, diags));
    if (del.length > 0) out.push(renderFromRecord('SETROPTS', { [off]: del }, diags));
  }
}

/** Commands that turn `a` into `b` (canonical text, one command per entry). */
export function diffStates(a: RacfState, b: RacfState, opts: DiffOptions = {}): string[] {
  const diags = opts.diagnostics ?? [];
  const out: string[] = [];
  const sa = a.setropts;
  const sb = b.setropts;
  // SETROPTS options first (EGN, GENERIC/GENCMD must precede generic profiles)
  const so: Record<string, unknown> = {};
  for (const k of ['grplist', 'egn', 'realdsn', 'initstats', 'erase'] as const) if (sa[k] !== sb[k]) so[k] = sb[k];
  if (sa.prefix !== sb.prefix) so['prefix'] = sb.prefix;
  if (sa.terminal !== sb.terminal) so['terminal'] = sb.terminal;
  if (sa.protectall !== sb.protectall) so['protectall'] = sb.protectall === false ? false : [sb.protectall];
  if (sa.mixedcase !== sb.mixedcase) so['password'] = { [sb.mixedcase ? 'MIXEDCASE' : 'NOMIXEDCASE']: true };
  if (Object.keys(so).length > 0) out.push(renderFromRecord('SETROPTS', so, diags));
  classOptionsDiff(a, b, out, diags);

  // groups (superior groups first); owners set after users exist
  const ownerFix: string[] = [];
  for (const g of groupOrder(b)) {
    const ga = a.groups.get(g.id);
    const pos = { groups: [g.id] };
    if (ga === undefined) {
      out.push(renderFromRecord('ADDGROUP', { ...pos, ...(g.supgroup === null ? {} : { supgroup: g.supgroup }), ...(g.data === null ? {} : { data: g.data }), ...(g.termuacc ? {} : { termuacc: false }), ...(g.universal ? { universal: true } : {}) }, diags));
      ownerFix.push(renderFromRecord('ALTGROUP', { ...pos, owner: g.owner }, diags));
      segDiff('ALTGROUP', pos, {}, g.segments, out, diags);
    } else {
      const r: Record<string, unknown> = {};
      if (ga.supgroup !== g.supgroup && g.supgroup !== null) r['supgroup'] = g.supgroup;
      if (ga.owner !== g.owner) r['owner'] = g.owner;
      if (ga.data !== g.data) r['data'] = g.data;
      if (ga.termuacc !== g.termuacc) r['termuacc'] = g.termuacc;
      if (Object.keys(r).length > 0) out.push(renderFromRecord('ALTGROUP', { ...pos, ...r }, diags));
      segDiff('ALTGROUP', pos, ga.segments, g.segments, out, diags);
    }
  }
  // users
  const passwords: string[] = [];
  for (const id of [...b.users.keys()].sort()) {
    const u = b.users.get(id);
    if (u === undefined) continue;
    const ua = a.users.get(id);
    const pos = { userids: [id] };
    if (u.password !== null || u.phrase !== null) {
      if (ua === undefined || !sameHash(ua.password, u.password) || !sameHash(ua.phrase, u.phrase)) passwords.push(id);
    }
    if (ua === undefined) {
      const first = u.groups[0] ?? u.dfltgrp;
      out.push(renderFromRecord('ADDUSER', { ...pos, dfltgrp: first, nopassword: true, ...userFields(undefined, u) }, diags));
      segDiff('ALTUSER', pos, {}, u.segments, out, diags);
    } else {
      const f = userFields(ua, u);
      if (Object.keys(f).length > 0) out.push(renderFromRecord('ALTUSER', { ...pos, ...f }, diags));
      segDiff('ALTUSER', pos, ua.segments, u.segments, out, diags);
      if (ua.password !== null && u.password === null) out.push(renderFromRecord('ALTUSER', { ...pos, nopassword: true }, diags));
      if (ua.phrase !== null && u.phrase === null) out.push(renderFromRecord('ALTUSER', { ...pos, nophrase: true }, diags));
    }
    // connects in the user's order
    for (const g of u.groups) {
      const cb = b.connects.get(`${id}/${g}`);
      if (cb === undefined) continue;
      const ca = a.connects.get(`${id}/${g}`);
      const isNewDefault = ua === undefined && g === (u.groups[0] ?? u.dfltgrp);
      const f = connectFields(ca ?? (isNewDefault ? { ...cb, authority: 'USE', uacc: 'NONE', owner: u.owner, special: false, operations: false, auditor: false, grpacc: u.grpacc, adsp: u.adsp, revoked: false } : undefined), cb);
      if (ca === undefined && !isNewDefault) out.push(renderFromRecord('CONNECT', { userids: [id], group: g, ...f, owner: cb.owner }, diags));
      else if (Object.keys(f).length > 0) out.push(renderFromRecord('CONNECT', { userids: [id], group: g, ...f }, diags));
    }
    if (ua !== undefined) for (const g of ua.groups) if (!u.groups.includes(g) && g !== u.dfltgrp) out.push(renderFromRecord('REMOVE', { userids: [id], group: g }, diags));
    if ((ua === undefined ? u.groups[0] : ua.dfltgrp) !== u.dfltgrp) out.push(renderFromRecord('ALTUSER', { ...pos, dfltgrp: u.dfltgrp }, diags));
    if (ua !== undefined) for (const g of ua.groups) if (!u.groups.includes(g) && g === ua.dfltgrp) out.push(renderFromRecord('REMOVE', { userids: [id], group: g }, diags));
    if ((ua?.revoked ?? false) !== u.revoked) out.push(renderFromRecord('ALTUSER', { ...pos, [u.revoked ? 'revoke' : 'resume']: true }, diags));
  }
  out.push(...ownerFix);

  // profiles
  const creatorOn = sa.addcreator;
  const addsProfiles = sortedKeys(b.profiles).some((cls) => {
    const pa = a.profiles.get(cls) ?? EMPTY_CLASS;
    const pb = b.profiles.get(cls) ?? EMPTY_CLASS;
    return [...pb.discrete.keys()].some((k) => !pa.discrete.has(k)) || [...pb.generic.keys()].some((k) => !pa.generic.has(k));
  });
  if (addsProfiles && creatorOn) out.push('SETROPTS NOADDCREATOR');
  const tempGencmd: string[] = [];
  for (const cls of sortedKeys(a.profiles, b.profiles)) {
    const pa = a.profiles.get(cls) ?? EMPTY_CLASS;
    const pb = b.profiles.get(cls) ?? EMPTY_CLASS;
    const k = profileCmdKind(cls);
    const co = b.classes.get(cls) ?? newClassOptions(cls);
    if (cls === 'DATASET' && pb.generic.size > 0 && !co.generic && !co.gencmd) {
      out.push('SETROPTS GENCMD(DATASET)');
      tempGencmd.push(cls);
    }
    for (const generic of [false, true]) {
      const ma = generic ? pa.generic : pa.discrete;
      const mb = generic ? pb.generic : pb.discrete;
      for (const name of sortedKeys(ma, mb)) {
        const x = ma.get(name);
        const y = mb.get(name);
        if (y === undefined) {
          if (x !== undefined) out.push(renderFromRecord(k.del, profilePos(x), diags));
          continue;
        }
        if (x === undefined) {
          out.push(renderFromRecord(k.def, { ...profilePos(y), ...profileFields(undefined, y), owner: y.owner }, diags));
          segDiff(k.alt, profilePos(y), {}, y.segments, out, diags);
          aclDiff(undefined, y, out, diags, null);
        } else if (!eq(x, y)) {
          const f = profileFields(x, y);
          if (Object.keys(f).length > 0) out.push(renderFromRecord(k.alt, { ...profilePos(y), ...f }, diags));
          segDiff(k.alt, profilePos(y), x.segments, y.segments, out, diags);
          aclDiff(x, y, out, diags, null);
        }
      }
    }
  }
  for (const c of tempGencmd) out.push(`SETROPTS NOGENCMD(${c})`);
  if (addsProfiles && creatorOn) out.push('SETROPTS ADDCREATOR');
  if (sa.addcreator !== sb.addcreator) out.push(sb.addcreator ? 'SETROPTS ADDCREATOR' : 'SETROPTS NOADDCREATOR');

  // RACLIST in-storage copies
  const rl: string[] = [];
  const norl: string[] = [];
  const refresh: string[] = [];
  for (const cls of sortedKeys(a.classes, b.classes)) {
    if (cls === '*') continue;
    const x = a.classes.get(cls)?.raclist ?? false;
    const y = b.classes.get(cls)?.raclist ?? false;
    if (!x && y) rl.push(cls);
    else if (x && !y) norl.push(cls);
    else if (x && y && (a.raclist.get(cls) ?? EMPTY_CLASS) !== (b.raclist.get(cls) ?? EMPTY_CLASS)) {
      const before = a.raclist.get(cls) ?? EMPTY_CLASS;
      const after = b.raclist.get(cls) ?? EMPTY_CLASS;
      if (!eq([...before.discrete.entries(), ...before.generic.entries()].sort(), [...after.discrete.entries(), ...after.generic.entries()].sort())) refresh.push(cls);
    }
  }
  if (rl.length > 0) out.push(renderFromRecord('SETROPTS', { raclist: rl }, diags));
  if (norl.length > 0) out.push(renderFromRecord('SETROPTS', { noraclist: norl }, diags));
  if (refresh.length > 0) out.push(renderFromRecord('SETROPTS', { raclist: refresh, refresh: true }, diags));

  // deletions last: users, then groups (children first)
  for (const id of [...a.users.keys()].sort()) if (!b.users.has(id)) out.push(renderFromRecord('DELUSER', { userids: [id] }, diags));
  for (const g of groupOrder(a).reverse()) if (!b.groups.has(g.id)) out.push(renderFromRecord('DELGROUP', { groups: [g.id] }, diags));

  if (passwords.length > 0) out.push(`/* ztwin: passwords are not carried by decks; set them again for: ${passwords.join(' ')} */`);
  const certs = b.certificates.size - a.certificates.size;
  if (b.certificates !== a.certificates || b.rings !== a.rings) out.push(`/* ztwin: certificates and rings (${b.certificates.size} / ${b.rings.size}${certs === 0 ? '' : ''}) are RACDCERT's: see @ztwin/keyring */`);
  return out;
}

/** The canonical deck that rebuilds `s` from a fresh RACF database (see module notes). */
export function renderState(s: RacfState, opts: DiffOptions = {}): string {
  const lines = diffStates(createState(), s, opts);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
