import { evaluate, formatResult, type SimulationResult, type SimulationFacts } from '@ztwin/simulator';
import {
  crossChecked,
  LAB_DATE,
  TODAY,
  defaultPermits,
  labAttls,
  labFacts,
  labJob,
  labPki,
  labRacf,
  labServer,
  LAB_USERS,
  type LabPki,
} from './lab';

let pki: LabPki;
beforeAll(async () => {
  pki = await labPki();
});

const simulate = (facts: SimulationFacts): Promise<SimulationResult> => crossChecked(pki, facts);

const ids = (r: SimulationResult): string[] => r.messages.map((m) => m.id);
const failedStep = (r: SimulationResult): string | undefined => r.trace.find((s) => !s.ok)?.step;

describe('the seed lab, step by step (at the lab date 2020-12-11)', () => {
  test('HTTP to 9080 with requireSecure=true: 302, stub error 5, BAQI0005E RSC=6', async () => {
    const r = await simulate(labFacts(pki));
    expect(r.outcome).toBe('redirect');
    expect(r.httpStatus).toBe(302);
    expect(r.stubErrorCode).toBe(5);
    expect(r.errorOrigin).toBe('STUB');
    expect(r.messages[0]?.text).toContain('HWTHRQST RC=262(0x106) RSC=6 RSN=A redirect status was returned but no redirect location was provided.');
    expect(failedStep(r)).toBe('zcee.requireSecure');
  });

  test('HTTP with requireSecure=false: 200; ID1 USER1 asserted, the provider sees LIBSERV', async () => {
    const r = await simulate(labFacts(pki, { server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('ok');
    expect(r.httpStatus).toBe(200);
    expect(r.identity).toEqual({ authenticated: 'USER1', asserted: 'USER1', authorized: 'USER1', provider: 'LIBSERV' });
    expect(r.tls).toBeNull();
    expect(r.outboundTls?.clientCert?.label).toBe('zCEE Client Cert');
  });

  test('USER=USER2: 403 BAQR7115E (USER2 is in neither GMADMIN nor GMINVOKE)', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({ user: 'USER2' }), server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('forbidden');
    expect(r.httpStatus).toBe(403);
    expect(r.errorOrigin).toBe('ZCEE');
    expect(r.messages.map((m) => m.text)).toContain(
      'BAQR7115E: The asserted user ID USER2 is not authorized to invoke the API requester on resource /zosConnect/apiRequesters/cscvincapi_1.0.0.',
    );
    expect(r.identity.authenticated).toBe('USER1');
    expect(r.identity.asserted).toBe('USER2');
  });

  test('wrong BAQPASSWORD: 401 with ICH408I INVALID PASSWORD and IRR013I', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPASSWORD: 'password' }), server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('unauthenticated');
    expect(r.httpStatus).toBe(401);
    expect(ids(r)).toEqual(['ICH408I', 'IRR013I', 'CWWKS1100A', 'HTTP401']);
    expect(r.messages[0]?.text).toBe('ICH408I USER(USER1   ) GROUP(SYS1    ) NAME(WORKSHOP USER1      ) LOGON/JOB INITIATION - INVALID PASSWORD');
  });

  test('unknown BAQUSERNAME USERX: 401 with IRR012I', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQUSERNAME: 'USERX' }), server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('unauthenticated');
    expect(r.httpStatus).toBe(401);
    expect(r.messages[0]?.text).toBe('IRR012I VERIFICATION FAILED. USER PROFILE NOT FOUND.');
  });

  test('HTTPS on 9443 through the AT-TLS rule: 200 over TLSv1.2 with USER1 certificate', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }) }));
    expect(r.outcome).toBe('ok');
    expect(r.httpStatus).toBe(200);
    expect(r.tls?.rule).toBe('zCEEClientRule~1');
    expect(r.tls?.protocol).toBe('TLSv1.2');
    expect(r.tls?.clientCert?.label).toBe('USER1');
    expect(r.tls?.serverCert?.label).toBe('Liberty Client Cert');
    expect(r.identity.provider).toBe('LIBSERV');
    expect(r.messages.find((m) => m.id === 'EZD1281I')?.text).toContain('RULE: zCEEClientRule~1');
  });

  test('another job name on 9443: clear text to the TLS port, CWWKO0801E, stub error 5', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({ jobName: 'USER1GEX' }, { BAQPORT: '9443' }) }));
    expect(r.outcome).toBe('plaintext-to-tls-port');
    expect(r.stubErrorCode).toBe(5);
    expect(r.messages.map((m) => m.text)).toContain(
      'BAQI0005E: Unable to send request to or receive response from the z/OS Connect EE server.HWTHRQST RC=262(0x106) RSC=0 RSN=Connectivity appears to be lost',
    );
    expect(r.messages.find((m) => m.id === 'CWWKO0801E')?.text).toContain('Unrecognized SSL message, plaintext connection?');
  });

  test('the job as printed: DD CEEOPS is ignored by LE, the stub has no server', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({ ceeoptsFound: false, ceeoptsNote: 'DD CEEOPS is not CEEOPTS' }) }));
    expect(r.outcome).toBe('connection-refused');
    expect(failedStep(r)).toBe('job.ceeopts');
    expect(r.trace[0]?.detail).toContain('CEEOPS');
    expect(r.trace.find((s) => s.step === 'stub.endpoint')?.ok).toBe(false);
  });
});

