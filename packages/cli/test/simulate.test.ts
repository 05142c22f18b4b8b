import type * as t from 'io-ts';
import { type CapturedIo, SimulateJson, UsageErrorJson, captureIo, run } from '@ztwin/cli';

const valid = (c: t.Mixed, text: string): boolean => c.is(JSON.parse(text));

// A payments scenario of our own (not the lab's): server PAYSRV with an HTTP and an HTTPS port,
// an API requester that requires HTTPS, and a batch job PAYJOB that calls it as PAYUSR.
const deck = `ADDGROUP PAYGRP
ADDUSER PAYSRV DFLTGRP(PAYGRP) NOPASSWORD
ADDUSER PAYUSR DFLTGRP(PAYGRP)
ALTUSER PAYUSR PASSWORD(PAYPW1) NOEXPIRED
ADDUSER PAYGUEST DFLTGRP(PAYGRP) RESTRICTED NOPASSWORD
SETROPTS CLASSACT(FACILITY APPL) RACLIST(FACILITY APPL) GRPLIST
RDEFINE FACILITY IRR.DIGTCERT.LISTRING UACC(NONE)
PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(PAYSRV PAYUSR) ACCESS(READ)
RDEFINE APPL PAYZCEE UACC(NONE)
PERMIT PAYZCEE CLASS(APPL) ID(PAYGRP) ACCESS(READ)
SETROPTS RACLIST(FACILITY APPL) REFRESH
RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Pay CA')) WITHLABEL('Pay CA') NISTECC SIZE(256) NOTAFTER(DATE(2035/12/31))
RACDCERT ID(PAYSRV) GENCERT SUBJECTSDN(CN('pay.example.test')) WITHLABEL('Pay Server') NISTECC SIZE(256) +
  SIGNWITH(CERTAUTH LABEL('Pay CA')) NOTAFTER(DATE(2030/12/31))
RACDCERT ID(PAYSRV) ADDRING(Payments.Ring)
RACDCERT ID(PAYSRV) CONNECT(RING(Payments.Ring) LABEL('Pay Server') DEFAULT)
RACDCERT ID(PAYSRV) CONNECT(RING(Payments.Ring) LABEL('Pay CA') CERTAUTH)
RACDCERT ID(PAYUSR) ADDRING(PayClient.Ring)
RACDCERT ID(PAYUSR) CONNECT(RING(PayClient.Ring) LABEL('Pay CA') CERTAUTH)
`;
const serverXml = `<?xml version="1.0" encoding="UTF-8"?>
<server description="payments zCEE">
  <featureManager>
    <feature>zosconnect:zosConnect-2.0</feature>
    <feature>zosconnect:apiRequester-1.0</feature>
    <feature>transportSecurity-1.0</feature>
    <feature>appSecurity-2.0</feature>
    <feature>zosSecurity-1.0</feature>
  </featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="*" httpPort="8080" httpsPort="8443"/>
  <safRegistry id="saf"/>
  <safCredentials profilePrefix="PAYZCEE" unauthenticatedUser="PAYGUEST"/>
  <sslDefault sslRef="PaySSL"/>
  <ssl id="PaySSL" keyStoreRef="PayRing" trustStoreRef="PayRing"/>
  <keyStore id="PayRing" location="safkeyring:///Payments.Ring" type="JCERACFKS" password="password" fileBased="false" readOnly="true"/>
  <zosconnect_apiRequesters idAssertion="ASSERT_ONLY">
    <apiRequester name="payments_1.0.0" requireSecure="true"/>
  </zosconnect_apiRequesters>
  <zosconnect_endpointConnection id="paymentsAPI" host="http://pay.example.test" port="8080"/>
</server>
`;
const job = (port: number): string => `//PAYJOB   JOB MSGCLASS=H,NOTIFY=&SYSUID,USER=PAYUSR
//CALL     EXEC PGM=PAYCALL
//STEPLIB  DD DISP=SHR,DSN=PAYUSR.LOADLIB
//SYSPRINT DD SYSOUT=*
//CEEOPTS  DD *
  POSIX(ON),
  ENVAR("BAQURI=pay.example.test",
    "BAQPORT=${port}",
    "BAQUSERNAME=PAYUSR",
    "BAQPASSWORD=PAYPW1")
/*
`;
const policy = (ring: string): string => `TTLSRule PayClientRule
{
  RemotePortRange 8443
  Jobname PAYJOB
  Direction Outbound
  Priority 100
  TTLSGroupActionRef PayGrp
  TTLSEnvironmentActionRef PayEnv
}
TTLSGroupAction PayGrp { TTLSEnabled On }
TTLSEnvironmentAction PayEnv
{
  HandshakeRole Client
  TTLSKeyringParms { Keyring ${ring} }
  TTLSEnvironmentAdvancedParms { TLSv1.2 On }
}
`;

