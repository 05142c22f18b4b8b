/**
 * RACF virtual key rings in the simulator: the endpoint of `LIBSERV/*`, `*AUTH*` + `/*` and
 * `*SITE*` + `/*` built from a RACF state (certificates made by RACDCERT GENCERT, P-256), AT-TLS
 * rules that name them, and real node:tls handshakes with a virtual ring on each side.
 */
import { X509Certificate } from 'node:crypto';
import { fixedClock } from '@ztwin/core';
import { check, type Policy, virtualRingAccess } from '@ztwin/attls-policy';
import { applyDeck, certStoreOf } from '@ztwin/keyring';
import { type CertOwner, type RacfState, createState } from '@ztwin/racf-model';
import { securityFactsFromState } from '@ztwin/zcee-config';
import {
  type HandshakeSetup,
  type TlsEndpoint,
  attlsFacts,
  crossCheckTls,
  issuersFromState,
  keysFromState,
  predictHandshake,
  virtualRingEndpoint,
} from '@ztwin/simulator';

const PREP = fixedClock('2026-01-05T00:00:00Z');
const NOW = fixedClock('2026-11-25T12:00:00Z');

const DECK = [
  'ADDUSER LIBSERV NOPASSWORD',
  'ADDUSER USER1 NOPASSWORD',
  'ADDUSER USER2 NOPASSWORD',
  'SETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)',
  'RDEFINE FACILITY IRR.DIGTCERT.LISTRING UACC(NONE)',
  'PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(LIBSERV USER1) ACCESS(READ)',
  'SETROPTS RACLIST(FACILITY) REFRESH',
  "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('VR CA') O('ZTWIN')) WITHLABEL('VR CA') NISTECC SIZE(256) KEYUSAGE(CERTSIGN) NOTAFTER(DATE(2036/12/31))",
  "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Other CA') O('ZTWIN')) WITHLABEL('Other CA') NISTECC SIZE(256) KEYUSAGE(CERTSIGN) NOTAFTER(DATE(2036/12/31))",
  "RACDCERT CERTAUTH ALTER(LABEL('Other CA')) NOTRUST",
  "RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('zcee.example.com') O('ZTWIN')) WITHLABEL('zCEE.Server') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('VR CA')) NOTAFTER(DATE(2030/12/31))",
  "RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('old.example.com') O('ZTWIN')) WITHLABEL('zCEE.Old') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('VR CA')) NOTAFTER(DATE(2026/06/30))",
  "RACDCERT ID(USER1) GENCERT SUBJECTSDN(CN('USER1') O('ZTWIN')) WITHLABEL('USER1') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('VR CA')) NOTAFTER(DATE(2030/12/31))",
  '',
].join('\n');

