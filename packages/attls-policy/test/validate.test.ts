import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, fixedClock } from '@ztwin/core';
import { check, type KeyringFacts, type ValidateOptions } from '@ztwin/attls-policy';

const run = (text: string, opts: ValidateOptions = {}): Diagnostic[] => check({ text, source: 'p.policy' }, opts).diagnostics;
const codes = (text: string, opts: ValidateOptions = {}): string[] => run(text, opts).map((d) => `${d.code}@${d.line}`);

/** A minimal valid client policy; tests change one thing at a time. */
const base = (over: { rule?: string; group?: string; env?: string; conn?: string; extra?: string } = {}): string => `TTLSRule r1
{
  RemotePortRange 443
  Direction Outbound
  Priority 10
  TTLSGroupActionRef g1
  TTLSEnvironmentActionRef e1
${over.rule ?? ''}}
TTLSGroupAction g1
{
  TTLSEnabled On
${over.group ?? ''}}
TTLSEnvironmentAction e1
{
  HandshakeRole Client
  TTLSKeyringParmsRef k1
${over.env ?? ''}}
TTLSKeyringParms k1
{
  Keyring RING1
}
${over.extra ?? ''}`;

describe('validation: one statement at a time', () => {
  test('the base policy is clean', () => {
    expect(codes(base())).toEqual([]);
  });

  test('TTLSRule: Direction and TTLSGroupActionRef are required; a condition is required', () => {
    const text = `TTLSRule r\n{\n  Priority 1\n}\n`;
    expect(codes(text)).toEqual(['ATTLS106@1', 'ATTLS106@1', 'ATTLS131@1']);
    expect(run(text).map((d) => d.message)).toEqual([
      'TTLSRule r is missing Direction',
      'TTLSRule r is missing TTLSGroupActionRef',
      'TTLSRule r needs at least one address, port, Jobname or Userid condition besides Direction',
    ]);
  });

  test('TTLSRule: Priority range, Direction values, jobname form', () => {
    expect(codes(base({ rule: '  Priority 2000000001\n' }))).toContain('ATTLS103@8');
    expect(codes(base({ rule: '  Jobname USER*X\n' }))).toContain('ATTLS102@8');
    const d = run(base({ rule: '  Direction Outbund\n' })).find((x) => x.code === 'ATTLS102');
    expect(d?.hint).toBe('did you mean Outbound?');
  });

  test('TTLSRule: a group with TTLSEnabled On needs an environment action', () => {
    const text = base().replace('  TTLSEnvironmentActionRef e1\n', '');
    expect(codes(text)).toContain('ATTLS132@1');
  });

  test('TTLSRule: two forms of the same address condition', () => {
    expect(codes(base({ rule: '  RemoteAddr 10.0.0.0/8\n  RemoteAddrSetRef s1\n', extra: 'IpAddrSet s1\n{\n  Prefix 10.0.0.0/8\n}\n' }))).toContain('ATTLS130@1');
  });

  test('TTLSGroupAction: TTLSEnabled required, Trace range, FIPS140 values', () => {
    const text = base().replace('  TTLSEnabled On\n', '  Trace 256\n  FIPS140 Maybe\n');
    expect(codes(text)).toEqual(expect.arrayContaining(['ATTLS106@9', 'ATTLS103@11', 'ATTLS102@12']));
  });

  test('TTLSEnvironmentAction: HandshakeRole ClientWithServerAuth is not a role', () => {
    const text = base().replace('HandshakeRole Client', 'HandshakeRole ClientWithServerAuth');
    const d = run(text).find((x) => x.code === 'ATTLS102');
    expect(d).toMatchObject({ line: 15, message: 'HandshakeRole ClientWithServerAuth is not one of Client, Server, ServerWithClientAuth' });
  });

  test('TTLSEnvironmentAction: HandshakeRole and a key ring are required', () => {
    const text = base().replace('  HandshakeRole Client\n  TTLSKeyringParmsRef k1\n', '  Trace 3\n');
    expect(run(text).filter((d) => d.code === 'ATTLS106').map((d) => d.message)).toEqual([
      'TTLSEnvironmentAction e1 is missing HandshakeRole',
      'TTLSEnvironmentAction e1 is missing TTLSKeyringParms or TTLSKeyringParmsRef',
    ]);
  });

  test('TTLSEnvironmentAction: inline and Ref of the same sub-statement', () => {
    expect(codes(base({ env: '  TTLSKeyringParms\n  {\n    Keyring R2\n  }\n' }))).toContain('ATTLS107@13');
  });

  test('TTLSConnectionAction: CertificateLabel belongs in the advanced parms', () => {
    const text = base({ rule: '  TTLSConnectionActionRef c1\n', extra: 'TTLSConnectionAction c1\n{\n  CertificateLabel MYCERT\n}\n' });
    const d = run(text).find((x) => x.code === 'ATTLS101');
    expect(d).toMatchObject({ line: 25, column: 3, message: 'CertificateLabel is not valid in TTLSConnectionAction' });
    expect(d?.hint).toBe('it belongs in TTLSEnvironmentAdvancedParms, TTLSConnectionAdvancedParms');
  });

  test('actions cannot be nested', () => {
    const text = base({ env: '  TTLSConnectionAction\n  {\n    Trace 1\n  }\n' });
    expect(run(text).find((d) => d.code === 'ATTLS101')?.message).toBe('TTLSConnectionAction cannot be nested in TTLSEnvironmentAction: actions are only referenced from rules');
  });

  test('TTLSEnvironmentAdvancedParms: values, ranges, ClientAuthType', () => {
    const text = base({ env: '  TTLSEnvironmentAdvancedParms\n  {\n    HandshakeTimeout 601\n    ClientAuthType Optional\n    TLSv1.2 Yes\n  }\n' });
    expect(codes(text)).toEqual(['ATTLS103@19', 'ATTLS102@20', 'ATTLS102@21']);
  });

  test('TLSv1.3 does not exist before V2R4', () => {
    const text = base({ env: '  TTLSEnvironmentAdvancedParms\n  {\n    TLSv1.3 On\n  }\n' });
    expect(codes(text, { release: 'V2R3' })).toEqual(['ATTLS104@19']);
    expect(codes(text, { release: 'V2R4' })).toEqual([]);
  });

  test('every protocol off is an error', () => {
    const text = base({ env: '  TTLSEnvironmentAdvancedParms\n  {\n    TLSv1 Off\n    TLSv1.1 Off\n  }\n' });
    // TLSv1 and TLSv1.1 were the only protocols on by default; TLSv1.2 is off unless set.
    expect(codes(text, { release: 'V3R1' })).toEqual(['ATTLS150@1']);
    expect(codes(text.replace('    TLSv1.1 Off\n', '    TLSv1.1 Off\n    TLSv1.3 On\n'), { release: 'V3R1' })).toEqual([]);
    expect(codes(text.replace('    TLSv1.1 Off\n', ''), { release: 'V2R2' })).toEqual([]);
  });

  test('TTLSConnectionAdvancedParms overrides the environment (all off through the connection)', () => {
    const text = base({
      rule: '  TTLSConnectionActionRef c1\n',
      extra: 'TTLSConnectionAction c1\n{\n  TTLSConnectionAdvancedParms\n  {\n    TLSv1 Off\n    TLSv1.1 Off\n  }\n}\n',
    });
    expect(codes(text)).toEqual(['ATTLS150@1']);
  });

  test('TTLSKeyringParms: Keyring is required; KeyringPw never shows in diagnostics', () => {
    const text = base().replace('  Keyring RING1\n', '  KeyringPw s3cr3t-pw\n  KeyringStashFile /etc/x.sth\n');
    const ds = run(text);
    expect(ds.map((d) => d.code)).toEqual(['ATTLS106']);
    expect(JSON.stringify(ds)).not.toContain('s3cr3t');
  });

  test('TTLSCipherParms: cipher names, 2-hex and 4-hex codes; unknown ones flagged', () => {
    const ok = base({ env: '  TTLSCipherParms\n  {\n    V3CipherSuites TLS_RSA_WITH_AES_256_CBC_SHA 2F\n    V3CipherSuites4Char C02F 1301\n  }\n' });
    expect(codes(ok)).toEqual([]);
    const bad = base({ env: '  TTLSCipherParms\n  {\n    V3CipherSuites TLS_RSA_WITH_AES_256_CBC_SHA265\n    V3CipherSuites4Char 2F\n    V3CipherSuites ZZ\n  }\n' });
    const ds = run(bad);
    expect(ds.map((d) => `${d.code}@${d.line}`)).toEqual(['ATTLS112@19', 'ATTLS112@20', 'ATTLS112@21']);
    expect(ds[0]?.hint).toBe('did you mean TLS_RSA_WITH_AES_256_CBC_SHA256?');
    expect(ds[1]?.message).toBe('V3CipherSuites4Char takes 4-character codes, not 2F');
  });

  test('TTLSSignatureParms, TTLSGskAdvancedParms, TTLSGskLdapParms, TTLSGskOcspParms, TTLSGskHttpCdpParms', () => {
    const env = [
      '  TTLSSignatureParms\n  {\n    ClientECurves secp256r1 secp384r1\n    SignaturePairs 0401 0403\n  }\n',
      '  TTLSGskAdvancedParms\n  {\n    GSK_V3_SESSION_TIMEOUT 600\n    TTLSGskOcspParms\n    {\n      OcspAiaEnable On\n      OcspResponseTimeout 50000\n    }\n    TTLSGskHttpCdpParmsRef cdp\n    TTLSGskLdapParms\n    {\n      GSK_LDAP_Server ldap.example.com\n      GSK_LDAP_Server_Port 70000\n    }\n  }\n',
    ].join('');
    const text = base({ env, extra: 'TTLSGskHttpCdpParms cdp\n{\n  HttpCdpEnable On\n  HttpCdpCacheSize x\n}\n' });
    expect(codes(text)).toEqual(['ATTLS103@28', 'ATTLS103@34', 'ATTLS102@45']);
  });

  test('TTLSGroupAdvancedParms', () => {
    expect(codes(base({ group: '  TTLSGroupAdvancedParms\n  {\n    SyslogFacility Auth\n    SecondaryMap On\n  }\n' }))).toEqual([]);
    expect(codes(base({ group: '  TTLSGroupAdvancedParms\n  {\n    SyslogFacility Kernel\n  }\n' }))).toEqual(['ATTLS102@14']);
  });

  test('IpAddr, IpAddrSet, IpAddrGroup: address forms', () => {
    const extra = [
      'IpAddr a1\n{\n  Addr 10.1.1.1\n}\n',
      'IpAddr a2\n{\n  Addr 10.1.1.0/24\n}\n',
      'IpAddrSet s1\n{\n  Prefix 10.0.0.0/33\n}\n',
      'IpAddrSet s2\n{\n  Range 10.0.0.9-10.0.0.1\n}\n',
      'IpAddrSet s3\n{\n  Prefix 2001:db8::/32\n}\n',
      'IpAddrSet s4\n{\n  Prefix 10.0.0.0/8\n  Range 10.1.1.1-10.1.1.2\n}\n',
      'IpAddrSet s5\n{\n  Prefix ::ffff:10.0.0.0/104\n}\n',
      'IpAddrSet s6\n{\n  Addr 10.0.0.1\n}\n',
      'IpAddrGroup g1\n{\n  IpAddrSetRef s3\n  IpAddrSet\n  {\n    Range 192.168.0.1-192.168.0.20\n  }\n  IpAddrRef a1\n  IpAddr\n  {\n    Addr 10.9.9.9 ZOSA\n  }\n}\n',
    ].join('');
    const ds = run(base({ extra }));
    expect(ds.map((d) => `${d.code}@${d.line}`)).toEqual([
      'ATTLS102@28', // a2: a prefix where one address is expected
      'ATTLS102@32', // /33
      'ATTLS102@36', // range backwards
      'ATTLS107@42', // Prefix and Range in one set
      'ATTLS102@49', // IPv4-mapped IPv6
      'ATTLS106@51', // s6 has neither Prefix nor Range ...
      'ATTLS101@53', // ... and Addr belongs in IpAddr
      'ATTLS109@65', // `Addr 10.9.9.9 ZOSA`: ZOSA is ignored (a comment to Policy Agent)
    ]);
    expect(ds[6]?.hint).toBe('it belongs in IpAddr');
    expect(ds[7]).toMatchObject({ severity: 'warning', message: "Addr takes one value: 'ZOSA' is ignored (use # for comments)" });
  });

  test('PortRange and PortGroup', () => {
    const extra = 'PortRange p1\n{\n  Port 70000\n}\nPortGroup pg\n{\n  PortRangeRef p1\n  PortRange\n  {\n    Port 20-21\n  }\n  PortRangeRef nope\n}\n';
    expect(codes(base({ extra }))).toEqual(['ATTLS102@24', 'ATTLS110@33']);
  });

  test('IpTimeCondition', () => {
    const rule = '  IpTimeCondition\n  {\n    TimeOfDayRange 08:00-17:30\n    DayOfWeekMask 0111110\n    MonthOfYearMask 1111\n    ConditionTimeRange 20260101:2026x\n  }\n';
    expect(codes(base({ rule }))).toEqual(['ATTLS102@12', 'ATTLS102@13']);
  });

  test('dangling and wrongly typed references, with did-you-mean', () => {
    const dangling = run(base().replace('TTLSKeyringParmsRef k1', 'TTLSKeyringParmsRef K1'));
    expect(dangling.map((d) => `${d.code}@${d.line}`)).toEqual(['ATTLS110@16']);
    expect(dangling[0]?.hint).toBe('did you mean k1?');
    const wrong = run(base().replace('TTLSGroupActionRef g1', 'TTLSGroupActionRef e1'));
    expect(wrong.map((d) => d.message)).toContain('TTLSGroupActionRef e1 names a TTLSEnvironmentAction, not a TTLSGroupAction');
  });

  test('unknown parameters and statements, with did-you-mean', () => {
    const ds = run(base({ env: '  HandshakRole Server\n', extra: 'TTLSGroupActoin g2\n{\n  TTLSEnabled Off\n}\n' }));
    expect(ds.map((d) => [d.code, d.line, d.hint])).toEqual([
      ['ATTLS100', 17, 'did you mean HandshakeRole?'],
      ['ATTLS001', 23, 'did you mean TTLSGroupAction?'],
    ]);
  });

  test('duplicate statements: the last wins, with a warning at the earlier one', () => {
    const ds = run(base({ extra: 'TTLSKeyringParms k1\n{\n  Keyring RING2\n}\n' }));
    expect(ds.map((d) => [d.code, d.severity, d.line])).toEqual([['ATTLS010', 'warning', 18]]);
    const r = check({ text: base({ extra: 'TTLSKeyringParms k1\n{\n  Keyring RING2\n}\n' }), source: 'p' });
    expect(r.policy.statements.filter((s) => s.name === 'k1').map((s) => s.params[0]?.values)).toEqual([['RING2']]);
  });

  test('a parameter given twice is warned (last one used)', () => {
    expect(run(base({ group: '  Trace 3\n  Trace 5\n' })).map((d) => [d.code, d.severity])).toEqual([['ATTLS105', 'warning']]);
  });

  test('a rule that a higher-priority rule shadows can never match', () => {
    const extra = 'TTLSRule r0\n{\n  RemotePortRange 400-500\n  Direction Both\n  Priority 20\n  TTLSGroupActionRef g1\n  TTLSEnvironmentActionRef e1\n}\n';
    const ds = run(base({ extra }));
    expect(ds.map((d) => [d.code, d.line, d.severity])).toEqual([['ATTLS140', 1, 'warning']]);
    expect(ds[0]?.message).toMatch(/^TTLSRule r1 can never match: r0 \(priority 20\)/);
    // A narrower higher rule does not shadow.
    expect(codes(base({ extra: extra.replace('400-500', '443').replace('Direction Both', 'Direction Inbound') }))).toEqual([]);
  });

  test('names that cannot be written back are rejected', () => {
    const long = 'N'.repeat(33);
    expect(codes(base().replace(/k1/g, long))).toEqual(['ATTLS120@18']);
  });

  test('a public-sample-style policy (mixed case, inline parms, cipher lists, trailing comments) is clean', () => {
    const text = readFileSync(join(__dirname, 'fixtures', 'server-sample.policy'), 'utf8');
    expect(codes(text)).toEqual([]);
  });
});

