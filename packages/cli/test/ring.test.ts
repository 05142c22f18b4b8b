import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as t from 'io-ts';
import { type CapturedIo, RingCheckJson, RingExportJson, RingListJson, UsageErrorJson, captureIo, run } from '@ztwin/cli';

const valid = (c: t.Mixed, text: string): boolean => c.is(JSON.parse(text));
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const itOpenssl = hasOpenssl ? it : it.skip;

// A small PKI of our own (not the lab's): a CA, a server certificate that expires at the end of
// 2022 and a client certificate valid until 2030, in two rings of WEBSRV.
const deck = [
  'ADDGROUP WEBGRP',
  'ADDUSER WEBSRV DFLTGRP(WEBGRP) NOPASSWORD',
  "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Acme Test CA') O('Acme')) WITHLABEL('Acme CA') NISTECC SIZE(256) NOTAFTER(DATE(2035/12/31))",
  "RACDCERT ID(WEBSRV) GENCERT SUBJECTSDN(CN('web.acme.test') O('Acme')) WITHLABEL('Web Server') NISTECC SIZE(256) +",
  "  SIGNWITH(CERTAUTH LABEL('Acme CA')) NOTAFTER(DATE(2022/12/31))",
  "RACDCERT ID(WEBSRV) GENCERT SUBJECTSDN(CN('client.acme.test') O('Acme')) WITHLABEL('Web Client') NISTECC SIZE(256) +",
  "  SIGNWITH(CERTAUTH LABEL('Acme CA')) NOTAFTER(DATE(2030/12/31))",
  'RACDCERT ID(WEBSRV) ADDRING(Web.Ring)',
  "RACDCERT ID(WEBSRV) CONNECT(RING(Web.Ring) LABEL('Web Server') DEFAULT)",
  "RACDCERT ID(WEBSRV) CONNECT(RING(Web.Ring) LABEL('Acme CA') CERTAUTH)",
  'RACDCERT ID(WEBSRV) ADDRING(Client.Ring)',
  "RACDCERT ID(WEBSRV) CONNECT(RING(Client.Ring) LABEL('Web Client') DEFAULT)",
  '',
].join('\n');

let files: Record<string, string> = {};
beforeAll(async () => {
  const io = captureIo({ 'pki.racf': deck });
  const code = await run(['racf', 'apply', 'pki.racf', '--out', 's.json', '--clock', '2020-06-01'], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  files = Object.fromEntries(io.files);
});
const io = (): CapturedIo => captureIo(files, { env: { P12PW: 'env-secret-1' } });

describe('ztwin ring list', () => {
  it('prints the ring as LISTRING does; --json is ListringData', async () => {
    const a = io();
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'websrv', '--ring', 'Web.Ring'], a)).toBe(0);
    expect(a.out()).toContain('Digital ring information for user WEBSRV:');
    expect(a.out()).toMatch(/>Web\.Ring</);
    expect(a.out()).toMatch(/Web Server\s+ID\(WEBSRV\)\s+PERSONAL\s+YES/);
    expect(a.out()).toMatch(/Acme CA\s+CERTAUTH\s+CERTAUTH\s+NO/);
    const j = io();
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'ID(WEBSRV)', '--ring', 'Web.Ring', '--json'], j)).toBe(0);
    expect(valid(RingListJson, j.out())).toBe(true);
    const doc = JSON.parse(j.out()) as { owner: string; ring: string; rows: { label: string; default: boolean }[] };
    expect(doc.owner).toBe('WEBSRV');
    expect(doc.rows.map((r) => [r.label, r.default])).toEqual([
      ['Web Server', true],
      ['Acme CA', false],
    ]);
  });

  it("--ring '*' lists every ring of the owner", async () => {
    const a = io();
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'WEBSRV', '--ring', '*', '--json'], a)).toBe(0);
    expect(valid(RingListJson, a.out())).toBe(true);
    const doc = JSON.parse(a.out()) as { rings: { ring: string }[] };
    expect(doc.rings.map((r) => r.ring).sort()).toEqual(['Client.Ring', 'Web.Ring']);
    const b = io();
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'WEBSRV', '--ring', '*'], b)).toBe(0);
    expect(b.out()).toMatch(/>Client\.Ring<[\s\S]*>Web\.Ring<|>Web\.Ring<[\s\S]*>Client\.Ring</);
  });

  it('an unknown ring is an error with the near-miss (ring names are case-sensitive)', async () => {
    const a = io();
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'WEBSRV', '--ring', 'Ring.WEB'], a)).toBe(1);
    expect(a.out()).toBe('');
    expect(a.err()).toBe('s.json:1:1: KR-RING-NOT-FOUND Ring Ring.WEB does not exist for WEBSRV. (ring names are case-sensitive: did you mean Web.Ring?)\n');
    const j = io();
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'WEBSRV', '--ring', 'Web.Rign', '--json'], j)).toBe(1);
    expect(valid(RingListJson, j.out())).toBe(true);
    expect(JSON.parse(j.out())).toMatchObject({ rows: [], diagnostics: [{ code: 'KR-RING-NOT-FOUND', hint: 'did you mean Web.Ring?' }] });
  });

  it('usage errors: missing --ring, bad owner, unreadable state', async () => {
    const j = io();
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'WEBSRV', '--json'], j)).toBe(2);
    expect(valid(UsageErrorJson, j.out())).toBe(true);
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'NOT A USER', '--ring', 'x'], io())).toBe(2);
    expect(await run(['ring', 'list', '--state', 'missing.json', '--owner', 'WEBSRV', '--ring', 'x'], io())).toBe(2);
  });
});

