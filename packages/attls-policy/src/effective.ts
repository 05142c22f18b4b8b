import * as t from 'io-ts';
import { lookupCipher } from './ciphers';
import { indexPolicy, MASK, paramValue, type Policy, type PolicyIndex, type Statement, subStatement } from './model';
import { DEFAULT_RELEASE, type ParamKind, releaseDefaults, statementSpec, type StatementType, type ZosRelease } from './schema';

/** Parameter name → value (repeatable parameters joined by a space), defaults applied. */
export const Settings = t.record(t.string, t.string);
export type Settings = t.TypeOf<typeof Settings>;

export const EffectiveStatement = t.intersection([
  t.type({ type: t.string, name: t.union([t.string, t.null]), settings: Settings }),
  t.partial({ sub: t.record(t.string, t.type({ name: t.union([t.string, t.null]), settings: Settings })) }),
]);
export type EffectiveStatement = t.TypeOf<typeof EffectiveStatement>;

/** What the TLS handshake of a connection mapped to the rule will use. */
export const TlsSummary = t.intersection([
  t.type({
    enabled: t.boolean,
    protocols: t.type({ SSLv2: t.boolean, SSLv3: t.boolean, TLSv1: t.boolean, 'TLSv1.1': t.boolean, 'TLSv1.2': t.boolean, 'TLSv1.3': t.boolean }),
    applicationControlled: t.boolean,
    secondaryMap: t.boolean,
    handshakeTimeout: t.number,
    trace: t.number,
  }),
  t.partial({
    handshakeRole: t.keyof({ Client: null, Server: null, ServerWithClientAuth: null }),
    keyring: t.string,
    certificateLabel: t.string,
    clientAuthType: t.string,
    /** 4-hex codes in preference order; absent = System SSL defaults. */
    cipherSuites: t.array(t.string),
  }),
]);
export type TlsSummary = t.TypeOf<typeof TlsSummary>;

export const EffectiveActions = t.intersection([
  t.type({ rule: t.string, group: EffectiveStatement, tls: TlsSummary }),
  t.partial({ environment: EffectiveStatement, connection: EffectiveStatement }),
]);
export type EffectiveActions = t.TypeOf<typeof EffectiveActions>;

export interface EffectiveOptions {
  /** z/OS release whose defaults apply (default V3R1). */
  readonly release?: ZosRelease;
}

/** The statement's own parameters (non-nested), defaults first when `withDefaults`. */
export function settingsOf(s: Statement | undefined, type: StatementType, release: ZosRelease, withDefaults: boolean, inherited: Settings = {}): Settings {
  const spec = statementSpec(type);
  const given = new Map<string, string>();
  if (s !== undefined) {
    for (const prm of s.params) {
      if (prm.nested !== undefined) continue;
      const ps = spec.byLower.get(prm.keyword.toLowerCase());
      if (ps === undefined || ps.type.kind === 'ref') continue;
      const multi = ps.type.kind === 'list' || ps.type.kind === 'ciphers';
      const raw = multi ? prm.values.join(' ') : (prm.values[0] ?? '');
      const v = ps.secret === true ? MASK : canonicalValue(ps.type, raw);
      const prev = given.get(ps.name);
      // Repeatable parameters accumulate (V3CipherSuites lines concatenate); others: last wins.
      given.set(ps.name, ps.repeatable === true && prev !== undefined ? `${prev} ${v}` : v);
    }
  }
  const rel = releaseDefaults(release);
  const out: Settings = {};
  for (const p of spec.params) {
    if (p.type.kind === 'ref' || p.type.kind === 'nested') continue;
    const v = given.get(p.name) ?? (withDefaults ? (p.default ?? inherited[p.name] ?? (type === 'TTLSEnvironmentAdvancedParms' ? rel[p.name] : undefined)) : undefined);
    if (v !== undefined) out[p.name] = v;
  }
  return out;
}

/** IBM's spelling of On/Off and enumerated values (files may say ON, INBOUND, ...). */
function canonicalValue(k: ParamKind, v: string): string {
  const l = v.toLowerCase();
  if (k.kind === 'onoff') return l === 'on' ? 'On' : l === 'off' ? 'Off' : v;
  if (k.kind === 'enum') return k.values.find((x) => x.toLowerCase() === l) ?? v;
  return v;
}

const on = (v: string | undefined): boolean => (v ?? '').toLowerCase() === 'on';

function cipherCodes(s: Statement | undefined): string[] | undefined {
  if (s === undefined) return undefined;
  const out: string[] = [];
  for (const p of s.params) {
    const k = p.keyword.toLowerCase();
    const form = k === 'v3ciphersuites' ? 'v3' : k === 'v3ciphersuites4char' ? 'v3-4char' : undefined;
    if (form === undefined) continue;
    for (const v of p.values) {
      const c = lookupCipher(v, form);
      if (c !== undefined) out.push(c.code4);
    }
  }
  return out.length === 0 ? undefined : out;
}

function subEntries(s: Statement | undefined, kinds: readonly StatementType[], idx: PolicyIndex, release: ZosRelease, defaults: boolean, inherited: Settings = {}) {
  const sub: Record<string, { name: string | null; settings: Settings }> = {};
  for (const k of kinds) {
    const x = s === undefined ? undefined : subStatement(s, k, idx);
    if (x === undefined && !defaults) continue;
    sub[k] = { name: x === undefined || x.anonymous ? null : x.name, settings: settingsOf(x, k, release, defaults, inherited) };
  }
  return sub;
}

