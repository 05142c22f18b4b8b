/**
 * Applying RACF commands to a state. Pure: the input state is not changed; a deck is applied to a
 * mutable draft (state.ts) that is frozen once at the end, so a deck costs O(commands · log n).
 *
 * Semantic errors are reported as RACF reports them (message text in RACF's words; the code is the
 * IBM message id where verified, e.g. ICH06004I, else a stable ZTW-RACF-* code) and the failing
 * command (or the failing name of a multi-name command) changes nothing. RACDCERT is parsed here
 * but its semantics live in @ztwin/keyring: applyDeck leaves the state unchanged for it and reports
 * ZTW-RACDCERT-DEFERRED (info); keyring wraps applyDeck to handle them.
 */
import { type Clock, type Diagnostic, type RandomSource, cryptoRandom, diagnostic, systemClock } from '@ztwin/core';
import type {
  AddgroupCommand,
  AdduserCommand,
  AltgroupCommand,
  AltuserCommand,
  Command,
  ConnectCommand,
  DelgroupCommand,
  DeluserCommand,
  PermitCommand,
  RemoveCommand,
  Segment,
  SegmentValue,
  SetroptsCommand,
} from './ast';
import { formatListdsd, formatListgrp, formatListuser, formatRlist, formatSearch, formatSetroptsList } from './output';
import { parseEach } from './parser';
import { hashSecret } from './password';
import type { AccessLevel } from './schema';
import {
  type AccessEntry,
  appendExact,
  type ClassOptions,
  type ConditionalAccessEntry,
  type ConnectRecord,
  Draft,
  type GroupRecord,
  type ProfileRecord,
  type RacfState,
  type UserRecord,
  NO_SEGMENTS,
  NO_STRINGS,
  WHEN_KINDS,
  type WhenKind,
  connectKey,
  hasGenericChars,
  newClassOptions,
  newConnect,
  newGroup,
  newUser,
} from './state';

export interface ApplyContext {
  /** The user issuing the commands (owner of new profiles, data set prefix). Default IBMUSER. */
  readonly issuer?: string;
  readonly clock?: Clock;
  /** Salt source for password hashes. */
  readonly random?: RandomSource;
}
export interface ApplyResult {
  readonly state: RacfState;
  readonly diagnostics: Diagnostic[];
  /** Lines a listing command printed (LISTUSER, RLIST, SETROPTS LIST, SEARCH ...). */
  readonly output: string[];
}
export interface ApplyDeckResult {
  readonly state: RacfState;
  readonly diagnostics: Diagnostic[];
  /**
   * Output of the commands that printed something (LISTUSER, RLIST, SETROPTS LIST, SEARCH ...),
   * in deck order. Commands without output are not listed, so a 1M-command deck keeps no ASTs.
   */
  readonly outputs: { readonly command: Command; readonly output: string[] }[];
}

/** Apply one command. O(log n) in the size of the state. */
export function applyCommand(state: RacfState, cmd: Command, ctx: ApplyContext = {}): ApplyResult {
  const r = new Run(new Draft(state), env(ctx), [], cmd);
  applyTo(r, cmd);
  return { state: r.d.freeze(), diagnostics: r.diags, output: r.out };
}

/** Apply a deck (text is parsed first; parse diagnostics are included). One bad command does not stop the rest. */
export function applyDeck(state: RacfState, deck: readonly Command[] | string, ctx: ApplyContext & { readonly source?: string } = {}): ApplyDeckResult {
  const diagnostics: Diagnostic[] = [];
  const d = new Draft(state);
  const e = env(ctx);
  // one Run for the whole deck (its command and output buffer change per command): no object per command
  let r: Run | null = null;
  const outputs: { command: Command; output: string[] }[] = [];
  const one = (c: Command): void => {
    r ??= new Run(d, e, diagnostics, c);
    applyTo(r, c);
    if (r.out.length > 0) {
      outputs.push({ command: c, output: r.out });
      r.out = [];
    }
  };
  if (typeof deck === 'string') parseEach(deck, ctx.source === undefined ? {} : { source: ctx.source }, one, diagnostics);
  else for (const c of deck) one(c);
  return { state: d.freeze(), diagnostics, outputs };
}

interface Env {
  readonly issuer: string;
  readonly clock: Clock;
  readonly random: RandomSource;
}
function env(ctx: ApplyContext): Env {
  return { issuer: (ctx.issuer ?? 'IBMUSER').toUpperCase(), clock: ctx.clock ?? systemClock, random: ctx.random ?? cryptoRandom };
}

/** The command being applied and where its diagnostics and output go (one per deck, reused). */
class Run {
  /** Lines the current command printed. */
  out: string[] = [];
  constructor(
    readonly d: Draft,
    readonly e: Env,
    readonly diags: Diagnostic[],
    /** The command being applied (set by applyTo). */
    public cmd: Command,
  ) {}
  err(code: string, message: string, hint?: string): void {
    this.diags.push(diagnostic(hint === undefined ? { code, message } : { code, message, hint }, this.cmd.span));
  }
  warn(code: string, message: string): void {
    this.diags.push(diagnostic({ code, message, severity: 'warning' }, this.cmd.span));
  }
  info(code: string, message: string): void {
    this.diags.push(diagnostic({ code, message, severity: 'info' }, this.cmd.span));
  }
}

