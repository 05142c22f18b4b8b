/**
 * Output of the listing commands, shaped like RACF's (LISTUSER, LISTGRP, RLIST, LISTDSD,
 * SETROPTS LIST, SEARCH). Layout follows the examples in the RACF Command Language Reference;
 * dates and statistics the twin does not keep are omitted rather than invented.
 */
import type { Command, Segment } from './ast';
import type { Run } from './apply';
import { resolveDsn } from './apply';
import { genericMatches } from './match';
import { CASE_SENSITIVE_CLASSES } from './parser';
import type { ProfileRecord, UserRecord } from './state';

type Of<K extends Command['kind']> = Extract<Command, { kind: K }>;

function segLines(name: string, s: Segment): string[] {
  const out = [` ${name} INFORMATION`, ' ----------------'];
  for (const [k, v] of Object.entries(s)) {
    const val = v === true ? '' : Array.isArray(v) ? v.join(' ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    out.push(` ${k}= ${val}`.trimEnd());
  }
  return out;
}

function userLines(r: Run, u: UserRecord, c: Of<'LISTUSER'>): string[] {
  const out: string[] = [];
  if (c.noracf !== true) {
    const attrs = [u.special && 'SPECIAL', u.operations && 'OPERATIONS', u.auditor && 'AUDITOR', u.roaudit && 'ROAUDIT', u.restricted && 'RESTRICTED', u.revoked && 'REVOKED', u.password === null && u.phrase === null && 'PROTECTED', u.grpacc && 'GRPACC', u.adsp && 'ADSP'].filter(
      (x): x is string => typeof x === 'string',
    );
    out.push(`USER=${u.id}  NAME=${u.name === '' ? 'UNKNOWN' : u.name}  OWNER=${u.owner}`);
    out.push(` DEFAULT-GROUP=${u.dfltgrp}`);
    out.push(` ATTRIBUTES=${attrs.length === 0 ? 'NONE' : attrs.join(' ')}`);
    if (u.revokeDate !== null) out.push(` REVOKE DATE=${u.revokeDate}`);
    if (u.resumeDate !== null) out.push(` RESUME DATE=${u.resumeDate}`);
    out.push(` CLASS AUTHORIZATIONS=${u.clauth.length === 0 ? 'NONE' : u.clauth.join(' ')}`);
    if (u.data !== null) out.push(` INSTALLATION-DATA=${u.data}`);
    for (const g of u.groups) {
      const conn = r.d.connects.get(`${u.id}/${g}`);
      if (conn === undefined) continue;
      out.push(`  GROUP=${g}  AUTH=${conn.authority}  CONNECT-OWNER=${conn.owner}`);
      const ca = [conn.special && 'SPECIAL', conn.operations && 'OPERATIONS', conn.auditor && 'AUDITOR', conn.revoked && 'REVOKED'].filter((x): x is string => typeof x === 'string');
      out.push(`   CONNECT ATTRIBUTES=${ca.length === 0 ? 'NONE' : ca.join(' ')}`);
      out.push(`   UACC=${conn.uacc}`);
    }
  }
  const want = Object.keys(u.segments).filter((s) => c[s] === true);
  for (const s of want) {
    const seg = u.segments[s];
    if (seg !== undefined) out.push(...segLines(s, seg));
  }
  for (const s of ['OMVS', 'TSO', 'DFP', 'WORKATTR', 'CICS', 'KERB'])
    if (c[s] === true && u.segments[s] === undefined) out.push(` NO ${s} INFORMATION`);
  return out;
}

export function formatListuser(r: Run, c: Of<'LISTUSER'>): void {
  const ids = c.userids === undefined ? [r.e.issuer] : c.userids;
  const all = ids.includes('*') ? [...r.d.users.values()].sort((a, b) => (a.id < b.id ? -1 : 1)) : null;
  const list = all ?? ids.map((id) => r.d.users.get(id) ?? id);
  for (const u of list) {
    if (typeof u === 'string') {
      r.err('ICH30001I', `UNABLE TO LOCATE USER ENTRY ${u}`);
      continue;
    }
    r.out.push(...userLines(r, u, c), '');
  }
}

export function formatListgrp(r: Run, c: Of<'LISTGRP'>): void {
  const issuer = r.d.users.get(r.e.issuer);
  const ids = c.groups === undefined ? [issuer?.dfltgrp ?? 'SYS1'] : c.groups;
  const list = ids.includes('*') ? [...r.d.groups.keys()].sort() : ids;
  for (const id of list) {
    const g = r.d.groups.get(id);
    if (g === undefined) {
      r.err('ZTW-RACF-GROUP-NOT-DEFINED', `GROUP ${id} NOT DEFINED TO RACF`);
      continue;
    }
    if (c.noracf !== true) {
      r.out.push(`INFORMATION FOR GROUP ${g.id}`);
      r.out.push(`    SUPERIOR GROUP=${g.supgroup ?? 'NONE'}     OWNER=${g.owner}`);
      r.out.push(`    ${g.termuacc ? 'NO ' : ''}TERMUACC`);
      r.out.push(`    INSTALLATION DATA=${g.data ?? 'NONE'}`);
      const subs = [...r.d.groups.values()].filter((x) => x.supgroup === g.id).map((x) => x.id).sort();
      r.out.push(`    SUBGROUP(S)= ${subs.length === 0 ? 'NONE' : subs.join(' ')}`);
      const members = [...r.d.connects.values()].filter((x) => x.group === g.id).sort((a, b) => (a.user < b.user ? -1 : 1));
      if (members.length === 0) r.out.push('    NO USERS');
      else {
        r.out.push('    USER(S)=      ACCESS=      ACCESS COUNT=      UNIVERSAL ACCESS=');
        for (const m of members) r.out.push(`      ${m.user.padEnd(8)}    ${m.authority.padEnd(8)}       000000               ${m.uacc}`);
      }
    }
    for (const s of ['OMVS', 'DFP', 'OVM', 'TME', 'CSDATA']) {
      if (c[s as 'OMVS'] !== true) continue;
      const seg = g.segments[s];
      if (seg === undefined) r.out.push(`NO ${s} INFORMATION`);
      else r.out.push(...segLines(s, seg));
    }
    r.out.push('');
  }
}

function profileLines(p: ProfileRecord, all: boolean): string[] {
  const out: string[] = [];
  out.push(`CLASS      NAME`);
  out.push(`-----      ----`);
  out.push(`${p.class.padEnd(8)}   ${p.name}${p.generic ? ' (G)' : ''}`);
  out.push('');
  out.push(`LEVEL  OWNER      UNIVERSAL ACCESS  YOUR ACCESS  WARNING`);
  out.push(`-----  --------   ----------------  -----------  -------`);
  out.push(` ${String(p.level).padStart(2, '0')}    ${p.owner.padEnd(8)}       ${p.uacc.padEnd(8)}         ${'N/A'.padEnd(8)}    ${p.warning ? 'YES' : 'NO'}`);
  out.push('');
  out.push(`INSTALLATION DATA`);
  out.push(`-----------------`);
  out.push(p.data ?? 'NONE');
  if (p.appldata !== null) out.push('', 'APPLICATION DATA', '----------------', p.appldata);
  if (p.members.length > 0) out.push('', 'RESOURCES IN GROUP', '------------------', ...p.members);
  if (all) {
    out.push('');
    if (p.accessList.length === 0) out.push('NO USERS IN ACCESS LIST');
    else {
      out.push('  USER      ACCESS   ACCESS COUNT');
      out.push('  ----      ------   ------ -----');
      for (const e of p.accessList) out.push(`  ${e.id.padEnd(8)}  ${e.access.padEnd(7)}    000000`);
    }
    if (p.conditionalAccessList.length > 0) {
      out.push('');
      out.push('  USER      ACCESS   CLASS     ENTITY NAME');
      out.push('  ----      ------   -----     -----------');
      for (const e of p.conditionalAccessList) out.push(`  ${e.id.padEnd(8)}  ${e.access.padEnd(7)}  ${e.when.kind.padEnd(8)}  ${e.when.value}`);
    }
  }
  for (const [s, seg] of Object.entries(p.segments)) out.push('', ...segLines(s, seg));
  return out;
}

function findCovering(r: Run, cls: string, name: string): ProfileRecord | undefined {
  const d = r.d.profile(cls, name, false);
  if (d !== undefined) return d;
  const cp = r.d.classProfilesNow(cls);
  let best: ProfileRecord | undefined;
  for (const g of cp.generic.values()) if (genericMatches(g.name, name, cls === 'DATASET', r.d.setropts.egn) && (best === undefined || g.name.length > best.name.length)) best = g;
  return best;
}

export function formatRlist(r: Run, c: Of<'RLIST'>): void {
  const cp = r.d.classProfilesNow(c.class);
  const list: ProfileRecord[] = [];
  for (const name of c.profiles) {
    if (name === '*') {
      list.push(...[...cp.discrete.values(), ...cp.generic.values()].sort((a, b) => (a.name < b.name ? -1 : 1)));
      continue;
    }
    const p = c.generic === true ? findCovering(r, c.class, name) : (r.d.profile(c.class, name, false) ?? r.d.profile(c.class, name, true));
    if (p === undefined) r.err('ZTW-RACF-PROFILE-NOT-DEFINED', `ICH13003I ${name} NOT FOUND`);
    else list.push(p);
  }
  for (const p of list) r.out.push(...profileLines(p, c.all === true || c.authuser === true), '');
}

export function formatListdsd(r: Run, c: Of<'LISTDSD'>): void {
  const names = [...(c.profiles ?? []), ...(c.dataset ?? [])].map((n) => resolveDsn(n, r.e.issuer));
  const cp = r.d.classProfilesNow('DATASET');
  const list: ProfileRecord[] = [];
  for (const pfx of [...(c.ids ?? []), ...(c.prefix ?? [])]) {
    list.push(...[...cp.discrete.values(), ...cp.generic.values()].filter((p) => p.name.startsWith(`${pfx}.`) || p.name === pfx));
  }
  for (const n of names) {
    const p = c.generic === true ? findCovering(r, 'DATASET', n) : (r.d.profile('DATASET', n, false) ?? r.d.profile('DATASET', n, true));
    if (p === undefined) r.err('ZTW-RACF-PROFILE-NOT-DEFINED', `ICH35003I NO RACF DESCRIPTION FOUND FOR ${n}`);
    else list.push(p);
  }
  for (const p of list) {
    const lines = profileLines(p, c.all === true || c.authuser === true);
    r.out.push(`INFORMATION FOR DATASET ${p.name}${p.generic ? ' (G)' : ''}`, ...lines.slice(3), '');
  }
}

export function formatSetroptsList(r: Run): void {
  const s = r.d.setropts;
  const classes = [...r.d.classes.values()].filter((c) => c.name !== '*').sort((a, b) => (a.name < b.name ? -1 : 1));
  const names = (f: (c: (typeof classes)[number]) => boolean): string => classes.filter(f).map((c) => c.name).join(' ') || 'NONE';
  r.out.push(`ACTIVE CLASSES = ${names((c) => c.active)}`);
  r.out.push(`GENERIC PROFILE CHECKING CLASSES = ${names((c) => c.generic)}`);
  r.out.push(`GENERIC COMMAND CLASSES = ${names((c) => c.gencmd)}`);
  r.out.push(`GENLIST CLASSES = ${names((c) => c.genlist)}`);
  r.out.push(`GLOBAL CHECKING CLASSES = ${names((c) => c.global)}`);
  r.out.push(`SETR RACLIST CLASSES = ${names((c) => c.raclist)}`);
  r.out.push(`${s.grplist ? '' : 'NO '}LIST OF GROUPS ACCESS CHECKING ACTIVE.`);
  r.out.push(`${s.egn ? '' : 'NO '}ENHANCED GENERIC NAMING IS ACTIVE.`);
  r.out.push(`${s.protectall === false ? 'PROTECT-ALL IS NOT IN EFFECT' : `PROTECT-ALL IS ACTIVE, ${s.protectall} MODE`}`);
  r.out.push(`${s.addcreator ? 'ADDCREATOR IS IN EFFECT' : 'ADDCREATOR IS NOT IN EFFECT'}`);
  r.out.push(`${s.realdsn ? 'REAL DATA SET NAMES OPTION IS ACTIVE' : 'REAL DATA SET NAMES OPTION IS INACTIVE'}`);
  r.out.push(`PASSWORD PROCESSING OPTIONS: MIXED CASE PASSWORD SUPPORT IS ${s.mixedcase ? 'IN EFFECT' : 'NOT IN EFFECT'}`);
  r.out.push(`PREFIX FOR SINGLE LEVEL DATA SET NAMES ${s.prefix === null ? 'IS NOT IN EFFECT' : `= ${s.prefix}`}`);
}

/** SEARCH: profile names of a class matching MASK (prefix) or FILTER (generic pattern). */
export function formatSearch(r: Run, c: Of<'SEARCH'>): void {
  const cls = c.class ?? 'DATASET';
  if (cls === 'USER' || cls === 'GROUP') {
    const keys = [...(cls === 'USER' ? r.d.users.keys() : r.d.groups.keys())].sort();
    for (const k of keys) if (matchSearch(c, k, false, true)) r.out.push(k);
    return;
  }
  const cp = r.d.classProfilesNow(cls);
  const all = [...cp.discrete.values(), ...cp.generic.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of all) {
    if (c.user !== undefined && !p.accessList.some((e) => e.id === c.user)) continue;
    if (c.warning === true && !p.warning) continue;
    if (c.nowarning === true && p.warning) continue;
    if (matchSearch(c, p.name, cls === 'DATASET', !CASE_SENSITIVE_CLASSES.has(cls))) r.out.push(`${p.name}${p.generic ? ' (G)' : ''}`);
  }
}
/** MASK/FILTER are profile names: folded to upper case except in case-sensitive classes (EJBROLE ...). */
function matchSearch(c: Of<'SEARCH'>, name: string, dataset: boolean, fold: boolean): boolean {
  if (c.mask !== undefined) return name.startsWith(fold ? c.mask.toUpperCase() : c.mask);
  if (c.filter !== undefined) return genericMatches(fold ? c.filter.toUpperCase() : c.filter, name, dataset, true);
  return true;
}
