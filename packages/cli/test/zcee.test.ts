import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as t from 'io-ts';
import { type CapturedIo, UsageErrorJson, ZceeCheckJson, captureIo, nodeIo, run } from '@ztwin/cli';

const valid = (c: t.Mixed, text: string): boolean => c.is(JSON.parse(text));

/** Captured output, files from the real file system (the file set lives in a temporary directory). */
const diskIo = (): CapturedIo => ({ ...captureIo(), readFile: nodeIo.readFile, readFileSync: nodeIo.readFileSync, listDir: nodeIo.listDir });

// A requester server of our own (not the lab's) with three seeded mistakes: the misspelled
// zoscconnect_apiRequesters element, an include that does not exist, and a ring named in the wrong
// order/case (Ring.PAYMENTS for Payments.Ring).
const serverXml = `<?xml version="1.0" encoding="UTF-8"?>
<server description="payments requester">
  <featureManager>
    <feature>zosconnect:apiRequester-1.0</feature>
    <feature>transportSecurity-1.0</feature>
    <feature>appSecurity-2.0</feature>
  </featureManager>
  <safRegistry id="saf"/>
  <httpEndpoint id="defaultHttpEndpoint" host="*" httpPort="-1" httpsPort="9643"/>
  <include location="\${server.config.dir}/includes/tls.xml"/>
  <include location="\${server.config.dir}/includes/saf.xml"/>
  <zoscconnect_apiRequesters idAssertion="ASSERT_ONLY">
    <apiRequester name="payments_1.0.0" requireSecure="true"/>
  </zoscconnect_apiRequesters>
</server>
`;
const tlsXml = (ring: string): string => `<server description="TLS">
  <sslDefault sslRef="PaySSL"/>
  <ssl id="PaySSL" keyStoreRef="PayRing" trustStoreRef="PayRing"/>
  <keyStore id="PayRing" location="safkeyring:///${ring}" type="JCERACFKS" password="not-a-real-pw" fileBased="false" readOnly="true"/>
</server>
`;
const deck = `ADDGROUP PAYGRP
ADDUSER PAYSRV DFLTGRP(PAYGRP) NOPASSWORD
SETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)
RDEFINE FACILITY IRR.DIGTCERT.LISTRING UACC(NONE)
PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(PAYSRV) ACCESS(READ)
SETROPTS RACLIST(FACILITY) REFRESH
RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Pay CA')) WITHLABEL('Pay CA') NISTECC SIZE(256) NOTAFTER(DATE(2035/12/31))
RACDCERT ID(PAYSRV) GENCERT SUBJECTSDN(CN('pay.example.test')) WITHLABEL('Pay Server') NISTECC SIZE(256) +
  SIGNWITH(CERTAUTH LABEL('Pay CA')) NOTAFTER(DATE(2030/12/31))
RACDCERT ID(PAYSRV) ADDRING(Payments.Ring)
RACDCERT ID(PAYSRV) CONNECT(RING(Payments.Ring) LABEL('Pay Server') DEFAULT)
RACDCERT ID(PAYSRV) CONNECT(RING(Payments.Ring) LABEL('Pay CA') CERTAUTH)
`;

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ztwin-zcee-'));
  mkdirSync(join(dir, 'includes'));
  writeFileSync(join(dir, 'server.xml'), serverXml);
  writeFileSync(join(dir, 'includes', 'tls.xml'), tlsXml('Ring.PAYMENTS'));
  const io = captureIo({ 'd.racf': deck });
  expect(await run(['racf', 'apply', 'd.racf', '--out', 's.json', '--clock', '2026-01-01'], io)).toBe(0);
  writeFileSync(join(dir, 's.json'), io.files.get('s.json') ?? '');
});