let state: RacfState;
beforeAll(async () => {
  const r = await applyDeck(createState(), DECK, { clock: PREP, source: 'VRING' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  state = r.state;
});

const LIBSERV: CertOwner = { kind: 'ID', id: 'LIBSERV' };
const endpointOf = (e: TlsEndpoint | string): TlsEndpoint => {
  if (typeof e === 'string') throw new Error(e);
  return e;
};
/** The CN of each certificate. */
const subjects = (pems: readonly string[]): string[] => pems.map((p) => /CN=([^\n,]+)/.exec(new X509Certificate(p).subject)?.[1] ?? '?');

describe('virtualRingEndpoint', () => {
  test("LIBSERV/* presents the labelled certificate of LIBSERV's (with its key) and trusts nobody", () => {
    const e = endpointOf(virtualRingEndpoint(state, 'LIBSERV', LIBSERV, NOW, { label: 'zCEE.Server', needCertificate: true }));
    expect(e.source).toBe('LIBSERV/*');
    expect(subjects(e.certChainPem)).toEqual(['zcee.example.com']);
    expect(e.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(e).toMatchObject({ label: 'zCEE.Server', owner: 'LIBSERV', trustedCaPems: [] });
  });

  test('no label: nothing to present (an error for a server), and a label must exist', () => {
    expect(endpointOf(virtualRingEndpoint(state, 'LIBSERV', LIBSERV, NOW)).certChainPem).toEqual([]);
    expect(virtualRingEndpoint(state, 'LIBSERV', LIBSERV, NOW, { needCertificate: true })).toMatch(/^the virtual key ring LIBSERV\/\* has no default certificate/);
    expect(virtualRingEndpoint(state, 'LIBSERV', LIBSERV, NOW, { label: 'zcee.server' })).toMatch(/LIBSERV has no certificate labelled 'zcee.server'/);
  });

  test("*AUTH*/* trusts the trusted CERTAUTH certificates and presents none; *SITE*/* is empty", () => {
    const a = endpointOf(virtualRingEndpoint(state, 'USER1', { kind: 'CERTAUTH' }, NOW));
    expect(subjects(a.trustedCaPems)).toEqual(['VR CA']);
    expect(a.certChainPem).toEqual([]);
    expect(virtualRingEndpoint(state, 'USER1', { kind: 'CERTAUTH' }, NOW, { needCertificate: true })).toMatch(/CERTAUTH virtual key ring \*AUTH\*\/\* has no certificate to present/);
    expect(endpointOf(virtualRingEndpoint(state, 'USER1', { kind: 'SITE' }, NOW))).toEqual({ source: '*SITE*/*', certChainPem: [], trustedCaPems: [] });
  });

  test("access: USER2 has no IRR.DIGTCERT.LISTRING; USER1 may not read LIBSERV's ring", () => {
    expect(virtualRingEndpoint(state, 'USER2', { kind: 'CERTAUTH' }, NOW)).toMatch(/^USER2 may not read the virtual key ring \*AUTH\*\/\* \(FACILITY IRR.DIGTCERT.LISTRING needs READ/);
    expect(virtualRingEndpoint(state, 'USER1', LIBSERV, NOW, { label: 'zCEE.Server' })).toMatch(/^USER1 may not read the virtual key ring LIBSERV\/\* \(FACILITY IRR.DIGTCERT.LISTRING needs UPDATE/);
  });

  test('attls-policy and zcee-config answer virtual-ring access alike (both through keyring\'s rule)', async () => {
    const r = await applyDeck(
      state,
      [
        'SETROPTS CLASSACT(RDATALIB) RACLIST(RDATALIB)',
        'RDEFINE RDATALIB LIBSERV.IRR_VIRTUAL_KEYRING.LST UACC(NONE)',
        'PERMIT LIBSERV.IRR_VIRTUAL_KEYRING.LST CLASS(RDATALIB) ID(USER2) ACCESS(UPDATE)',
        'PERMIT LIBSERV.IRR_VIRTUAL_KEYRING.LST CLASS(RDATALIB) ID(USER1) ACCESS(READ)',
        'RDEFINE RDATALIB CERTIFAUTH.IRR_VIRTUAL_KEYRING.LST UACC(READ)',
        'SETROPTS RACLIST(RDATALIB) REFRESH',
        '',
      ].join('\n'),
      { clock: PREP },
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const owners: CertOwner[] = [LIBSERV, { kind: 'ID', id: 'USER1' }, { kind: 'ID', id: 'USER2' }, { kind: 'CERTAUTH' }, { kind: 'SITE' }];
    const seen = new Set<string>();
    for (const s of [state, r.state]) {
      const z = securityFactsFromState(s);
      for (const user of ['LIBSERV', 'USER1', 'USER2'])
        for (const owner of owners)
          for (const privateKey of [false, true]) {
            const a = virtualRingAccess(s, user, owner, { privateKey });
            const b = z.virtualRingAccess?.(user, owner, { privateKey });
            expect({ user, owner, privateKey, allowed: b?.allowed, reasons: b?.reasons }).toEqual({ user, owner, privateKey, allowed: a.allowed, reasons: a.reasons });
            seen.add(`${a.via}:${a.allowed}`);
          }
    }
    // Both paths and both answers were exercised.
    expect([...seen].sort()).toEqual(['FACILITY:false', 'FACILITY:true', 'RDATALIB:false', 'RDATALIB:true']);
  });
});

function policy(keyring: string, role: 'Client' | 'Server', label?: string): Policy {
  const text = [
    'TTLSRule vring',
    '{',
    '  LocalPortRange 8443',
    '  Direction Inbound',
    '  TTLSGroupActionRef g1',
    '  TTLSEnvironmentActionRef e1',
    '}',
    'TTLSGroupAction g1',
    '{',
    '  TTLSEnabled On',
    '}',
    'TTLSEnvironmentAction e1',
    '{',
    `  HandshakeRole ${role}`,
    '  TTLSKeyringParms',
    '  {',
    `    Keyring ${keyring}`,
    '  }',
    '  TTLSEnvironmentAdvancedParms',
    '  {',
    '    TLSv1.2 On',
    ...(label !== undefined ? [`    CertificateLabel ${label}`] : []),
    '  }',
    '}',
    '',
  ].join('\n');
  const r = check({ text, source: 'vring.policy' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.policy;
}
const conn = (userid: string) => ({ direction: 'Inbound' as const, jobName: 'BAQSTRT', userid, localAddr: '10.1.1.1', localPort: 8443, remoteAddr: '10.1.1.2', remotePort: 40000 });

describe('AT-TLS rules with a virtual Keyring', () => {
  test('Server role, Keyring LIBSERV/* and CertificateLabel: the endpoint presents that certificate', () => {
    const m = attlsFacts(policy('LIBSERV/*', 'Server', 'zCEE.Server'), state, certStoreOf(state), NOW).match(conn('LIBSERV'));
    expect(m?.keyringNote).toBeUndefined();
    expect(m?.endpoint?.label).toBe('zCEE.Server');
    expect(subjects(m?.endpoint?.certChainPem ?? [])).toEqual(['zcee.example.com']);
  });
  test('Server role without CertificateLabel: the environment cannot start, and the note says why', () => {
    const m = attlsFacts(policy('LIBSERV/*', 'Server'), state, certStoreOf(state), NOW).match(conn('LIBSERV'));
    expect(m?.endpoint).toBeNull();
    expect(m?.keyringNote).toMatch(/has no default certificate/);
  });
  test('SITE is a ring now (it had no endpoint before): empty here, so it trusts nobody', () => {
    const m = attlsFacts(policy('*SITE*/*', 'Client'), state, certStoreOf(state), NOW).match(conn('USER1'));
    expect(m?.endpoint).toEqual({ source: '*SITE*/*', certChainPem: [], trustedCaPems: [] });
  });
});

describe('real node:tls handshakes with virtual rings', () => {
  async function predictAndCheck(setup: HandshakeSetup, at: Date) {
    const prediction = predictHandshake(setup, at);
    const cross = await crossCheckTls(prediction, setup, { at, keyOf: keysFromState(state), issuers: issuersFromState(state) });
    return { prediction, cross };
  }
  const server = (): HandshakeSetup['server'] => ({
    endpoint: endpointOf(virtualRingEndpoint(state, 'LIBSERV', LIBSERV, NOW, { label: 'zCEE.Server', needCertificate: true })),
    protocols: ['TLSv1.2'],
    clientAuth: 'none',
  });

  test('server LIBSERV/* (by label), client trusting *AUTH*/*: the handshake succeeds', async () => {
    const client = endpointOf(virtualRingEndpoint(state, 'USER1', { kind: 'CERTAUTH' }, NOW));
    const { prediction, cross } = await predictAndCheck({ client: { endpoint: client, protocols: ['TLSv1.2'] }, server: server() }, NOW.now());
    expect(prediction.ok).toBe(true);
    expect(cross.verdict).toBe('agree');
  });

  test("client trusting only its own virtual ring USER1/* (all PERSONAL, no anchors): the server's certificate is rejected", async () => {
    const client = endpointOf(virtualRingEndpoint(state, 'USER1', { kind: 'ID', id: 'USER1' }, NOW));
    expect(client.trustedCaPems).toEqual([]);
    const { prediction, cross } = await predictAndCheck({ client: { endpoint: client, protocols: ['TLSv1.2'] }, server: server() }, NOW.now());
    expect(prediction.failure?.code).toBe('server-cert-rejected');
    expect(cross.verdict).toBe('agree');
  });

  test('an expired certificate named by label is still presented, and the peer rejects it', async () => {
    const old = endpointOf(virtualRingEndpoint(state, 'LIBSERV', LIBSERV, NOW, { label: 'zCEE.Old', needCertificate: true }));
    const client = endpointOf(virtualRingEndpoint(state, 'USER1', { kind: 'CERTAUTH' }, NOW));
    const { prediction, cross } = await predictAndCheck({ client: { endpoint: client, protocols: ['TLSv1.2'] }, server: { endpoint: old, protocols: ['TLSv1.2'], clientAuth: 'none' } }, NOW.now());
    expect(prediction.failure?.code).toBe('server-cert-rejected');
    expect(prediction.failure?.detail).toMatch(/expired/);
    expect(cross.verdict).toBe('agree');
  });
});
