import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/jest';
import { readPkcs12 } from '@ztwin/keyring';
import { PBE_ENCRYPTALGS, PBE_MACALGS } from '@ztwin/racf-model';
import { type CapturedIo, EXPORT_PBE_DEFAULTS, EXPORT_PBE_MAX_ITERATIONS, RingExportJson, UsageErrorJson, captureIo, run } from '@ztwin/cli';

// `ztwin ring export --format p12 --macalg/--encryptalg/--iterations`: RACDCERT EXPORT's PBE group
// on the command line. Each option is checked in the package itself (the DER), and by openssl.
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const itOpenssl = hasOpenssl ? it : it.skip;

// Our own small PKI (P-256 keys keep the run fast): a CA and a server certificate signed by it.
const deck = [
  'ADDGROUP PBEGRP',
  'ADDUSER PBESRV DFLTGRP(PBEGRP) NOPASSWORD',
  "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Pbe Test CA') O('Pbe')) WITHLABEL('Pbe CA') NISTECC SIZE(256) NOTAFTER(DATE(2035/12/31))",
  "RACDCERT ID(PBESRV) GENCERT SUBJECTSDN(CN('pbe.example.test') O('Pbe')) WITHLABEL('Pbe Server') NISTECC SIZE(256) +",
  "  SIGNWITH(CERTAUTH LABEL('Pbe CA')) NOTAFTER(DATE(2034/12/31))",
  '',
].join('\n');

/** A password no other string of these runs contains, so that a leak cannot hide. */
const PASSWORD = 'Pw-7q9Zx-secret';