function applyTo(r: Run, cmd: Command): void {
  r.cmd = cmd;
  switch (cmd.kind) {
    case 'ADDUSER':
      return addUser(r, cmd);
    case 'ALTUSER':
      return altUser(r, cmd);
    case 'DELUSER':
      return delUser(r, cmd);
    case 'LISTUSER':
      return formatListuser(r, cmd);
    case 'ADDGROUP':
      return addGroup(r, cmd);
    case 'ALTGROUP':
      return altGroup(r, cmd);
    case 'DELGROUP':
      return delGroup(r, cmd);
    case 'LISTGRP':
      return formatListgrp(r, cmd);
    case 'CONNECT':
      return connect(r, cmd);
    case 'REMOVE':
      return remove(r, cmd);
    case 'RDEFINE':
    case 'ADDSD':
      return defineProfile(r, cmd);
    case 'RALTER':
    case 'ALTDSD':
      return alterProfile(r, cmd);
    case 'RDELETE':
    case 'DELDSD':
      return deleteProfile(r, cmd);
    case 'RLIST':
      return formatRlist(r, cmd);
    case 'LISTDSD':
      return formatListdsd(r, cmd);
    case 'PERMIT':
      return permit(r, cmd);
    case 'SETROPTS':
      return setropts(r, cmd);
    case 'SEARCH':
      return formatSearch(r, cmd);
    case 'RACDCERT':
      r.info('ZTW-RACDCERT-DEFERRED', `RACDCERT ${cmd.function.function} not applied: RACDCERT semantics live in @ztwin/keyring (use its applyDeck)`);
      return;
  }
}
export type { Run };

// ---- users ------------------------------------------------------------------------------------
function mergeSegment(old: Segment | undefined, add: Segment): Segment {
  if (old === undefined) {
    // a new segment: the command's own (immutable) operand record, unless it removes keys
    let removes = false;
    for (const k in add) if (add[k] === null) removes = true;
    if (!removes) return add;
  }
  const o: Record<string, SegmentValue> = { ...(old ?? {}) };
  for (const [k, v] of Object.entries(add)) {
    if (v === null) delete o[k];
    else o[k] = v;
  }
  return o;
}
/**
 * `old` with the command's segment operands (`names`, in that order) merged in. The command's own
 * keys are a handful, the segment names up to 20: the names it has are found from its keys (`index`:
 * name -> position in `names`) rather than by looking every name up on it.
 */
function applySegments(old: Readonly<Record<string, Segment>>, cmd: Readonly<Record<string, unknown>>, names: readonly string[], index: ReadonlyMap<string, number>): Readonly<Record<string, Segment>> {
  let first = -1;
  let more: number[] | null = null;
  for (const k in cmd) {
    const i = index.get(k);
    if (i === undefined || cmd[k] === undefined) continue;
    if (first < 0) first = i;
    else (more ??= [first]).push(i);
  }
  if (first < 0) return old;
  const segs: Record<string, Segment> = { ...old };
  if (more !== null) more.sort((a, b) => a - b);
  const at = more ?? [first];
  for (const i of at) {
    const n = names[i];
    if (n === undefined) continue;
    const v = cmd[n];
    if (v === null) delete segs[n];
    else if (typeof v === 'object' && !Array.isArray(v)) segs[n] = mergeSegment(segs[n], v as Segment);
  }
  return segs;
}
const indexOf = (names: readonly string[]): ReadonlyMap<string, number> => new Map(names.map((n, i) => [n, i]));
const USER_SEGMENTS = ['OMVS', 'TSO', 'DFP', 'WORKATTR', 'CICS', 'CSDATA', 'DCE', 'EIM', 'KERB', 'LANGUAGE', 'LNOTES', 'MFA', 'NDS', 'NETVIEW', 'OPERPARM', 'OVM', 'PROXY'];
const GROUP_SEGMENTS = ['OMVS', 'DFP', 'OVM', 'TME', 'CSDATA'];
const PROFILE_SEGMENTS = ['STDATA', 'SESSION', 'DLFDATA', 'SSIGNON', 'SVFMR', 'TME', 'KERB', 'ICSF', 'ICTX', 'EIM', 'CDTINFO', 'CFDEF', 'JES', 'PROXY', 'SIGVER', 'IDTPARMS', 'CSDATA', 'MFA', 'MFPOLICY', 'DFP'];
const USER_SEGMENT_INDEX = indexOf(USER_SEGMENTS);
const GROUP_SEGMENT_INDEX = indexOf(GROUP_SEGMENTS);
const PROFILE_SEGMENT_INDEX = indexOf(PROFILE_SEGMENTS);

function pwCase(r: Run, clear: string): string {
  return r.d.setropts.mixedcase ? clear : clear.toUpperCase();
}