describe('ztwin ring export', () => {
  const base = ['ring', 'export', '--state', 's.json', '--owner', 'WEBSRV', '--label', 'Web Server'];

  it('pem: one CERTIFICATE block, no key', async () => {
    const a = io();
    expect(await run([...base, '--format', 'pem'], a)).toBe(0);
    expect(a.out()).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    expect(a.out()).not.toContain('PRIVATE KEY');
    const j = io();
    expect(await run([...base, '--format', 'pem', '--json'], j)).toBe(0);
    expect(valid(RingExportJson, j.out())).toBe(true);
  });

  itOpenssl('openssl reads the pem and der output (subject in X.509 order)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztwin-ring-'));
    for (const format of ['pem', 'der']) {
      const a = io();
      expect(await run([...base, '--format', format], a)).toBe(0);
      const file = join(dir, `cert.${format}`);
      writeFileSync(file, a.outBytes());
      const r = spawnSync('openssl', ['x509', '-inform', format.toUpperCase(), '-in', file, '-noout', '-subject'], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('subject=O = Acme, CN = web.acme.test');
    }
  });

  itOpenssl('p12 (password from --password or --password-env) is read by openssl pkcs12', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztwin-ring-'));
    for (const [flags, pw] of [
      [['--password', 'argv-secret-1'], 'argv-secret-1'],
      [['--password-env', 'P12PW'], 'env-secret-1'],
    ] as const) {
      const a = io();
      expect(await run([...base, '--format', 'p12', ...flags], a)).toBe(0);
      expect(a.err()).toBe('');
      const file = join(dir, 'c.p12');
      writeFileSync(file, a.outBytes());
      const info = spawnSync('openssl', ['pkcs12', '-info', '-nokeys', '-in', file, '-passin', `pass:${pw}`], { encoding: 'utf8' });
      expect(info.status).toBe(0);
      expect(info.stdout).toMatch(/subject=.*CN ?= ?web\.acme\.test/);
      // The issuer chain travels with it, as RACDCERT EXPORT FORMAT(PKCS12DER) packages it.
      expect(info.stdout).toMatch(/subject=.*CN ?= ?Acme Test CA/);
      const keys = spawnSync('openssl', ['pkcs12', '-nocerts', '-nodes', '-in', file, '-passin', `pass:${pw}`], { encoding: 'utf8' });
      expect(keys.stdout).toContain('PRIVATE KEY');
      const wrong = spawnSync('openssl', ['pkcs12', '-info', '-nokeys', '-in', file, '-passin', 'pass:wrong'], { encoding: 'utf8' });
      expect(wrong.status).not.toBe(0);
    }
  });

  it('p12 without a password is a usage error; an unset --password-env too', async () => {
    const a = io();
    expect(await run([...base, '--format', 'p12'], a)).toBe(2);
    expect(a.err()).toMatch(/needs --password/);
    expect(await run([...base, '--format', 'p12', '--password-env', 'NOPE'], io())).toBe(2);
    expect(await run([...base, '--format', 'pkcs7'], io())).toBe(2);
  });

  it('p12 from a state written with --redact has no key: KR-EXPORT-NOKEY, exit 1', async () => {
    const r = captureIo(files);
    expect(await run(['racf', 'apply', 'pki.racf', '--out', 'red.json', '--redact', '--clock', '2020-06-01'], r)).toBe(0);
    const a = captureIo(Object.fromEntries(r.files));
    const argv = ['ring', 'export', '--state', 'red.json', '--owner', 'WEBSRV', '--label', 'Web Server', '--format', 'p12', '--password', 'pw123456'];
    expect(await run(argv, a)).toBe(1);
    expect(a.out()).toBe('');
    expect(a.err()).toMatch(/^red\.json:1:1: KR-EXPORT-NOKEY /);
    expect(a.err()).not.toContain('pw123456');
  });

  it('an unknown label is an error with a case hint; --json says base64 null', async () => {
    const a = io();
    expect(await run(['ring', 'export', '--state', 's.json', '--owner', 'WEBSRV', '--label', 'web server', '--format', 'der', '--json'], a)).toBe(1);
    expect(valid(RingExportJson, a.out())).toBe(true);
    expect(JSON.parse(a.out())).toMatchObject({ base64: null, diagnostics: [{ code: 'KR-CERT-NOT-FOUND', hint: "labels are case-sensitive: did you mean 'Web Server'?" }] });
    const c = io();
    expect(await run(['ring', 'export', '--state', 's.json', '--owner', 'CERTAUTH', '--label', 'Acme CA', '--format', 'der', '--json'], c)).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject({ owner: 'CERTAUTH', label: 'Acme CA', format: 'der' });
  });
});

