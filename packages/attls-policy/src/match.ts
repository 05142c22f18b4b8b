import * as t from 'io-ts';
import { type Clock, systemClock } from '@ztwin/core';
import { type IpAddress, parseIp } from './address';
import { addrMatches, type CompiledRule, compileRules, nameMatches, portMatches, timeMatches } from './conditions';
import { indexPolicy, type Policy, type PolicyIndex } from './model';

/** A TCP connection as AT-TLS sees it when it looks for a rule. */
export const Connection = t.intersection([
  t.type({
    jobname: t.string,
    localAddr: t.string,
    localPort: t.number,
    remoteAddr: t.string,
    remotePort: t.number,
    /** inbound = the socket was accepted; outbound = the socket connected. */
    direction: t.keyof({ inbound: null, outbound: null }),
  }),
  t.partial({
    userid: t.string,
    /** ISO time of the connection (for IpTimeCondition); default: the matcher's clock. */
    time: t.string,
  }),
]);
export type Connection = t.TypeOf<typeof Connection>;

export const SkippedRule = t.type({ rule: t.string, priority: t.number, reason: t.string });
export type SkippedRule = t.TypeOf<typeof SkippedRule>;

export interface MatchOptions {
  /** "Now" when the connection has no time (default: the system clock). */
  readonly clock?: Clock;
  /** Same as `clock` (kept for callers written against the first API). */
  readonly now?: () => Date;
  /** Local time minus UTC in minutes, for IpTimeCondition TimeZone Local (default 0). */
  readonly localOffsetMinutes?: number;
}

/** A connection with parsed addresses, ready to test against many rules. */
export interface PreparedConnection {
  readonly jobname: string;
  readonly userid: string | undefined;
  readonly local: IpAddress | undefined;
  readonly remote: IpAddress | undefined;
  readonly localPort: number;
  readonly remotePort: number;
  readonly inbound: boolean;
  readonly at: Date;
}

export function prepareConnection(c: Connection, opts: MatchOptions = {}): PreparedConnection {
  return {
    jobname: c.jobname.toUpperCase(),
    userid: c.userid?.toUpperCase(),
    local: parseIp(c.localAddr),
    remote: parseIp(c.remoteAddr),
    localPort: c.localPort,
    remotePort: c.remotePort,
    inbound: c.direction === 'inbound',
    at: c.time !== undefined ? new Date(c.time) : (opts.now?.() ?? (opts.clock ?? systemClock).now()),
  };
}

/** Why `r` does not match `c`; undefined when it matches. Conditions are checked in a fixed order. */
export function mismatch(r: CompiledRule, c: PreparedConnection, localOffsetMinutes = 0): string | undefined {
  if (r.direction !== 'Both' && (r.direction === 'Inbound') !== c.inbound)
    return `Direction ${r.direction} does not match an ${c.inbound ? 'inbound' : 'outbound'} connection`;
  if (r.localPort !== undefined && !portMatches(r.localPort, c.localPort)) return `local port ${c.localPort} is not in ${r.localPort.text}`;
  if (r.remotePort !== undefined && !portMatches(r.remotePort, c.remotePort)) return `remote port ${c.remotePort} is not in ${r.remotePort.text}`;
  if (r.jobname !== undefined && !nameMatches(r.jobname, c.jobname)) return `Jobname ${c.jobname} does not match ${r.jobname.text}`;
  if (r.userid !== undefined && (c.userid === undefined || !nameMatches(r.userid, c.userid)))
    return c.userid === undefined ? `Userid ${r.userid.text} required but the connection has no user ID` : `Userid ${c.userid} does not match ${r.userid.text}`;
  if (r.localAddr !== undefined && (c.local === undefined || !addrMatches(r.localAddr, c.local))) return `local address is not in ${r.localAddr.text}`;
  if (r.remoteAddr !== undefined && (c.remote === undefined || !addrMatches(r.remoteAddr, c.remote))) return `remote address is not in ${r.remoteAddr.text}`;
  if (r.time !== undefined && !timeMatches(r.time, c.at, localOffsetMinutes)) return `outside IpTimeCondition ${r.time.text}`;
  return undefined;
}

/** Reference semantics: scan rules in order, first match wins; explains every rule skipped. */
export function matchNaive(
  rules: readonly CompiledRule[],
  c: PreparedConnection,
  localOffsetMinutes = 0,
): { rule: CompiledRule | undefined; skipped: SkippedRule[] } {
  const skipped: SkippedRule[] = [];
  for (const r of rules) {
    const why = mismatch(r, c, localOffsetMinutes);
    if (why === undefined) return { rule: r, skipped };
    skipped.push({ rule: r.name, priority: r.priority, reason: why });
  }
  return { rule: undefined, skipped };
}