let files: Record<string, string> = {};
beforeAll(async () => {
  const io = captureIo({ 'pay.racf': deck });
  const code = await run(['racf', 'apply', 'pay.racf', '--out', 's.json', '--clock', '2026-01-01'], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  files = {
    ...Object.fromEntries(io.files),
    'server.xml': serverXml,
    'http.jcl': job(8080),
    'https.jcl': job(8443),
    'refused.jcl': job(9999),
    'pay.policy': policy('PayClient.Ring'),
    'wrong.policy': policy('Ring.PAYCLIENT'),
  };
});
const io = (): CapturedIo => captureIo(files);
const base = ['simulate', '--state', 's.json', '--server', 'server.xml', '--server-user', 'PAYSRV', '--clock', '2026-11-24T10:00:00Z', '--hosts', 'pay.example.test=10.1.2.3'];

type Doc = { outcome: string | null; leg: string | null; httpStatus: number | null; tls: { rule?: string; protocol?: string | null } | null; messages: { id: string; text: string }[]; trace: { step: string; ok: boolean }[]; diagnostics: { code: string; source: string; severity: string }[] };

describe('ztwin simulate', () => {
  it('clear HTTP to a requester with requireSecure: redirect (302); exit 0 since the simulation ran', async () => {
    const a = io();
    expect(await run([...base, '--job', 'http.jcl'], a)).toBe(0);
    expect(a.out()).toMatch(/^outcome: redirect on the requester leg; HTTP 302/);
    expect(a.out()).toContain('zcee.requireSecure');
    const j = io();
    expect(await run([...base, '--job', 'http.jcl', '--json'], j)).toBe(0);
    expect(valid(SimulateJson, j.out())).toBe(true);
    const doc = JSON.parse(j.out()) as Doc;
    expect(doc).toMatchObject({ outcome: 'redirect', leg: 'requester', httpStatus: 302, tls: null });
    expect(doc.messages.map((m) => m.id)).toContain('BAQI0005E');
    expect(a.out() + a.err() + j.out()).not.toContain('PAYPW1');
  });

  it('HTTPS through the AT-TLS rule: TLS works, and the outbound call to an HTTP provider without credentials gets 401', async () => {
    const j = io();
    expect(await run([...base, '--job', 'https.jcl', '--policy', 'pay.policy', '--json'], j)).toBe(0);
    expect(valid(SimulateJson, j.out())).toBe(true);
    const doc = JSON.parse(j.out()) as Doc;
    expect(doc).toMatchObject({ outcome: 'unauthenticated', leg: 'outbound', httpStatus: 401 });
    expect(doc.tls).toMatchObject({ rule: 'PayClientRule' });
    expect(doc.trace.find((s) => s.step === 'zcee.authenticate')).toMatchObject({ ok: true });
    expect(doc.messages.map((m) => m.id)).toContain('EZD1281I');
  });

  it('--policy may be a Policy Agent configuration: the stack\'s TTLSConfig file is the installed policy', async () => {
    const pagent = captureIo({
      ...files,
      '/etc/pagent.conf': 'TcpImage TCPIP1 /etc/pagent/TCPIP1.conf FLUSH PURGE\n',
      '/etc/pagent/TCPIP1.conf': 'TTLSConfig /etc/pagent/TCPIP1.ttls.policy FLUSH PURGE\n',
      '/etc/pagent/TCPIP1.ttls.policy': policy('PayClient.Ring'),
    });
    expect(await run([...base, '--job', 'https.jcl', '--policy', '/etc/pagent.conf', '--json'], pagent)).toBe(0);
    expect(JSON.parse(pagent.out())).toMatchObject({ outcome: 'unauthenticated', tls: { rule: 'PayClientRule' } });
    // A stack without TTLSConfig gets no AT-TLS policy: clear text to the TLS port.
    const none = captureIo({ ...files, '/etc/pagent.conf': 'TcpImage TCPIP1 /etc/pagent/TCPIP1.conf FLUSH PURGE\n', '/etc/pagent/TCPIP1.conf': '# no TTLSConfig\n' });
    expect(await run([...base, '--job', 'https.jcl', '--policy', '/etc/pagent.conf', '--json'], none)).toBe(0);
    expect(JSON.parse(none.out())).toMatchObject({ outcome: 'plaintext-to-tls-port' });
  });

  it('a policy naming a ring the job user does not have: tls-handshake-failed; without the policy: plaintext to the TLS port', async () => {
    const w = io();
    expect(await run([...base, '--job', 'https.jcl', '--policy', 'wrong.policy', '--json'], w)).toBe(0);
    expect(JSON.parse(w.out())).toMatchObject({ outcome: 'tls-handshake-failed', leg: 'requester' });
    const n = io();
    expect(await run([...base, '--job', 'https.jcl', '--json'], n)).toBe(0);
    expect(JSON.parse(n.out())).toMatchObject({ outcome: 'plaintext-to-tls-port' });
    const r = io();
    expect(await run([...base, '--job', 'refused.jcl', '--json'], r)).toBe(0);
    expect(JSON.parse(r.out())).toMatchObject({ outcome: 'connection-refused' });
  });

  it('a job its submitter may not submit does not run: no prediction, the SURROGAT diagnostic on the job file, exit 1', async () => {
    const j = io();
    expect(await run([...base, '--job', 'http.jcl', '--submitter', 'PAYSRV', '--json'], j)).toBe(1);
    expect(valid(SimulateJson, j.out())).toBe(true);
    const doc = JSON.parse(j.out()) as Doc;
    expect(doc.outcome).toBeNull();
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ code: 'ZTW-SIM-SURROGAT', source: 'http.jcl', severity: 'error' }));
  });

  it('inputs with errors exit 1 (a bad --hosts entry, a state that is not one) but what could run still runs', async () => {
    const h = io();
    const argv = ['simulate', '--state', 's.json', '--server', 'server.xml', '--server-user', 'PAYSRV', '--clock', '2026-11-24', '--job', 'http.jcl'];
    expect(await run([...argv, '--hosts', 'pay.example.test=10.1.2.3,bogus', '--json'], h)).toBe(1);
    const doc = JSON.parse(h.out()) as Doc;
    expect(doc.outcome).toBe('redirect');
    expect(doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['ZTW-SIM-HOSTS']);
    const s = captureIo({ ...files, 's.json': '{"format":"nope"}' });
    expect(await run([...argv, '--json'], s)).toBe(1);
    expect(JSON.parse(s.out())).toMatchObject({ outcome: null });
  });

  it('a server.xml or policy with error diagnostics exits 1 (the CLI contract), and the prediction is still printed', async () => {
    // the seed's misspelled element: Liberty ignores it, so requireSecure and idAssertion never apply
    const typo = serverXml.replace(/zosconnect_apiRequesters/g, 'zoscconnect_apiRequesters');
    const x = captureIo({ ...files, 'typo.xml': typo });
    const argv = ['simulate', '--state', 's.json', '--server', 'typo.xml', '--server-user', 'PAYSRV', '--clock', '2026-11-24T10:00:00Z', '--hosts', 'pay.example.test=10.1.2.3', '--job', 'http.jcl'];
    expect(await run([...argv, '--json'], x)).toBe(1);
    expect(valid(SimulateJson, x.out())).toBe(true);
    const doc = JSON.parse(x.out()) as Doc;
    expect(doc.outcome).not.toBeNull();
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ code: 'ZCEE_UNKNOWN_ELEMENT', source: expect.stringMatching(/typo\.xml$/), severity: 'error' }));
    const t = captureIo({ ...files, 'typo.xml': typo });
    expect(await run(argv, t)).toBe(1);
    expect(t.out()).toMatch(/^outcome: /);
    expect(t.err()).toMatch(/typo\.xml:\d+:\d+: ZCEE_UNKNOWN_ELEMENT/);
    // a policy whose rule names an action that is not defined
    const p = captureIo({ ...files, 'dangling.policy': policy('PayClient.Ring').replace('TTLSGroupActionRef PayGrp', 'TTLSGroupActionRef NoSuchGroup') });
    expect(await run([...base, '--job', 'https.jcl', '--policy', 'dangling.policy', '--json'], p)).toBe(1);
    const pdoc = JSON.parse(p.out()) as Doc;
    expect(pdoc.outcome).not.toBeNull();
    expect(pdoc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.source)).toContain('dangling.policy');
    // and the clean inputs still exit 0, without zcee check's warnings (the redirect is the prediction itself)
    expect(await run([...base, '--job', 'https.jcl', '--policy', 'pay.policy'], io())).toBe(0);
    const clean = io();
    expect(await run([...base, '--job', 'http.jcl'], clean)).toBe(0);
    expect(clean.err()).not.toContain('ZCEE_REQUIRE_SECURE_REDIRECT');
  });

  it('usage errors: missing --job or --server-user, unreadable server.xml, bad clock', async () => {
    const j = io();
    expect(await run(['simulate', '--state', 's.json', '--server', 'server.xml', '--server-user', 'PAYSRV', '--json'], j)).toBe(2);
    expect(valid(UsageErrorJson, j.out())).toBe(true);
    expect(await run(['simulate', '--state', 's.json', '--server', 'server.xml', '--job', 'http.jcl'], io())).toBe(2);
    expect(await run(['simulate', '--state', 's.json', '--server', 'nope.xml', '--job', 'http.jcl', '--server-user', 'PAYSRV'], io())).toBe(2);
    expect(await run([...base, '--job', 'http.jcl', '--clock', 'later'], io())).toBe(2);
  });
});