let files: Record<string, string> = {};
let dir = '';
beforeAll(async () => {
  const io = captureIo({ 'pbe.racf': deck });
  const code = await run(['racf', 'apply', 'pbe.racf', '--out', 's.json', '--clock', '2024-06-01'], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  files = Object.fromEntries(io.files);
  dir = mkdtempSync(join(tmpdir(), 'ztwin-pbe-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const io = (): CapturedIo => captureIo(files, { env: { PBE_PW: PASSWORD } });
const base = ['ring', 'export', '--state', 's.json', '--owner', 'PBESRV', '--label', 'Pbe Server', '--format', 'p12'];

async function exportP12(extra: readonly string[]): Promise<Uint8Array> {
  const a = io();
  expect(await run([...base, '--password', PASSWORD, ...extra], a)).toBe(0);
  expect(a.err()).toBe('');
  return a.outBytes();
}

// DER encodings (tag, length, content) of the object identifiers that tell the variants apart.
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const OID = {
  sha1: '06052b0e03021a',
  sha256: '0609608648016503040201',
  pbes2: '06092a864886f70d01050d',
  pbeSha3DES: '060a2a864886f70d010c0103',
} as const;
/** The MacData's iteration count: the INTEGER that ends the PFX. */
function macIterations(p12: Uint8Array): number {
  const h = hex(p12);
  for (let len = 1; len <= 4; len++) {
    const head = h.length - 2 * (len + 2);
    if (h.slice(head, head + 4) === `02${len.toString(16).padStart(2, '0')}`) return parseInt(h.slice(head + 4), 16);
  }
  return -1;
}

function opensslInfo(p12: Uint8Array, pass: string): { status: number | null; text: string } {
  const file = join(dir, `x-${Math.random().toString(36).slice(2)}.p12`);
  writeFileSync(file, p12);
  const r = spawnSync('openssl', ['pkcs12', '-info', '-nokeys', '-in', file, '-passin', `pass:${pass}`], { encoding: 'utf8' });
  return { status: r.status, text: `${r.stdout}\n${r.stderr}` };
}

describe('ring export --format p12: PBE options', () => {
  it('the default is AES256 + HMACSHA256 + 2048 iterations, and --json reports it', async () => {
    expect(EXPORT_PBE_DEFAULTS).toEqual({ macalg: 'HMACSHA256', encryptalg: 'AES256', iterations: 2048 });
    const p12 = await exportP12([]);
    const h = hex(p12);
    expect(h).toContain(OID.pbes2);
    expect(h).not.toContain(OID.pbeSha3DES);
    expect(h).toContain(OID.sha256);
    expect(macIterations(p12)).toBe(2048);
    const j = io();
    expect(await run([...base, '--password-env', 'PBE_PW', '--json'], j)).toBe(0);
    const doc: unknown = JSON.parse(j.out());
    expect(RingExportJson.is(doc)).toBe(true);
    expect(doc).toMatchObject({ format: 'p12', pbe: EXPORT_PBE_DEFAULTS });
  });

  it('each option changes the package (and only what it names)', async () => {
    const def = hex(await exportP12([]));
    const mac1 = hex(await exportP12(['--macalg', 'HMACSHA1']));
    expect(mac1).toContain(OID.sha1);
    expect(mac1).not.toContain(OID.sha256);
    expect(mac1).toContain(OID.pbes2); // the key is still AES256 under PBES2
    expect(def).not.toContain(OID.sha1);

    const des = await exportP12(['--encryptalg', '3DES']);
    expect(hex(des)).toContain(OID.pbeSha3DES);
    expect(hex(des)).not.toContain(OID.pbes2);
    expect(hex(des)).toContain(OID.sha256); // the MAC is still HMACSHA256

    const it3 = await exportP12(['--iterations', '3001']);
    expect(macIterations(it3)).toBe(3001);
    // The key bag's KDF takes the same count (PBKDF2 parameters hold it as INTEGER 0x0bb9).
    expect(hex(it3)).toContain('02020bb9');
    // Values are RACF's, matched as TSO folds operands (lower case is accepted).
    expect(hex(await exportP12(['--macalg=hmacsha1', '--encryptalg=3des', '--iterations=1']))).toContain(OID.pbeSha3DES);
    // Every variant opens with the password (keyring's own PKCS#12 reader) and not without it.
    for (const extra of [[], ['--macalg', 'HMACSHA1'], ['--encryptalg', '3DES'], ['--iterations', '5']]) {
      const p12 = await exportP12(extra);
      const ok = readPkcs12(p12, PASSWORD);
      if ('reason' in ok) throw new Error(`not readable: ${ok.reason}`);
      expect(ok.certificates).toHaveLength(2);
      expect(ok.privateKeys).toHaveLength(1);
      expect(readPkcs12(p12, 'not-the-password')).toMatchObject({ reason: 'bad-password' });
    }
  });

  itOpenssl('openssl reads the default and the 3DES/HMACSHA1 variant and sees their protection', async () => {
    const def = opensslInfo(await exportP12([]), PASSWORD);
    expect(def.status).toBe(0);
    expect(def.text).toMatch(/MAC: sha256, Iteration 2048/);
    expect(def.text).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
    expect(def.text).toMatch(/subject=.*CN ?= ?pbe\.example\.test/);
    const legacy = opensslInfo(await exportP12(['--macalg', 'HMACSHA1', '--encryptalg', '3DES', '--iterations', '1024']), PASSWORD);
    expect(legacy.status).toBe(0);
    expect(legacy.text).toMatch(/MAC: sha1, Iteration 1024/);
    expect(legacy.text).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 1024/);
    expect(legacy.text).toMatch(/subject=.*CN ?= ?Pbe Test CA/);
    expect(opensslInfo(await exportP12(['--encryptalg', '3DES']), 'wrong').status).not.toBe(0);
  });

  it('bad values are usage errors (exit 2) that name the valid values', async () => {
    const cases: readonly [readonly string[], RegExp][] = [
      [['--macalg', 'HMACSHA384'], new RegExp(`--macalg 'HMACSHA384' is not one of ${PBE_MACALGS.join(', ')}`)],
      [['--encryptalg', 'AES128'], new RegExp(`--encryptalg 'AES128' is not one of ${PBE_ENCRYPTALGS.join(', ')}`)],
      [['--iterations', '0'], /--iterations '0' is not a whole number from 1 to 1000000/],
      [['--iterations', String(EXPORT_PBE_MAX_ITERATIONS + 1)], /from 1 to 1000000/],
      [['--iterations', '2e3'], /not a whole number/],
      [['--iterations', '-5'], /not a whole number/],
      [['--iterations', ''], /not a whole number/],
    ];
    for (const [extra, message] of cases) {
      const a = io();
      expect(await run([...base, '--password', PASSWORD, ...extra], a)).toBe(2);
      expect(a.err()).toMatch(message);
      expect(a.out()).toBe('');
      const j = io();
      expect(await run([...base, '--password', PASSWORD, ...extra, '--json'], j)).toBe(2);
      const doc: unknown = JSON.parse(j.out());
      expect(UsageErrorJson.is(doc)).toBe(true);
      expect(doc).toMatchObject({ error: 'usage' });
    }
  });

  it('the options with pem or der are usage errors', async () => {
    for (const format of ['pem', 'der']) {
      const cmd = ['ring', 'export', '--state', 's.json', '--owner', 'PBESRV', '--label', 'Pbe Server', '--format', format];
      const one = io();
      expect(await run([...cmd, '--macalg', 'HMACSHA1'], one)).toBe(2);
      expect(one.err()).toContain(`--macalg applies only to --format p12 (PKCS#12 protection), not --format ${format}`);
      expect(one.out()).toBe('');
      const two = io();
      expect(await run([...cmd, '--encryptalg', 'AES256', '--iterations', '2048'], two)).toBe(2);
      expect(two.err()).toContain('--encryptalg, --iterations apply only to --format p12');
      // Without them pem and der are as before.
      expect(await run(cmd, io())).toBe(0);
    }
  });

  test.prop([fc.string({ maxLength: 12 })])('any --iterations that is not 1 to 1000000 is a usage error', async (s) => {
    const t = s.trim();
    fc.pre(!(/^[0-9]{1,7}$/.test(t) && Number(t) >= 1 && Number(t) <= EXPORT_PBE_MAX_ITERATIONS));
    const a = io();
    expect(await run([...base, '--password', PASSWORD, `--iterations=${s}`], a)).toBe(2);
    expect(a.out()).toBe('');
  });

  it('the password never appears on stdout or stderr: success, --json, errors, a password typed into a PBE flag', async () => {
    const runs: (readonly string[])[] = [
      [...base, '--password', PASSWORD, '--json'],
      [...base, '--password', PASSWORD, '--macalg', 'HMACSHA1', '--encryptalg', '3DES', '--json'],
      [...base, '--password', PASSWORD, '--macalg', PASSWORD],
      [...base, '--password', PASSWORD, '--encryptalg', `x${PASSWORD}`, '--json'],
      [...base, '--password', PASSWORD, '--iterations', PASSWORD],
      [...base, '--password-env', 'PBE_PW', '--iterations', PASSWORD, '--json'],
      ['ring', 'export', '--state', 's.json', '--owner', 'PBESRV', '--label', 'Pbe Server', '--format', 'pem', '--password', PASSWORD, '--macalg', 'HMACSHA1'],
      ['ring', 'export', '--state', 's.json', '--owner', 'PBESRV', '--label', 'No Such', '--format', 'p12', '--password', PASSWORD, '--iterations', '7'],
    ];
    for (const argv of runs) {
      const a = io();
      await run(argv, a);
      expect(a.out()).not.toContain(PASSWORD);
      expect(a.err()).not.toContain(PASSWORD);
      expect(Buffer.from(a.outBytes()).includes(Buffer.from(PASSWORD))).toBe(false);
    }
    const typed = io();
    expect(await run([...base, '--password', PASSWORD, '--macalg', PASSWORD], typed)).toBe(2);
    expect(typed.err()).toContain('--macalg <redacted> is not one of HMACSHA1, HMACSHA256');
  });
});
