import * as fs from 'node:fs';
import { fc } from '@fast-check/jest';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { fixedClock } from '@ztwin/core';
import { buildNcaPolicy, type Policy } from '@ztwin/attls-policy';
import { applyDeck } from '@ztwin/keyring';
import { createState, deserializeState, serializeState, type RacfState } from '@ztwin/racf-model';
import { checkServerConfig, LAB_SERVER_CONFIG_DIR, labServerFiles, renderFileSet, type ServerModel } from '@ztwin/zcee-config';
import { crossCheckSimulation, issuersFromState, keysFromState, simulate, type SimulateInput, type SimulationResult } from '@ztwin/simulator';
import { TODAY, LAB_DATE } from './lab';

const FIXTURES = path.resolve(__dirname, '../../../examples/zcee-attls-lab/fixtures');
const read = (p: string): string => fs.readFileSync(path.join(FIXTURES, p), 'utf8');
const HOSTS = { 'wg31.washington.ibm.com': '192.168.17.201' };

let state: RacfState;

/**
 * The lab's RACF from its four decks, RACDCERT included (keyring's applyDeck: real GENCERTs with
 * the decks' RSA defaults), applied at a lab-prep date.
 */
async function labState(): Promise<RacfState> {
  let s = createState();
  const clock = fixedClock('2020-06-01T00:00:00Z');
  for (const f of ['ZCEERACF', 'ZCEETLSS', 'MVSTLS', 'ZCEETLSC']) {
    const r = await applyDeck(s, read(`racf/${f}.racf`), { source: f, clock });
    s = r.state;
  }
  return s;
}

function labServerModel(o: Parameters<typeof labServerFiles>[0] = {}): ServerModel {
  const r = renderFileSet(labServerFiles(o));
  if (r.value === undefined) throw new Error('lab server files do not render');
  return checkServerConfig({ files: Object.fromEntries(r.value), serverConfigDir: LAB_SERVER_CONFIG_DIR }).model;
}

