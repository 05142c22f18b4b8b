/**
 * RACF access decisions (RACROUTE REQUEST=AUTH as the RACF Security Administrator's Guide,
 * "Authorization checking for RACF-protected resources", describes it), with an explanation.
 *
 * Sequence modelled (the checks stop at the first that decides):
 *  1. user not defined → denied; user revoked → denied.
 *  2. general resource class not active (SETROPTS CLASSACT) → 'class-not-active' ("not protected").
 *  3. DATASET: high-level qualifier = the user's id → allowed (a user's own data sets).
 *  4. profile: in a RACLISTed class the in-storage copy, else the database; the discrete profile
 *     first, else the most specific generic profile (generic profiles count in DATASET with
 *     SETROPTS GENERIC(DATASET); in general resource classes with GENERIC(class) or when RACLISTed).
 *     No profile → denied (RACF return code 4: the resource manager decides; most deny) — with
 *     PROTECTALL(WARNING) for data sets: 'warning'.
 *  5. the user's own entry in the standard or (when its condition holds) conditional access list:
 *     that access decides, even when lower than UACC.
 *  6. groups: with SETROPTS GRPLIST the highest access of all the user's (non-revoked) connect
 *     groups, else only the current connect group (context.group or the default group).
 *  7. DATASET only: the OPERATIONS attribute (user or group-OPERATIONS) → allowed.
 *  8. not RESTRICTED: ID(*) if sufficient, then UACC.
 *  9. denied; if the profile has WARNING → 'warning' (access permitted, logged ICH408I ... WARNING).
 * SPECIAL does not give access to resources (it is an administrative authority only).
 */
import * as t from 'io-ts';
import { type AccessLevel, ACCESS_LEVELS } from './schema';
import { CASE_SENSITIVE_CLASSES } from './parser';
import { compareSpecificity, genericMatches, genericMatchesQualifiers } from './match';
import { HotMap, hotGet } from './pmap';
import { secretMatches } from './password';
import { type ClassProfiles, EMPTY_CLASS, type ProfileRecord, type RacfState, type UserRecord, type WhenKind, connectKey, getClass } from './state';

export const AccessDecisionProfile = t.type({ class: t.string, name: t.string, generic: t.boolean });
/** `ztwin racf access --json` output. */
export const AccessDecision = t.type({
  decision: t.keyof({ allowed: null, denied: null, warning: null, 'class-not-active': null }),
  profile: t.union([AccessDecisionProfile, t.null]),
  reasons: t.array(t.string),
});
export type AccessDecision = t.TypeOf<typeof AccessDecision>;

/** Conditions for conditional access lists (PERMIT ... WHEN(...)) and the current connect group. */
export interface AccessContext {
  /** Current connect group (default: the user's default group). */
  readonly group?: string;
  readonly program?: string;
  readonly terminal?: string;
  readonly jesinput?: string;
  readonly console?: string;
  readonly appcport?: string;
  readonly sysid?: string;
  readonly servauth?: string;
  /** CRITERIA entries are compared as written, e.g. `SQLROLE(ROLE1)`. */
  readonly criteria?: string;
}
export interface AccessRequest {
  readonly user: string;
  readonly class: string;
  readonly resource: string;
  readonly access: AccessLevel;
  readonly context?: AccessContext;
}

const LEVEL: Readonly<Record<AccessLevel, number>> = { NONE: 0, EXECUTE: 1, READ: 2, UPDATE: 3, CONTROL: 4, ALTER: 5 };
export function accessLevelValue(a: AccessLevel): number {
  return LEVEL[a];
}
export function isAccessLevel(s: string): s is AccessLevel {
  return (ACCESS_LEVELS as readonly string[]).includes(s);
}

/**
 * Generic profiles of a class, indexed by their literal leading qualifiers: `byTwo` for names whose
 * first two qualifiers are literal (`HLQ.APP.*` under `HLQ.APP`), `byFirst` for those with only the
 * first qualifier literal, `wild` for the rest. Each list is sorted most specific first, so the
 * first match of each list is its best; the best of those three wins.
 */
