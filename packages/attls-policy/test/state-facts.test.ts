/**
 * keyringFactsFromState over the seed lab's RACF database built for real: the example's decks
 * (ZCEERACF, ZCEETLSS, MVSTLS, ZCEETLSC, in that order) applied with keyring's applyDeck at a
 * lab-prep clock (2020-06-01). The decks' GENCERTs are RSA 2048; keys come from pre-generated
 * PKCS#8 keys (fixedKeySource over test/fixtures/lab-rsa-keys.pem), so the state builds in well
 * under a second and is the same on every run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock, formatDiagnostic } from '@ztwin/core';
import { type RacfState, createState, deserializeState, serializeState } from '@ztwin/racf-model';
import { certStoreOf, defaultCertificateUsability } from '@ztwin/keyring';
import { apply } from './lab-state';
import { type KeyringFacts, type ValidateOptions, check, keyringFactsFromState } from '@ztwin/attls-policy';

const DECK_DIR = join(__dirname, '../../../examples/zcee-attls-lab/fixtures/racf');
const LAB_DECKS = ['ZCEERACF.racf', 'ZCEETLSS.racf', 'MVSTLS.racf', 'ZCEETLSC.racf'];
/** The day of the seed lab's run (the policy's NCA history says 2020-06-12; the lab ran in December). */
const LAB_DAY = fixedClock('2020-12-11T12:00:00Z');
const TODAY = fixedClock('2026-11-24T12:00:00Z');

const SEED = readFileSync(join(__dirname, 'fixtures', 'seed-appendix.policy'), 'utf8');
const JOB_USERS = { USER1GET: 'USER1' };

const validate = (text: string, facts: KeyringFacts, opts: ValidateOptions) => check({ text, source: 'seed.policy' }, { keyringFacts: facts, jobUsers: JOB_USERS, ...opts }).diagnostics;
const keyringLine = (text: string): number => text.split('\n').findIndex((l) => /^\s*Keyring\s/.test(l)) + 1;
const withKeyring = (ring: string): string => SEED.replace(/^(\s*Keyring\s+)Liberty\.KeyRing\s*$/m, `$1${ring}`);

let lab: RacfState;
let facts: KeyringFacts;
beforeAll(async () => {
  const r = await apply(createState(), LAB_DECKS.map((name) => ({ name, text: readFileSync(join(DECK_DIR, name), 'utf8') })));
  // RACDCERT (keyring) must accept every command of the decks. (The decks' other errors are the
  // lab's own, e.g. a PERMIT to a profile ZCEERACF never defines; they do not touch key rings.)
  expect(r.diagnostics.filter((d) => d.severity === 'error' && /^(KR-|IRRD)/.test(d.code))).toEqual([]);
  lab = r.state;
  facts = keyringFactsFromState(lab);
});