/** `u` with the command's operands; `fresh`: u is a new record of the caller's, changed in place. */
function userOperands(r: Run, u: UserRecord, c: AdduserCommand | AltuserCommand, fresh = false): UserRecord {
  const x: { -readonly [K in keyof UserRecord]: UserRecord[K] } = fresh ? u : { ...u };
  if (c.name !== undefined) x.name = c.name;
  if (c.owner !== undefined) x.owner = c.owner;
  if (c.data !== undefined) x.data = c.data;
  if (c.special !== undefined) x.special = c.special;
  if (c.operations !== undefined) x.operations = c.operations;
  if (c.auditor !== undefined) x.auditor = c.auditor;
  if (c.roaudit !== undefined) x.roaudit = c.roaudit;
  if (c.restricted !== undefined) x.restricted = c.restricted;
  if (c.grpacc !== undefined) x.grpacc = c.grpacc;
  if (c.adsp !== undefined) x.adsp = c.adsp;
  if (c.model !== undefined) x.model = c.model;
  if (c.clauth !== undefined) x.clauth = [...new Set([...x.clauth, ...c.clauth])];
  if (c.noclauth !== undefined) x.clauth = x.clauth.filter((k) => !(c.noclauth ?? []).includes(k));
  if (c.password !== undefined) {
    x.password = hashSecret(pwCase(r, c.password.reveal()), r.e.random);
    x.passwordExpired = true;
  }
  if (c.phrase !== undefined) {
    x.phrase = hashSecret(c.phrase.reveal(), r.e.random);
    x.passwordExpired = true;
  }
  if (c.nopassword === true) x.password = null;
  if (c.nophrase === true) x.phrase = null;
  x.segments = applySegments(u.segments, c, USER_SEGMENTS, USER_SEGMENT_INDEX);
  return x;
}

function addUser(r: Run, c: AdduserCommand): void {
  for (const id of c.userids) {
    if (!validId(id)) {
      r.err('ZTW-RACF-INVALID-ID', `INVALID USERID, ${id}: 1-8 characters, A-Z 0-9 # $ @, not starting with a digit`);
      continue;
    }
    // users: a miss here is followed by the insert (get); groups: the name check only (probe)
    if (r.d.users.has(id) || r.d.groups.probe(id) !== undefined) {
      r.err('ZTW-RACF-ALREADY-DEFINED', `${r.d.users.has(id) ? 'USER' : 'NAME'} ${id} IS ALREADY DEFINED TO RACF`);
      continue;
    }
    // DFLTGRP defaults to the issuer's current connect group.
    const dg = c.dfltgrp ?? issuerGroup(r);
    const grp = r.d.groups.get(dg);
    if (grp === undefined) {
      r.err('ZTW-RACF-GROUP-NOT-DEFINED', `GROUP ${dg} NOT DEFINED TO RACF (DFLTGRP of ${id})`);
      continue;
    }
    // the group's own id string rather than this command's copy of it: records keep one string per name
    const dfltgrp = grp.id === dg ? grp.id : dg;
    const owner = c.owner ?? r.e.issuer;
    // ztwin: a user defined without PASSWORD/PHRASE has no password (a protected user).
    const u = userOperands(r, newUser(id, dfltgrp, owner), c, true);
    r.d.users.add(id, u);
    r.d.markFresh(u);
    r.d.connects.set(connectKey(id, dfltgrp), {
      user: id,
      group: dfltgrp,
      authority: c.authority ?? 'USE',
      owner,
      uacc: c.uacc ?? 'NONE',
      special: false,
      operations: false,
      auditor: false,
      grpacc: c.grpacc ?? false,
      adsp: c.adsp ?? false,
      revoked: false,
    });
  }
}

/** The issuer's default group (SYS1 when the issuer is not defined): the default of DFLTGRP, SUPGROUP, GROUP. Looked up only when the default is needed. */
function issuerGroup(r: Run): string {
  return r.d.users.get(r.e.issuer)?.dfltgrp ?? 'SYS1';
}

function validId(id: string): boolean {
  if (id.length < 1 || id.length > 8) return false;
  const c0 = id.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 35 || c === 36 || c === 64)) return false;
  }
  return true;
}

function parseRacfDate(s: string): Date | null {
  // RACF dates: mm/dd/yy (REVOKE/RESUME); also accept yyyy-mm-dd
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(s);
  if (m !== null) return new Date(Date.UTC(2000 + Number(m[3]), Number(m[1]) - 1, Number(m[2])));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m !== null) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return null;
}

function altUser(r: Run, c: AltuserCommand): void {
  for (const id of c.userids) {
    const u0 = r.d.users.get(id);
    if (u0 === undefined) {
      r.err('ZTW-RACF-USER-NOT-DEFINED', `USER ${id} NOT DEFINED TO RACF`);
      continue;
    }
    let u = userOperands(r, u0, c);
    if (c.dfltgrp !== undefined) {
      if (!u.groups.includes(c.dfltgrp)) {
        r.err('ZTW-RACF-NOT-CONNECTED', `USER ${id} IS NOT CONNECTED TO GROUP ${c.dfltgrp}; DFLTGRP NOT CHANGED`);
      } else u = { ...u, dfltgrp: c.dfltgrp };
    }
    if (c.expired !== undefined) u = { ...u, passwordExpired: c.expired };
    if (c.revoke !== undefined) {
      if (c.revoke === false) u = { ...u, revokeDate: null };
      else if (c.revoke === true) u = { ...u, revoked: true, revokeDate: null };
      else {
        const ds = c.revoke[0] ?? '';
        const when = parseRacfDate(ds);
        if (when === null) r.err('IKJ56702I', `INVALID REVOKE DATE, ${ds}`);
        else if (when.getTime() <= r.e.clock.now().getTime()) u = { ...u, revoked: true, revokeDate: null };
        else u = { ...u, revokeDate: ds };
      }
    }
    if (c.resume !== undefined) {
      if (c.resume === true) u = { ...u, revoked: false, resumeDate: null };
      else if (c.resume === false) u = { ...u, resumeDate: null };
      else u = { ...u, resumeDate: c.resume[0] ?? null };
    }
    r.d.users.set(id, u);
    if (c.group !== undefined || c.authority !== undefined || c.uacc !== undefined) {
      const g = c.group ?? u.dfltgrp;
      const conn = r.d.connects.get(connectKey(id, g));
      if (conn === undefined) r.err('ZTW-RACF-NOT-CONNECTED', `USER ${id} IS NOT CONNECTED TO GROUP ${g}`);
      else r.d.connects.set(connectKey(id, g), { ...conn, authority: c.authority ?? conn.authority, uacc: c.uacc ?? conn.uacc });
    }
  }
}