interface GenericIndex {
  readonly byTwo: Map<string, Generic[]>;
  readonly byFirst: Map<string, Generic[]>;
  readonly wild: Generic[];
}
/** A generic profile with its name split into qualifiers once (matching splits no pattern). */
interface Generic {
  readonly p: ProfileRecord;
  readonly q: readonly string[];
}
const isLiteral = (q: string): boolean => !q.includes('*') && !q.includes('%');
const genericIndexCache = new WeakMap<object, GenericIndex>();

function genericIndex(cp: ClassProfiles): GenericIndex {
  const cached = genericIndexCache.get(cp.generic);
  if (cached !== undefined) return cached;
  const byTwo = new Map<string, Generic[]>();
  const byFirst = new Map<string, Generic[]>();
  const wild: Generic[] = [];
  const add = (m: Map<string, Generic[]>, k: string, g: Generic): void => {
    let l = m.get(k);
    if (l === undefined) m.set(k, (l = []));
    l.push(g);
  };
  for (const p of cp.generic.values()) {
    const q = p.name.split('.');
    const g: Generic = { p, q };
    const q0 = q[0] ?? '';
    const q1 = q[1];
    // a literal qualifier only anchors the index when a further qualifier follows it
    if (q.length < 2 || !isLiteral(q0)) wild.push(g);
    else if (q.length >= 3 && q1 !== undefined && isLiteral(q1)) add(byTwo, `${q0}.${q1}`, g);
    else add(byFirst, q0, g);
  }
  const cmp = (a: Generic, b: Generic): number => compareSpecificity(a.p.name, b.p.name);
  for (const l of byTwo.values()) l.sort(cmp);
  for (const l of byFirst.values()) l.sort(cmp);
  wild.sort(cmp);
  const idx = { byTwo, byFirst, wild };
  genericIndexCache.set(cp.generic, idx);
  return idx;
}

/** The first (most specific) profile of a specificity-sorted list that covers the resource. */
function firstMatch(l: readonly Generic[] | undefined, name: readonly string[], dataset: boolean, egn: boolean): ProfileRecord | undefined {
  if (l === undefined) return undefined;
  for (let i = 0; i < l.length; i++) {
    const g = l[i];
    if (g !== undefined && genericMatchesQualifiers(g.q, name, dataset, egn)) return g.p;
  }
  return undefined;
}
const better = (a: ProfileRecord | undefined, b: ProfileRecord | undefined): ProfileRecord | undefined =>
  a === undefined ? b : b === undefined ? a : compareSpecificity(b.name, a.name) < 0 ? b : a;

/** The profile that protects `resource` in `cp` (discrete first, then the most specific generic). */
export function findProtectingProfile(cp: ClassProfiles, resource: string, dataset: boolean, generics: boolean, egn = true): ProfileRecord | undefined {
  const d = hotGet(cp.discrete, resource);
  if (d !== undefined) return d;
  return findGeneric(cp, resource, dataset, generics, egn);
}

function findGeneric(cp: ClassProfiles, resource: string, dataset: boolean, generics: boolean, egn: boolean): ProfileRecord | undefined {
  if (!generics || cp.generic.size === 0) return undefined;
  const idx = genericIndex(cp);
  const name = resource.split('.');
  const dot = resource.indexOf('.');
  const dot2 = dot < 0 ? -1 : resource.indexOf('.', dot + 1);
  let best: ProfileRecord | undefined;
  if (dot2 > 0) best = firstMatch(idx.byTwo.get(resource.slice(0, dot2)), name, dataset, egn);
  else if (dot > 0) best = firstMatch(idx.byTwo.get(resource), name, dataset, egn); // `A.B` can match `A.B.**`
  best = better(best, firstMatch(idx.byFirst.get(name[0] ?? ''), name, dataset, egn));
  best = better(best, firstMatch(idx.wild, name, dataset, egn));
  return best;
}


const CONTEXT_KEYS: readonly [WhenKind, keyof AccessContext][] = [
  ['PROGRAM', 'program'],
  ['TERMINAL', 'terminal'],
  ['JESINPUT', 'jesinput'],
  ['CONSOLE', 'console'],
  ['APPCPORT', 'appcport'],
  ['SYSID', 'sysid'],
  ['SERVAUTH', 'servauth'],
  ['CRITERIA', 'criteria'],
];