describe('KeyringFacts from the lab decks applied to a RACF state', () => {
  test('the seed policy validates clean for job user USER1 on the day of the lab', () => {
    expect(facts.ringExists('USER1', 'Liberty.KeyRing')).toBe(true);
    expect(facts.ringExists('user1', 'Liberty.KeyRing')).toBe(true);
    expect(facts.canRead('USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true })).toBe(true);
    expect(facts.defaultCertificate('USER1', 'Liberty.KeyRing', LAB_DAY.now())).toEqual({ usable: true });
    expect(validate(SEED, facts, { clock: LAB_DAY })).toEqual([]);
    // Without a user for the job the ring is not checked, and the validator says so.
    expect(check({ text: SEED, source: 'seed.policy' }, { keyringFacts: facts, clock: LAB_DAY }).diagnostics.map((d) => d.code)).toEqual(['ATTLS160']);
  });

  test("the seed's Keyring.LIBERTY: no such ring, with the near-miss hint", () => {
    const text = withKeyring('Keyring.LIBERTY');
    expect(text).not.toEqual(SEED);
    const ds = validate(text, facts, { clock: LAB_DAY });
    expect(ds.map((d) => ({ code: d.code, line: d.line, hint: d.hint }))).toEqual([
      { code: 'ATTLS161', line: keyringLine(text), hint: 'ring names are case-sensitive: did you mean Liberty.KeyRing?' },
    ]);
    expect(ds[0]?.message).toContain('USER1 has no key ring Keyring.LIBERTY');
    // Nothing close: no hint.
    expect(facts.ringHint?.('USER1', 'Totally.Different.Name')).toBeUndefined();
    expect(facts.ringHint?.('USER2', 'Liberty.KeyRing')).toBeUndefined();
  });

  test("LIBSERV/zCEE.KeyRing today: the default certificate (NOTAFTER 2022/12/31) has expired", () => {
    const text = withKeyring('LIBSERV/zCEE.KeyRing');
    const asLibserv = validate(text, facts, { clock: TODAY, jobUsers: { USER1GET: 'LIBSERV' } });
    expect(asLibserv.map((d) => `${d.code}@${d.line}`)).toEqual([`ATTLS164@${keyringLine(text)}`]);
    expect(asLibserv[0]?.message).toMatch(/the default certificate of LIBSERV\/zCEE\.KeyRing is not usable: certificate '[^']+' expired on 2022-12-31/);
    // Before the expiry the same ring is fine for its owner ...
    expect(validate(text, facts, { clock: LAB_DAY, jobUsers: { USER1GET: 'LIBSERV' } })).toEqual([]);
    // ... and USER1 may not use LIBSERV's private key at all (FACILITY gives keys only to their owner).
    expect(validate(text, facts, { clock: TODAY }).map((d) => d.code)).toEqual(['ATTLS162', 'ATTLS164']);
  });

  test("without its IRR.DIGTCERT.LISTRING permit USER1 may not read its ring", async () => {
    const r = await apply(lab, [{ name: 'NOLIST.racf', text: 'PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(USER1) DELETE\nSETROPTS RACLIST(FACILITY) REFRESH\n' }]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const denied = keyringFactsFromState(r.state);
    expect(denied.canRead('USER1', 'USER1', 'Liberty.KeyRing', { privateKey: false })).toBe(false);
    const ds = validate(SEED, denied, { clock: LAB_DAY });
    expect(ds.map((d) => `${d.code}@${d.line}`)).toEqual([`ATTLS162@${keyringLine(SEED)}`]);
    expect(ds[0]?.message).toContain('USER1 may not read its key ring Liberty.KeyRing (with private keys)');
    // The original state is unchanged (states are values).
    expect(facts.canRead('USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true })).toBe(true);
  });

  test('the default certificate must be trusted; an incomplete chain in the ring does not make it unusable', async () => {
    // keyring's defaultCertificateUsability (shared with zcee-config): without its issuing CA in the
    // ring the certificate is still presented; the chain problem is a remark, not a reason for ATTLS164.
    const noCa = await apply(lab, [{ name: 'NOCA.racf', text: "RACDCERT ID(USER1) REMOVE(CERTAUTH LABEL('Liberty CA') RING(Liberty.KeyRing))\n" }]);
    expect(noCa.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const d1 = keyringFactsFromState(noCa.state).defaultCertificate('USER1', 'Liberty.KeyRing', LAB_DAY.now());
    expect(d1).toEqual({ usable: true });
    const u1 = defaultCertificateUsability(certStoreOf(noCa.state), 'USER1', 'Liberty.KeyRing', LAB_DAY.now());
    expect(u1).toMatchObject({ label: 'USER1', usable: true, chainComplete: false });
    expect(u1.reasons).toEqual([expect.stringMatching(/The issuer of 'USER1' .* is not connected to the ring.*a peer may fail to verify it$/)]);
    expect(validate(SEED, keyringFactsFromState(noCa.state), { clock: LAB_DAY })).toEqual([]);
    // Unusable for another reason as well: the chain remark follows the reason.
    const early = keyringFactsFromState(noCa.state).defaultCertificate('USER1', 'Liberty.KeyRing', new Date('2019-01-01T00:00:00Z'));
    expect(early?.reason).toMatch(/^certificate 'USER1' is not valid before 2020-06-01.*; the chain of certificate 'USER1' is not complete in the ring/);
    const notrust = await apply(lab, [{ name: 'NOTRUST.racf', text: "RACDCERT ID(USER1) ALTER(LABEL('USER1')) NOTRUST\n" }]);
    expect(notrust.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const d2 = keyringFactsFromState(notrust.state).defaultCertificate('USER1', 'Liberty.KeyRing', LAB_DAY.now());
    expect(d2).toEqual({ usable: false, reason: "certificate 'USER1' is NOTRUST" });
    expect(validate(SEED, keyringFactsFromState(notrust.state), { clock: LAB_DAY }).map((d) => d.code)).toEqual(['ATTLS164']);
  });

  test('the default certificate rule: not yet valid, missing ring', () => {
    const early = facts.defaultCertificate('USER1', 'Liberty.KeyRing', new Date('2019-01-01T00:00:00Z'));
    expect(early?.usable).toBe(false);
    expect(early?.reason).toMatch(/^certificate 'USER1' is not valid before 2020-06-01/);
    expect(facts.defaultCertificate('USER1', 'No.Such.Ring', LAB_DAY.now())).toBeUndefined();
    expect(facts.ringExists('USER1', 'liberty.keyring')).toBe(false);
  });
});

test('a state written to JSON without secrets (as `--state S.json` gives it) gives the same answers', () => {
  const back = deserializeState(JSON.parse(JSON.stringify(serializeState(lab))) as unknown);
  if (back._tag === 'Left') throw new Error(back.left.map(formatDiagnostic).join('\n'));
  const fromJson = keyringFactsFromState(back.right);
  expect(validate(SEED, fromJson, { clock: LAB_DAY })).toEqual([]);
  expect(validate(withKeyring('Keyring.LIBERTY'), fromJson, { clock: LAB_DAY }).map((d) => d.hint)).toEqual(['ring names are case-sensitive: did you mean Liberty.KeyRing?']);
  const expired = validate(withKeyring('LIBSERV/zCEE.KeyRing'), fromJson, { clock: TODAY, jobUsers: { USER1GET: 'LIBSERV' } });
  expect(expired.map(formatDiagnostic)).toEqual(validate(withKeyring('LIBSERV/zCEE.KeyRing'), facts, { clock: TODAY, jobUsers: { USER1GET: 'LIBSERV' } }).map(formatDiagnostic));
  expect(expired.map((d) => d.code)).toEqual(['ATTLS164']);
});

describe('the README example', () => {
  const md = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = (lang: string): string => {
    const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(md);
    if (m === null || m[1] === undefined) throw new Error(`README has no ${lang} block`);
    return m[1];
  };
  const text = block('attls');

  test('the README policy is clean against the lab state for USER1 on the day of the lab', () => {
    const opts = { keyringFacts: facts, jobUsers: JOB_USERS, clock: LAB_DAY };
    expect(check({ text, source: 'zcee.policy' }, opts).diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  test('the README diagnostics are what check prints for the wrong-case ring and the expired certificate', () => {
    const ring = (r: string) => text.replace(/^(\s*Keyring\s+)Liberty\.KeyRing$/m, `$1${r}`);
    const wrongCase = check({ text: ring('Keyring.LIBERTY'), source: 'zcee.policy' }, { keyringFacts: facts, jobUsers: JOB_USERS, clock: LAB_DAY });
    const expired = check({ text: ring('LIBSERV/zCEE.KeyRing'), source: 'zcee.policy' }, { keyringFacts: facts, jobUsers: { USER1GET: 'LIBSERV' }, clock: TODAY });
    expect([...wrongCase.diagnostics, ...expired.diagnostics].map(formatDiagnostic)).toEqual(block('diagnostics').trim().split('\n'));
  });
});
