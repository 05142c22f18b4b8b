import { type Clock, type Diagnostic, diagnostic, didYouMean, type SourceSpan, systemClock } from '@ztwin/core';
import { parseAddrSpec, parseIPv6, parsePortSpec } from './address';
import { cipherNames, lookupCipher, V2_CIPHER_CODES } from './ciphers';
import { type CompiledRule, compileRules, parseTimeOfDay, parseTimeRange, ruleCovers } from './conditions';
import { effectiveActions } from './effective';
import { type KeyringFacts, type VirtualKeyringRef, parseKeyringRef, virtualKeyringText } from './keyring-facts';
import { indexPolicy, type Param, paramValue, type Policy, type PolicyIndex, type Statement, subStatement } from './model';
import { unrenderableName } from './render';
import {
  DEFAULT_RELEASE,
  PARAM_SINCE,
  type ParamSpec,
  releaseIndex,
  statementSpec,
  statementsWithParam,
  type StatementType,
  STATEMENT_TYPES,
  lookupStatementType,
  type ZosRelease,
} from './schema';

export interface ValidateOptions {
  /** z/OS release the policy is for (defaults and which parameters exist). Default V3R1. */
  readonly release?: ZosRelease;
  /** RACF/keyring facts; when given, key rings are checked for the connection's user. */
  readonly keyringFacts?: KeyringFacts;
  /** User ID of each job name (the user who owns the connections of that job). */
  readonly jobUsers?: Readonly<Record<string, string>>;
  /** "Now" for certificate validity (default the system clock). */
  readonly clock?: Clock;
  /** Skip the O(n²) shadowed-rule analysis (for very large policies). */
  readonly skipShadowCheck?: boolean;
}

const ONOFF = ['On', 'Off'];

/**
 * Validate a parsed policy as Policy Agent (and the handshake that follows) would judge it:
 * unknown or misplaced parameters, values out of range, missing required parameters, dangling or
 * wrongly typed references, rules that can never match, environments with every protocol off,
 * unknown cipher suites, and (with `keyringFacts`) key rings that the connection's user cannot use.
 */