describe('ztwin zcee check', () => {
  it('reports the misspelled element, the missing include and the wrong ring, each with its file and line (exit 1)', async () => {
    const io = diskIo();
    const argv = ['zcee', 'check', join(dir, 'server.xml'), '--state', join(dir, 's.json'), '--server-user', 'PAYSRV', '--clock', '2026-11-24'];
    expect(await run(argv, io)).toBe(1);
    const lines = io.err().trimEnd().split('\n');
    const server = join(dir, 'server.xml');
    const tls = join(dir, 'includes', 'tls.xml');
    expect(lines).toContain(
      `${server}:11:3: ZCEE_INCLUDE_NOT_FOUND include file '${join(dir, 'includes', 'saf.xml')}' does not exist; Liberty reports CWWKG0090E and none of its configuration applies`,
    );
    expect(lines.find((l) => l.startsWith(`${server}:12:3: ZCEE_UNKNOWN_ELEMENT <zoscconnect_apiRequesters>`))).toMatch(/did you mean zosconnect_apiRequesters\?/);
    expect(lines.find((l) => l.startsWith(`${tls}:4:`))).toMatch(/ZCEE_RING_NOT_FOUND .*PAYSRV has no key ring 'Ring\.PAYMENTS'.*did you mean Payments\.Ring\?/);
    expect(io.out() + io.err()).not.toContain('not-a-real-pw');

    const j = diskIo();
    expect(await run([...argv, '--json'], j)).toBe(1);
    expect(valid(ZceeCheckJson, j.out())).toBe(true);
    expect(JSON.parse(j.out())).toMatchObject({ root: server, files: [server, tls], ok: false });
  });

  it('with the ring named right and the include and element fixed, the server is clean against the state (exit 0)', async () => {
    const good = mkdtempSync(join(tmpdir(), 'ztwin-zcee-ok-'));
    mkdirSync(join(good, 'includes'));
    writeFileSync(join(good, 'server.xml'), serverXml.replace(/zoscconnect_/g, 'zosconnect_').replace(/ *<include location="[^"]*saf\.xml"\/>\n/, ''));
    writeFileSync(join(good, 'includes', 'tls.xml'), tlsXml('Payments.Ring'));
    const io = diskIo();
    const code = await run(['zcee', 'check', join(good, 'server.xml'), '--state', join(dir, 's.json'), '--server-user', 'paysrv', '--clock', '2026-11-24'], io);
    expect(io.err().split('\n').filter((l) => !/\((warning|info)\)$/.test(l) && l !== '')).toEqual([]);
    expect(code).toBe(0);
    // On a day after the server certificate's NOTAFTER the default certificate is not usable.
    const late = diskIo();
    expect(await run(['zcee', 'check', join(good, 'server.xml'), '--state', join(dir, 's.json'), '--server-user', 'PAYSRV', '--clock', '2031-06-01'], late)).toBe(1);
    expect(late.err()).toMatch(/tls\.xml:4:\d+: ZCEE_\S+ .*Pay Server/);
  });

  it('in-memory files work the same (relative paths), and a bad state is an error, not a crash', async () => {
    const io = captureIo({ 'server.xml': serverXml, 'includes/tls.xml': tlsXml('Ring.PAYMENTS'), 'bad.json': '{"users": 3' });
    expect(await run(['zcee', 'check', 'server.xml'], io)).toBe(1);
    expect(io.err()).toMatch(/server\.xml:12:3: ZCEE_UNKNOWN_ELEMENT/);
    const b = captureIo({ 'server.xml': serverXml, 'bad.json': '{"users": 3' });
    expect(await run(['zcee', 'check', 'server.xml', '--state', 'bad.json', '--json'], b)).toBe(1);
    expect(valid(ZceeCheckJson, b.out())).toBe(true);
    expect(JSON.parse(b.out())).toMatchObject({ ok: false, diagnostics: [{ code: 'ZCEE_STATE_JSON', source: 'bad.json' }] });
  });

  it('usage errors: missing file, bad clock', async () => {
    const j = captureIo();
    expect(await run(['zcee', 'check', 'nope.xml', '--json'], j)).toBe(2);
    expect(valid(UsageErrorJson, j.out())).toBe(true);
    expect(await run(['zcee', 'check', 'server.xml', '--clock', 'x'], captureIo({ 'server.xml': serverXml }))).toBe(2);
    expect(await run(['zcee', 'check'], captureIo())).toBe(2);
  });
});