describe('the same lab today (2026-11-24): zCEE Client Cert expired 2022-12-31', () => {
  test('HTTPS via AT-TLS: the outbound leg fails, the provider rejects the expired client certificate; the stub gets 500', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), at: TODAY }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.leg).toBe('outbound');
    expect(r.httpStatus).toBe(500);
    expect(r.errorOrigin).toBe('ZCEE');
    expect(r.tls?.protocol).toBe('TLSv1.2');
    const provider = r.messages.find((m) => m.where === 'provider');
    expect(provider?.id).toBe('CWWKO0801E');
    expect(provider?.text).toMatch(/zCEE Client Cert.*expired 2022-12-31/);
  });
  test('HTTP with requireSecure=false fails the same way', async () => {
    const r = await simulate(labFacts(pki, { server: labServer(pki, {}, { requireSecure: false }), at: TODAY }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.leg).toBe('outbound');
  });
  test('the requester leg alone is still fine (its certificates run to 2040)', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), at: TODAY, server: labServer(pki, { outbound: null }) }));
    expect(r.outcome).toBe('ok');
  });
});

describe('the outcome table (zcee.md) and connection failures', () => {
  test('valid credentials and asserted ID in the invoke group: 200 (FRED)', async () => {
    const r = await simulate(
      labFacts(pki, { job: labJob({ user: 'FRED' }, { BAQUSERNAME: 'FRED', BAQPASSWORD: 'FRED' }), server: labServer(pki, {}, { requireSecure: false }) }),
    );
    expect(r.outcome).toBe('ok');
    expect(r.identity.authorized).toBe('FRED');
  });

  test('no APPL READ on the profile prefix: authentication fails with CWWKS2907E', async () => {
    const permits = { ...defaultPermits(), 'APPL BBGZDFLT': ['WSGUEST'] };
    const r = await simulate(labFacts(pki, { racf: labRacf(LAB_USERS, permits), server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('unauthenticated');
    expect(ids(r)).toContain('CWWKS2907E');
    expect(ids(r)).toContain('CWWKS1100A');
  });

  test('authenticated but no EJBROLE READ: 403', async () => {
    const permits = { ...defaultPermits(), 'EJBROLE BBGZDFLT.zos.connect.access.roles.zosConnectAccess': ['GMADMIN'] };
    const r = await simulate(
      labFacts(pki, {
        racf: labRacf(LAB_USERS, permits),
        job: labJob({ user: 'FRED' }, { BAQUSERNAME: 'FRED', BAQPASSWORD: 'FRED' }),
        server: labServer(pki, {}, { requireSecure: false }),
      }),
    );
    expect(r.outcome).toBe('forbidden');
    expect(ids(r)).toEqual(['ICH408I', 'CWWKS9104A']);
    expect(r.messages[0]?.text).toContain('CL(EJBROLE )');
  });

  test('revoked user: 401 with ICH408I REVOKED USER ACCESS ATTEMPT', async () => {
    const users = { ...LAB_USERS, USER1: { ...LAB_USERS['USER1'], revoked: true, name: 'WORKSHOP USER1', dfltgrp: 'SYS1', groups: ['SYS1'] } };
    const r = await simulate(labFacts(pki, { racf: labRacf(users), server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('unauthenticated');
    expect(r.messages[0]?.text).toMatch(/REVOKED USER ACCESS ATTEMPT$/);
  });

  test('idAssertion OFF authorizes ID2, so USER=USER2 no longer matters', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({ user: 'USER2' }), server: labServer(pki, {}, { requireSecure: false, idAssertion: 'OFF' }) }));
    expect(r.outcome).toBe('ok');
    expect(r.identity.asserted).toBeNull();
    expect(r.identity.authorized).toBe('USER1');
  });

  test('no credentials and requireAuth=true: 401', async () => {
    const job = labJob();
    const r = await simulate(labFacts(pki, { job: { ...job, env: { BAQURI: 'wg31.washington.ibm.com', BAQPORT: '9080' } }, server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('unauthenticated');
  });

  test('host name does not resolve: connection refused', async () => {
    const r = await simulate(labFacts(pki, { hosts: {} }));
    expect(r.outcome).toBe('connection-refused');
    expect(failedStep(r)).toBe('network.resolve');
  });

  test('port not listening: connection refused', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9999' }) }));
    expect(r.outcome).toBe('connection-refused');
    expect(failedStep(r)).toBe('network.connect');
  });

  test('HTTPS port not started (key ring Keyring.LIBERTY not found): connection refused, with the reason', async () => {
    const r = await simulate(
      labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), server: labServer(pki, { tls: null, tlsNote: 'safkeyring:///Keyring.LIBERTY: LIBSERV has no ring Keyring.LIBERTY' }) }),
    );
    expect(r.outcome).toBe('connection-refused');
    expect(r.trace.find((s) => s.step === 'network.connect')?.detail).toContain('Keyring.LIBERTY');
  });

  test('AT-TLS rule for the plain HTTP port: TLS to a non-TLS port fails the handshake', async () => {
    const r = await simulate(labFacts(pki, { attls: labAttls(pki, { port: 9080 }) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.leg).toBe('requester');
  });

  test('AT-TLS TLSv1.3 only against Liberty TLSv1.2: no common protocol', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), attls: labAttls(pki, { protocols: ['TLSv1.3'] }) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.trace.find((s) => s.step === 'tls.requester')?.detail).toContain('no protocol in common');
  });

  test('TTLSEnabled Off: clear text to the TLS port', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), attls: labAttls(pki, { enabled: false }) }));
    expect(r.outcome).toBe('plaintext-to-tls-port');
  });

  test('AT-TLS for a user without the ring (USER=USER2): the TLS environment cannot start', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({ user: 'USER2' }, { BAQPORT: '9443' }) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(failedStep(r)).toBe('attls.keyring');
  });

  test('server does not trust the client certificate (Liberty CA missing from LIBSERV ring): the server rejects it', async () => {
    const base = labServer(pki);
    const tls = base.tls;
    if (tls === null) throw new Error('fixture');
    const server = labServer(pki, { tls: { ...tls, endpoint: { ...tls.endpoint, trustedCaPems: [pki.zceeCa.certPem] } } });
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), server }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.messages.find((m) => m.id === 'CWWKO0801E')?.where).toBe('server');
  });

  test("the provider's ring without zCEE CA: JSSE offers no client certificate, the provider requires one", async () => {
    const base = labServer(pki, {}, { requireSecure: false });
    const ob = base.outbound;
    const ptls = ob?.provider.tls;
    if (ob === null || ob === undefined || ptls === null || ptls === undefined) throw new Error('fixture');
    const provider = { ...ob.provider, tls: { ...ptls, endpoint: { ...ptls.endpoint, trustedCaPems: [pki.libertyCa.certPem] } } };
    const r = await simulate(labFacts(pki, { server: { ...base, outbound: { ...ob, provider } } }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.leg).toBe('outbound');
    expect(r.trace.find((x) => x.step === 'tls.outbound')?.detail).toContain('JSSE only sends');
  });

  test("zCEE.KeyRing without Liberty CA: zCEE does not trust the provider (CWPKI0022E)", async () => {
    const base = labServer(pki, {}, { requireSecure: false });
    const ob = base.outbound;
    const cl = ob?.client?.endpoint;
    if (ob === null || ob === undefined || ob.client === null || cl === null || cl === undefined) throw new Error('fixture');
    const client = { ...ob.client, endpoint: { ...cl, trustedCaPems: [pki.zceeCa.certPem] } };
    const r = await simulate(labFacts(pki, { server: { ...base, outbound: { ...ob, client } } }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.leg).toBe('outbound');
    const m = r.messages.find((x) => x.id === 'CWPKI0022E');
    expect(m?.text).toContain('CN=wg31.washington.ibm.com');
    expect(m?.text).toContain('zCEE.KeyRing');
  });

  test('the API returns 404 for a missing record: error in the API', async () => {
    const base = labServer(pki, {}, { requireSecure: false });
    const ob = base.outbound;
    if (ob === null) throw new Error('fixture');
    const r = await simulate(labFacts(pki, { server: { ...base, outbound: { ...ob, provider: { ...ob.provider, status: 404 } } } }));
    expect(r.outcome).toBe('ok');
    expect(r.httpStatus).toBe(404);
    expect(r.errorOrigin).toBe('API');
  });
});

