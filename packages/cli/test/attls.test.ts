import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as t from 'io-ts';
import { AttlsCheckJson, AttlsFmtJson, AttlsMatchJson, UsageErrorJson, captureIo, run } from '@ztwin/cli';

const valid = (c: t.Mixed, text: string): boolean => c.is(JSON.parse(text));
const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'attls-policy', 'test', 'fixtures', name), 'utf8');
// The seed lab's outbound rule as the NCA wrote it, and the same file with the seed's TLSKeyringParms typo.
const seed = fixture('seed-appendix.policy');
const typo = fixture('seed-appendix-typo.policy');

const connection = ['--local', '192.168.17.201:7419', '--remote', '192.168.17.201:9443', '--direction', 'outbound', '--time', '2026-11-24T10:00:00Z'];

describe('ztwin attls match', () => {
  it('USER1GET to 9443 outbound maps to the rule, with its effective actions', async () => {
    const io = captureIo({ 'seed.policy': seed });
    expect(await run(['attls', 'match', 'seed.policy', '--jobname', 'USER1GET', ...connection, '--json'], io)).toBe(0);
    expect(valid(AttlsMatchJson, io.out())).toBe(true);
    const doc = JSON.parse(io.out()) as { rule: { name: string; line: number } | null; actions: { tls: { keyring: string; handshakeRole: string } } | null };
    expect(doc.rule).toMatchObject({ name: 'zCEEClientRule~1', source: 'seed.policy', line: 16, jobname: 'USER1GET', remotePort: '9443' });
    expect(doc.actions?.tls).toMatchObject({ enabled: true, handshakeRole: 'Client', keyring: 'Liberty.KeyRing' });
    const text = captureIo({ 'seed.policy': seed });
    expect(await run(['attls', 'match', 'seed.policy', '--jobname', 'user1get', ...connection], text)).toBe(0);
    expect(text.out()).toMatch(/^rule zCEEClientRule~1 \(priority 255, seed\.policy:16\)\n/);
    expect(text.out()).toContain('Keyring Liberty.KeyRing');
  });

  it('another job name maps to no rule, and skipped says why', async () => {
    const io = captureIo({ 'seed.policy': seed });
    expect(await run(['attls', 'match', 'seed.policy', '--jobname', 'USER2GET', ...connection, '--json'], io)).toBe(0);
    expect(valid(AttlsMatchJson, io.out())).toBe(true);
    expect(JSON.parse(io.out())).toEqual({
      rule: null,
      actions: null,
      skipped: [{ rule: 'zCEEClientRule~1', priority: 255, reason: 'Jobname USER2GET does not match USER1GET' }],
      diagnostics: [],
    });
    // Inbound on the same ports is not this outbound rule either.
    const inb = captureIo({ 'seed.policy': seed });
    const argv = ['attls', 'match', 'seed.policy', '--jobname', 'USER1GET', '--local', '10.1.1.1:9443', '--remote', '10.1.1.2:7419', '--direction', 'inbound', '--json'];
    expect(await run(argv, inb)).toBe(0);
    expect(JSON.parse(inb.out())).toMatchObject({ rule: null });
  });

  it('usage errors: bad endpoint, bad direction, bad release, missing flags', async () => {
    for (const argv of [
      ['attls', 'match', 'seed.policy', '--jobname', 'J', '--local', '1.2.3.4', '--remote', '1.2.3.4:1', '--direction', 'outbound'],
      ['attls', 'match', 'seed.policy', '--jobname', 'J', '--local', '1.2.3.4:1', '--remote', '1.2.3.4:1', '--direction', 'sideways'],
      ['attls', 'match', 'seed.policy', '--jobname', 'J', '--local', '1.2.3.4:1', '--remote', '1.2.3.4:1', '--direction', 'inbound', '--release', 'V9R9'],
      ['attls', 'match', 'seed.policy', '--jobname', 'J', '--direction', 'inbound'],
      ['attls', 'match', '--jobname', 'J', '--local', '1.2.3.4:1', '--remote', '1.2.3.4:1', '--direction', 'inbound', '--json'],
    ]) {
      const io = captureIo({ 'seed.policy': seed });
      expect(await run(argv, io)).toBe(2);
      if (argv.includes('--json')) expect(valid(UsageErrorJson, io.out())).toBe(true);
    }
  });

  it('a policy with errors still answers but exits 1', async () => {
    const io = captureIo({ 'typo.policy': typo });
    expect(await run(['attls', 'match', 'typo.policy', '--jobname', 'USER1GET', ...connection, '--json'], io)).toBe(1);
    expect(valid(AttlsMatchJson, io.out())).toBe(true);
  });
});