/**
 * The rule's actions with every default applied, as Policy Agent installs them:
 * group → environment (inherits Trace/CtraceClearText from the group) → connection (overrides the
 * environment: HandshakeRole, advanced parms, ciphers).
 */
export function effectiveActions(rule: Statement, policyOrIndex: Policy | PolicyIndex, opts: EffectiveOptions = {}): EffectiveActions {
  const idx = 'statements' in policyOrIndex ? indexPolicy(policyOrIndex) : policyOrIndex;
  const release = opts.release ?? DEFAULT_RELEASE;
  const ref = (kw: string, type: string): Statement | undefined => {
    const n = paramValue(rule, kw);
    return n === undefined ? undefined : idx.get(type.toLowerCase())?.get(n);
  };
  const g = ref('TTLSGroupActionRef', 'TTLSGroupAction');
  const e = ref('TTLSEnvironmentActionRef', 'TTLSEnvironmentAction');
  const c = ref('TTLSConnectionActionRef', 'TTLSConnectionAction');

  const gSettings = settingsOf(g, 'TTLSGroupAction', release, true);
  const group: EffectiveStatement = {
    type: 'TTLSGroupAction',
    name: g?.name ?? null,
    settings: gSettings,
    sub: subEntries(g, ['TTLSGroupAdvancedParms'], idx, release, true),
  };
  const inheritTrace: Settings = {};
  if (gSettings.Trace !== undefined) inheritTrace.Trace = gSettings.Trace;
  if (gSettings.CtraceClearText !== undefined) inheritTrace.CtraceClearText = gSettings.CtraceClearText;

  let environment: EffectiveStatement | undefined;
  let envSettings: Settings = {};
  let envAdv: Settings = {};
  if (e !== undefined) {
    envSettings = settingsOf(e, 'TTLSEnvironmentAction', release, true, inheritTrace);
    const sub = subEntries(e, ['TTLSKeyringParms', 'TTLSEnvironmentAdvancedParms', 'TTLSGskAdvancedParms'], idx, release, true);
    Object.assign(sub, subEntries(e, ['TTLSCipherParms', 'TTLSSignatureParms'], idx, release, false));
    const gsk = subStatement(e, 'TTLSGskAdvancedParms', idx);
    Object.assign(sub, subEntries(gsk, ['TTLSGskHttpCdpParms', 'TTLSGskOcspParms'], idx, release, true));
    Object.assign(sub, subEntries(gsk, ['TTLSGskLdapParms'], idx, release, false));
    envAdv = sub.TTLSEnvironmentAdvancedParms?.settings ?? {};
    environment = { type: 'TTLSEnvironmentAction', name: e.name, settings: envSettings, sub };
  }
  let connection: EffectiveStatement | undefined;
  let connSettings: Settings = {};
  let connAdv: Settings = {};
  if (c !== undefined) {
    const inherit: Settings = {};
    const tr = envSettings.Trace ?? inheritTrace.Trace;
    if (tr !== undefined) inherit.Trace = tr;
    const ct = envSettings.CtraceClearText ?? inheritTrace.CtraceClearText;
    if (ct !== undefined) inherit.CtraceClearText = ct;
    connSettings = settingsOf(c, 'TTLSConnectionAction', release, true, inherit);
    const sub = subEntries(c, ['TTLSConnectionAdvancedParms', 'TTLSCipherParms', 'TTLSSignatureParms'], idx, release, false);
    connAdv = sub.TTLSConnectionAdvancedParms?.settings ?? {};
    connection = { type: 'TTLSConnectionAction', name: c.name, settings: connSettings, sub };
  }

  // The connection level overrides the environment level, parameter by parameter.
  const adv: Settings = { ...(e === undefined ? settingsOf(undefined, 'TTLSEnvironmentAdvancedParms', release, true) : envAdv), ...connAdv };
  const roleText = connSettings.HandshakeRole ?? envSettings.HandshakeRole;
  const role = roleText === 'Client' || roleText === 'Server' || roleText === 'ServerWithClientAuth' ? roleText : undefined;
  const keyring = environment?.sub?.TTLSKeyringParms?.settings.Keyring;
  const ciphers = cipherCodes(c === undefined ? undefined : subStatement(c, 'TTLSCipherParms', idx)) ?? cipherCodes(e === undefined ? undefined : subStatement(e, 'TTLSCipherParms', idx));
  const label = adv.CertificateLabel;
  const tls: TlsSummary = {
    enabled: on(gSettings.TTLSEnabled),
    protocols: {
      SSLv2: on(adv.SSLv2),
      SSLv3: on(adv.SSLv3),
      TLSv1: on(adv.TLSv1),
      'TLSv1.1': on(adv['TLSv1.1']),
      'TLSv1.2': on(adv['TLSv1.2']),
      'TLSv1.3': on(adv['TLSv1.3']),
    },
    applicationControlled: on(adv.ApplicationControlled),
    secondaryMap: on(adv.SecondaryMap),
    handshakeTimeout: Number(adv.HandshakeTimeout ?? '10'),
    trace: Number(connSettings.Trace ?? envSettings.Trace ?? gSettings.Trace ?? '2'),
    ...(role === undefined ? {} : { handshakeRole: role }),
    ...(keyring === undefined ? {} : { keyring }),
    ...(label === undefined ? {} : { certificateLabel: label }),
    ...(adv.ClientAuthType === undefined ? {} : { clientAuthType: adv.ClientAuthType }),
    ...(ciphers === undefined ? {} : { cipherSuites: ciphers }),
  };
  return {
    rule: rule.name,
    group,
    tls,
    ...(environment === undefined ? {} : { environment }),
    ...(connection === undefined ? {} : { connection }),
  };
}