function delUser(r: Run, c: DeluserCommand): void {
  for (const id of c.userids) {
    const u = r.d.users.get(id);
    if (u === undefined) {
      r.err('ZTW-RACF-USER-NOT-DEFINED', `USER ${id} NOT DEFINED TO RACF`);
      continue;
    }
    for (const g of u.groups) r.d.connects.delete(connectKey(id, g));
    r.d.users.delete(id);
    // RACF leaves the id in access lists (residual entries); so does the twin.
  }
}

// ---- groups -----------------------------------------------------------------------------------
function groupOperands(g: GroupRecord, c: AddgroupCommand | AltgroupCommand): GroupRecord {
  const x: { -readonly [K in keyof GroupRecord]: GroupRecord[K] } = { ...g };
  if (c.owner !== undefined) x.owner = c.owner;
  if (c.data !== undefined) x.data = c.data;
  if (c.termuacc !== undefined) x.termuacc = c.termuacc;
  if (c.model !== undefined) x.model = c.model;
  x.segments = applySegments(g.segments, c as unknown as Record<string, unknown>, GROUP_SEGMENTS, GROUP_SEGMENT_INDEX);
  return x;
}

function addGroup(r: Run, c: AddgroupCommand): void {
  for (const id of c.groups) {
    if (!validId(id)) {
      r.err('ZTW-RACF-INVALID-ID', `INVALID GROUP, ${id}`);
      continue;
    }
    if (r.d.groups.has(id) || r.d.users.probe(id) !== undefined) {
      r.err('ZTW-RACF-ALREADY-DEFINED', `${r.d.groups.has(id) ? 'GROUP' : 'NAME'} ${id} IS ALREADY DEFINED TO RACF`);
      continue;
    }
    const sup = c.supgroup ?? issuerGroup(r);
    if (!r.d.groups.has(sup)) {
      r.err('ZTW-RACF-GROUP-NOT-DEFINED', `GROUP ${sup} NOT DEFINED TO RACF (SUPGROUP of ${id})`);
      continue;
    }
    const g = groupOperands(newGroup(id, sup, c.owner ?? sup), c);
    r.d.groups.set(id, { ...g, universal: c.universal === true });
  }
}

function altGroup(r: Run, c: AltgroupCommand): void {
  for (const id of c.groups) {
    const g = r.d.groups.get(id);
    if (g === undefined) {
      r.err('ZTW-RACF-GROUP-NOT-DEFINED', `GROUP ${id} NOT DEFINED TO RACF`);
      continue;
    }
    let ng = groupOperands(g, c);
    if (c.supgroup !== undefined) {
      if (!r.d.groups.has(c.supgroup)) {
        r.err('ZTW-RACF-GROUP-NOT-DEFINED', `GROUP ${c.supgroup} NOT DEFINED TO RACF (SUPGROUP of ${id})`);
        continue;
      }
      ng = { ...ng, supgroup: c.supgroup };
    }
    r.d.groups.set(id, ng);
  }
}

function delGroup(r: Run, c: DelgroupCommand): void {
  for (const id of c.groups) {
    const g = r.d.groups.get(id);
    if (g === undefined) {
      r.err('ZTW-RACF-GROUP-NOT-DEFINED', `GROUP ${id} NOT DEFINED TO RACF`);
      continue;
    }
    let hasMembers = false;
    for (const conn of r.d.connects.values()) {
      if (conn.group === id) {
        hasMembers = true;
        break;
      }
    }
    let hasSub = false;
    for (const sg of r.d.groups.values()) {
      if (sg.supgroup === id) {
        hasSub = true;
        break;
      }
    }
    if (hasMembers || hasSub) {
      r.err('ZTW-RACF-GROUP-NOT-EMPTY', `GROUP ${id} NOT DELETED: it still has ${hasMembers ? 'connected users' : 'subgroups'}`);
      continue;
    }
    r.d.groups.delete(id);
  }
}