export function validatePolicy(policy: Policy, opts: ValidateOptions = {}): Diagnostic[] {
  const ds: Diagnostic[] = [];
  const idx = indexPolicy(policy);
  const release = opts.release ?? DEFAULT_RELEASE;
  const err = (code: string, message: string, at: SourceSpan, hint?: string, severity: Diagnostic['severity'] = 'error'): void => {
    ds.push(diagnostic(hint === undefined ? { code, message, severity } : { code, message, severity, hint }, at));
  };

  const checkStatement = (s: Statement, nestedIn: Statement | undefined): void => {
    const type = s.known ? lookupStatementType(s.type) : undefined;
    if (type === undefined) return; // the parser already reported it
    const spec = statementSpec(type);
    if (!s.anonymous) {
      const why = unrenderableName(s.name);
      if (why !== undefined) err('ATTLS120', `invalid name for ${type} '${s.name}': ${why}`, s.span);
    } else if (nestedIn === undefined) {
      err('ATTLS004', `${type} at the top level needs a name`, s.span);
    }
    const seen = new Map<string, Param>();
    for (const p of s.params) {
      const ps = spec.byLower.get(p.keyword.toLowerCase());
      if (ps === undefined) {
        misplaced(p, type);
        if (p.nested !== undefined) checkStatement(p.nested, s);
        continue;
      }
      const since = PARAM_SINCE[ps.name];
      if (since !== undefined && releaseIndex(release) < releaseIndex(since))
        err('ATTLS104', `${ps.name} is not supported before z/OS ${since} (policy is for ${release})`, p.span);
      const prev = seen.get(ps.name.toLowerCase());
      if (prev !== undefined && ps.repeatable !== true && ps.type.kind !== 'nested')
        err('ATTLS105', `${ps.name} given more than once in ${type} ${s.anonymous ? '' : s.name}: the last one is used`, p.span, undefined, 'warning');
      seen.set(ps.name.toLowerCase(), p);
      checkValue(p, ps);
      if (p.nested !== undefined) checkStatement(p.nested, s);
    }
    // Required parameters (X or XRef both satisfy a sub-statement requirement).
    for (const ps of spec.params) {
      if (ps.required !== true) continue;
      if (ps.type.kind === 'ref' && ps.name.endsWith('Ref') && spec.byLower.has(ps.type.target.toLowerCase())) continue; // checked via the nested one
      const names = ps.type.kind === 'nested' ? [ps.name, `${ps.name}Ref`] : [ps.name];
      if (!names.some((n) => seen.has(n.toLowerCase())))
        err('ATTLS106', `${type}${s.anonymous ? '' : ' ' + s.name} is missing ${names.join(' or ')}`, s.span);
    }
    if (type === 'TTLSKeyringParms') {
      const ring = paramValue(s, 'Keyring');
      const kind = ring === undefined ? undefined : parseKeyringRef(ring).kind;
      const pw = seen.get('keyringpw') ?? seen.get('keyringstashfile');
      if ((kind === 'saf' || kind === 'virtual') && pw !== undefined)
        err('ATTLS165', `${pw.keyword} applies to key database files only: it is ignored for the SAF key ring ${ring ?? ''}`, pw.span, undefined, 'warning');
      if (kind === 'kdb' && pw === undefined)
        err('ATTLS165', `key database ${ring ?? ''} needs KeyringPw or KeyringStashFile`, s.span, undefined, 'warning');
    }
    // IpAddrSet: exactly one Prefix or Range (IP Configuration Reference, IpAddrSet statement).
    if (type === 'IpAddrSet' && seen.has('prefix') === seen.has('range'))
      err(seen.has('prefix') ? 'ATTLS107' : 'ATTLS106', `IpAddrSet${s.anonymous ? '' : ' ' + s.name} needs exactly one Prefix or Range`, s.span);
    // X and XRef together.
    for (const ps of spec.params)
      if (ps.type.kind === 'nested' && ps.repeatable !== true && seen.has(ps.name.toLowerCase()) && seen.has(`${ps.name}ref`.toLowerCase()))
        err('ATTLS107', `${type} ${s.name} has both an inline ${ps.name} and ${ps.name}Ref: specify one`, s.span);
  };

  const misplaced = (p: Param, type: StatementType): void => {
    const elsewhere = statementsWithParam(p.keyword);
    if (elsewhere.length > 0) {
      err('ATTLS101', `${p.keyword} is not valid in ${type}`, p.span, `it belongs in ${elsewhere.join(', ')}`);
      return;
    }
    const st = lookupStatementType(p.keyword);
    if (st !== undefined) {
      err('ATTLS101', `${st} cannot be nested in ${type}${st.endsWith('Action') ? ': actions are only referenced from rules' : ''}`, p.span);
      return;
    }
    const dym = didYouMean(p.keyword, statementSpec(type).params.map((x) => x.name));
    err('ATTLS100', `unknown parameter ${p.keyword} in ${type}`, p.span, dym === undefined ? undefined : `did you mean ${dym}?`);
  };

  const checkValue = (p: Param, ps: ParamSpec): void => {
    const k = ps.type;
    if (k.kind === 'nested') {
      if (p.nested === undefined) err('ATTLS108', `${ps.name} must be an inline statement { ... } here`, p.span);
      return;
    }
    if (p.nested !== undefined) {
      err('ATTLS108', `${ps.name} takes a value, not a nested statement`, p.span);
      return;
    }
    const vs = p.values;
    if (vs.length === 0) return; // parser reported it
    const multi = k.kind === 'list' || k.kind === 'ciphers';
    // Policy Agent reads one value and treats the rest of the line as a comment (e.g. `Addr 10.1.0.2 ZOSA`).
    if (!multi && vs.length > 1 && ps.secret !== true)
      err('ATTLS109', `${ps.name} takes one value: '${vs.slice(1).join(' ')}' is ignored (use # for comments)`, p.span, undefined, 'warning');
    else if (!multi && vs.length > 1) err('ATTLS109', `${ps.name} takes one value: the rest of the line is ignored`, p.span, undefined, 'warning');
    const v = vs[0] ?? '';
    switch (k.kind) {
      case 'onoff':
        if (!ONOFF.some((x) => x.toLowerCase() === v.toLowerCase())) err('ATTLS102', `${ps.name} must be On or Off, not ${v}`, p.span);
        return;
      case 'int': {
        if (!/^\d+$/.test(v)) err('ATTLS102', `${ps.name} must be a number, not ${v}`, p.span);
        else if (Number(v) < k.min || Number(v) > k.max) err('ATTLS103', `${ps.name} ${v} is out of range ${k.min}-${k.max}`, p.span);
        return;
      }
      case 'enum':
        if (!k.values.some((x) => x.toLowerCase() === v.toLowerCase())) {
          const dym = didYouMean(v, k.values);
          err('ATTLS102', `${ps.name} ${v} is not one of ${k.values.join(', ')}`, p.span, dym === undefined ? undefined : `did you mean ${dym}?`);
        }
        return;
      case 'string':
        if (k.maxLength !== undefined && v.length > k.maxLength) err('ATTLS103', `${ps.name} is longer than ${k.maxLength} characters`, p.span);
        return;
      case 'ref': {
        const target = idx.get(k.target.toLowerCase())?.get(v);
        if (target !== undefined) return;
        const otherType = STATEMENT_TYPES.find((t) => t !== k.target && idx.get(t.toLowerCase())?.has(v));
        if (otherType !== undefined) err('ATTLS111', `${ps.name} ${v} names a ${otherType}, not a ${k.target}`, p.span);
        else {
          const names = [...(idx.get(k.target.toLowerCase())?.keys() ?? [])];
          const dym = didYouMean(v, names);
          err('ATTLS110', `${ps.name} ${v}: no ${k.target} of that name`, p.span, dym === undefined ? undefined : `did you mean ${dym}?`);
        }
        return;
      }
      case 'addr':
        if (v.includes(':') && parseAddrSpec(v, k.form, k.allowAll)?.all === false && isMappedOrCompat(v))
          err('ATTLS102', `${ps.name} ${v}: IPv4-mapped and ::/96 IPv6 addresses are not valid in AT-TLS policy`, p.span);
        else if (parseAddrSpec(v, k.form, k.allowAll) === undefined)
          err('ATTLS102', `${ps.name} ${v} is not ${k.form === 'prefix' ? 'an address/prefix' : k.form === 'range' ? 'an address range a-b' : k.form === 'single' ? 'an IP address' : 'All, an address, a prefix or a range'}`, p.span);
        return;
      case 'port':
        if (parsePortSpec(v) === undefined) err('ATTLS102', `${ps.name} ${v} is not a port or port range n-m (0-65535)`, p.span);
        return;
      case 'wildname': {
        const star = v.indexOf('*');
        if (v.length > k.maxLength || (star >= 0 && star !== v.length - 1) || !/^[A-Za-z0-9@#$*]+$/.test(v))
          err('ATTLS102', `${ps.name} ${v} is not a name of 1-${k.maxLength} characters with an optional trailing *`, p.span);
        return;
      }
      case 'ciphers':
        for (const c of vs) {
          if (k.form === 'v2') {
            if (!V2_CIPHER_CODES.includes(c)) err('ATTLS112', `unknown SSL V2 cipher ${c}`, p.span);
            continue;
          }
          if (lookupCipher(c, k.form) !== undefined) continue;
          const twoInFour = k.form === 'v3-4char' && /^[0-9A-Fa-f]{2}$/.test(c);
          const dym = /^[0-9A-Fa-f]+$/.test(c) ? undefined : didYouMean(c, cipherNames());
          err(
            'ATTLS112',
            twoInFour ? `${ps.name} takes 4-character codes, not ${c}` : `unknown cipher suite ${c} in ${ps.name}`,
            p.span,
            dym === undefined ? undefined : `did you mean ${dym}?`,
          );
        }
        return;
      case 'mask':
        if (!new RegExp(`^[01]{${k.length}}$`).test(v)) err('ATTLS102', `${ps.name} must be ${k.length} characters of 0 and 1`, p.span);
        return;
      case 'timeofday':
        if (parseTimeOfDay(v) === undefined) err('ATTLS102', `${ps.name} ${v} is not hh:mm-hh:mm`, p.span);
        return;
      case 'timerange':
        if (parseTimeRange(v) === undefined) err('ATTLS102', `${ps.name} ${v} is not yyyymmdd[hhmmss][:yyyymmdd[hhmmss]]`, p.span);
        return;
      case 'list':
        return;
    }
  };

  for (const s of policy.statements) checkStatement(s, undefined);
  for (const c of policy.config) {
    if (c.type === 'LogLevel' && !/^\d+$/.test(c.values[0] ?? '')) err('ATTLS102', 'LogLevel needs a number (a sum of log level bits, 511 = all)', c.span);
    if (c.type === 'TcpImage' && c.values.length === 0) err('ATTLS006', 'TcpImage needs a TCP/IP stack name', c.span);
    // TTLSConfig without a path is allowed: the stack uses the common policy only.
    if (c.type === 'CommonTTLSConfig' && c.values.length === 0) err('ATTLS006', 'CommonTTLSConfig needs a file name', c.span);
  }

  // --- rules -------------------------------------------------------------------------------
  const rules = policy.statements.filter((s) => s.type === 'TTLSRule');
  for (const r of rules) checkRule(r, idx, err);

  const compiled = compileRules(policy, idx);
  if (opts.skipShadowCheck !== true) {
    for (const [inner, outer] of shadowedRules(compiled))
      err(
        'ATTLS140',
        `TTLSRule ${inner.name} can never match: ${outer.name} (${outer.priority === 0 ? 'no Priority' : `priority ${outer.priority}`}) is evaluated first and matches every connection it would`,
        inner.statement.span,
        undefined,
        'warning',
      );
  }

  // Protocols, roles and key rings need the effective view.
  const clock = opts.clock ?? systemClock;
  for (const r of compiled) {
    const eff = effectiveActions(r.statement, idx, { release });
    if (!eff.tls.enabled || eff.environment === undefined) continue;
    const p = eff.tls.protocols;
    if (!p.SSLv2 && !p.SSLv3 && !p.TLSv1 && !p['TLSv1.1'] && !p['TLSv1.2'] && !p['TLSv1.3'])
      err('ATTLS150', `TTLSRule ${r.name}: every SSL/TLS protocol is off, no handshake can succeed`, r.statement.span);
    if (opts.keyringFacts !== undefined) checkKeyring(r.statement, eff.tls.keyring, eff.tls.handshakeRole, eff.tls.certificateLabel, idx, opts, opts.keyringFacts, clock, err);
  }
  return ds;
}

type Err = (code: string, message: string, at: SourceSpan, hint?: string, severity?: Diagnostic['severity']) => void;

function checkRule(r: Statement, idx: PolicyIndex, err: Err): void {
  const has = (k: string): boolean => paramValue(r, k) !== undefined;
  for (const side of ['Local', 'Remote']) {
    const addrForms = ['Addr', 'AddrRef', 'AddrSetRef', 'AddrGroupRef'].filter((f) => has(side + f));
    if (addrForms.length > 1) err('ATTLS130', `TTLSRule ${r.name} gives the ${side.toLowerCase()} address ${addrForms.length} ways (${addrForms.map((f) => side + f).join(', ')}): use one`, r.span);
    const portForms = ['PortRange', 'PortRangeRef', 'PortGroupRef'].filter((f) => has(side + f));
    if (portForms.length > 1) err('ATTLS130', `TTLSRule ${r.name} gives the ${side.toLowerCase()} port ${portForms.length} ways: use one`, r.span);
  }
  const conditions = [
    'LocalAddr', 'RemoteAddr', 'LocalAddrRef', 'RemoteAddrRef', 'LocalAddrSetRef', 'RemoteAddrSetRef', 'LocalAddrGroupRef', 'RemoteAddrGroupRef',
    'LocalPortRange', 'RemotePortRange', 'LocalPortRangeRef', 'RemotePortRangeRef', 'LocalPortGroupRef', 'RemotePortGroupRef', 'Jobname', 'Userid',
  ];
  if (!conditions.some(has)) err('ATTLS131', `TTLSRule ${r.name} needs at least one address, port, Jobname or Userid condition besides Direction`, r.span);
  const gName = paramValue(r, 'TTLSGroupActionRef');
  const g = gName === undefined ? undefined : idx.get('ttlsgroupaction')?.get(gName);
  if (g !== undefined && (paramValue(g, 'TTLSEnabled') ?? '').toLowerCase() === 'on' && !has('TTLSEnvironmentActionRef'))
    err('ATTLS132', `TTLSRule ${r.name}: its group action ${g.name} has TTLSEnabled On, so the rule needs a TTLSEnvironmentActionRef`, r.span);
  if (!has('Priority')) err('ATTLS133', `TTLSRule ${r.name} has no Priority: it sorts below every rule that has one`, r.span, undefined, 'info');
}

function checkKeyring(
  rule: Statement,
  keyring: string | undefined,
  role: string | undefined,
  label: string | undefined,
  idx: PolicyIndex,
  opts: ValidateOptions,
  facts: KeyringFacts,
  clock: Clock,
  err: Err,
): void {
  if (keyring === undefined) return;
  const envName = paramValue(rule, 'TTLSEnvironmentActionRef');
  const env = envName === undefined ? undefined : idx.get('ttlsenvironmentaction')?.get(envName);
  const kp = env === undefined ? undefined : subStatement(env, 'TTLSKeyringParms', idx);
  const at = kp?.params.find((p) => p.keyword === 'Keyring')?.span ?? kp?.span ?? rule.span;
  const ref = parseKeyringRef(keyring);
  const uid = paramValue(rule, 'Userid');
  const job = paramValue(rule, 'Jobname');
  const user =
    uid !== undefined && !uid.includes('*')
      ? uid.toUpperCase()
      : job !== undefined && !job.includes('*')
        ? opts.jobUsers?.[job.toUpperCase()]?.toUpperCase()
        : undefined;
  if (ref.kind === 'virtual') {
    checkVirtualKeyring(rule, ref, role, label, user, at, facts, clock, err);
    return;
  }
  if (ref.kind !== 'saf') return; // key database files and tokens are outside RACF ring facts
  if (user === undefined) {
    err('ATTLS160', `TTLSRule ${rule.name}: the user who owns its connections is not known (give Userid or jobUsers), key ring ${keyring} not checked`, rule.span, undefined, 'info');
    return;
  }
  const owner = ref.owner ?? user;
  if (!facts.ringExists(owner, ref.ring)) {
    // The adapter's hint (keyring's ringHint: same name in another case or word order, or a typo)
    // says more than the generic remark, so the message keeps the remark only without one.
    const hint = facts.ringHint?.(owner, ref.ring);
    err('ATTLS161', `TTLSRule ${rule.name}: ${owner} has no key ring ${ref.ring}${hint === undefined ? ' (ring names are case sensitive)' : ''}`, at, hint);
    return;
  }
  const dflt = facts.defaultCertificate(owner, ref.ring, clock.now());
  const server = role === 'Server' || role === 'ServerWithClientAuth';
  const privateKey = server || dflt !== undefined;
  if (!facts.canRead(user, owner, ref.ring, { privateKey }))
    err('ATTLS162', `TTLSRule ${rule.name}: ${user} may not read ${owner === user ? 'its' : owner + "'s"} key ring ${ref.ring}${privateKey ? ' (with private keys)' : ''}`, at);
  if (dflt === undefined) {
    if (server) err('ATTLS163', `TTLSRule ${rule.name}: key ring ${owner}/${ref.ring} has no default certificate for the ${role} role`, at);
  } else if (!dflt.usable) {
    err('ATTLS164', `TTLSRule ${rule.name}: the default certificate of ${owner}/${ref.ring} is not usable${dflt.reason === undefined ? '' : `: ${dflt.reason}`}`, at);
  }
}

/**
 * A virtual ring (@ztwin/keyring virtual-ring.ts has IBM's rules and the decisions where IBM is silent): it always
 * exists, has no DEFAULT certificate (so the Server roles need CertificateLabel), the CERTAUTH and
 * SITE rings present nothing (their certificates have CERTAUTH/SITE usage), and a user's ring
 * presents the user's own certificate named by CertificateLabel.
 */
function checkVirtualKeyring(
  rule: Statement,
  ref: VirtualKeyringRef,
  role: string | undefined,
  label: string | undefined,
  user: string | undefined,
  at: SourceSpan,
  facts: KeyringFacts,
  clock: Clock,
  err: Err,
): void {
  const name = virtualKeyringText(ref);
  const server = role === 'Server' || role === 'ServerWithClientAuth';
  if (ref.owner !== 'ID') {
    if (server) err('ATTLS166', `TTLSRule ${rule.name}: the ${name} virtual key ring holds only ${ref.owner} certificates (no private keys in use): it has no certificate to present for the ${role} role`, at);
    else if (label !== undefined) err('ATTLS166', `TTLSRule ${rule.name}: CertificateLabel ${label} cannot be presented from the ${name} virtual key ring (its certificates have ${ref.owner} usage)`, at, undefined, 'warning');
  } else if (label === undefined) {
    if (server) err('ATTLS166', `TTLSRule ${rule.name}: the virtual key ring ${name} has no default certificate; the ${role} role needs CertificateLabel naming one of ${ref.id}'s certificates`, at);
  } else if (facts.virtualCertificate !== undefined) {
    const c = facts.virtualCertificate(ref, label, clock.now());
    if (c === undefined) err('ATTLS167', `TTLSRule ${rule.name}: ${ref.id} has no certificate labelled ${label} for the virtual key ring ${name} (labels are case sensitive)`, at);
    else if (!c.usable) err('ATTLS164', `TTLSRule ${rule.name}: certificate ${label} of the virtual key ring ${name} is not usable${c.reason === undefined ? '' : `: ${c.reason}`}`, at);
  }
  if (facts.canReadVirtual === undefined) return;
  if (user === undefined) {
    err('ATTLS160', `TTLSRule ${rule.name}: the user who owns its connections is not known (give Userid or jobUsers), access to key ring ${name} not checked`, rule.span, undefined, 'info');
    return;
  }
  // A private key is read only from a user's ring, when a certificate is presented.
  const privateKey = ref.owner === 'ID' && label !== undefined;
  if (!facts.canReadVirtual(user, ref, { privateKey }))
    err('ATTLS162', `TTLSRule ${rule.name}: ${user} may not read the virtual key ring ${name}${privateKey ? ' (with private keys)' : ''}`, at);
}

/**
 * Rules that an earlier rule (in evaluation order) covers completely. An outer rule with an exact
 * local port, remote port or job name can only cover rules with that same exact value (and a
 * job-name prefix only rules whose job name starts with it), so outer rules are bucketed by that
 * key and each rule is compared only with the buckets it could fall in: near linear for typical
 * policies instead of n²/2 comparisons.
 */
export function shadowedRules(compiled: readonly CompiledRule[]): [inner: CompiledRule, outer: CompiledRule][] {
  const byLp = new Map<number, CompiledRule[]>();
  const byRp = new Map<number, CompiledRule[]>();
  const byJob = new Map<string, CompiledRule[]>();
  const byPrefix = new Map<string, CompiledRule[]>();
  const rest: CompiledRule[] = [];
  const add = <K>(m: Map<K, CompiledRule[]>, k: K, r: CompiledRule): void => {
    const a = m.get(k);
    if (a === undefined) m.set(k, [r]);
    else a.push(r);
  };
  const exact = (c: CompiledRule['localPort']): number | undefined => {
    const r = c?.ranges;
    return r !== undefined && r.length === 1 && r[0] !== undefined && r[0].lo === r[0].hi ? r[0].lo : undefined;
  };
  for (const r of compiled) {
    const lp = exact(r.localPort);
    const rp = exact(r.remotePort);
    if (lp !== undefined) add(byLp, lp, r);
    else if (rp !== undefined) add(byRp, rp, r);
    else if (r.jobname !== undefined && !r.jobname.wildcard) add(byJob, r.jobname.prefix, r);
    else if (r.jobname !== undefined && r.jobname.prefix.length > 0) add(byPrefix, r.jobname.prefix, r);
    else rest.push(r);
  }
  const prefixLens = [...new Set([...byPrefix.keys()].map((k) => k.length))];
  const out: [CompiledRule, CompiledRule][] = [];
  for (const inner of compiled) {
    const lists: (readonly CompiledRule[])[] = [rest];
    const lp = exact(inner.localPort);
    const rp = exact(inner.remotePort);
    if (lp !== undefined) lists.push(byLp.get(lp) ?? []);
    if (rp !== undefined) lists.push(byRp.get(rp) ?? []);
    if (inner.jobname !== undefined) {
      if (!inner.jobname.wildcard) lists.push(byJob.get(inner.jobname.prefix) ?? []);
      for (const n of prefixLens) if (n <= inner.jobname.prefix.length) lists.push(byPrefix.get(inner.jobname.prefix.slice(0, n)) ?? []);
    }
    let best: CompiledRule | undefined;
    for (const l of lists)
      for (const outer of l) {
        if (outer.order >= inner.order) break; // buckets are in evaluation order
        if ((best === undefined || outer.order < best.order) && ruleCovers(outer, inner)) best = outer;
      }
    if (best !== undefined) out.push([inner, best]);
  }
  return out;
}

/**
 * An IPv4-mapped (::ffff:a.b.c.d) or ::/96 IPv6 address, or a prefix/range lying wholly inside
 * those (not valid in AT-TLS policy; `::/0` and other wider prefixes are fine).
 */
function isMappedOrCompat(spec: string): boolean {
  const inside = (part: string): boolean => {
    const v = part.includes(':') ? parseIPv6(part) : undefined;
    return v !== undefined && (v >> 32n === 0xffffn || v >> 32n === 0n);
  };
  const slash = spec.indexOf('/');
  if (slash >= 0) return Number(spec.slice(slash + 1)) >= 96 && inside(spec.slice(0, slash));
  const [a, b] = spec.split('-');
  return a !== undefined && inside(a) && (b === undefined || inside(b));
}
