/**
 * RACF virtual key rings in AT-TLS (`userid/*`, `*AUTH*` + `/*`, `*SITE*` + `/*`): parsing, and
 * validation against the seed lab's RACF database built for real (as state-facts.test.ts builds it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as ptest, fc } from '@fast-check/jest';
import { fixedClock, formatDiagnostic } from '@ztwin/core';
import { type RacfState, createState } from '@ztwin/racf-model';
import { apply } from './lab-state';
import {
  type KeyringFacts,
  type VirtualKeyringRef,
  check,
  keyringFactsFromState,
  parseKeyringRef,
  virtualKeyringText,
  virtualRingAccess,
  virtualRingAnchors,
  virtualRingCertificate,
  virtualRingMembers,
  virtualRingResource,
} from '@ztwin/attls-policy';

const DECK_DIR = join(__dirname, '../../../examples/zcee-attls-lab/fixtures/racf');
const LAB_DECKS = ['ZCEERACF.racf', 'ZCEETLSS.racf', 'MVSTLS.racf', 'ZCEETLSC.racf'];
const LAB_DAY = fixedClock('2020-12-11T12:00:00Z');
const TODAY = fixedClock('2026-11-25T12:00:00Z');
const SEED = readFileSync(join(__dirname, 'fixtures', 'seed-appendix.policy'), 'utf8');

/** The seed policy with another Keyring, optionally the Server role and a CertificateLabel. */
function policy(ring: string, o: { role?: 'Server' | 'ServerWithClientAuth'; label?: string } = {}): string {
  let t = SEED.replace(/^(\s*Keyring\s+)Liberty\.KeyRing\s*$/m, `$1${ring}`);
  if (o.role !== undefined) t = t.replace(/^(\s*HandshakeRole\s+)Client\s*$/gm, `$1${o.role}`);
  if (o.label !== undefined) t = t.replace(/^(\s*TLSv1\.2\s+On\s*)$/m, `$1\n  CertificateLabel                      ${o.label}`);
  return t;
}
const codes = (text: string, facts: KeyringFacts, user: string, clock = LAB_DAY): string[] =>
  check({ text, source: 'v.policy' }, { keyringFacts: facts, jobUsers: { USER1GET: user }, clock }).diagnostics.map((d) => d.code);

