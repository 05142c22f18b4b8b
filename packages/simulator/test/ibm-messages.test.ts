import { formatResult, type SimulationResult, type AttlsFacts, type AttlsMatch, type SimMessage, type SimulationFacts } from '@ztwin/simulator';
import { LAB_USERS, crossChecked, labAttls, labFacts, labJob, labPki, labRacf, labServer, type LabPki } from './lab';

/*
 * Each ZTW-SIM-* outcome that z/OS reports with a documented message carries it as `ibmMessage`
 * (id, text, where it appears), next to the unchanged ztwin message. Every scenario is replayed
 * with real TLS (crossCheckSimulation) so the predicted failure is the one that happens.
 */

let pki: LabPki;
beforeAll(async () => {
  pki = await labPki();
});

const simulate = (facts: SimulationFacts): Promise<SimulationResult> => crossChecked(pki, facts);

function twin(r: SimulationResult, code: string): SimMessage {
  const m = r.messages.find((x) => x.id === code);
  if (m === undefined) throw new Error(`no ${code} in ${r.messages.map((x) => x.id).join(', ')}`);
  return m;
}

/** The lab's AT-TLS rules with the job's outbound rule changed by `f`. */
function outboundRule(f: (m: AttlsMatch) => AttlsMatch, inbound?: NonNullable<Parameters<typeof labAttls>[1]>['inbound']): AttlsFacts {
  const base = labAttls(pki, { port: inbound?.port ?? 9443, ...(inbound !== undefined ? { inbound } : {}) });
  return {
    match(conn) {
      const m = base.match(conn);
      return m !== null && conn.direction === 'Outbound' ? f(m) : m;
    },
  };
}

const EZD1286I = /^EZD1286I TTLS Error GRPID: [0-9A-F]{8} ENVID: [0-9A-F]{8} CONNID: [0-9A-F]{8} LOCAL: \S+\.\.\d+ REMOTE: \S+\.\.\d+ JOBNAME: (\S+) USERID: (\S+) RULE: (\S+) RC: (\d+) (Initial Handshake|Environment Init)$/;

function ezd(m: SimMessage): { job: string; user: string; rule: string; rc: number; event: string } {
  expect(m.ibmMessage?.id).toBe('EZD1286I');
  expect(m.ibmMessage?.where).toBe('ttls');
  const g = EZD1286I.exec(m.ibmMessage?.text ?? '');
  if (g === null) throw new Error(`not an EZD1286I: ${m.ibmMessage?.text ?? '(none)'}`);
  return { job: g[1] ?? '', user: g[2] ?? '', rule: g[3] ?? '', rc: Number(g[4]), event: g[5] ?? '' };
}

