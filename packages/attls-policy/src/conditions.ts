import { type AddrRange, inRange, type IpAddress, parseAddrSpec, parsePortSpec, rangeContains } from './address';
import { indexPolicy, paramValue, type Policy, type PolicyIndex, type Statement, subStatement, subStatements } from './model';

/** An address condition: undefined = not given (any address). */
export interface AddrCondition {
  readonly all: boolean;
  readonly ranges: readonly AddrRange[];
  /** Text for explanations. */
  readonly text: string;
}
export interface PortCondition {
  readonly ranges: readonly { readonly lo: number; readonly hi: number }[];
  readonly text: string;
}
export interface NameCondition {
  /** Upper-cased; without the trailing `*` when `wildcard`. */
  readonly prefix: string;
  readonly wildcard: boolean;
  readonly text: string;
}
export interface TimeCondition {
  readonly utc: boolean;
  readonly from?: number;
  readonly to?: number;
  /** minutes since midnight */
  readonly todFrom?: number;
  readonly todTo?: number;
  readonly dayOfMonth?: string;
  readonly monthOfYear?: string;
  readonly dayOfWeek?: string;
  readonly text: string;
}

export type Direction = 'Inbound' | 'Outbound' | 'Both';

/** A TTLSRule's conditions, resolved through references and compiled for matching. */
export interface CompiledRule {
  readonly name: string;
  /** Priority (a rule without one sorts below every rule with one: 0). */
  readonly priority: number;
  /** Position in evaluation order (0 = evaluated first). */
  readonly order: number;
  readonly statement: Statement;
  readonly direction: Direction;
  readonly localAddr?: AddrCondition;
  readonly remoteAddr?: AddrCondition;
  readonly localPort?: PortCondition;
  readonly remotePort?: PortCondition;
  readonly jobname?: NameCondition;
  readonly userid?: NameCondition;
  readonly time?: TimeCondition;
}

function addrCondition(rule: Statement, side: 'Local' | 'Remote', idx: PolicyIndex): AddrCondition | undefined {
  const specs: { spec: string; form: 'any' | 'single' | 'prefix' | 'range'; allowAll: boolean }[] = [];
  const direct = paramValue(rule, `${side}Addr`);
  if (direct !== undefined) specs.push({ spec: direct, form: 'any', allowAll: true });
  const addrRef = paramValue(rule, `${side}AddrRef`);
  const fromIpAddr = (s: Statement): void => {
    const a = paramValue(s, 'Addr');
    if (a !== undefined) specs.push({ spec: a, form: 'single', allowAll: false });
  };
  const fromSet = (s: Statement): void => {
    for (const p of s.params) {
      const k = p.keyword.toLowerCase();
      const v = p.values[0];
      if (v === undefined) continue;
      if (k === 'prefix') specs.push({ spec: v, form: 'prefix', allowAll: false });
      else if (k === 'range') specs.push({ spec: v, form: 'range', allowAll: false });
    }
  };
  if (addrRef !== undefined) {
    const s = idx.get('ipaddr')?.get(addrRef);
    if (s !== undefined) fromIpAddr(s);
  }
  const setRef = paramValue(rule, `${side}AddrSetRef`);
  if (setRef !== undefined) {
    const s = idx.get('ipaddrset')?.get(setRef);
    if (s !== undefined) fromSet(s);
  }
  const groupRef = paramValue(rule, `${side}AddrGroupRef`);
  if (groupRef !== undefined) {
    const g = idx.get('ipaddrgroup')?.get(groupRef);
    if (g !== undefined) {
      for (const s of subStatements(g, 'IpAddrSet', idx)) fromSet(s);
      for (const s of subStatements(g, 'IpAddr', idx)) fromIpAddr(s);
    }
  }
  const given = direct !== undefined || addrRef !== undefined || setRef !== undefined || groupRef !== undefined;
  if (!given) return undefined;
  let all = false;
  const ranges: AddrRange[] = [];
  for (const sp of specs) {
    const r = parseAddrSpec(sp.spec, sp.form, sp.allowAll);
    if (r === undefined) continue;
    if (r.all) all = true;
    else ranges.push(r.range);
  }
  return { all, ranges, text: specs.map((s) => s.spec).join(',') || '(nothing)' };
}