function conditionHolds(kind: WhenKind, value: string, ctx: AccessContext | undefined): boolean {
  if (ctx === undefined) return false;
  const e = CONTEXT_KEYS.find((k) => k[0] === kind);
  if (e === undefined) return false;
  const v = ctx[e[1]];
  if (v === undefined) return false;
  // conditional entity names may themselves be generic (e.g. PROGRAM(IKJ*)).
  const want = v.toUpperCase();
  return value === want || ((value.includes('*') || value.includes('%')) && genericMatches(value, want, false));
}

/** Highest access the profile's standard + satisfied conditional entries give to `id`, or undefined. */
function entryFor(p: ProfileRecord, id: string, ctx: AccessContext | undefined, why: string[] | null): number | undefined {
  let best: number | undefined;
  for (const e of p.accessList) {
    if (e.id === id) {
      best = Math.max(best ?? 0, LEVEL[e.access]);
      why?.push(`access list: ${id} ${e.access}`);
    }
  }
  for (const e of p.conditionalAccessList) {
    if (e.id === id && conditionHolds(e.when.kind, e.when.value, ctx)) {
      best = Math.max(best ?? 0, LEVEL[e.access]);
      why?.push(`conditional access list: ${id} ${e.access} WHEN(${e.when.kind}(${e.when.value}))`);
    }
  }
  return best;
}

/** Upper case without allocating when the string already is (keeps V8's cached string hash). */
function upper(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c > 127) return s.toUpperCase();
  }
  return s;
}

const NO_GROUPS: readonly string[] = [];

function levelName(n: number): AccessLevel {
  return ACCESS_LEVELS[n] ?? 'NONE';
}

interface ClassView {
  readonly active: boolean;
  readonly raclist: boolean;
  readonly generics: boolean;
  readonly cp: ClassProfiles;
  readonly discrete: HotMap<ProfileRecord>;
}
interface StateView {
  readonly users: HotMap<UserRecord>;
  readonly classes: Map<string, ClassView>;
}
const stateViews = new WeakMap<RacfState, StateView>();
/** Per state: user lookups and, per class, options and the profile table checks use (states are immutable). */
function stateView(state: RacfState): StateView {
  let v = stateViews.get(state);
  if (v === undefined) stateViews.set(state, (v = { users: new HotMap(state.users), classes: new Map() }));
  return v;
}
function classView(sv: StateView, state: RacfState, cls: string): ClassView {
  let v = sv.classes.get(cls);
  if (v === undefined) {
    const co = getClass(state, cls);
    const cp = co.raclist ? (state.raclist.get(cls) ?? EMPTY_CLASS) : (state.profiles.get(cls) ?? EMPTY_CLASS);
    v = { active: co.active || cls === 'DATASET', raclist: co.raclist, generics: co.generic || co.raclist, cp, discrete: new HotMap(cp.discrete) };
    sv.classes.set(cls, v);
  }
  return v;
}

/**
 * Decide an access request as RACF would; `reasons` explain each step that mattered. The reasons
 * are built on first read (an enumerable getter: JSON, spreads and codecs see a plain string[]),
 * so bulk decisions do not pay for the text.
 */
export function checkAccess(state: RacfState, req: AccessRequest): AccessDecision {
  const r = evaluate(state, req, null);
  return new LazyDecision(r.decision, r.profile, state, req);
}

/**
 * `checkAccess` with the reasons computed at once (a plain object). It takes the explaining path of
 * every step, so it is also the reference the fast path of `checkAccess` is tested against.
 */
export function checkAccessExplained(state: RacfState, req: AccessRequest): AccessDecision {
  const r = evaluate(state, req, []);
  return { decision: r.decision, profile: r.profile, reasons: r.reasons ?? [] };
}

/**
 * A decision whose `reasons` are computed when first read. `reasons` is an own, enumerable accessor
 * (JSON, spreads, io-ts and jest see a plain string[]); it is defined with one shared descriptor
 * and the inputs are kept in private fields, which is several times cheaper per decision than an
 * object literal with a getter closure.
 */