function connect(r: Run, c: ConnectCommand): void {
  const g0 = c.group ?? issuerGroup(r);
  const grp = r.d.groups.get(g0);
  if (grp === undefined) {
    r.err('ZTW-RACF-GROUP-NOT-DEFINED', `GROUP ${g0} NOT DEFINED TO RACF`);
    return;
  }
  // the stored ids' strings rather than this command's copies: records keep one string per name
  const group = grp.id === g0 ? grp.id : g0;
  for (const id0 of c.userids) {
    const u = r.d.users.get(id0);
    if (u === undefined) {
      r.err('ZTW-RACF-USER-NOT-DEFINED', `USER ${id0} NOT DEFINED TO RACF`);
      continue;
    }
    const id = u.id === id0 ? u.id : id0;
    const k = connectKey(id, group);
    const stored = r.d.connects.get(k);
    // a new connect is filled in place; a stored one (perhaps shared with a frozen state) is copied
    const x: { -readonly [K in keyof ConnectRecord]: ConnectRecord[K] } = stored === undefined ? newConnect(id, group, c.owner ?? r.e.issuer) : { ...stored };
    x.authority = c.authority ?? x.authority;
    x.owner = c.owner ?? x.owner;
    x.uacc = c.uacc ?? x.uacc;
    x.special = c.special ?? x.special;
    x.operations = c.operations ?? x.operations;
    x.auditor = c.auditor ?? x.auditor;
    x.grpacc = c.grpacc ?? x.grpacc;
    x.adsp = c.adsp ?? x.adsp;
    if (c.revoke === true || Array.isArray(c.revoke)) x.revoked = true;
    if (c.resume === true || Array.isArray(c.resume)) x.revoked = false;
    r.d.connects.set(k, x);
    if (!u.groups.includes(group)) {
      const groups = appendExact(u.groups, group);
      // a user this deck has just added is completed in place (no copy of its 23 fields, no Map update)
      if (r.d.isFresh(u)) (u as { groups: readonly string[] }).groups = groups;
      else r.d.users.set(id, { ...u, groups });
    }
  }
}

function remove(r: Run, c: RemoveCommand): void {
  const group = c.group ?? issuerGroup(r);
  for (const id of c.userids) {
    const u = r.d.users.get(id);
    const k = connectKey(id, group);
    if (u === undefined || !r.d.connects.has(k)) {
      r.err('ZTW-RACF-NOT-CONNECTED', `USER ${id} IS NOT CONNECTED TO GROUP ${group}`);
      continue;
    }
    if (u.dfltgrp === group) {
      r.err('ZTW-RACF-REMOVE-DFLTGRP', `USER ${id} NOT REMOVED FROM ${group}: it is the default group (change DFLTGRP first)`);
      continue;
    }
    r.d.connects.delete(k);
    r.d.users.set(id, { ...u, groups: u.groups.filter((g) => g !== group) });
  }
}

// ---- profiles ---------------------------------------------------------------------------------
/** Resolve a TSO data set name: `'A.B'` as is; `A.B` gets the prefix (SETROPTS PREFIX in the twin's terms: the issuer's id). */
export function resolveDsn(name: string, prefix: string): string {
  if (name.length >= 2 && name.startsWith("'") && name.endsWith("'")) return name.slice(1, -1);
  return `${prefix}.${name}`;
}

type ProfileCmd = Extract<Command, { kind: 'RDEFINE' | 'ADDSD' | 'RALTER' | 'ALTDSD' | 'RDELETE' | 'DELDSD' }>;

function classOf(c: ProfileCmd | PermitCommand): string {
  if (c.kind === 'ADDSD' || c.kind === 'ALTDSD' || c.kind === 'DELDSD') return 'DATASET';
  return c.class ?? 'DATASET';
}

/** The profile names a command works on (data set names resolved); callers only iterate them, so other classes' lists are used as they are. */
function names(r: Run, cls: string, profiles: readonly string[]): readonly string[] {
  return cls === 'DATASET' ? profiles.map((p) => resolveDsn(p, r.e.issuer)) : profiles;
}

/** RACF's checks on a new profile name; returns an error message or null. */
function checkNewName(r: Run, cls: string, name: string, generic: boolean): string | null {
  if (cls === 'DATASET') {
    const hlq = name.split('.')[0] ?? '';
    if (hasGenericChars(hlq)) return `INVALID DATA SET PROFILE ${name}: no generic characters in the high-level qualifier`;
    if (!r.d.users.has(hlq) && !r.d.groups.has(hlq)) return `HIGH LEVEL QUALIFIER ${hlq} OF ${name} IS NOT A RACF-DEFINED USER OR GROUP`;
    if (name.includes('**') && !r.d.setropts.egn) return `INVALID DATA SET PROFILE ${name}: ** requires SETROPTS EGN`;
    if (name.length > 44) return `INVALID DATA SET PROFILE ${name}: longer than 44 characters`;
  }
  if (generic) {
    const co = r.d.classOptions(cls);
    if (!co.generic && !co.gencmd) {
      if (cls === 'DATASET') return `GENERIC PROFILE ${name} NOT DEFINED: SETROPTS GENERIC(DATASET) or GENCMD(DATASET) is not active`;
      if (!co.raclist) r.warn('ZTW-RACF-GENERIC-INACTIVE', `generic profile ${name} defined, but SETROPTS GENERIC(${cls}) is not active: it will not be used in access checks`);
    }
  }
  return null;
}