function portCondition(rule: Statement, side: 'Local' | 'Remote', idx: PolicyIndex): PortCondition | undefined {
  const specs: string[] = [];
  const direct = paramValue(rule, `${side}PortRange`);
  if (direct !== undefined) specs.push(direct);
  const rref = paramValue(rule, `${side}PortRangeRef`);
  if (rref !== undefined) {
    const s = idx.get('portrange')?.get(rref);
    const v = s === undefined ? undefined : paramValue(s, 'Port');
    if (v !== undefined) specs.push(v);
  }
  const gref = paramValue(rule, `${side}PortGroupRef`);
  if (gref !== undefined) {
    const g = idx.get('portgroup')?.get(gref);
    if (g !== undefined)
      for (const s of subStatements(g, 'PortRange', idx)) {
        const v = paramValue(s, 'Port');
        if (v !== undefined) specs.push(v);
      }
  }
  if (direct === undefined && rref === undefined && gref === undefined) return undefined;
  const ranges: { lo: number; hi: number }[] = [];
  for (const sp of specs) {
    const r = parsePortSpec(sp);
    if (r === undefined) continue;
    // Port 0 means any port (IP Configuration Reference, TTLSRule LocalPortRange).
    if (r.lo === 0 && r.hi === 0) return undefined;
    ranges.push(r);
  }
  return { ranges, text: specs.join(',') || '(nothing)' };
}

function nameCondition(v: string | undefined): NameCondition | undefined {
  if (v === undefined) return undefined;
  const u = v.toUpperCase();
  if (u.endsWith('*')) return { prefix: u.slice(0, -1), wildcard: true, text: v };
  return { prefix: u, wildcard: false, text: v };
}

function parseStamp(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(s);
  if (m === null) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}
function parseTod(s: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (m === null) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 24 || mi > 59 || (h === 24 && mi > 0)) return undefined;
  return h * 60 + mi;
}

/** `ConditionTimeRange from[:to]` (yyyymmdd[hh[mm[ss]]]), `TimeOfDayRange hh:mm-hh:mm`, 0/1 masks. */
export function parseTimeRange(v: string): { from?: number; to?: number } | undefined {
  const [a, b] = v.split(':');
  const from = a === undefined || a === '' ? undefined : parseStamp(a);
  const to = b === undefined || b === '' ? undefined : parseStamp(b);
  if ((a !== undefined && a !== '' && from === undefined) || (b !== undefined && b !== '' && to === undefined)) return undefined;
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}
export function parseTimeOfDay(v: string): { from: number; to: number } | undefined {
  const [a, b] = v.split('-');
  const from = a === undefined ? undefined : parseTod(a);
  const to = b === undefined ? undefined : parseTod(b);
  return from === undefined || to === undefined ? undefined : { from, to };
}

function timeCondition(rule: Statement, idx: PolicyIndex): TimeCondition | undefined {
  const s = subStatement(rule, 'IpTimeCondition', idx);
  if (s === undefined) return undefined;
  const tz = (paramValue(s, 'TimeZone') ?? 'Local').toLowerCase();
  const range = paramValue(s, 'ConditionTimeRange');
  const tod = paramValue(s, 'TimeOfDayRange');
  const r = range === undefined ? undefined : parseTimeRange(range);
  const t = tod === undefined ? undefined : parseTimeOfDay(tod);
  const dom = paramValue(s, 'DayOfMonthMask');
  const moy = paramValue(s, 'MonthOfYearMask');
  const dow = paramValue(s, 'DayOfWeekMask');
  return {
    utc: tz === 'utc',
    ...(r?.from === undefined ? {} : { from: r.from }),
    ...(r?.to === undefined ? {} : { to: r.to }),
    ...(t === undefined ? {} : { todFrom: t.from, todTo: t.to }),
    ...(dom === undefined ? {} : { dayOfMonth: dom }),
    ...(moy === undefined ? {} : { monthOfYear: moy }),
    ...(dow === undefined ? {} : { dayOfWeek: dow }),
    text: s.name,
  };
}

/** Does the time condition hold at `at`? `localOffsetMinutes` = local time minus UTC. */
export function timeMatches(c: TimeCondition, at: Date, localOffsetMinutes: number): boolean {
  const ms = at.getTime() + (c.utc ? 0 : localOffsetMinutes * 60000);
  // Stamps are compared in the condition's own time zone: shift "now" into it.
  if (c.from !== undefined && ms < c.from) return false;
  if (c.to !== undefined && ms > c.to) return false;
  const d = new Date(ms);
  if (c.todFrom !== undefined && c.todTo !== undefined) {
    const m = d.getUTCHours() * 60 + d.getUTCMinutes();
    const inside = c.todFrom <= c.todTo ? m >= c.todFrom && m < c.todTo : m >= c.todFrom || m < c.todTo;
    if (!inside) return false;
  }
  if (c.dayOfWeek !== undefined && c.dayOfWeek[d.getUTCDay()] !== '1') return false;
  if (c.monthOfYear !== undefined && c.monthOfYear[d.getUTCMonth()] !== '1') return false;
  if (c.dayOfMonth !== undefined) {
    const day = d.getUTCDate();
    const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    // First 31 positions count from the first day, the next 31 from the last day of the month.
    const fwd = c.dayOfMonth[day - 1] === '1';
    const back = c.dayOfMonth.length > 31 ? c.dayOfMonth[31 + (daysInMonth - day)] === '1' : false;
    if (!fwd && !back) return false;
  }
  return true;
}