// --- indexed matcher -------------------------------------------------------------------------------

interface DirIndex {
  readonly byLocalPort: Map<number, number[]>;
  readonly byRemotePort: Map<number, number[]>;
  readonly byJob: Map<string, number[]>;
  /** jobname prefix (wildcard rules) → rules; only prefix lengths in `prefixLengths` exist. */
  readonly byJobPrefix: Map<string, number[]>;
  readonly prefixLengths: number[];
  readonly rest: number[];
}

function push<K>(m: Map<K, number[]>, k: K, v: number): void {
  const a = m.get(k);
  if (a === undefined) m.set(k, [v]);
  else a.push(v);
}

function buildDir(rules: readonly CompiledRule[], inbound: boolean): DirIndex {
  const d: DirIndex = { byLocalPort: new Map(), byRemotePort: new Map(), byJob: new Map(), byJobPrefix: new Map(), prefixLengths: [], rest: [] };
  const lens = new Set<number>();
  for (const r of rules) {
    if (r.direction !== 'Both' && (r.direction === 'Inbound') !== inbound) continue;
    // Each rule goes into exactly one bucket: the most selective key it has.
    const lp = r.localPort?.ranges;
    const rp = r.remotePort?.ranges;
    if (lp !== undefined && lp.length === 1 && lp[0] !== undefined && lp[0].lo === lp[0].hi) push(d.byLocalPort, lp[0].lo, r.order);
    else if (rp !== undefined && rp.length === 1 && rp[0] !== undefined && rp[0].lo === rp[0].hi) push(d.byRemotePort, rp[0].lo, r.order);
    else if (r.jobname !== undefined && !r.jobname.wildcard) push(d.byJob, r.jobname.prefix, r.order);
    else if (r.jobname !== undefined && r.jobname.prefix.length > 0) {
      push(d.byJobPrefix, r.jobname.prefix, r.order);
      lens.add(r.jobname.prefix.length);
    } else d.rest.push(r.order);
  }
  d.prefixLengths.push(...[...lens].sort((a, b) => a - b));
  return d;
}

const EMPTY: number[] = [];

/**
 * A matcher for many connections against one policy. Rules are bucketed by their most selective
 * exact key (local port, remote port, job name, job-name prefix) per direction; a lookup merges
 * the few candidate lists in evaluation order and stops at the first rule that matches, so it
 * returns exactly what the naive scan returns (see the property test).
 */
export class RuleMatcher {
  readonly rules: readonly CompiledRule[];
  private readonly inbound: DirIndex;
  private readonly outbound: DirIndex;
  private readonly lists: number[][] = [[], [], [], [], [], [], [], [], [], [], [], [], []];
  private readonly pos: number[] = new Array<number>(13).fill(0);

  constructor(
    policy: Policy,
    private readonly opts: MatchOptions = {},
    idx: PolicyIndex = indexPolicy(policy),
  ) {
    this.rules = compileRules(policy, idx);
    this.inbound = buildDir(this.rules, true);
    this.outbound = buildDir(this.rules, false);
  }

  /** The first matching rule (evaluation order), or undefined. */
  matchPrepared(c: PreparedConnection): CompiledRule | undefined {
    const d = c.inbound ? this.inbound : this.outbound;
    const lists = this.lists;
    let n = 0;
    lists[n++] = d.byLocalPort.get(c.localPort) ?? EMPTY;
    lists[n++] = d.byRemotePort.get(c.remotePort) ?? EMPTY;
    lists[n++] = d.byJob.get(c.jobname) ?? EMPTY;
    for (const len of d.prefixLengths) {
      if (len > c.jobname.length) break;
      lists[n++] = d.byJobPrefix.get(c.jobname.slice(0, len)) ?? EMPTY;
    }
    lists[n++] = d.rest;
    const pos = this.pos;
    for (let i = 0; i < n; i++) pos[i] = 0;
    const off = this.opts.localOffsetMinutes ?? 0;
    for (;;) {
      let best = -1;
      let bestVal = Number.MAX_SAFE_INTEGER;
      for (let i = 0; i < n; i++) {
        const l = lists[i];
        const p = pos[i] ?? 0;
        if (l !== undefined && p < l.length) {
          const v = l[p] ?? Number.MAX_SAFE_INTEGER;
          if (v < bestVal) {
            bestVal = v;
            best = i;
          }
        }
      }
      if (best < 0) return undefined;
      pos[best] = (pos[best] ?? 0) + 1;
      const r = this.rules[bestVal];
      if (r !== undefined && mismatch(r, c, off) === undefined) return r;
    }
  }

  match(c: Connection): CompiledRule | undefined {
    return this.matchPrepared(prepareConnection(c, this.opts));
  }
}