const NO_CONDITIONAL: readonly ConditionalAccessEntry[] = Object.freeze([]);
const NO_WHEN: readonly { kind: WhenKind; value: string }[] = Object.freeze([]);
const NO_ENTRIES: readonly AccessEntry[] = Object.freeze([]);
const RACDCERT_ONLY = new Set(['DIGTCERT', 'DIGTRING', 'DIGTNMAP', 'DIGTCRIT']);

function defineProfile(r: Run, c: Extract<Command, { kind: 'RDEFINE' | 'ADDSD' }>): void {
  const cls = r.d.className(classOf(c));
  if (RACDCERT_ONLY.has(cls)) {
    r.err('ZTW-RACF-RACDCERT-ONLY', `CLASS ${cls} profiles are maintained only by RACDCERT; RDEFINE not done`);
    return;
  }
  for (const name of names(r, cls, c.profiles)) {
    const generic = hasGenericChars(name) || (c.kind === 'ADDSD' && c.generic === true);
    const bad = checkNewName(r, cls, name, generic);
    if (bad !== null) {
      r.err('ZTW-RACF-INVALID-PROFILE', bad);
      continue;
    }
    if (r.d.profile(cls, name, generic) !== undefined) {
      r.err('ZTW-RACF-PROFILE-EXISTS', `${cls === 'DATASET' ? 'DATA SET' : cls} PROFILE ${name} ALREADY DEFINED`);
      continue;
    }
    const p: { -readonly [K in keyof ProfileRecord]: ProfileRecord[K] } = {
      class: cls,
      name,
      generic,
      owner: c.owner ?? r.e.issuer,
      uacc: 'NONE',
      warning: false,
      data: null,
      appldata: null,
      level: 0,
      notify: null,
      erase: false,
      accessList: r.d.setropts.addcreator ? [r.d.accessEntry(r.e.issuer, 'ALTER')] : NO_ENTRIES,
      conditionalAccessList: NO_CONDITIONAL,
      members: NO_STRINGS,
      segments: NO_SEGMENTS,
    };
    if (c.from !== undefined) {
      const fcls = c.fclass ?? cls;
      const fname = fcls === 'DATASET' ? resolveDsn(c.from, r.e.issuer) : c.from;
      const src = r.d.profile(fcls, fname, c.fgeneric === true || hasGenericChars(fname));
      if (src === undefined) r.err('ICH06004I', `${fname} NOT DEFINED TO RACF (FROM profile)`);
      else {
        p.uacc = src.uacc;
        p.warning = src.warning;
        p.data = src.data;
        p.accessList = mergeAcl(p.accessList, src.accessList);
        p.conditionalAccessList = src.conditionalAccessList;
      }
    }
    // p is this command's own record: the operands are filled in place
    const np = profileOperands(r, p, c, true);
    r.d.addProfile(np);
    r.d.markFresh(np);
  }
}

function mergeAcl(a: readonly AccessEntry[], b: readonly AccessEntry[]): AccessEntry[] {
  const m = new Map<string, AccessLevel>();
  for (const e of a) m.set(e.id, e.access);
  for (const e of b) m.set(e.id, e.access);
  return [...m].map(([id, access]) => ({ id, access }));
}

/** `p` with the command's operands; `fresh`: p is a new record of the caller's, changed in place. */
function profileOperands(r: Run, p: ProfileRecord, c: Extract<Command, { kind: 'RDEFINE' | 'ADDSD' | 'RALTER' | 'ALTDSD' }>, fresh = false): ProfileRecord {
  const x: { -readonly [K in keyof ProfileRecord]: ProfileRecord[K] } = fresh ? p : { ...p };
  if (c.uacc !== undefined) x.uacc = c.uacc;
  if (c.owner !== undefined) x.owner = c.owner;
  if (c.data !== undefined) x.data = c.data;
  if (c.warning !== undefined) {
    if (c.warning && p.class === 'PROGRAM') r.warn('ZTW-RACF-WARNING-IGNORED', 'WARNING is ignored for PROGRAM profiles');
    else x.warning = c.warning;
  }
  if (c.level !== undefined) x.level = c.level;
  if (c.notify !== undefined) x.notify = c.notify === false ? null : c.notify === true ? r.e.issuer : (c.notify[0] ?? null);
  if ((c.kind === 'ADDSD' || c.kind === 'ALTDSD') && c.erase !== undefined) x.erase = c.erase;
  if (c.kind === 'RDEFINE' || c.kind === 'RALTER') {
    if (c.appldata !== undefined) x.appldata = c.appldata;
    if (c.addmem !== undefined) x.members = [...new Set([...x.members, ...c.addmem])];
    if (c.kind === 'RALTER' && c.delmem !== undefined) {
      const del = new Set(c.delmem);
      x.members = x.members.filter((m) => !del.has(m));
    }
  }
  x.segments = applySegments(p.segments, c as unknown as Record<string, unknown>, PROFILE_SEGMENTS, PROFILE_SEGMENT_INDEX);
  return x;
}

function findForChange(r: Run, cls: string, name: string, genericKw: boolean): ProfileRecord | undefined {
  const generic = hasGenericChars(name) || genericKw;
  return r.d.profile(cls, name, generic);
}