describe('AT-TLS on the server side (inbound rule for BAQSTRT on the HTTP port)', () => {
  const both = (role: 'Server' | 'ServerWithClientAuth' | 'Client' = 'Server', port = 9080) => labAttls(pki, { port, inbound: { port, role } });

  test('encrypted by AT-TLS, but Liberty sees HTTP: requireSecure=true still redirects', async () => {
    const r = await simulate(labFacts(pki, { attls: both() }));
    expect(r.outcome).toBe('redirect');
    expect(r.tls?.protocol).toBe('TLSv1.2');
    expect(r.messages.filter((m) => m.id === 'EZD1281I').map((m) => m.text.includes('TYPE: InBound'))).toEqual([false, true]);
  });

  test('requireSecure=false: 200 over AT-TLS on both ends', async () => {
    const r = await simulate(labFacts(pki, { attls: both(), server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('ok');
    expect(r.tls?.rule).toBe('zCEEClientRule~1');
  });

  test('ServerWithClientAuth: the client certificate is checked by AT-TLS but never reaches Liberty (a wrong password still fails)', async () => {
    const r = await simulate(
      labFacts(pki, { attls: both('ServerWithClientAuth'), server: labServer(pki, {}, { requireSecure: false }), job: labJob({}, { BAQPASSWORD: 'WRONG' }) }),
    );
    expect(r.tls?.clientCert?.label).toBe('USER1');
    expect(r.outcome).toBe('unauthenticated');
  });

  test('a job without the outbound rule sends clear text into the inbound rule', async () => {
    const r = await simulate(labFacts(pki, { attls: both(), job: labJob({ jobName: 'OTHERJOB' }) }));
    expect(r.outcome).toBe('plaintext-to-tls-port');
  });

  test("an inbound rule on Liberty's own HTTPS port: Liberty receives clear text", async () => {
    const r = await simulate(labFacts(pki, { attls: both('Server', 9443), job: labJob({}, { BAQPORT: '9443' }) }));
    expect(r.outcome).toBe('plaintext-to-tls-port');
    expect(failedStep(r)).toBe('tls.requester.inner');
  });

  test('ClientAuthType SAFCheck: the certificate must map to a RACF user; PassThru accepts what Full rejects', async () => {
    const inbound = (clientAuthType: 'SAFCheck' | 'PassThru' | 'Full') => labAttls(pki, { port: 9080, inbound: { port: 9080, role: 'ServerWithClientAuth', clientAuthType } });
    const server = labServer(pki, {}, { requireSecure: false });
    const ok = await simulate(labFacts(pki, { attls: inbound('SAFCheck'), server }));
    expect(ok.trace.find((x) => x.step === 'attls.safcheck')?.ok).toBe(true);
    const { USER1: _gone, ...others } = LAB_USERS;
    const unmapped = await simulate(labFacts(pki, { attls: inbound('SAFCheck'), server, racf: labRacf(others) }));
    expect(unmapped.outcome).toBe('tls-handshake-failed');
    expect(failedStep(unmapped)).toBe('attls.safcheck');
  });

  test('an inbound rule with HandshakeRole Client: no handshake can complete', async () => {
    const r = await simulate(labFacts(pki, { attls: both('Client') }));
    expect(r.outcome).toBe('tls-handshake-failed');
  });
});

test('formatResult: outcome line, TLS, identities, messages by place, the reason chain', async () => {
  const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), at: TODAY }));
  const text = formatResult(r);
  const lines = text.split('\n');
  expect(lines[0]).toBe('outcome: tls-handshake-failed on the outbound leg; HTTP 500 (error in ZCEE)');
  expect(lines[1]).toMatch(/^tls: rule zCEEClientRule~1, TLSv1\.2, server cert Liberty Client Cert \(until 2040-12-31T23:59:59\.000Z\), client cert USER1 /);
  expect(text).toContain('[provider] CWWKO0801E');
  expect(text).toMatch(/ {2}FAIL tls\.outbound: /);
  expect(text.split('\n').filter((l) => l.startsWith('  ok   ') || l.startsWith('  FAIL ')).length).toBe(r.trace.length);
});

test('evaluate is deterministic and never mutates its facts', () => {
  const f = labFacts(pki, { at: LAB_DATE });
  expect(evaluate(f)).toEqual(evaluate(f));
});
