import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, hasErrors } from '@ztwin/core';
import {
  buildNcaPolicy,
  check,
  fmt,
  match,
  MatchResult,
  type NcaConfig,
  parsePolicy,
  policyToJSON,
  renderPolicy,
  samePolicy,
  validatePolicy,
} from '@ztwin/attls-policy';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const SEED = 'seed-appendix.policy';

/** The seed lab's NCA objects (image WG31, stack TCPIP1, descriptor zCEEClient, ...). */
export const seedNca: NcaConfig = {
  image: { name: 'WG31', keyring: 'Liberty.KeyRing', release: 'V2R3', traceLevel: 7 },
  stack: { name: 'TCPIP1' },
  trafficDescriptors: [
    { name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9443, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' },
  ],
  securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
  requirementMaps: [{ name: 'zCEERequirementMap', mappings: [{ trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' }] }],
  rules: [{ name: 'zCEEClientRule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
  backingStore: 'USER1',
  installHistory: ['2020-06-12 14:18:57 : Save To Disk'],
};

describe('the seed lab policy (NCA output, corrected keyword)', () => {
  const text = fixture(SEED);
  const parsed = parsePolicy(text, SEED);

  test('parses without diagnostics and validates clean', () => {
    expect(parsed.diagnostics).toEqual([]);
    const r = check({ text, source: SEED }, { release: 'V2R3' });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test('has the nine objects the syslog shows being processed', () => {
    expect(parsed.policy.statements.map((s) => `${s.type} ${s.name}`)).toEqual([
      'TTLSRule zCEEClientRule~1',
      'TTLSGroupAction gAct1~zCEEClient',
      'TTLSEnvironmentAction eAct1~zCEEClient',
      'TTLSConnectionAction cAct1~zCEEClient',
      'TTLSConnectionAdvancedParms cAdv1~zCEEClient',
      'TTLSKeyringParms keyR~WG31',
      'IpAddrSet addr1',
      'PortRange portR1',
      'PortRange portR2',
    ]);
  });

  test('round-trips: render(parse(x)) parses to the same model, and rendering is idempotent', () => {
    const once = renderPolicy(parsed.policy);
    expect(once.diagnostics).toEqual([]);
    expect(once.text).toBeDefined();
    const again = parsePolicy(once.text ?? '', 'rendered');
    expect(again.diagnostics).toEqual([]);
    expect(samePolicy(parsed.policy, again.policy)).toBe(true);
    expect(renderPolicy(again.policy).text).toBe(once.text);
    // NCA layout: names and values start in column 41; header comments kept.
    expect(once.text).toContain('TTLSRule                                zCEEClientRule~1\n{\n  LocalAddrSetRef                       addr1\n');
    expect(once.text?.startsWith('##\n## AT-TLS Policy Agent Configuration file for:\n')).toBe(true);
  });

  test('fmt of the fixture is the canonical text', () => {
    const r = fmt(text, SEED);
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe(text);
  });

  test('the NCA builder on the seed lab objects yields the same model', () => {
    const built = buildNcaPolicy(seedNca);
    expect(built.errors).toEqual([]);
    expect(policyToJSON(built.policy)).toEqual(policyToJSON(parsed.policy));
    const rendered = renderPolicy(built.policy).text ?? '';
    expect(rendered).toContain('## Backing Store = USER1');
    expect(validatePolicy(built.policy, { release: 'V2R3' })).toEqual([]);
  });

  test('USER1GET to 9443 outbound from an ephemeral port maps to zCEEClientRule~1', () => {
    const r = match(parsed.policy, {
      jobname: 'USER1GET',
      userid: 'USER1',
      localAddr: '192.168.17.201',
      localPort: 7419,
      remoteAddr: '192.168.17.201',
      remotePort: 9443,
      direction: 'outbound',
    });
    expect(MatchResult.is(r)).toBe(true);
    expect(r.rule?.name).toBe('zCEEClientRule~1');
    expect(r.actions?.group.name).toBe('gAct1~zCEEClient');
    expect(r.actions?.environment?.name).toBe('eAct1~zCEEClient');
    expect(r.actions?.connection?.name).toBe('cAct1~zCEEClient');
    expect(r.actions?.tls).toMatchObject({
      enabled: true,
      handshakeRole: 'Client',
      keyring: 'Liberty.KeyRing',
      trace: 7,
      protocols: { SSLv2: false, SSLv3: false, TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true },
    });
    expect(r.skipped).toEqual([]);
  });

  test('another job name maps to no rule (clear text, as the lab shows)', () => {
    const r = match(parsed.policy, { jobname: 'USER1GE2', localAddr: '192.168.17.201', localPort: 7420, remoteAddr: '192.168.17.201', remotePort: 9443, direction: 'outbound' });
    expect(r.rule).toBeNull();
    expect(r.actions).toBeNull();
    expect(r.skipped).toEqual([{ rule: 'zCEEClientRule~1', priority: 255, reason: 'Jobname USER1GE2 does not match USER1GET' }]);
  });

  test('an inbound connection maps to no rule', () => {
    const r = match(parsed.policy, { jobname: 'USER1GET', localAddr: '192.168.17.201', localPort: 9443, remoteAddr: '192.168.17.201', remotePort: 7419, direction: 'inbound' });
    expect(r.rule).toBeNull();
    expect(r.skipped[0]?.reason).toMatch(/Direction Outbound/);
  });
});

describe('the seed appendix as printed (TLSKeyringParms typo)', () => {
  const text = fixture('seed-appendix-typo.policy');
  test('is an unknown statement with a did-you-mean, and the whole file is rejected', () => {
    const r = check({ text, source: 'typo.policy' });
    expect(r.ok).toBe(false);
    const unknown = r.diagnostics.find((d) => d.code === 'ATTLS001');
    expect(unknown).toMatchObject({ line: 55, column: 1, severity: 'error', hint: 'did you mean TTLSKeyringParms?' });
    if (unknown === undefined) throw new Error('no ATTLS001');
    expect(formatDiagnostic(unknown)).toMatch(/^typo\.policy:55:1: ATTLS001 unknown statement TLSKeyringParms/);
    // and the environment's reference now dangles
    expect(r.diagnostics.some((d) => d.code === 'ATTLS110' && d.line === 38)).toBe(true);
    expect(hasErrors(r.diagnostics)).toBe(true);
  });
});