function alterProfile(r: Run, c: Extract<Command, { kind: 'RALTER' | 'ALTDSD' }>): void {
  const cls = classOf(c);
  for (const name of names(r, cls, c.profiles)) {
    const p = findForChange(r, cls, name, c.generic === true);
    if (p === undefined) {
      r.err(cls === 'DATASET' ? 'ICH22001I' : 'ZTW-RACF-PROFILE-NOT-DEFINED', `${name} NOT DEFINED TO RACF`);
      continue;
    }
    r.d.putProfile(profileOperands(r, p, c));
  }
}

function deleteProfile(r: Run, c: Extract<Command, { kind: 'RDELETE' | 'DELDSD' }>): void {
  const cls = classOf(c);
  for (const name of names(r, cls, c.profiles)) {
    const p = findForChange(r, cls, name, c.kind === 'DELDSD' && c.generic === true);
    if (p === undefined) {
      r.err('ZTW-RACF-PROFILE-NOT-DEFINED', `${name} NOT DEFINED TO RACF`);
      continue;
    }
    r.d.deleteProfile(cls, p.name, p.generic);
  }
}

function whenEntries(when: Segment): { kind: WhenKind; value: string }[] {
  const out: { kind: WhenKind; value: string }[] = [];
  for (const k of WHEN_KINDS) {
    const v = when[k];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const s of v) out.push({ kind: k, value: String(s) });
    else if (typeof v === 'object') out.push({ kind: k, value: Object.entries(v).map(([a, b]) => `${a}(${String(b)})`).join(' ') });
    else out.push({ kind: k, value: String(v) });
  }
  return out;
}

function permit(r: Run, c: PermitCommand): void {
  const cls = classOf(c);
  if (RACDCERT_ONLY.has(cls)) {
    r.err('ZTW-RACF-RACDCERT-ONLY', `CLASS ${cls} profiles are maintained only by RACDCERT; PERMIT not done`);
    return;
  }
  const conds: readonly { kind: WhenKind; value: string }[] = c.when === undefined ? NO_WHEN : whenEntries(c.when);
  for (const name of names(r, cls, c.profiles)) {
    const p = findForChange(r, cls, name, c.generic === true);
    if (p === undefined) {
      // IBM: ICH06004I profile-name NOT DEFINED TO RACF (also for a fully qualified generic without GENERIC).
      r.err('ICH06004I', `${name} NOT DEFINED TO RACF`, hasGenericChars(name) ? undefined : 'for a fully qualified generic profile add GENERIC');
      continue;
    }
    let acl: readonly AccessEntry[] = p.accessList;
    let cacl: readonly ConditionalAccessEntry[] = p.conditionalAccessList;
    if (c.reset !== undefined) {
      const what = Array.isArray(c.reset) ? (c.reset[0] ?? 'STANDARD') : 'STANDARD';
      if (what === 'ALL' || what === 'STANDARD') acl = NO_ENTRIES;
      if (what === 'ALL' || what === 'WHEN') cacl = NO_CONDITIONAL;
    }
    if (c.from !== undefined) {
      const fcls = c.fclass ?? cls;
      const fname = fcls === 'DATASET' ? resolveDsn(c.from, r.e.issuer) : c.from;
      const src = r.d.profile(fcls, fname, c.fgeneric === true || hasGenericChars(fname));
      if (src === undefined) {
        r.err('ICH06004I', `${fname} NOT DEFINED TO RACF`);
        continue;
      }
      acl = mergeAcl(acl, src.accessList);
    }
    for (const id0 of c.ids ?? []) {
      // the stored id's string rather than this command's copy of it (one string per name in records)
      const known = id0 === '*' ? null : (r.d.users.get(id0) ?? r.d.groups.get(id0));
      if (known === undefined) {
        r.warn('ZTW-RACF-ID-NOT-DEFINED', `${id0} NOT FOUND: not a RACF-defined user or group; no entry made`);
        continue;
      }
      const id = known !== null && known.id === id0 ? known.id : id0;
      if (conds.length === 0) {
        // exactly sized lists of shared entries: most profiles have a few entries, from a few ids
        acl = c.delete === true ? withoutEntry(acl, id) : withEntry(acl, r.d.accessEntry(id, c.access ?? 'READ'));
      } else {
        for (const w of conds) {
          const rest = cacl.filter((e) => !(e.id === id && e.when.kind === w.kind && e.when.value === w.value));
          cacl = c.delete === true ? rest : [...rest, { id, access: c.access ?? 'READ', when: w }];
        }
      }
    }
    if (r.d.isFresh(p)) {
      // defined earlier in this deck and not yet frozen anywhere: complete it in place (no copy, no Map update)
      const x = p as { -readonly [K in keyof ProfileRecord]: ProfileRecord[K] };
      x.accessList = acl;
      x.conditionalAccessList = cacl;
    } else r.d.putProfile({ ...p, accessList: acl, conditionalAccessList: cacl });
  }
}

/** `acl` without `id`'s entry (the same array when it has none). */
function withoutEntry(acl: readonly AccessEntry[], id: string): readonly AccessEntry[] {
  for (let i = 0; i < acl.length; i++) {
    const e = acl[i];
    if (e !== undefined && e.id === id) {
      const out: AccessEntry[] = acl.slice(0, i);
      for (let j = i + 1; j < acl.length; j++) {
        const f = acl[j];
        if (f !== undefined) out.push(f);
      }
      return out;
    }
  }
  return acl;
}