describe('validation against key ring facts', () => {
  /** Facts as a small table: rings, who may read them, default certificate state. */
  const facts = (rings: Record<string, { readers: string[]; privateReaders?: string[]; dflt?: { notAfter: string } | 'none' }>): KeyringFacts => ({
    ringExists: (owner, ring) => `${owner}/${ring}` in rings,
    canRead: (user, owner, ring, { privateKey }) => {
      const r = rings[`${owner}/${ring}`];
      if (r === undefined) return false;
      if (user === owner) return true;
      return privateKey ? (r.privateReaders ?? []).includes(user) : r.readers.includes(user);
    },
    defaultCertificate: (owner, ring, at) => {
      const r = rings[`${owner}/${ring}`];
      if (r === undefined || r.dflt === undefined || r.dflt === 'none') return undefined;
      const exp = new Date(r.dflt.notAfter);
      return at > exp ? { usable: false, reason: `expired ${r.dflt.notAfter}` } : { usable: true };
    },
  });
  const seed = readFileSync(join(__dirname, 'fixtures', 'seed-appendix.policy'), 'utf8');
  const clock = fixedClock('2026-11-24T12:00:00Z');
  const jobUsers = { USER1GET: 'USER1' };

  test("the job's user owns the ring: clean", () => {
    const f = facts({ 'USER1/Liberty.KeyRing': { readers: [], dflt: { notAfter: '2030-01-01' } } });
    expect(codes(seed, { keyringFacts: f, jobUsers, clock })).toEqual([]);
  });

  test('ring names are case sensitive (Keyring.LIBERTY is not Liberty.KeyRing)', () => {
    const f = facts({ 'USER1/Keyring.LIBERTY': { readers: [] } });
    const ds = run(seed, { keyringFacts: f, jobUsers, clock });
    expect(ds.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(['ATTLS161@57:3']);
    expect(ds[0]?.message).toBe('TTLSRule zCEEClientRule~1: USER1 has no key ring Liberty.KeyRing (ring names are case sensitive)');
  });

  test('an expired default certificate (NOTAFTER 2022/12/31) is flagged at the given clock', () => {
    const f = facts({ 'USER1/Liberty.KeyRing': { readers: [], dflt: { notAfter: '2022-12-31T23:59:59Z' } } });
    const ds = run(seed, { keyringFacts: f, jobUsers, clock });
    expect(ds.map((d) => d.code)).toEqual(['ATTLS164']);
    expect(ds[0]?.message).toMatch(/expired 2022-12-31/);
    expect(codes(seed, { keyringFacts: f, jobUsers, clock: fixedClock('2022-06-01T00:00:00Z') })).toEqual([]);
  });

  test("another user's ring (owner/ring) must be readable, with private keys when a certificate is presented", () => {
    const text = seed.replace('Keyring                               Liberty.KeyRing', 'Keyring                               LIBSERV/Shared.Ring');
    const f = facts({ 'LIBSERV/Shared.Ring': { readers: ['USER1'], dflt: { notAfter: '2030-01-01' } } });
    expect(run(text, { keyringFacts: f, jobUsers, clock }).map((d) => d.code)).toEqual(['ATTLS162']);
    const g = facts({ 'LIBSERV/Shared.Ring': { readers: ['USER1'], privateReaders: ['USER1'], dflt: { notAfter: '2030-01-01' } } });
    expect(codes(text, { keyringFacts: g, jobUsers, clock })).toEqual([]);
  });

  test('without knowing the user of the job, the ring is not checked (info)', () => {
    const f = facts({});
    expect(run(seed, { keyringFacts: f, clock }).map((d) => [d.code, d.severity])).toEqual([['ATTLS160', 'info']]);
  });

  test('a server role needs a default certificate', () => {
    const text = base({ rule: '  Userid SRVUSER\n' }).replace('HandshakeRole Client', 'HandshakeRole Server').replace('Direction Outbound', 'Direction Inbound');
    const f = facts({ 'SRVUSER/RING1': { readers: [], dflt: 'none' } });
    expect(codes(text, { keyringFacts: f, clock })).toEqual(['ATTLS163@21']);
  });
});

test('a policy in the style of generated public samples (banners, indentation, JobName/UserId, no priorities)', () => {
  const text = readFileSync(join(__dirname, 'fixtures', 'generated-style.policy'), 'utf8');
  const ds = run(text);
  expect(ds.map((d) => `${d.code}@${d.line}:${d.severity}`)).toEqual(['ATTLS133@35:info', 'ATTLS133@50:info', 'ATTLS133@57:info', 'ATTLS140@57:warning']);
  expect(ds.find((d) => d.code === 'ATTLS140')?.message).toMatch(/^TTLSRule CATCHALL2 can never match: CATCHALL1 \(no Priority\)/);
});

test('main-file statements are checked too', () => {
  expect(codes('LogLevel lots\nTcpImage\nCommonTTLSConfig\nTTLSConfig\n')).toEqual(['ATTLS102@1', 'ATTLS006@2', 'ATTLS006@3']);
  expect(codes('LogLevel 511\nTcpImage TCPIP1 /etc/pagent.TCPIP1.conf FLUSH\n')).toEqual([]);
});

test('key database passwords belong to key database files', () => {
  expect(run(base().replace('  Keyring RING1\n', '  Keyring RING1\n  KeyringStashFile /etc/x.sth\n')).map((d) => [d.code, d.severity, d.line])).toEqual([['ATTLS165', 'warning', 21]]);
  expect(run(base().replace('  Keyring RING1\n', '  Keyring /etc/ring.kdb\n')).map((d) => [d.code, d.severity])).toEqual([['ATTLS165', 'warning']]);
  expect(codes(base().replace('  Keyring RING1\n', '  Keyring /etc/ring.kdb\n  KeyringStashFile /etc/ring.sth\n'))).toEqual([]);
});