describe('ztwin ring check', () => {
  const base = ['ring', 'check', '--state', 's.json', '--owner', 'WEBSRV'];

  it('an expired default certificate is an error (exit 1), with a summary', async () => {
    const a = io();
    expect(await run([...base, '--ring', 'Web.Ring', '--clock', '2026-11-24'], a)).toBe(1);
    expect(a.err()).toContain("WEBSRV/Web.Ring:1:1: KR-HEALTH-EXPIRED Certificate 'Web Server' expired on 2022-12-31T23:59:59.000Z.");
    expect(a.out()).toContain("default: 'Web Server' (ID(WEBSRV))");
    expect(a.out()).toContain("chain:   'Web Server' <- 'Acme CA' (complete)");
    const j = io();
    expect(await run([...base, '--ring', 'Web.Ring', '--clock', '2026-11-24', '--json'], j)).toBe(1);
    expect(valid(RingCheckJson, j.out())).toBe(true);
    expect(JSON.parse(j.out())).toMatchObject({ at: '2026-11-24T00:00:00.000Z', certificates: 2, default: 'Web Server', chain: ['Web Server', 'Acme CA'], chainComplete: true });
  });

  it('the same ring before expiry is healthy (exit 0)', async () => {
    const a = io();
    expect(await run([...base, '--ring', 'Web.Ring', '--clock', '2021-06-01'], a)).toBe(0);
    expect(a.err()).toBe('');
    expect(a.out()).toContain('0 error(s), 0 warning(s)');
  });

  it('a ring without its CA: the chain is incomplete (KR-HEALTH-MISSING-CA)', async () => {
    const a = io();
    expect(await run([...base, '--ring', 'Client.Ring', '--clock', '2026-11-24', '--json'], a)).toBe(1);
    const doc = JSON.parse(a.out()) as { chainComplete: boolean; diagnostics: { code: string }[] };
    expect(doc.chainComplete).toBe(false);
    expect(doc.diagnostics.map((d) => d.code)).toContain('KR-HEALTH-MISSING-CA');
  });

  it('unknown ring → exit 1 with hint; bad clock → exit 2', async () => {
    const a = io();
    expect(await run([...base, '--ring', 'web.ring'], a)).toBe(1);
    expect(a.err()).toContain('did you mean Web.Ring?');
    expect(await run([...base, '--ring', 'Web.Ring', '--clock', 'soon'], io())).toBe(2);
  });
});