function directionOf(v: string | undefined): Direction {
  const l = (v ?? '').toLowerCase();
  return l === 'inbound' ? 'Inbound' : l === 'outbound' ? 'Outbound' : 'Both';
}

/** Compile every TTLSRule, in evaluation order: priority highest first, then name alphabetically. */
export function compileRules(policy: Policy, idx: PolicyIndex = indexPolicy(policy)): CompiledRule[] {
  const rules = policy.statements.filter((s) => s.type === 'TTLSRule');
  const withPrio = rules.map((s) => {
    const p = Number(paramValue(s, 'Priority') ?? '0');
    return { s, p: Number.isFinite(p) ? p : 0 };
  });
  withPrio.sort((a, b) => b.p - a.p || (a.s.name < b.s.name ? -1 : a.s.name > b.s.name ? 1 : 0));
  return withPrio.map(({ s, p }, order) => {
    const la = addrCondition(s, 'Local', idx);
    const ra = addrCondition(s, 'Remote', idx);
    const lp = portCondition(s, 'Local', idx);
    const rp = portCondition(s, 'Remote', idx);
    const jn = nameCondition(paramValue(s, 'Jobname'));
    const ui = nameCondition(paramValue(s, 'Userid'));
    const tc = timeCondition(s, idx);
    return {
      name: s.name,
      priority: p,
      order,
      statement: s,
      direction: directionOf(paramValue(s, 'Direction')),
      ...(la === undefined ? {} : { localAddr: la }),
      ...(ra === undefined ? {} : { remoteAddr: ra }),
      ...(lp === undefined ? {} : { localPort: lp }),
      ...(rp === undefined ? {} : { remotePort: rp }),
      ...(jn === undefined ? {} : { jobname: jn }),
      ...(ui === undefined ? {} : { userid: ui }),
      ...(tc === undefined ? {} : { time: tc }),
    };
  });
}

export function addrMatches(c: AddrCondition, a: IpAddress): boolean {
  if (c.all) return true;
  for (const r of c.ranges) if (inRange(a, r)) return true;
  return false;
}
export function portMatches(c: PortCondition, p: number): boolean {
  for (const r of c.ranges) if (p >= r.lo && p <= r.hi) return true;
  return false;
}
export function nameMatches(c: NameCondition, upper: string): boolean {
  return c.wildcard ? upper.startsWith(c.prefix) : upper === c.prefix;
}

// --- containment, for "this rule can never match" ------------------------------------------------

function addrCovers(outer: AddrCondition | undefined, inner: AddrCondition | undefined): boolean {
  if (outer === undefined) return true;
  if (outer.all) return true;
  if (inner === undefined || inner.all) return false;
  return inner.ranges.every((r) => outer.ranges.some((o) => rangeContains(o, r)));
}
function portCovers(outer: PortCondition | undefined, inner: PortCondition | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return outer.ranges.some((o) => o.lo <= 1 && o.hi >= 65535);
  return inner.ranges.every((r) => outer.ranges.some((o) => o.lo <= r.lo && r.hi <= o.hi));
}
function nameCovers(outer: NameCondition | undefined, inner: NameCondition | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return outer.wildcard && outer.prefix === '';
  if (outer.wildcard) return inner.prefix.startsWith(outer.prefix);
  return !inner.wildcard && inner.prefix === outer.prefix;
}

/** Does every connection that `inner` matches also match `outer`? (conservative: false when unsure) */
export function ruleCovers(outer: CompiledRule, inner: CompiledRule): boolean {
  if (outer.time !== undefined) return false;
  if (outer.direction !== 'Both' && outer.direction !== inner.direction) return false;
  return (
    addrCovers(outer.localAddr, inner.localAddr) &&
    addrCovers(outer.remoteAddr, inner.remoteAddr) &&
    portCovers(outer.localPort, inner.localPort) &&
    portCovers(outer.remotePort, inner.remotePort) &&
    nameCovers(outer.jobname, inner.jobname) &&
    nameCovers(outer.userid, inner.userid)
  );
}