/** `acl` with `entry` last, replacing the entry of the same id: a new, exactly sized array. */
function withEntry(acl: readonly AccessEntry[], entry: AccessEntry): readonly AccessEntry[] {
  const rest = withoutEntry(acl, entry.id);
  // exactly sized lists of shared entries: most profiles have a few entries, from a few ids
  const [a, b] = rest;
  if (a === undefined) return [entry];
  if (rest.length === 1) return [a, entry];
  if (rest.length === 2 && b !== undefined) return [a, b, entry];
  return rest.concat([entry]);
}

// ---- SETROPTS ---------------------------------------------------------------------------------
function setropts(r: Run, c: SetroptsCommand): void {
  const d = r.d;
  const setClass = (classes: readonly string[] | undefined, f: (o: ClassOptions) => ClassOptions): void => {
    for (const cl of classes ?? []) {
      if (cl === '*') {
        for (const [k, o] of [...d.classes.entries()]) d.classes.set(k, f(o));
        d.classes.set('*', f(d.classOptions('*')));
      } else d.classes.set(cl, f(d.classOptions(cl)));
    }
  };
  setClass(c.classact, (o) => ({ ...o, active: true }));
  setClass(c.noclassact, (o) => (o.name === 'DATASET' ? o : { ...o, active: false }));
  setClass(c.gencmd, (o) => ({ ...o, gencmd: true }));
  setClass(c.nogencmd, (o) => ({ ...o, gencmd: false }));
  setClass(c.genlist, (o) => ({ ...o, genlist: true }));
  setClass(c.nogenlist, (o) => ({ ...o, genlist: false }));
  setClass(c.global, (o) => ({ ...o, global: true }));
  setClass(c.noglobal, (o) => ({ ...o, global: false }));
  setClass(c.audit, (o) => ({ ...o, audit: true }));
  setClass(c.noaudit, (o) => ({ ...o, audit: false }));
  setClass(c.statistics, (o) => ({ ...o, statistics: true }));
  setClass(c.nostatistics, (o) => ({ ...o, statistics: false }));
  if (c.refresh === true) {
    // RACLIST(c) REFRESH: rebuild the in-storage copies; GENERIC(c) REFRESH: generic profiles are read
    // from the database on each check in the twin, so nothing is pending for non-RACLISTed classes.
    for (const cl of c.raclist ?? []) {
      if (!d.classOptions(cl).raclist) {
        r.warn('ZTW-RACF-NOT-RACLISTED', `CLASS ${cl} IS NOT RACLISTED; REFRESH ignored (issue SETROPTS RACLIST(${cl}) first)`);
        continue;
      }
      d.raclist.set(cl, d.classProfiles(cl));
    }
    if (c.generic !== undefined && c.raclist === undefined) {
      r.info('ZTW-RACF-GENERIC-REFRESH', `GENERIC(${c.generic.join(' ')}) REFRESH: in-storage generic profiles refreshed`);
    }
    if (c.global !== undefined) r.info('ZTW-RACF-GLOBAL-REFRESH', 'GLOBAL REFRESH: global access tables are not modelled');
  } else {
    setClass(c.generic, (o) => ({ ...o, generic: true }));
    for (const cl of c.raclist ?? []) {
      if (cl === '*') continue;
      d.classes.set(cl, { ...d.classOptions(cl), raclist: true });
      d.raclist.set(cl, d.classProfiles(cl));
    }
  }
  setClass(c.nogeneric, (o) => ({ ...o, generic: false }));
  for (const cl of c.noraclist ?? []) {
    d.classes.set(cl, { ...d.classOptions(cl), raclist: false });
    d.raclist.delete(cl);
  }
  let s = d.setropts;
  if (c.grplist !== undefined) s = { ...s, grplist: c.grplist };
  if (c.egn !== undefined) s = { ...s, egn: c.egn };
  if (c.addcreator !== undefined) s = { ...s, addcreator: c.addcreator };
  if (c.realdsn !== undefined) s = { ...s, realdsn: c.realdsn };
  if (c.initstats !== undefined) s = { ...s, initstats: c.initstats };
  if (c.erase !== undefined) s = { ...s, erase: c.erase };
  if (c.prefix !== undefined) s = { ...s, prefix: c.prefix };
  if (c.terminal !== undefined) s = { ...s, terminal: c.terminal };
  const pa = c.protectall;
  if (pa !== undefined) s = { ...s, protectall: pa === false ? false : pa === true ? 'FAILURES' : pa[0] === 'WARNING' ? 'WARNING' : 'FAILURES' };
  if (c.password !== undefined) {
    if (c.password['MIXEDCASE'] === true) s = { ...s, mixedcase: true };
    if (c.password['NOMIXEDCASE'] === true) s = { ...s, mixedcase: false };
    s = { ...s, other: { ...s.other, PASSWORD: { ...(segOf(s.other['PASSWORD']) ?? {}), ...c.password } } };
  }
  if (c.logoptions !== undefined) s = { ...s, other: { ...s.other, LOGOPTIONS: { ...(segOf(s.other['LOGOPTIONS']) ?? {}), ...c.logoptions } } };
  d.setropts = s;
  if (c.list === true) formatSetroptsList(r);
}
function segOf(v: unknown): Segment | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Segment) : undefined;
}
export { newClassOptions };
