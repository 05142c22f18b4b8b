import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as fcTest, fc } from '@fast-check/jest';
import {
  buildNcaPolicy,
  effectiveActions,
  EffectiveActions,
  type NcaConfig,
  parsePolicy,
  pasearchReport,
  policyToJSON,
  releaseDefaults,
  renderPolicy,
  validatePolicy,
} from '@ztwin/attls-policy';

const seed = parsePolicy(readFileSync(join(__dirname, 'fixtures', 'seed-appendix.policy'), 'utf8'), 'seed').policy;
const rule = (p: typeof seed, name: string) => {
  const r = p.statements.find((s) => s.type === 'TTLSRule' && s.name === name);
  if (r === undefined) throw new Error(`no rule ${name}`);
  return r;
};

describe('effective actions', () => {
  test('the seed rule: defaults applied, connection overrides the environment', () => {
    const e = effectiveActions(rule(seed, 'zCEEClientRule~1'), seed, { release: 'V2R3' });
    expect(EffectiveActions.is(e)).toBe(true);
    expect(e.group.settings).toEqual({ TTLSEnabled: 'On', Trace: '7', CtraceClearText: 'Off', FIPS140: 'Off' });
    // environment Trace is inherited from the group; EnvironmentUserInstance as written
    expect(e.environment?.settings).toMatchObject({ HandshakeRole: 'Client', Trace: '7', EnvironmentUserInstance: '0', SuiteBProfile: 'Off' });
    // V2R3 environment defaults would enable TLSv1/TLSv1.1; the connection parms turn them off
    expect(e.environment?.sub?.TTLSEnvironmentAdvancedParms?.settings).toMatchObject({ TLSv1: 'On', 'TLSv1.1': 'On', HandshakeTimeout: '10', ClientAuthType: 'Required' });
    expect(e.connection?.sub?.TTLSConnectionAdvancedParms?.settings).toEqual({ SSLv3: 'Off', TLSv1: 'Off', 'TLSv1.1': 'Off', 'TLSv1.2': 'On', SecondaryMap: 'Off' });
    expect(e.tls.protocols).toEqual({ SSLv2: false, SSLv3: false, TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': false });
    expect(e.tls).toMatchObject({ enabled: true, handshakeRole: 'Client', keyring: 'Liberty.KeyRing', trace: 7, clientAuthType: 'Required', handshakeTimeout: 10 });
  });

  test('release-dependent protocol defaults', () => {
    expect(releaseDefaults('V2R1')).toEqual({ TLSv1: 'On', 'TLSv1.1': 'On', 'TLSv1.2': 'Off', 'TLSv1.3': undefined });
    expect(releaseDefaults('V2R3')).toEqual({ TLSv1: 'On', 'TLSv1.1': 'On', 'TLSv1.2': 'Off', 'TLSv1.3': undefined });
    expect(releaseDefaults('V3R1')).toEqual({ TLSv1: 'On', 'TLSv1.1': 'On', 'TLSv1.2': 'Off', 'TLSv1.3': 'Off' });
    const p = parsePolicy(
      'TTLSRule r\n{\n  LocalPortRange 1\n  Direction Inbound\n  TTLSGroupActionRef g\n  TTLSEnvironmentActionRef e\n}\nTTLSGroupAction g\n{\n  TTLSEnabled ON\n}\nTTLSEnvironmentAction e\n{\n  HandshakeRole SERVER\n  TTLSKeyringParms\n  {\n    Keyring R\n    KeyringPw secret123\n  }\n}\n',
      'p',
    ).policy;
    const v21 = effectiveActions(rule(p, 'r'), p, { release: 'V2R1' });
    expect(v21.tls.protocols).toEqual({ SSLv2: false, SSLv3: false, TLSv1: true, 'TLSv1.1': true, 'TLSv1.2': false, 'TLSv1.3': false });
    expect(v21.environment?.sub?.TTLSEnvironmentAdvancedParms?.settings['TLSv1.3']).toBeUndefined(); // no TLSv1.3 before V2R4
    expect(v21.tls.handshakeRole).toBe('Server'); // canonical spelling of SERVER
    const v31 = effectiveActions(rule(p, 'r'), p);
    expect(v31.environment?.sub?.TTLSEnvironmentAdvancedParms?.settings['TLSv1.3']).toBe('Off');
    expect(v31.tls.protocols).toMatchObject({ TLSv1: true, 'TLSv1.1': true, 'TLSv1.2': false, 'TLSv1.3': false });
    // secrets are masked in effective data, JSON and reports
    expect(JSON.stringify(v31)).not.toContain('secret123');
    expect(JSON.stringify(policyToJSON(p))).not.toContain('secret123');
    expect(pasearchReport(p)).not.toContain('secret123');
    // ... but the renderer writes the policy file faithfully
    expect(renderPolicy(p).text).toContain('KeyringPw                           secret123');
  });

  test('cipher lists: connection ciphers win; repeated lines concatenate; codes normalised to 4-hex', () => {
    const p = parsePolicy(readFileSync(join(__dirname, 'fixtures', 'server-sample.policy'), 'utf8'), 's').policy;
    const e = effectiveActions(rule(p, 'ApiMutualRule'), p);
    expect(e.tls.cipherSuites).toEqual(['C02F', 'C030', '0035', 'C02B']);
    expect(e.tls).toMatchObject({ handshakeRole: 'ServerWithClientAuth', clientAuthType: 'SAFCheck', certificateLabel: 'APISERVER', keyring: 'APISRV/ApiRing' });
  });
});

describe('pasearch-like report', () => {
  test('the seed rule, its conditions and actions', () => {
    const r = pasearchReport(seed, { image: 'TCPIP1', release: 'V2R3' });
    expect(r).toContain('policyRule:             zCEEClientRule~1\n  Rule Type:            TTLS\n  Priority:             255\n  No. Policy Action:    3\n');
    expect(r).toContain('  Time Periods:\n   Day of Month Mask:\n   First to Last:       1111111111111111111111111111111\n');
    expect(r).toContain('   Fr TimeOfDay:        00:00             To TimeOfDay:      24:00\n   TimeZone:            Local\n');
    expect(r).toContain('   Local Address:\n    FromAddr:           0.0.0.0\n    ToAddr:             255.255.255.255\n');
    expect(r).toContain('   LocalPortFrom:       1024              LocalPortTo:       65535\n');
    expect(r).toContain('   RemotePortFrom:      9443              RemotePortTo:      9443\n');
    expect(r).toContain('   JobName:             USER1GET          UserId:            \n   ServiceDirection:    Outbound\n');
    expect(r).toContain('  TTLS Action:                  gAct1~zCEEClient\n    Scope:                      Group\n    TTLSEnabled:                On\n    Trace:                      7\n');
    expect(r).toContain('     Keyring:                   Liberty.KeyRing\n');
  });

  test('cipher suites are listed by code and name, as pasearch does', () => {
    const p = parsePolicy(readFileSync(join(__dirname, 'fixtures', 'server-sample.policy'), 'utf8'), 's').policy;
    expect(pasearchReport(p)).toContain('     V3CipherSuites:\n      C02F  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n      C030  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n      0035  TLS_RSA_WITH_AES_256_CBC_SHA\n');
  });
});

describe('NCA builder', () => {
  test('several descriptors, a custom address group, ciphers and a descriptor key ring', () => {
    const { policy, errors } = buildNcaPolicy({
      image: { name: 'SYS1', keyring: 'Default.Ring' },
      stack: { name: 'TCPIP' },
      trafficDescriptors: [
        { name: 'Web', localPort: 443, remotePort: 'all', direction: 'inbound', handshakeRole: 'ServerWithClientAuth', keyring: 'WEBSRV/Web.Ring' },
        { name: 'Mq', localPort: 'ephemeral', remotePort: { from: 1414, to: 1415 }, direction: 'outbound', jobname: 'MQ*', handshakeRole: 'Client' },
      ],
      securityLevels: [{ name: 'Strong', protocols: { 'TLSv1.2': true, 'TLSv1.3': true }, ciphers: ['TLS_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'] }],
      addressGroups: [{ name: 'Lan', addresses: ['10.0.0.0/8', '192.168.1.1-192.168.1.50', '172.16.0.1'] }],
      requirementMaps: [{ name: 'Map', mappings: [{ trafficDescriptor: 'Web', securityLevel: 'Strong' }, { trafficDescriptor: 'Mq', securityLevel: 'Strong' }] }],
      rules: [{ name: 'LanRule', local: 'All_IPv4_Addresses', remote: 'Lan', requirementMap: 'Map' }],
    });
    expect(errors).toEqual([]);
    expect(validatePolicy(policy, { release: 'V2R5' })).toEqual([]);
    expect(policy.statements.map((s) => `${s.type} ${s.name}`)).toEqual([
      'TTLSRule LanRule~1',
      'TTLSRule LanRule~2',
      'TTLSGroupAction gAct1~Web',
      'TTLSEnvironmentAction eAct1~Web',
      'TTLSConnectionAction cAct1~Web',
      'TTLSConnectionAdvancedParms cAdv1~Web',
      'TTLSCipherParms ciph1~Web',
      'TTLSGroupAction gAct1~Mq',
      'TTLSEnvironmentAction eAct1~Mq',
      'TTLSConnectionAction cAct1~Mq',
      'TTLSConnectionAdvancedParms cAdv1~Mq',
      'TTLSCipherParms ciph1~Mq',
      'TTLSKeyringParms keyR~Web',
      'TTLSKeyringParms keyR~SYS1',
      'IpAddrSet addr1',
      'IpAddrGroup addrGrp2',
      'PortRange portR1',
      'PortRange portR2',
      'PortRange portR3',
    ]);
    const text = renderPolicy(policy).text ?? '';
    expect(text).toContain(
      'IpAddrGroup                             addrGrp2\n{\n  IpAddrSet\n  {\n    Prefix                              10.0.0.0/8\n  }\n  IpAddrSet\n  {\n    Range                               192.168.1.1-192.168.1.50\n  }\n  IpAddrSet\n  {\n    Prefix                              172.16.0.1/32\n  }\n}\n',
    );
    expect(text).toContain('  RemoteAddrGroupRef                    addrGrp2\n');
    const back = parsePolicy(text, 'nca');
    expect(back.diagnostics).toEqual([]);
    expect(policyToJSON(back.policy)).toEqual(policyToJSON(policy));
    const mq = effectiveActions(rule(policy, 'LanRule~2'), policy);
    expect(mq.tls).toMatchObject({ handshakeRole: 'Client', keyring: 'Default.Ring', cipherSuites: ['1301', 'C030'] });
  });

  test('unknown requirement maps, descriptors, levels and groups are errors, not exceptions', () => {
    const { errors } = buildNcaPolicy({
      image: { name: 'S', keyring: 'R' },
      stack: { name: 'T' },
      trafficDescriptors: [],
      securityLevels: [{ name: 'L', protocols: {} }],
      requirementMaps: [{ name: 'M', mappings: [{ trafficDescriptor: 'Nope', securityLevel: 'L' }] }],
      rules: [
        { name: 'R1', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'Missing' },
        { name: 'R2', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'M' },
      ],
    });
    expect(errors.map((e) => e.code)).toEqual(['NCA001', 'NCA002']);
  });
});

test('secrets: not in JSON.stringify of the parsed model, nor in renderer refusals; still rendered', () => {
  const text = 'TTLSKeyringParms k\n{\n  Keyring /etc/key.kdb\n  KeyringPw pa55word\n}\nTTLSGskLdapParms l\n{\n  GSK_LDAP_Password ldapPw9\n}\n';
  const p = parsePolicy(text, 'k').policy;
  const json = JSON.stringify(p);
  expect(json).not.toContain('pa55word');
  expect(json).not.toContain('ldapPw9');
  expect(json).toContain('********');
  expect(renderPolicy(p).text).toBe(
    'TTLSKeyringParms                        k\n{\n  Keyring                               /etc/key.kdb\n  KeyringPw                             pa55word\n}\nTTLSGskLdapParms                        l\n{\n  GSK_LDAP_Password                     ldapPw9\n}\n',
  );
  const k = p.statements[0];
  if (k === undefined) throw new Error('no statement');
  const bad = renderPolicy({ ...p, statements: [{ ...k, params: k.params.map((q) => (q.keyword === 'KeyringPw' ? { ...q, values: ['has space'] } : q)) }] });
  expect(bad.text).toBeUndefined();
  expect(JSON.stringify(bad.diagnostics)).not.toContain('has space');
});

describe('NCA builder properties', () => {
  const portArb = fc.oneof(
    fc.constantFrom('all' as const, 'ephemeral' as const),
    fc.integer({ min: 1, max: 65535 }),
    fc.tuple(fc.integer({ min: 1, max: 30000 }), fc.integer({ min: 0, max: 30000 })).map(([a, d]) => ({ from: a, to: a + d })),
  );
  const nameArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);
  const addrArb = fc.constantFrom('10.0.0.0/8', '192.168.1.1', '192.168.2.1-192.168.2.9', '2001:db8::/32', '2001:db8::1');
  const configArb = fc
    .record({
      tds: fc.uniqueArray(
        fc.record({
          name: nameArb,
          localPort: portArb,
          remotePort: portArb,
          direction: fc.constantFrom('inbound' as const, 'outbound' as const, 'both' as const),
          jobname: fc.option(fc.constantFrom('JOB1', 'CICS*', 'USER1GET'), { nil: undefined }),
          handshakeRole: fc.constantFrom('Client' as const, 'Server' as const, 'ServerWithClientAuth' as const),
          keyring: fc.option(fc.constantFrom('Other.Ring', 'SRV/Shared.Ring'), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 4, selector: (t) => t.name },
      ),
      groups: fc.array(fc.uniqueArray(addrArb, { minLength: 1, maxLength: 3 }), { maxLength: 2 }),
      tls13: fc.boolean(),
      ciphers: fc.option(fc.subarray(['TLS_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_RSA_WITH_AES_128_CBC_SHA']), { nil: undefined }),
      local: fc.nat(3),
      remote: fc.nat(3),
    })
    .map((c): NcaConfig => {
      const groupNames = ['All_IPv4_Addresses', 'All_IPv6_Addresses', ...c.groups.map((_, i) => `G${i}`)];
      const pick = (n: number): string => groupNames[n % groupNames.length] ?? 'All_IPv4_Addresses';
      return {
        image: { name: 'IMG', keyring: 'Default.Ring', release: 'V2R5' },
        stack: { name: 'TCPIP' },
        trafficDescriptors: c.tds.map(({ jobname, keyring, ...td }) => ({ ...td, ...(jobname === undefined ? {} : { jobname }), ...(keyring === undefined ? {} : { keyring }) })),
        securityLevels: [{ name: 'L', protocols: { 'TLSv1.2': true, 'TLSv1.3': c.tls13 }, ...(c.ciphers === undefined || c.ciphers.length === 0 ? {} : { ciphers: c.ciphers }) }],
        addressGroups: c.groups.map((addresses, i) => ({ name: `G${i}`, addresses })),
        requirementMaps: [{ name: 'M', mappings: c.tds.map((t) => ({ trafficDescriptor: t.name, securityLevel: 'L' })) }],
        rules: [{ name: 'Rule', local: pick(c.local), remote: pick(c.remote), requirementMap: 'M' }],
      };
    });

  fcTest.prop([configArb], { numRuns: 150 })('builds a policy without errors that renders and parses back to itself', (cfg) => {
    const { policy, errors } = buildNcaPolicy(cfg);
    expect(errors).toEqual([]);
    const ds = validatePolicy(policy, { release: 'V2R5' });
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    const text = renderPolicy(policy).text;
    expect(text).toBeDefined();
    const back = parsePolicy(text ?? '', 'nca');
    expect(back.diagnostics).toEqual([]);
    expect(policyToJSON(back.policy)).toEqual(policyToJSON(policy));
    expect(renderPolicy(back.policy).text).toBe(text);
  });
});