function labPolicy(): Policy {
  const { policy, errors } = buildNcaPolicy({
    image: { name: 'WG31', keyring: 'Liberty.KeyRing' },
    stack: { name: 'TCPIP1' },
    trafficDescriptors: [{ name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9443, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' }],
    securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
    requirementMaps: [{ name: 'zCEERequirementMap', mappings: [{ trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' }] }],
    rules: [{ name: 'zCEEClientRule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
  });
  expect(errors).toEqual([]);
  return policy;
}

beforeAll(async () => {
  state = await labState();
});

function input(over: Partial<SimulateInput> = {}): SimulateInput {
  return {
    state,
    server: labServerModel(),
    serverUser: 'LIBSERV',
    policy: labPolicy(),
    job: read('jcl/GETAPI.jcl'),
    clock: fixedClock(LAB_DATE),
    hosts: HOSTS,
    ...over,
  };
}

async function run(i: SimulateInput): Promise<SimulationResult> {
  const out = simulate(i);
  if (out.result === undefined) throw new Error(`no result: ${JSON.stringify(out.diagnostics)}`);
  if (!('facts' in out)) throw new Error('no facts');
  const { checks } = await crossCheckSimulation(out.facts, { keyOf: keysFromState(i.state), issuers: issuersFromState(i.state) });
  for (const c of checks) if (c.check.verdict !== 'agree') throw new Error(`${c.leg}: ${JSON.stringify(c.check)}`);
  return out.result;
}

const port = (p: number): string => read('jcl/GETAPI.jcl').replace('BAQPORT=9080', `BAQPORT=${p}`);

describe('simulate() over racf-model, keyring, attls-policy and zcee-config (the lab, real decks)', () => {
  test('GETAPI on 9080 with requireSecure=true: redirect', async () => {
    const r = await run(input());
    expect(r.outcome).toBe('redirect');
    expect(r.stubErrorCode).toBe(5);
  });

  test('requireSecure=false: 200, USER1 asserted, provider (this server on 9443) sees LIBSERV', async () => {
    const r = await run(input({ server: labServerModel({ requireSecure: false }) }));
    expect(r.outcome).toBe('ok');
    expect(r.identity).toEqual({ authenticated: 'USER1', asserted: 'USER1', authorized: 'USER1', provider: 'LIBSERV' });
    expect(r.outboundTls?.clientCert?.label).toBe('zCEE Client Cert');
  });

  test('USER=USER2: 403 BAQR7115E', async () => {
    const job = read('jcl/GETAPI.jcl').replace('USER=USER1', 'USER=USER2');
    const r = await run(input({ server: labServerModel({ requireSecure: false }), job, submitter: 'USER1' }));
    expect(r.outcome).toBe('forbidden');
    expect(r.messages.some((m) => m.id === 'BAQR7115E' && m.text.includes('USER2'))).toBe(true);
  });

  test('wrong BAQPASSWORD and unknown BAQUSERNAME: 401', async () => {
    const bad = await run(input({ server: labServerModel({ requireSecure: false }), job: read('jcl/GETAPI.jcl').replace('BAQPASSWORD=USER1', 'BAQPASSWORD=password') }));
    expect(bad.outcome).toBe('unauthenticated');
    expect(bad.messages.map((m) => m.id)).toContain('IRR013I');
    const unknown = await run(input({ server: labServerModel({ requireSecure: false }), job: read('jcl/GETAPI.jcl').replace('BAQUSERNAME=USER1', 'BAQUSERNAME=USERX') }));
    expect(unknown.outcome).toBe('unauthenticated');
    expect(unknown.messages.map((m) => m.id)).toContain('IRR012I');
  });

  test('HTTPS through zCEEClientRule~1: 200 over TLSv1.2', async () => {
    const r = await run(input({ job: port(9443) }));
    expect(r.outcome).toBe('ok');
    expect(r.tls?.rule).toBe('zCEEClientRule~1');
    expect(r.tls?.protocol).toBe('TLSv1.2');
    expect(r.tls?.clientCert?.label).toBe('USER1');
  });

  test('another job name on 9443: plaintext to the TLS port', async () => {
    const r = await run(input({ job: port(9443).replace('//USER1GET JOB', '//USER1GEX JOB') }));
    expect(r.outcome).toBe('plaintext-to-tls-port');
  });

  test('today: the expired zCEE Client Cert fails the outbound leg', async () => {
    const r = await run(input({ job: port(9443), clock: fixedClock(TODAY) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.leg).toBe('outbound');
    expect(r.httpStatus).toBe(500);
  });

  test("the lab's mistakes: CEEOPS DD, Keyring.LIBERTY, zoscconnect_apiRequesters", async () => {
    const printed = await run(input({ job: read('jcl/GETAPI-as-printed.jcl') }));
    expect(printed.outcome).toBe('connection-refused');
    expect(printed.trace[0]?.detail).toContain('CEEOPS');

    const ring = await run(input({ job: port(9443), server: labServerModel({ inboundRing: 'Keyring.LIBERTY' }) }));
    expect(ring.outcome).toBe('connection-refused');
    expect(ring.trace.find((s) => s.step === 'network.connect')?.detail).toContain('Keyring.LIBERTY');

    // the misspelled element is ignored by Liberty: requireSecure comes from the manager (true)
    const typo = simulate(input({ server: labServerModel({ apiRequestersElement: 'zoscconnect_apiRequesters', requireSecure: false }) }));
    expect(typo.result?.outcome).toBe('redirect');
    expect(typo.diagnostics.some((d) => d.code === 'ZTW-SIM-REQUESTER')).toBe(true);
  });

  test('USER1 without READ to IRR.DIGTCERT.LISTRING: AT-TLS cannot open the ring', async () => {
    const s = (await applyDeck(state, 'PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(USER1) DELETE\nSETROPTS RACLIST(FACILITY) REFRESH\n')).state;
    const r = await run(input({ state: s, job: port(9443) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.trace.find((x) => x.step === 'attls.keyring')?.detail).toContain('IRR.DIGTCERT.LISTRING');
    // z/OS: System SSL rc 202 at AT-TLS Environment Init, reported as EZD1286I for the job's connection.
    const m = r.messages.find((x) => x.id === 'ZTW-SIM-ATTLS-KEYRING');
    expect(m?.ibmMessage?.id).toBe('EZD1286I');
    expect(m?.ibmMessage?.text).toMatch(/ JOBNAME: USER1GET USERID: USER1 RULE: zCEEClientRule\S* RC: 202 Environment Init$/);
  });

  test('the zosConnectAccess role: ZCEERACF permits it to ZCEEUSRS; without that permit USER1 gets 403', async () => {
    const ok = await run(input({ server: labServerModel({ requireSecure: false }) }));
    expect(ok.trace.find((x) => x.step === 'zcee.role')?.ok).toBe(true);
    const s = (await applyDeck(state, 'PERMIT BBGZDFLT.zos.connect.access.roles.zosConnectAccess CLASS(EJBROLE) ID(ZCEEUSRS) DELETE\nSETROPTS RACLIST(EJBROLE) REFRESH')).state;
    const r = await run(input({ state: s, server: labServerModel({ requireSecure: false }) }));
    expect(r.outcome).toBe('forbidden');
    expect(r.messages.map((m) => m.id)).toEqual(['ICH408I', 'CWWKS9104A']);
  });

  test('without SETROPTS GRPLIST (the fixture sets it) only the default group SYS1 counts: APPL BBGZDFLT refuses USER1', async () => {
    const s = (await applyDeck(state, 'SETROPTS NOGRPLIST')).state;
    const r = await run(input({ state: s, server: labServerModel({ requireSecure: false }) }));
    expect(r.outcome).toBe('unauthenticated');
    expect(r.messages.map((m) => m.id)).toContain('CWWKS2907E');
  });

  test('inbound AT-TLS for BAQSTRT on 9080 (NCA rule, LIBSERV ring): 200 with requireSecure=false, and the policy matters', async () => {
    const { policy, errors } = buildNcaPolicy({
      image: { name: 'WG31', keyring: 'Liberty.KeyRing' },
      stack: { name: 'TCPIP1' },
      trafficDescriptors: [
        { name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9080, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' },
        { name: 'zCEEServer', localPort: 9080, remotePort: 'all', direction: 'inbound', jobname: 'BAQSTRT', handshakeRole: 'Server' },
      ],
      securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
      requirementMaps: [
        {
          name: 'zCEERequirementMap',
          mappings: [
            { trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' },
            { trafficDescriptor: 'zCEEServer', securityLevel: 'zCEESecurity' },
          ],
        },
      ],
      rules: [{ name: 'zCEERule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
    });
    expect(errors).toEqual([]);
    const r = await run(input({ policy, server: labServerModel({ requireSecure: false }) }));
    expect(r.outcome).toBe('ok');
    expect(r.trace.find((x) => x.step === 'attls.inbound')?.detail).toContain('maps BAQSTRT');
    expect(r.tls?.protocol).toBe('TLSv1.2');
    // requireSecure=true: encrypted, yet redirected (Liberty sees HTTP)
    const red = await run(input({ policy }));
    expect(red.outcome).toBe('redirect');
  });

  test('why ZCEETLSC connects LIBSERV to GMINVOKE: without it the provider refuses the client certificate owner', async () => {
    const s = (await applyDeck(state, 'REMOVE LIBSERV GROUP(GMINVOKE)')).state;
    const r = await run(input({ state: s, server: labServerModel({ requireSecure: false }) }));
    expect(r.outcome).toBe('forbidden');
    expect(r.leg).toBe('outbound');
    expect(r.errorOrigin).toBe('API');
    expect(r.identity.provider).toBe('LIBSERV');
    expect(r.trace.find((x) => x.step === 'outbound.authorize')?.detail).toContain('GMINVOKE');
  });

  test('USER=USER2 needs SURROGAT USER2.SUBMIT for the submitter: USER1 has it (ZCEERACF), FRED does not', () => {
    const job = read('jcl/GETAPI.jcl').replace('USER=USER1', 'USER=USER2');
    expect(simulate(input({ job, submitter: 'USER1' })).result?.outcome).toBe('redirect');
    const fred = simulate(input({ job, submitter: 'FRED' }));
    expect(fred.result).toBeUndefined();
    expect(fred.diagnostics.find((d) => d.code === 'ZTW-SIM-SURROGAT')?.message).toContain(
      'ICH408I USER(USER2   ) GROUP(SYS1    ) NAME(WORKSHOP USER2      ) SUBMITTER(FRED    ) LOGON/JOB INITIATION - SUBMITTER IS NOT AUTHORIZED BY USER',
    );
  });

  test('never throws on arbitrary job text, ports, dates and resolvers', () => {
    const model = labServerModel();
    const policy = labPolicy();
    const base = read('jcl/GETAPI.jcl');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.tuple(fc.integer({ min: 0, max: 70000 }), fc.string({ maxLength: 8 })).map(([p, j]) => base.replace('9080', String(p)).replace('USER1GET', j.replace(/\s/g, ''))),
        ),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.boolean(),
        (job, at, resolve) => {
          const out = simulate({ ...input({ job, clock: fixedClock(at), hosts: resolve ? HOSTS : {} }), server: model, policy });
          if (out.result !== undefined) expect(['ok', 'redirect', 'unauthenticated', 'forbidden', 'plaintext-to-tls-port', 'tls-handshake-failed', 'connection-refused']).toContain(out.result.outcome);
          else expect(out.diagnostics.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a state file without secrets: the key still counts for the prediction, the replay is inconclusive', async () => {
    const back = deserializeState(JSON.parse(JSON.stringify(serializeState(state))));
    if (back._tag === 'Left') throw new Error(JSON.stringify(back.left));
    const stripped = back.right;
    const out = simulate(input({ state: stripped, job: port(9443) }));
    if (!('facts' in out)) throw new Error('no prediction');
    // AT-TLS presents USER1's certificate, whose owner authenticates before BAQUSERNAME (no hashes here)
    expect(out.result.outcome).toBe('ok');
    expect(out.result.identity.authenticated).toBe('USER1');
    const { checks } = await crossCheckSimulation(out.facts, { keyOf: keysFromState(stripped), issuers: issuersFromState(stripped) });
    expect(checks.map((c) => c.check.verdict)).toEqual(['inconclusive', 'inconclusive']);
    // without the password hashes, basic authentication cannot succeed
    const http = simulate(input({ state: stripped, server: labServerModel({ requireSecure: false }) }));
    expect(http.result?.outcome).toBe('unauthenticated');
  });

  test('BAQPASSWORD and private keys still count but never reach JSON or inspection of the output', () => {
    const job = read('jcl/GETAPI.jcl').replace(/BAQPASSWORD=[^"]*/, 'BAQPASSWORD=Zq7Secret');
    const out = simulate(input({ job, server: labServerModel({ requireSecure: false }) }));
    if (!('facts' in out)) throw new Error('no prediction');
    // the wrong password is what RACF compared: basic authentication fails
    expect(out.result.outcome).toBe('unauthenticated');
    expect(out.facts.job.env.BAQPASSWORD).toBe('Zq7Secret');
    // the server's private key is there for the cross-check, but prints as ***** like the password
    expect(out.facts.server.tls?.endpoint?.keyPem).toContain('PRIVATE KEY');
    for (const shown of [JSON.stringify(out), inspect(out, { depth: 12 })]) {
      expect(shown).not.toContain('Zq7Secret');
      expect(shown).not.toContain('PRIVATE KEY');
      expect(shown).toContain('*****');
    }
    expect(Object.keys(out.facts.job.env)).toEqual(expect.arrayContaining(['BAQURI', 'BAQPORT', 'BAQUSERNAME']));
  });

  test('a job that does not read gives diagnostics, not an exception', () => {
    const out = simulate(input({ job: '' }));
    expect(out.result).toBeUndefined();
    expect(out.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('RACF virtual key rings end to end (lab decks; every TLS leg replayed with node:tls)', () => {
  /** The lab server with its inbound key store on `key`, trust store on `trust`, and serverKeyAlias. */
  function virtualServer(key: string, trust: string, alias?: string): ServerModel {
    const r = renderFileSet(labServerFiles());
    if (r.value === undefined) throw new Error('lab server files do not render');
    const files = new Map(r.value);
    const f = 'includes/keyringOutboundMutual.xml';
    const text = (files.get(f) ?? '')
      .replace('location="safkeyring:///Liberty.KeyRing"', `location="${key}"`)
      .replace('trustStoreRef="CellDefaultKeyStore"', 'trustStoreRef="CATrust"')
      .replace('<ssl id="DefaultSSLSettings"', `<ssl id="DefaultSSLSettings"${alias === undefined ? '' : ` serverKeyAlias="${alias}"`}`)
      .replace('</server>', `  <keyStore id="CATrust" location="${trust}" password="password" type="JCERACFKS" fileBased="false" readOnly="true"/>\n</server>`);
    expect(text).toContain(key);
    files.set(f, text);
    return checkServerConfig({ files: Object.fromEntries(files), serverConfigDir: LAB_SERVER_CONFIG_DIR }).model;
  }

  test('Liberty on safkeyring://LIBSERV/* (serverKeyAlias) trusting safkeyring://*AUTH*/*: mutual TLS, 200', async () => {
    const r = await run(input({ job: port(9443), server: virtualServer('safkeyring://LIBSERV/*', 'safkeyring://*AUTH*/*', 'Liberty Client Cert') }));
    expect(r.outcome).toBe('ok');
    expect(r.tls?.protocol).toBe('TLSv1.2');
    expect(r.tls?.clientCert?.label).toBe('USER1');
  });

  test('without serverKeyAlias the virtual ring has nothing to present: the HTTPS port does not open', async () => {
    const r = await run(input({ job: port(9443), server: virtualServer('safkeyring://LIBSERV/*', 'safkeyring://*AUTH*/*') }));
    expect(r.outcome).toBe('connection-refused');
    expect(r.trace.find((x) => x.step === 'network.connect')?.detail).toContain('the virtual key ring LIBSERV/* has no default certificate');
  });

  test('AT-TLS client on *AUTH*/*: it trusts the server but presents no certificate, and the server requires one', async () => {
    const { policy, errors } = buildNcaPolicy({
      image: { name: 'WG31', keyring: '*AUTH*/*' },
      stack: { name: 'TCPIP1' },
      trafficDescriptors: [{ name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9443, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' }],
      securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
      requirementMaps: [{ name: 'zCEERequirementMap', mappings: [{ trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' }] }],
      rules: [{ name: 'zCEEClientRule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
    });
    expect(errors).toEqual([]);
    const r = await run(input({ policy, job: port(9443) }));
    expect(r.outcome).toBe('tls-handshake-failed');
    expect(r.leg).toBe('requester');
    expect(r.tls?.serverCert?.label).toBe('Liberty Client Cert');
    expect(r.tls?.clientCert).toBeNull();
    expect(r.trace.find((x) => x.step === 'tls.requester')?.detail).toBe('the server requires a client certificate and *AUTH*/* has none with a private key');
  });
});