describe('parseKeyringRef: virtual rings', () => {
  test.each<[string, ReturnType<typeof parseKeyringRef>]>([
    ['LIBSERV/*', { kind: 'virtual', owner: 'ID', id: 'LIBSERV' }],
    ['libserv/*', { kind: 'virtual', owner: 'ID', id: 'LIBSERV' }],
    ['*AUTH*/*', { kind: 'virtual', owner: 'CERTAUTH' }],
    ['*auth*/*', { kind: 'virtual', owner: 'CERTAUTH' }],
    ['IRRCERTA/*', { kind: 'virtual', owner: 'CERTAUTH' }],
    ['*SITE*/*', { kind: 'virtual', owner: 'SITE' }],
    ['irrsitec/*', { kind: 'virtual', owner: 'SITE' }],
    // Not virtual: a real ring (names are case-sensitive and kept), the own ring, files, tokens.
    ['LIBSERV/zCEE.KeyRing', { kind: 'saf', owner: 'LIBSERV', ring: 'zCEE.KeyRing' }],
    ['LIBSERV/**', { kind: 'saf', owner: 'LIBSERV', ring: '**' }],
    ['Liberty.KeyRing', { kind: 'saf', owner: undefined, ring: 'Liberty.KeyRing' }],
    ['/u/ssl/key.kdb', { kind: 'kdb', path: '/u/ssl/key.kdb' }],
    ['*TOKEN*/TKN1', { kind: 'token', token: 'TKN1' }],
  ])('%s', (v, want) => expect(parseKeyringRef(v)).toEqual(want));

  const refArb: fc.Arbitrary<VirtualKeyringRef> = fc.oneof(
    fc.constantFrom<VirtualKeyringRef>({ kind: 'virtual', owner: 'CERTAUTH' }, { kind: 'virtual', owner: 'SITE' }),
    fc
      .stringMatching(/^[A-Z#$@][A-Z0-9#$@]{0,7}$/)
      .filter((id) => id !== 'IRRCERTA' && id !== 'IRRSITEC')
      .map((id): VirtualKeyringRef => ({ kind: 'virtual', owner: 'ID', id })),
  );
  ptest.prop([refArb])('virtualKeyringText round-trips through parseKeyringRef', (r) => {
    expect(parseKeyringRef(virtualKeyringText(r))).toEqual(r);
    expect(parseKeyringRef(virtualKeyringText(r).toLowerCase())).toEqual(r);
  });
  ptest.prop([fc.string()])('never throws, and only `OWNER/*` is virtual', (s) => {
    const r = parseKeyringRef(s);
    if (r.kind === 'virtual') expect(s.endsWith('/*') && s.indexOf('/') === s.length - 2).toBe(true);
  });
});

const VRING_DECK = [
  "RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('zcee.example.com') O('IBM')) WITHLABEL('zCEE.Server') +",
  "  SIGNWITH(CERTAUTH LABEL('Liberty CA')) NOTAFTER(DATE(2030/12/31))",
  "RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('zcee-old.example.com') O('IBM')) WITHLABEL('zCEE.Old') +",
  "  SIGNWITH(CERTAUTH LABEL('Liberty CA')) NOTAFTER(DATE(2022/12/31))",
  '',
].join('\n');

let lab: RacfState;
let facts: KeyringFacts;
beforeAll(async () => {
  const r = await apply(createState(), [
    ...LAB_DECKS.map((name) => ({ name, text: readFileSync(join(DECK_DIR, name), 'utf8') })),
    // A server certificate of LIBSERV's with a label AT-TLS can name (policy values have no blanks).
    { name: 'VRING.racf', text: VRING_DECK },
  ]);
  expect(r.diagnostics.filter((d) => d.severity === 'error' && /^(KR-|IRRD)/.test(d.code))).toEqual([]);
  lab = r.state;
  facts = keyringFactsFromState(lab);
});

describe('virtual ring contents (RACF: all certificates of the owner, one usage)', () => {
  test("LIBSERV/* holds LIBSERV's certificates as PERSONAL, with no trust anchors", () => {
    const m = virtualRingMembers(lab, { kind: 'ID', id: 'libserv' });
    expect(m.usage).toBe('PERSONAL');
    expect(m.certificates.map((c) => c.label).sort()).toEqual(['Liberty Client Cert', 'zCEE Client Cert', 'zCEE.Old', 'zCEE.Server']);
    expect(virtualRingAnchors(lab, { kind: 'ID', id: 'LIBSERV' })).toEqual([]);
  });
  test('*AUTH*/* holds and trusts the CERTAUTH certificates; *SITE*/* is empty here', () => {
    expect(virtualRingAnchors(lab, { kind: 'CERTAUTH' }).map((c) => c.label).sort()).toEqual(['Liberty CA', 'zCEE CA']);
    expect(virtualRingMembers(lab, { kind: 'SITE' })).toEqual({ usage: 'SITE', certificates: [] });
  });
  test('the presented certificate is chosen by label; CERTAUTH certificates are never presented', () => {
    expect(virtualRingCertificate(lab, { kind: 'ID', id: 'LIBSERV' }, 'Liberty Client Cert', LAB_DAY.now())).toMatchObject({ usable: true, reasons: [] });
    expect(virtualRingCertificate(lab, { kind: 'ID', id: 'LIBSERV' }, 'zCEE Client Cert', TODAY.now())?.reasons).toEqual([expect.stringMatching(/expired on 2022-12-31/)]);
    expect(virtualRingCertificate(lab, { kind: 'ID', id: 'LIBSERV' }, 'liberty client cert', LAB_DAY.now())).toBeUndefined();
    expect(virtualRingCertificate(lab, { kind: 'CERTAUTH' }, 'Liberty CA', LAB_DAY.now())?.reasons).toContain("certificate 'Liberty CA' has USAGE(CERTAUTH) in the *AUTH*/* virtual ring, not PERSONAL");
  });
});

describe('validatePolicy with a virtual Keyring', () => {
  test('LIBSERV/* is not a missing ring (it was ATTLS161 before virtual rings were known)', () => {
    expect(codes(policy('LIBSERV/*'), facts, 'LIBSERV')).toEqual([]);
    expect(codes(policy('libserv/*'), facts, 'LIBSERV')).toEqual([]);
    // A real ring named like a typo still is: the check for real rings is unchanged.
    expect(codes(policy('LIBSERV/Liberty.Keyring'), facts, 'LIBSERV')).toEqual(['ATTLS161']);
  });

  test("reading another user's virtual ring needs UPDATE to IRR.DIGTCERT.LISTRING", () => {
    // USER1 has READ only: its own rings, not LIBSERV's.
    expect(facts.canReadVirtual?.('USER1', { kind: 'virtual', owner: 'ID', id: 'USER1' }, { privateKey: true })).toBe(true);
    expect(facts.canReadVirtual?.('USER1', { kind: 'virtual', owner: 'ID', id: 'LIBSERV' }, { privateKey: false })).toBe(false);
    const a = virtualRingAccess(lab, 'USER1', { kind: 'ID', id: 'LIBSERV' });
    expect(a).toMatchObject({ allowed: false, via: 'FACILITY' });
    expect(a.reasons[0]).toBe('FACILITY IRR.DIGTCERT.LISTRING needs UPDATE');
    const ds = check({ text: policy('LIBSERV/*'), source: 'v.policy' }, { keyringFacts: facts, jobUsers: { USER1GET: 'USER1' }, clock: LAB_DAY }).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(['ATTLS162']);
    expect(ds[0]?.message).toContain('USER1 may not read the virtual key ring LIBSERV/*');
  });

  test('a Server needs CertificateLabel: a virtual ring has no default certificate', () => {
    expect(codes(policy('LIBSERV/*', { role: 'Server' }), facts, 'LIBSERV')).toEqual(['ATTLS166']);
    expect(codes(policy('LIBSERV/*', { role: 'Server', label: 'zCEE.Server' }), facts, 'LIBSERV')).toEqual([]);
    expect(codes(policy('LIBSERV/*', { role: 'ServerWithClientAuth', label: 'No.Such.Cert' }), facts, 'LIBSERV')).toEqual(['ATTLS167']);
    // A certificate with NOTAFTER 2022/12/31 is fine on the lab day, expired today.
    expect(codes(policy('LIBSERV/*', { label: 'zCEE.Old' }), facts, 'LIBSERV')).toEqual([]);
    expect(codes(policy('LIBSERV/*', { label: 'zCEE.Old' }), facts, 'LIBSERV', TODAY)).toEqual(['ATTLS164']);
    // Presenting LIBSERV's certificate as USER1: another user's private key (FACILITY never gives it).
    expect(codes(policy('LIBSERV/*', { label: 'zCEE.Server' }), facts, 'USER1')).toEqual(['ATTLS162']);
  });

  test('KeyringPw is for key database files: ignored (ATTLS165) for a virtual ring as for a real one', () => {
    const withPw = policy('*AUTH*/*').replace(/^(\s*Keyring\s+\*AUTH\*\/\*\s*)$/m, '$1\n  KeyringPw                             secret');
    expect(withPw).toContain('KeyringPw');
    expect(codes(withPw, facts, 'LIBSERV')).toEqual(['ATTLS165']);
  });

  test('*AUTH*/* trusts but cannot present: fine for a Client, an error for a Server', () => {
    expect(codes(policy('*AUTH*/*'), facts, 'LIBSERV')).toEqual([]);
    expect(codes(policy('*AUTH*/*'), facts, 'USER1')).toEqual([]);
    expect(codes(policy('*AUTH*/*', { role: 'Server' }), facts, 'LIBSERV')).toEqual(['ATTLS166']);
    expect(codes(policy('*SITE*/*', { label: 'zCEE.Server' }), facts, 'LIBSERV')).toEqual(['ATTLS166']);
  });

  test('RDATALIB <owner>.IRR_VIRTUAL_KEYRING.LST decides before FACILITY when it covers the ring', async () => {
    expect(virtualRingResource({ kind: 'CERTAUTH' })).toBe('CERTIFAUTH.IRR_VIRTUAL_KEYRING.LST');
    expect(virtualRingResource({ kind: 'SITE' })).toBe('SITECERTIF.IRR_VIRTUAL_KEYRING.LST');
    const deck = [
      'SETROPTS CLASSACT(RDATALIB) RACLIST(RDATALIB)',
      'RDEFINE RDATALIB LIBSERV.IRR_VIRTUAL_KEYRING.LST UACC(NONE)',
      'PERMIT LIBSERV.IRR_VIRTUAL_KEYRING.LST CLASS(RDATALIB) ID(USER1) ACCESS(UPDATE)',
      'SETROPTS RACLIST(RDATALIB) REFRESH',
      '',
    ].join('\n');
    const r = await apply(lab, [{ name: 'RDATALIB.racf', text: deck }]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const f = keyringFactsFromState(r.state);
    expect(virtualRingAccess(r.state, 'USER1', { kind: 'ID', id: 'LIBSERV' }, { privateKey: true })).toMatchObject({ allowed: true, via: 'RDATALIB' });
    expect(codes(policy('LIBSERV/*', { label: 'zCEE.Server' }), f, 'USER1')).toEqual([]);
    // LIBSERV itself has no access to the profile: RDATALIB decides, FACILITY is not consulted.
    expect(codes(policy('LIBSERV/*', { label: 'zCEE.Server' }), f, 'LIBSERV')).toEqual(['ATTLS162']);
    // The CERTAUTH ring is not covered by that profile: FACILITY still decides for it.
    expect(virtualRingAccess(r.state, 'USER1', { kind: 'CERTAUTH' })).toMatchObject({ allowed: true, via: 'FACILITY' });
  });
});

describe('the README virtual-ring example', () => {
  const md = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = (lang: string): string => {
    const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(md);
    if (m === null || m[1] === undefined) throw new Error(`README has no ${lang} block`);
    return m[1];
  };
  const text = block('attls').replace(/^(\s*Keyring\s+)Liberty\.KeyRing$/m, '$1LIBSERV/*');
  test('clean for LIBSERV; USER1 may not read it, as the README shows', () => {
    expect(text).toContain('LIBSERV/*');
    const run = (user: string) => check({ text, source: 'zcee.policy' }, { keyringFacts: facts, jobUsers: { USER1GET: user }, clock: LAB_DAY }).diagnostics.map(formatDiagnostic);
    expect(run('LIBSERV')).toEqual([]);
    expect(run('USER1')).toEqual(block('virtual-diagnostics').trim().split('\n'));
  });
});