class LazyDecision {
  readonly #state: RacfState;
  readonly #req: AccessRequest;
  #reasons: string[] | null = null;
  declare readonly reasons: string[];
  constructor(
    readonly decision: AccessDecision['decision'],
    readonly profile: AccessDecision['profile'],
    state: RacfState,
    req: AccessRequest,
  ) {
    this.#state = state;
    this.#req = req;
    Object.defineProperty(this, 'reasons', REASONS);
  }
  static explain(d: LazyDecision): string[] {
    return (d.#reasons ??= evaluate(d.#state, d.#req, []).reasons ?? []);
  }
}
const REASONS: PropertyDescriptor = {
  get(this: LazyDecision): string[] {
    return LazyDecision.explain(this);
  },
  enumerable: true,
  configurable: false,
};

type Evaluation = { decision: AccessDecision['decision']; profile: AccessDecision['profile']; reasons: string[] | null };

function evaluate(state: RacfState, req: AccessRequest, reasons: string[] | null): Evaluation {
  const userId = upper(req.user);
  const cls = upper(req.class);
  const want = LEVEL[req.access];
  if (want === undefined) return { decision: 'denied', profile: null, reasons: reasons === null ? null : [`${String(req.access)} is not an access level`] };
  const sv = stateView(state);
  const user = sv.users.get(userId);
  if (user === undefined) return { decision: 'denied', profile: null, reasons: reasons === null ? null : [`user ${userId} is not defined to RACF`] };
  if (user.revoked) return { decision: 'denied', profile: null, reasons: reasons === null ? null : [`user ${userId} is revoked`] };
  const dataset = cls === 'DATASET';
  const co = classView(sv, state, cls);
  if (!co.active) return { decision: 'class-not-active', profile: null, reasons: reasons === null ? null : [`class ${cls} is not active (SETROPTS CLASSACT); RACF returns "not protected"`] };
  const resource = dataset || !CASE_SENSITIVE_CLASSES.has(cls) ? upper(req.resource) : req.resource;
  if (dataset) {
    const hlq = resource.split('.')[0];
    if (hlq === userId) return { decision: 'allowed', profile: null, reasons: reasons === null ? null : [`the high-level qualifier ${hlq} is the user's own id`] };
  }
  const cp = co.cp;
  if (co.raclist) reasons?.push(`class ${cls} is RACLISTed: the in-storage profiles are used`);
  const generics = co.generics;
  const p = co.discrete.get(resource) ?? findGeneric(cp, resource, dataset, generics, state.setropts.egn);
  if (p === undefined) {
    reasons?.push(`no profile protects ${resource} in class ${cls}${generics ? '' : ` (generic profiles are not checked: SETROPTS GENERIC(${cls}) is not active)`}`);
    if (dataset && state.setropts.protectall === 'WARNING') return { decision: 'warning', profile: null, reasons: reasons === null ? null : [...reasons, 'PROTECTALL(WARNING): access permitted with a warning'] };
    return { decision: 'denied', profile: null, reasons };
  }
  const profile = { class: cls, name: p.name, generic: p.generic };
  reasons?.push(`profile ${p.name}${p.generic ? ' (G)' : ''} in class ${cls}`);
  const verdict = decide(state, user, p, want, req.context, dataset, reasons);
  if (verdict) return { decision: 'allowed', profile, reasons };
  if (p.warning) return { decision: 'warning', profile, reasons: reasons === null ? null : [...reasons, 'the profile has WARNING: access is permitted and logged'] };
  return { decision: 'denied', profile, reasons };
}

function decide(state: RacfState, user: UserRecord, p: ProfileRecord, want: number, ctx: AccessContext | undefined, dataset: boolean, reasons: string[] | null): boolean {
  if (reasons === null && !state.setropts.grplist && (ctx === undefined || p.conditionalAccessList.length === 0)) {
    return quickDecide(state, user, p, want, ctx?.group === undefined ? user.dfltgrp : upper(ctx.group), dataset);
  }
  const need = levelName(want);
  const own = entryFor(p, user.id, ctx, reasons);
  if (own !== undefined) {
    reasons?.push(`user entry gives ${levelName(own)}, ${need} ${own >= want ? 'is' : 'is not'} within it`);
    return own >= want;
  }
  let groups: readonly string[];
  if (state.setropts.grplist) groups = user.groups.filter((g) => state.connects.get(connectKey(user.id, g))?.revoked !== true);
  else groups = NO_GROUPS;
  let g: number | undefined = groups === NO_GROUPS ? entryFor(p, ctx?.group === undefined ? user.dfltgrp : upper(ctx.group), ctx, reasons) : undefined;
  for (const grp of groups) {
    const e = entryFor(p, grp, ctx, reasons);
    if (e !== undefined) g = Math.max(g ?? 0, e);
  }
  if (g !== undefined) {
    reasons?.push(`${state.setropts.grplist ? 'highest group entry (GRPLIST)' : 'current connect group entry'} gives ${levelName(g)}, ${need} ${g >= want ? 'is' : 'is not'} within it`);
    return g >= want;
  }
  if (dataset) {
    const groupOps = user.groups.some((grp) => state.connects.get(connectKey(user.id, grp))?.operations === true);
    if (user.operations || groupOps) {
      reasons?.push(`the user has the ${user.operations ? '' : 'group-'}OPERATIONS attribute`);
      return true;
    }
  }
  if (user.restricted) {
    reasons?.push('the user is RESTRICTED: ID(*) and UACC are not used');
    return false;
  }
  const star = entryFor(p, '*', ctx, reasons);
  if (star !== undefined && star >= want) {
    reasons?.push(`ID(*) gives ${levelName(star)}`);
    return true;
  }
  const uacc = LEVEL[p.uacc];
  reasons?.push(`UACC is ${p.uacc}, ${need} ${uacc >= want ? 'is' : 'is not'} within it`);
  return uacc >= want;
}

/**
 * `decide` without reasons, GRPLIST or conditional entries that could apply: the same steps, with
 * the user's, the group's and ID(*)'s entries found in one pass over the access list.
 */
function quickDecide(state: RacfState, user: UserRecord, p: ProfileRecord, want: number, group: string, dataset: boolean): boolean {
  const uid = user.id;
  let own = -1;
  let grp = -1;
  let star = -1;
  const acl = p.accessList;
  for (let i = 0; i < acl.length; i++) {
    const e = acl[i];
    if (e === undefined) continue;
    const id = e.id;
    if (id === uid) own = Math.max(own, LEVEL[e.access]);
    else if (id === group) grp = Math.max(grp, LEVEL[e.access]);
    else if (id === '*') star = Math.max(star, LEVEL[e.access]);
  }
  if (own >= 0) return own >= want;
  if (grp >= 0) return grp >= want;
  if (dataset && (user.operations || user.groups.some((g) => state.connects.get(connectKey(uid, g))?.operations === true))) return true;
  if (user.restricted) return false;
  if (star >= want) return true;
  return LEVEL[p.uacc] >= want;
}

/** Outcome of a password / password-phrase check (for the outcome simulator). */
export type PasswordCheck = 'ok' | 'invalid-password' | 'unknown-user' | 'revoked' | 'no-password';

/**
 * Check a password (1-8 characters) or password phrase (9-100) as RACROUTE REQUEST=VERIFY would.
 * Passwords are compared in upper case unless SETROPTS PASSWORD(MIXEDCASE) is active.
 * An expired password still verifies here ('ok'); the change-at-logon step is not modelled.
 */
export function verifyPassword(state: RacfState, user: string, password: string): PasswordCheck {
  const u = state.users.get(user.toUpperCase());
  if (u === undefined) return 'unknown-user';
  if (u.revoked) return 'revoked';
  if (password.length > 8) {
    if (u.phrase === null) return u.password === null ? 'no-password' : 'invalid-password';
    return secretMatches(password, u.phrase) ? 'ok' : 'invalid-password';
  }
  if (u.password === null) return 'no-password';
  const clear = state.setropts.mixedcase ? password : password.toUpperCase();
  return secretMatches(clear, u.password) ? 'ok' : 'invalid-password';
}