describe('ztwin attls check', () => {
  it('the seed policy is clean (exit 0); --json lists its rules', async () => {
    const io = captureIo({ 'seed.policy': seed });
    expect(await run(['attls', 'check', 'seed.policy', '--json'], io)).toBe(0);
    expect(valid(AttlsCheckJson, io.out())).toBe(true);
    expect(JSON.parse(io.out())).toEqual({ policy: 'seed.policy', ok: true, rules: [{ name: 'zCEEClientRule~1', source: 'seed.policy', line: 16 }], diagnostics: [] });
  });

  it("the seed's TLSKeyringParms typo: each problem as FILE:LINE:COL, exit 1", async () => {
    const io = captureIo({ 'typo.policy': typo });
    expect(await run(['attls', 'check', 'typo.policy'], io)).toBe(1);
    expect(io.err()).toMatch(/^typo\.policy:\d+:3: ATTLS110 TTLSKeyringParmsRef keyR~WG31: no TTLSKeyringParms of that name\n/m);
    expect(io.err()).toMatch(/^typo\.policy:\d+:1: ATTLS001 unknown statement TLSKeyringParms: .*\(did you mean TTLSKeyringParms\?\)$/m);
    expect(io.out()).toBe('typo.policy: 1 rule(s); problems found\n');
  });

  it('follows a Policy Agent configuration (pagent.conf → image → TTLSConfig) through the files', async () => {
    const files = {
      '/etc/pagent.conf': 'TcpImage TCPIP1 /etc/pagent/TCPIP1.conf FLUSH PURGE\n',
      '/etc/pagent/TCPIP1.conf': 'TTLSConfig /etc/pagent/TCPIP1.ttls.policy FLUSH PURGE\n',
      '/etc/pagent/TCPIP1.ttls.policy': seed,
    };
    const io = captureIo(files);
    expect(await run(['attls', 'check', '/etc/pagent.conf', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ ok: true, rules: [{ name: 'zCEEClientRule~1', source: '/etc/pagent/TCPIP1.ttls.policy' }] });
    const missing = captureIo({ '/etc/pagent.conf': files['/etc/pagent.conf'], '/etc/pagent/TCPIP1.conf': files['/etc/pagent/TCPIP1.conf'] });
    expect(await run(['attls', 'check', '/etc/pagent.conf'], missing)).toBe(1);
    expect(missing.err()).toMatch(/^\/etc\/pagent\/TCPIP1\.conf:1:1: ATTLS020 cannot read \/etc\/pagent\/TCPIP1\.ttls\.policy/m);
  });

  it('--state: the job user must own the ring (case-sensitive names) and its default certificate must be usable', async () => {
    // USER1 has a ring named in another case than the policy's Liberty.KeyRing.
    const deck = [
      'ADDUSER USER1 NOPASSWORD',
      'ADDUSER USER2 NOPASSWORD',
      "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Policy Test CA')) WITHLABEL('PT CA') NISTECC SIZE(256) NOTAFTER(DATE(2035/12/31))",
      "RACDCERT ID(USER2) GENCERT SUBJECTSDN(CN('user2')) WITHLABEL('U2') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('PT CA')) NOTAFTER(DATE(2030/12/31))",
      'RACDCERT ID(USER1) ADDRING(Keyring.LIBERTY)',
      'RACDCERT ID(USER2) ADDRING(Liberty.KeyRing)',
      "RACDCERT ID(USER2) CONNECT(RING(Liberty.KeyRing) LABEL('U2') DEFAULT)",
      "RACDCERT ID(USER2) CONNECT(RING(Liberty.KeyRing) LABEL('PT CA') CERTAUTH)",
      'SETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)',
      'RDEFINE FACILITY IRR.DIGTCERT.LISTRING UACC(NONE)',
      'PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(USER2) ACCESS(READ)',
      'SETROPTS RACLIST(FACILITY) REFRESH',
      '',
    ].join('\n');
    const a = captureIo({ 'd.racf': deck, 'seed.policy': seed });
    expect(await run(['racf', 'apply', 'd.racf', '--out', 's.json', '--clock', '2026-01-01'], a)).toBe(0);
    const files = Object.fromEntries(a.files);
    const bad = captureIo(files);
    expect(await run(['attls', 'check', 'seed.policy', '--state', 's.json', '--job-user', 'USER1GET=USER1', '--clock', '2026-11-24'], bad)).toBe(1);
    expect(bad.err()).toMatch(/^seed\.policy:\d+:\d+: ATTLS161 .*USER1 has no key ring Liberty\.KeyRing.*did you mean Keyring\.LIBERTY\?/m);
    const good = captureIo(files);
    const gc = await run(['attls', 'check', 'seed.policy', '--state', 's.json', '--job-user', 'user1get=user2', '--clock', '2026-11-24', '--release', 'V2R4'], good);
    expect(good.err()).toBe('');
    expect(gc).toBe(0);
    // The same on a day after the certificate's NOTAFTER.
    const late = captureIo(files);
    expect(await run(['attls', 'check', 'seed.policy', '--state', 's.json', '--job-user', 'USER1GET=USER2', '--clock', '2031-01-01'], late)).toBe(1);
    expect(late.err()).toMatch(/ATTLS164 .*certificate 'U2' expired on 2030-12-31T23:59:59/);
    expect(good.err()).toBe('');
    expect(await run(['attls', 'check', 'seed.policy', '--job-user', 'USER1GET'], captureIo(files))).toBe(2);
    expect(await run(['attls', 'check', 'nope.policy'], captureIo(files))).toBe(2);
  });
});

describe('ztwin attls fmt', () => {
  it('canonical text of the seed policy is the file itself, and fmt is idempotent', async () => {
    const io = captureIo({ 'seed.policy': seed });
    expect(await run(['attls', 'fmt', 'seed.policy'], io)).toBe(0);
    expect(io.out()).toBe(seed);
    const messy = 'ttlsrule R1 { localportrange 443 direction inbound ttlsgroupactionref G }\nTTLSGroupAction G { TTLSEnabled on }\n';
    const a = captureIo({ 'm.policy': messy });
    expect(await run(['attls', 'fmt', 'm.policy'], a)).toBe(0);
    const b = captureIo({ 'c.policy': a.out() });
    expect(await run(['attls', 'fmt', 'c.policy'], b)).toBe(0);
    expect(b.out()).toBe(a.out());
    expect(a.out()).toMatch(/^TTLSRule\s+R1\n\{\n/);
  });

  it('a file that does not parse is not reformatted: diagnostics, exit 1, text null', async () => {
    const io = captureIo({ 'typo.policy': typo });
    expect(await run(['attls', 'fmt', 'typo.policy', '--json'], io)).toBe(1);
    expect(valid(AttlsFmtJson, io.out())).toBe(true);
    const doc = JSON.parse(io.out()) as { text: string | null; diagnostics: { code: string }[] };
    expect(doc.text).toBeNull();
    expect(doc.diagnostics.map((d) => d.code)).toContain('ATTLS001');
    const stdin = captureIo({}, seed);
    expect(await run(['attls', 'fmt', '-'], stdin)).toBe(0);
    expect(stdin.out()).toBe(seed);
  });
});