describe('AT-TLS outcomes name EZD1286I with the System SSL / AT-TLS return code', () => {
  test('ZTW-SIM-ATTLS-PLAINTEXT: clear text into an inbound rule: RC 5003 on the server side', async () => {
    const r = await simulate(labFacts(pki, { attls: labAttls(pki, { port: 9080, inbound: { port: 9080, role: 'Server' } }), job: labJob({ jobName: 'OTHERJOB' }) }));
    expect(r.outcome).toBe('plaintext-to-tls-port');
    const m = twin(r, 'ZTW-SIM-ATTLS-PLAINTEXT');
    expect(ezd(m)).toEqual({ job: 'BAQSTRT', user: 'LIBSERV', rule: 'zCEEServerRule~1', rc: 5003, event: 'Initial Handshake' });
    expect(m.ibmMessage?.explanation).toContain('Clear text data is received');
  });

  test("ZTW-SIM-ATTLS-HANDSHAKE: the job's ring does not trust Liberty's CA: RC 435 (CA unknown) for USER1GET", async () => {
    const attls = outboundRule((m) => (m.endpoint === null ? m : { ...m, endpoint: { ...m.endpoint, trustedCaPems: [pki.zceeCa.certPem] } }));
    const r = await simulate(labFacts(pki, { attls, job: labJob({}, { BAQPORT: '9443' }) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(ezd(twin(r, 'ZTW-SIM-ATTLS-HANDSHAKE'))).toEqual({ job: 'USER1GET', user: 'USER1', rule: 'zCEEClientRule~1', rc: 435, event: 'Initial Handshake' });
  });

  test("ZTW-SIM-ATTLS-HANDSHAKE: in 2041 Liberty's certificate has expired: RC 401", async () => {
    // Liberty without client authentication, so that only the server certificate's dates matter.
    const base = labServer(pki);
    if (base.tls === null) throw new Error('fixture');
    const server = labServer(pki, { tls: { ...base.tls, clientAuthentication: false, clientAuthenticationSupported: false }, outbound: null });
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), server, at: '2041-02-01T00:00:00Z' }));
    expect(r.outcome).toBe('tls-handshake-failed');
    const m = twin(r, 'ZTW-SIM-ATTLS-HANDSHAKE');
    expect(ezd(m).rc).toBe(401);
    expect(m.ibmMessage?.explanation).toContain('Certificate is expired or is not valid yet.');
  });

  test("in 2041 both Liberty's and the job's certificates have expired: the client rejects first (RC 401), also in the real-TLS replay", async () => {
    // The server's certificate arrives before the client's (TLS 1.2 and 1.3): a client that rejects
    // it aborts before the server judges the client's certificate. node only verifies after its own
    // handshake, so the replay holds the server's rejection until the client has decided.
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), server: labServer(pki), at: '2041-02-01T00:00:00Z' }));
    expect(r.outcome).toBe('tls-handshake-failed');
    const m = twin(r, 'ZTW-SIM-ATTLS-HANDSHAKE');
    expect(m.text).toContain('the client');
    expect(ezd(m)).toMatchObject({ job: 'USER1GET', rc: 401 });
  });

  test('ZTW-SIM-ATTLS-HANDSHAKE: ServerWithClientAuth and the job presents no certificate: RC 5001 on the server side', async () => {
    const noCert = outboundRule(
      (m) => (m.endpoint === null ? m : { ...m, endpoint: { source: m.endpoint.source, certChainPem: [], trustedCaPems: m.endpoint.trustedCaPems } }),
      { port: 9080, role: 'ServerWithClientAuth' },
    );
    const r = await simulate(labFacts(pki, { attls: noCert, server: labServer(pki, {}, { requireSecure: false }) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(ezd(twin(r, 'ZTW-SIM-ATTLS-HANDSHAKE'))).toMatchObject({ job: 'BAQSTRT', rule: 'zCEEServerRule~1', rc: 5001 });
  });

  test('ZTW-SIM-ATTLS-HANDSHAKE: no protocol in common has no sourced return code: no ibmMessage', async () => {
    const r = await simulate(labFacts(pki, { job: labJob({}, { BAQPORT: '9443' }), attls: labAttls(pki, { protocols: ['TLSv1.3'] }) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    const m = r.messages.find((x) => x.id === 'ZTW-SIM-ATTLS-HANDSHAKE' || x.id === 'CWWKO0801E');
    expect(m?.ibmMessage).toBeUndefined();
  });

  test('ZTW-SIM-ATTLS-SAFCHECK: the client certificate maps to no RACF user: RC 5002', async () => {
    const { USER1: _gone, ...others } = LAB_USERS;
    const r = await simulate(
      labFacts(pki, {
        attls: labAttls(pki, { port: 9080, inbound: { port: 9080, role: 'ServerWithClientAuth', clientAuthType: 'SAFCheck' } }),
        server: labServer(pki, {}, { requireSecure: false }),
        racf: labRacf(others),
      }),
    );
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(ezd(twin(r, 'ZTW-SIM-ATTLS-SAFCHECK'))).toMatchObject({ job: 'BAQSTRT', rc: 5002 });
  });

  test('ZTW-SIM-ATTLS-ROLE: HandshakeRole Server on the outbound rule: RC 5004 (HandshakeTimeout) for the job', async () => {
    const r = await simulate(labFacts(pki, { attls: outboundRule((m) => ({ ...m, handshakeRole: 'Server' })), job: labJob({}, { BAQPORT: '9443' }) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(ezd(twin(r, 'ZTW-SIM-ATTLS-ROLE'))).toMatchObject({ job: 'USER1GET', rc: 5004 });
  });

  test('ZTW-SIM-ATTLS-KEYRING: only a ring that cannot be opened is RC 202; the lab fixture (no such flag) stays ztwin-only', async () => {
    const flagged = outboundRule((m) => ({ ...m, endpoint: null, keyringNote: 'USER1 may not read ring USER1/Liberty.KeyRing', keyringOpenFailed: true }));
    const r = await simulate(labFacts(pki, { attls: flagged, job: labJob({}, { BAQPORT: '9443' }) }));
    expect(ezd(twin(r, 'ZTW-SIM-ATTLS-KEYRING'))).toMatchObject({ job: 'USER1GET', rc: 202, event: 'Environment Init' });
    const plain = await simulate(labFacts(pki, { job: labJob({ user: 'USER2' }, { BAQPORT: '9443' }) }));
    expect(twin(plain, 'ZTW-SIM-ATTLS-KEYRING').ibmMessage).toBeUndefined();
  });

  test('formatResult shows the z/OS message and its return code under the ztwin one', async () => {
    const r = await simulate(labFacts(pki, { attls: outboundRule((m) => ({ ...m, handshakeRole: 'Server' })), job: labJob({}, { BAQPORT: '9443' }) }));
    const lines = formatResult(r).split('\n');
    const i = lines.findIndex((l) => l.startsWith('  [ttls] AT-TLS HandshakeRole Server'));
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toMatch(/^ {4}z\/OS \[ttls\] EZD1286I TTLS Error .* RC: 5004 Initial Handshake$/);
    expect(lines[i + 2]).toMatch(/^ {6}AT-TLS return code 5004: /);
  });
});

describe("Liberty as zCEE's outbound TLS client: CWPKI0311E/CWPKI0312E for the provider's certificate dates", () => {
  /** HTTP requester leg; the provider does not ask for a client certificate (only its own dates matter). */
  const http = (): ReturnType<typeof labServer> => {
    const base = labServer(pki, {}, { requireSecure: false });
    const ob = base.outbound;
    const ptls = ob?.provider.tls;
    if (ob === null || ob === undefined || ptls === null || ptls === undefined) throw new Error('fixture');
    const provider = { ...ob.provider, tls: { ...ptls, clientAuthentication: false, clientAuthenticationSupported: false } };
    return { ...base, outbound: { ...ob, provider } };
  };

  test("ZTW-SIM-OUTBOUND-HANDSHAKE: the provider's certificate expired (2041): CWPKI0312E in messages.log", async () => {
    const r = await simulate(labFacts(pki, { server: http(), at: '2041-02-01T00:00:00Z' }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.leg).toBe('outbound');
    const m = twin(r, 'ZTW-SIM-OUTBOUND-HANDSHAKE');
    const subject = r.outboundTls?.serverCert?.subject ?? '?';
    expect(m.ibmMessage).toEqual({
      id: 'CWPKI0312E',
      where: 'server',
      text: `CWPKI0312E: The certificate with subject DN ${subject} has an end date 2040-12-31T23:59:59.000Z which is no longer valid.`,
    });
    expect(r.outboundTls?.serverCert?.subject).toContain('CN=wg31.washington.ibm.com');
  });

  test("ZTW-SIM-OUTBOUND-HANDSHAKE: before the provider's certificate is valid (2019): CWPKI0311E", async () => {
    const r = await simulate(labFacts(pki, { server: http(), at: '2019-06-01T00:00:00Z' }));
    expect(r.leg).toBe('outbound');
    const m = twin(r, 'ZTW-SIM-OUTBOUND-HANDSHAKE');
    expect(m.ibmMessage?.id).toBe('CWPKI0311E');
    expect(m.ibmMessage?.text).toContain('has a start date 2020-01-02T00:00:00.000Z which is valid after the current date and time');
  });
});
