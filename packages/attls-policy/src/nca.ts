import { type SourceSpan } from '@ztwin/core';
import { type Param, type Policy, type Statement } from './model';

/**
 * A builder shaped like the z/OSMF Network Configuration Assistant (NCA) for AT-TLS: system image,
 * TCP/IP stack, traffic descriptors, security levels, address groups, requirement maps and
 * connectivity rules, producing the policy NCA would write (its object naming and header comments
 * as observed in NCA output: `<rule>~<n>`, `gAct<n>~<td>`, `eAct<n>~<td>`, `cAct<n>~<td>`,
 * `cAdv<n>~<td>`, `keyR~<image>`, `addr<n>`, `portR<n>`).
 */

export type PortSpec = 'all' | 'ephemeral' | number | { readonly from: number; readonly to: number };

export interface TrafficDescriptor {
  readonly name: string;
  readonly protocol?: 'TCP';
  readonly localPort: PortSpec;
  readonly remotePort: PortSpec;
  readonly direction: 'inbound' | 'outbound' | 'both';
  readonly jobname?: string;
  readonly userid?: string;
  readonly handshakeRole: 'Client' | 'Server' | 'ServerWithClientAuth';
  /** A key ring for this traffic instead of the image's default. */
  readonly keyring?: string;
}

export interface SecurityLevel {
  readonly name: string;
  /** Protocol check boxes; unchecked = Off. NCA writes SSLv3, TLSv1, TLSv1.1 and TLSv1.2 always. */
  readonly protocols: { readonly SSLv3?: boolean; readonly TLSv1?: boolean; readonly 'TLSv1.1'?: boolean; readonly 'TLSv1.2'?: boolean; readonly 'TLSv1.3'?: boolean };
  /** Cipher suite names; absent = "System SSL V3 Defaults". */
  readonly ciphers?: readonly string[];
  /** Advanced settings written to the connection advanced parms (parameter → value). */
  readonly advanced?: Readonly<Record<string, string>>;
}

export interface AddressGroup {
  readonly name: string;
  /** Addresses, prefixes (a/n) or ranges (a-b). */
  readonly addresses: readonly string[];
}

export interface RequirementMap {
  readonly name: string;
  readonly mappings: readonly { readonly trafficDescriptor: string; readonly securityLevel: string }[];
}

export interface ConnectivityRule {
  readonly name: string;
  /** An address group name (incl. NCA's `All_IPv4_Addresses`, `All_IPv6_Addresses`) or an address. */
  readonly local: string;
  readonly remote: string;
  readonly requirementMap: string;
}

export interface NcaConfig {
  readonly image: { readonly name: string; readonly keyring: string; readonly release?: string; readonly traceLevel?: number };
  readonly stack: { readonly name: string };
  readonly trafficDescriptors: readonly TrafficDescriptor[];
  readonly securityLevels: readonly SecurityLevel[];
  readonly addressGroups?: readonly AddressGroup[];
  readonly requirementMaps: readonly RequirementMap[];
  readonly rules: readonly ConnectivityRule[];
  readonly backingStore?: string;
  /** "yyyy-mm-dd hh:mm:ss : Save To Disk" lines, newest first. */
  readonly installHistory?: readonly string[];
}

export interface NcaError {
  readonly code: string;
  readonly message: string;
}

const BUILTIN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  All_IPv4_Addresses: ['0.0.0.0/0'],
  All_IPv6_Addresses: ['::/0'],
};

const NO_SPAN = (source: string): SourceSpan => ({ source, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } });

/** Build the policy NCA writes for one stack. Unknown object names come back as errors. */
export function buildNcaPolicy(cfg: NcaConfig): { policy: Policy; errors: NcaError[] } {
  const src = `nca:${cfg.image.name}/${cfg.stack.name}`;
  const span = NO_SPAN(src);
  const errors: NcaError[] = [];
  const p = (keyword: string, ...values: string[]): Param => ({ keyword, values, span, leadingComments: [] });
  const st = (type: string, name: string, params: Param[], leadingComments: string[] = []): Statement => ({
    type,
    known: true,
    name,
    anonymous: false,
    params,
    span,
    leadingComments,
    closingComments: [],
  });

  const tds = new Map(cfg.trafficDescriptors.map((t) => [t.name, t]));
  const levels = new Map(cfg.securityLevels.map((l) => [l.name, l]));
  const maps = new Map(cfg.requirementMaps.map((m) => [m.name, m]));
  const groups = new Map<string, readonly string[]>(Object.entries(BUILTIN_GROUPS));
  for (const g of cfg.addressGroups ?? []) groups.set(g.name, g.addresses);
  const trace = String(cfg.image.traceLevel ?? 2); // IBM's default Trace level; the seed lab checks every box (7)

  const rules: Statement[] = [];
  const actions: Statement[] = [];
  const keyrings = new Map<string, Statement>();
  const addrSets = new Map<string, Statement>(); // key: group/address → IpAddrSet or IpAddrGroup
  const portRanges = new Map<string, Statement>(); // key: port text → PortRange
  const actionCount = new Map<string, number>();

  const keyringFor = (ring: string, label: string): string => {
    const existing = keyrings.get(ring);
    if (existing !== undefined) return existing.name;
    const name = ring === cfg.image.keyring ? `keyR~${cfg.image.name}` : `keyR~${label}`;
    keyrings.set(ring, st('TTLSKeyringParms', name, [p('Keyring', ring)]));
    return name;
  };
  /** An IpAddrSet holds one Prefix or Range; a single address becomes a host prefix (/32, /128). */
  const setParam = (m: string): Param => (m.includes('/') ? p('Prefix', m) : m.includes('-') ? p('Range', m) : p('Prefix', `${m}/${m.includes(':') ? 128 : 32}`));
  /**
   * The rule parameter for an address group or address: one entry → `addr<n>` IpAddrSet (NCA's
   * observed naming); several → an IpAddrGroup `addrGrp<n>` of inline sets (naming not observed).
   */
  const addrRefFor = (spec: string, side: 'Local' | 'Remote'): Param => {
    const members = groups.get(spec) ?? [spec];
    let s = addrSets.get(spec);
    if (s === undefined) {
      const n = addrSets.size + 1;
      s =
        members.length === 1
          ? st('IpAddrSet', `addr${n}`, members.map(setParam))
          : st(
              'IpAddrGroup',
              `addrGrp${n}`,
              members.map((m) => {
                const inner = st('IpAddrSet', `~nca_${n}`, [setParam(m)]);
                return { keyword: 'IpAddrSet', values: [], nested: { ...inner, anonymous: true }, span, leadingComments: [] };
              }),
            );
      addrSets.set(spec, s);
    }
    return p(s.type === 'IpAddrSet' ? `${side}AddrSetRef` : `${side}AddrGroupRef`, s.name);
  };
  const portRangeFor = (ps: PortSpec): string | undefined => {
    const text = ps === 'all' ? undefined : ps === 'ephemeral' ? '1024-65535' : typeof ps === 'number' ? String(ps) : `${ps.from}-${ps.to}`;
    if (text === undefined) return undefined;
    const existing = portRanges.get(text);
    if (existing !== undefined) return existing.name;
    const name = `portR${portRanges.size + 1}`;
    portRanges.set(text, st('PortRange', name, [p('Port', text)]));
    return name;
  };

  let priority = 255;
  for (const rule of cfg.rules) {
    const map = maps.get(rule.requirementMap);
    if (map === undefined) {
      errors.push({ code: 'NCA001', message: `connectivity rule ${rule.name}: no requirement map ${rule.requirementMap}` });
      continue;
    }
    let n = 0;
    for (const m of map.mappings) {
      const td = tds.get(m.trafficDescriptor);
      const lvl = levels.get(m.securityLevel);
      if (td === undefined) {
        errors.push({ code: 'NCA002', message: `requirement map ${map.name}: no traffic descriptor ${m.trafficDescriptor}` });
        continue;
      }
      if (lvl === undefined) {
        errors.push({ code: 'NCA003', message: `requirement map ${map.name}: no security level ${m.securityLevel}` });
        continue;
      }
      for (const g of [rule.local, rule.remote])
        if (!groups.has(g) && !/^[0-9A-Fa-f.:/-]+$/.test(g)) errors.push({ code: 'NCA004', message: `connectivity rule ${rule.name}: no address group ${g}` });
      n++;
      const k = (actionCount.get(td.name) ?? 0) + 1;
      actionCount.set(td.name, k);
      const gAct = `gAct${k}~${td.name}`;
      const eAct = `eAct${k}~${td.name}`;
      const cAct = `cAct${k}~${td.name}`;
      const cAdv = `cAdv${k}~${td.name}`;
      const localRef = addrRefFor(rule.local, 'Local');
      const remoteRef = addrRefFor(rule.remote, 'Remote');
      const lp = portRangeFor(td.localPort);
      const rp = portRangeFor(td.remotePort);
      const rparams: Param[] = [localRef, remoteRef];
      if (lp !== undefined) rparams.push(p('LocalPortRangeRef', lp));
      if (rp !== undefined) rparams.push(p('RemotePortRangeRef', rp));
      if (td.jobname !== undefined) rparams.push(p('Jobname', td.jobname));
      if (td.userid !== undefined) rparams.push(p('Userid', td.userid));
      rparams.push(p('Direction', td.direction === 'inbound' ? 'Inbound' : td.direction === 'outbound' ? 'Outbound' : 'Both'));
      rparams.push(p('Priority', String(priority)));
      priority = Math.max(1, priority - 1);
      rparams.push(p('TTLSGroupActionRef', gAct), p('TTLSEnvironmentActionRef', eAct), p('TTLSConnectionActionRef', cAct));
      rules.push(st('TTLSRule', `${rule.name}~${n}`, rparams));

      actions.push(st('TTLSGroupAction', gAct, [p('TTLSEnabled', 'On'), p('Trace', trace)]));
      const ring = keyringFor(td.keyring ?? cfg.image.keyring, td.name);
      actions.push(st('TTLSEnvironmentAction', eAct, [p('HandshakeRole', td.handshakeRole), p('EnvironmentUserInstance', '0'), p('TTLSKeyringParmsRef', ring)]));
      const cparams: Param[] = [p('HandshakeRole', td.handshakeRole)];
      if (lvl.ciphers !== undefined && lvl.ciphers.length > 0) cparams.push(p('TTLSCipherParmsRef', `ciph${k}~${td.name}`));
      cparams.push(p('TTLSConnectionAdvancedParmsRef', cAdv), p('CtraceClearText', 'Off'), p('Trace', trace));
      actions.push(st('TTLSConnectionAction', cAct, cparams));
      const onoff = (b: boolean | undefined): string => (b === true ? 'On' : 'Off');
      const adv: Param[] = [
        p('SSLv3', onoff(lvl.protocols.SSLv3)),
        p('TLSv1', onoff(lvl.protocols.TLSv1)),
        p('TLSv1.1', onoff(lvl.protocols['TLSv1.1'])),
        p('SecondaryMap', 'Off'),
        p('TLSv1.2', onoff(lvl.protocols['TLSv1.2'])),
      ];
      if (lvl.protocols['TLSv1.3'] !== undefined) adv.push(p('TLSv1.3', onoff(lvl.protocols['TLSv1.3'])));
      for (const [kw, v] of Object.entries(lvl.advanced ?? {})) adv.push(p(kw, v));
      actions.push(st('TTLSConnectionAdvancedParms', cAdv, adv));
      if (lvl.ciphers !== undefined && lvl.ciphers.length > 0)
        actions.push(st('TTLSCipherParms', `ciph${k}~${td.name}`, lvl.ciphers.map((c) => p('V3CipherSuites', c))));
    }
  }

  const header = [
    '##',
    '## AT-TLS Policy Agent Configuration file for:',
    `##   Image: ${cfg.image.name}`,
    `##   Stack: ${cfg.stack.name}`,
    '##',
    '## Created by the IBM Configuration Assistant for z/OS Communications Server',
    ...(cfg.image.release === undefined ? [] : [`## Version ${releaseWords(cfg.image.release)}`]),
    ...(cfg.backingStore === undefined ? [] : [`## Backing Store = ${cfg.backingStore}`]),
    ...(cfg.installHistory === undefined || cfg.installHistory.length === 0 ? [] : ['## Install History:', ...cfg.installHistory.map((h) => `## ${h}`)]),
    '##',
    '## End of Network Configuration Assistant information',
  ];
  const statements = [...rules, ...actions, ...keyrings.values(), ...addrSets.values(), ...portRanges.values()];
  const first = statements[0];
  if (first !== undefined) statements[0] = { ...first, leadingComments: header };
  return { policy: { statements, config: [], trailingComments: first === undefined ? header : [] }, errors };
}

function releaseWords(r: string): string {
  const m = /^V(\d+)R(\d+)$/i.exec(r);
  return m === null ? r : `${m[1]} Release ${m[2]}`;
}
