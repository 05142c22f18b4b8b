import { test as propTest, fc } from '@fast-check/jest';
import { type Diagnostic, fixedClock, hasErrors } from '@ztwin/core';
import { type RacfState, getCertificate, withCertificate } from '@ztwin/racf-model';
import {
  LAB_SERVER_CONFIG_DIR,
  LAB_SERVER_USER,
  type LabOptions,
  type SecurityFacts,
  checkServerConfig,
  inMemorySecurityFacts,
  labSecurityFacts,
  labServerFiles,
  loadSecurityFacts,
  renderFileSet,
  securityFactsFromState,
} from '@ztwin/zcee-config';
import { labState } from './labstate';

const TODAY = fixedClock('2026-11-24T12:00:00Z');
const BEFORE_EXPIRY = fixedClock('2022-06-01T12:00:00Z');
const byCode = (ds: readonly Diagnostic[], code: string) => ds.filter((d) => d.code === code);
const path = (f: string) => `${LAB_SERVER_CONFIG_DIR}/${f}`;
const lineOf = (text: string | undefined, needle: string) => (text ?? '').split('\n').findIndex((l) => l.includes(needle)) + 1;

function render(o: LabOptions = {}): Map<string, string> {
  const r = renderFileSet(labServerFiles(o));
  expect(r.diagnostics).toEqual([]);
  if (r.value === undefined) throw new Error('render refused');
  return r.value;
}
const check = (files: Map<string, string>, facts: SecurityFacts, clock = BEFORE_EXPIRY) =>
  checkServerConfig({ files, serverConfigDir: LAB_SERVER_CONFIG_DIR }, { facts, serverUser: LAB_SERVER_USER, clock });

let lab: RacfState;
let facts: SecurityFacts;
beforeAll(async () => {
  const r = await labState();
  // RACDCERT (keyring) must accept every command of the decks.
  expect(r.diagnostics.filter((d) => d.severity === 'error' && /^(KR-|IRRD)/.test(d.code))).toEqual([]);
  lab = r.state;
  facts = securityFactsFromState(lab);
});

describe('SecurityFacts from the lab decks applied to a RACF state', () => {
  test('users and groups come from the RACF records (IDs fold to upper case)', () => {
    for (const u of ['LIBSERV', 'libserv', 'USER1', 'USER2', 'FRED', 'IBMUSER']) expect(facts.userExists(u)).toBe(true);
    expect(facts.userExists('NOSUCHID')).toBe(false);
    for (const g of ['LIBGRP', 'GMADMIN', 'GMINVOKE', 'GMOPERS', 'GMREADR', 'ZCEEUSRS', 'SYS1', 'gminvoke']) expect(facts.groupExists(g)).toBe(true);
    expect(facts.groupExists('GMNOBODY')).toBe(false);
    // a user is not a group
    expect(facts.groupExists('LIBSERV')).toBe(false);
  });

  test('rings: names are case-sensitive, owners are not', () => {
    expect(facts.ringNames('LIBSERV')).toEqual(['Liberty.KeyRing', 'zCEE.KeyRing']);
    expect(facts.ringNames('user1')).toEqual(['Liberty.KeyRing']);
    expect(facts.ringNames('USER2')).toEqual([]);
    expect(facts.ringExists('libserv', 'Liberty.KeyRing')).toBe(true);
    expect(facts.ringExists('LIBSERV', 'Keyring.LIBERTY')).toBe(false);
    expect(facts.ringExists('LIBSERV', 'liberty.keyring')).toBe(false);
  });

  test('ring health at the clock: default certificate, CA count, problems from keyring', () => {
    expect(facts.ringHealth('LIBSERV', 'Liberty.KeyRing', TODAY.now())).toEqual({
      caCount: 2,
      problems: [],
      defaultCert: { label: 'Liberty Client Cert', notAfter: '2040-12-31T23:59:59.000Z', usable: true },
    });
    const before = facts.ringHealth('LIBSERV', 'zCEE.KeyRing', BEFORE_EXPIRY.now());
    expect(before).toEqual({ caCount: 2, problems: [], defaultCert: { label: 'zCEE Client Cert', notAfter: '2022-12-31T23:59:59.000Z', usable: true } });
    const after = facts.ringHealth('LIBSERV', 'zCEE.KeyRing', TODAY.now());
    expect(after?.defaultCert).toEqual({ label: 'zCEE Client Cert', notAfter: '2022-12-31T23:59:59.000Z', usable: false });
    expect(after?.problems).toEqual([expect.stringMatching(/^Certificate 'zCEE Client Cert' expired on 2022-12-31.*\[KR-HEALTH-EXPIRED\]$/)]);
    // before the lab-prep day the certificates are not yet valid
    expect(facts.ringHealth('LIBSERV', 'zCEE.KeyRing', new Date('2019-01-01T00:00:00Z'))?.defaultCert?.usable).toBe(false);
    expect(facts.ringHealth('LIBSERV', 'Keyring.LIBERTY', TODAY.now())).toBeUndefined();
  });

  test('a private key the state only knows of (hasPrivateKey, e.g. a state read from JSON) still counts; none at all does not', () => {
    const owner = { kind: 'ID' as const, id: 'LIBSERV' };
    const cert = getCertificate(lab, owner, 'Liberty Client Cert');
    expect(cert?.privateKey).toBeDefined();
    if (cert === undefined) return;
    const { privateKey: _key, ...withoutKey } = cert;
    const known = securityFactsFromState(withCertificate(lab, { ...withoutKey, hasPrivateKey: true }));
    expect(known.ringHealth('LIBSERV', 'Liberty.KeyRing', TODAY.now())?.defaultCert?.usable).toBe(true);
    const none = withCertificate(lab, { ...withoutKey, hasPrivateKey: false });
    const h = securityFactsFromState(none).ringHealth('LIBSERV', 'Liberty.KeyRing', TODAY.now());
    expect(h?.defaultCert?.usable).toBe(false);
    expect(h?.problems).toEqual([expect.stringContaining('[KR-HEALTH-NO-PRIVATE-KEY]')]);
    const r = check(render(), securityFactsFromState(none));
    const [d, ...more] = byCode(r.diagnostics, 'ZCEE_RING_DEFAULT_UNUSABLE');
    expect(more).toEqual([]);
    expect(d?.message).toContain("'Liberty Client Cert'");
  });
});

test("keyring's one rule for a usable DEFAULT: without its issuing CA in the ring the certificate is still usable; the missing CA is a problem", async () => {
  // The same rule attls-policy's keyringFactsFromState applies (keyring's defaultCertificateUsability).
  const noCa = await labState([{ name: 'NOCA.racf', text: "RACDCERT ID(LIBSERV) REMOVE(CERTAUTH LABEL('Liberty CA') RING(Liberty.KeyRing))\n" }]);
  expect(noCa.diagnostics.filter((d) => d.severity === 'error' && /^(KR-|IRRD)/.test(d.code))).toEqual([]);
  const h = securityFactsFromState(noCa.state).ringHealth('LIBSERV', 'Liberty.KeyRing', TODAY.now());
  expect(h?.defaultCert).toEqual({ label: 'Liberty Client Cert', notAfter: '2040-12-31T23:59:59.000Z', usable: true });
  expect(h?.problems).toEqual([expect.stringMatching(/^The issuer of 'Liberty Client Cert' .* is not connected to the ring.*\[KR-HEALTH-MISSING-CA\]$/)]);
  const r = check(render(), securityFactsFromState(noCa.state));
  expect(byCode(r.diagnostics, 'ZCEE_RING_DEFAULT_UNUSABLE')).toEqual([]);
  expect(byCode(r.diagnostics, 'ZCEE_RING_PROBLEM').map((d) => d.message)).toEqual([expect.stringContaining('[KR-HEALTH-MISSING-CA]')]);
});

describe('the lab server configuration against the real RACF state', () => {
  test('corrected (ring names right, element spelled right, includes present): clean while the client certificate is valid', () => {
    const r = check(render(), facts);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.filter((d) => /^ZCEE_(RING|GROUP|SERVER_USER)/.test(d.code))).toEqual([]);
    // What remains are the lab's design warnings: requireSecure's 302 on 9080, and (only if the
    // decks do not define it) the unauthenticated user WSGUEST.
    const expected = ['ZCEE_REQUIRE_SECURE_REDIRECT', ...(facts.userExists('WSGUEST') ? [] : ['ZCEE_UNAUTHENTICATED_USER'])];
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(expected.sort());
  });

  test("at 2026-11-24 the outbound ring's default certificate 'zCEE Client Cert' (NOTAFTER 2022/12/31) is reported expired", () => {
    const files = render();
    const r = check(files, facts, TODAY);
    expect(hasErrors(r.diagnostics)).toBe(true);
    const [d, ...more] = byCode(r.diagnostics, 'ZCEE_RING_DEFAULT_UNUSABLE');
    expect(more).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', source: path('includes/keyringOutboundMutual.xml') });
    expect(d?.line).toBe(lineOf(files.get('includes/keyringOutboundMutual.xml'), 'safkeyring:///zCEE.KeyRing'));
    expect(d?.message).toContain("'zCEE Client Cert'");
    expect(d?.message).toContain('2022-12-31');
    // keyring's KR-HEALTH-EXPIRED for that certificate is the same fact: not repeated as a warning
    expect(byCode(r.diagnostics, 'ZCEE_RING_PROBLEM')).toEqual([]);
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([d]);
  });

  test('Keyring.LIBERTY (the seed\'s wrong case): LIBSERV has no such ring, did you mean Liberty.KeyRing?', () => {
    const files = render({ inboundRing: 'Keyring.LIBERTY' });
    const r = check(files, facts);
    const [d, ...more] = byCode(r.diagnostics, 'ZCEE_RING_NOT_FOUND');
    expect(more).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', source: path('includes/keyringOutboundMutual.xml'), hint: 'did you mean Liberty.KeyRing?' });
    expect(d?.message).toContain('LIBSERV');
    expect(d?.line).toBe(lineOf(files.get('includes/keyringOutboundMutual.xml'), 'Keyring.LIBERTY'));
  });

  test('zoscconnect_apiRequesters (misspelled element) is reported where it is', () => {
    const files = render({ apiRequestersElement: 'zoscconnect_apiRequesters' });
    const r = check(files, facts);
    const [d] = byCode(r.diagnostics, 'ZCEE_UNKNOWN_ELEMENT');
    expect(d).toMatchObject({ severity: 'error', source: path('includes/apiRequesterHTTPS.xml'), hint: 'did you mean zosconnect_apiRequesters?' });
    expect(d?.line).toBe(lineOf(files.get('includes/apiRequesterHTTPS.xml'), '<zoscconnect_apiRequesters'));
    expect(r.model.apiRequesters).toBeUndefined();
  });

  test('include keyringOutboundMutua.xml (missing file) is reported in server.xml', () => {
    const files = render({ keyringIncludeName: 'keyringOutboundMutua.xml' });
    const r = check(files, facts);
    const [d] = byCode(r.diagnostics, 'ZCEE_INCLUDE_NOT_FOUND');
    expect(d).toMatchObject({ severity: 'error', source: path('server.xml'), hint: 'did you mean keyringOutboundMutual.xml?' });
    expect(d?.line).toBe(lineOf(files.get('server.xml'), 'keyringOutboundMutua.xml'));
    // no key stores are read at all then, so no ring is checked
    expect(r.diagnostics.filter((x) => x.code.startsWith('ZCEE_RING'))).toEqual([]);
  });

  test('a group the configuration names but RACF does not know is reported', () => {
    const files = render();
    const text = files.get('includes/groupAccess.xml') ?? '';
    expect(text).toContain('GMREADR');
    files.set('includes/groupAccess.xml', text.replace('GMREADR', 'GMREADER'));
    const [d, ...more] = byCode(check(files, facts).diagnostics, 'ZCEE_GROUP_NOT_FOUND');
    expect(more).toEqual([]);
    expect(d?.message).toContain('GMREADER');
    expect(d?.line).toBe(lineOf(files.get('includes/groupAccess.xml'), 'GMREADER'));
  });
});

describe('ring access through keyring (FACILITY IRR.DIGTCERT.LISTRING, RDATALIB)', () => {
  test('the lab lets LIBSERV read its own rings and their private keys; not USER1\'s ring', () => {
    for (const ring of ['Liberty.KeyRing', 'zCEE.KeyRing']) expect(facts.canReadRing('LIBSERV', 'LIBSERV', ring, { privateKey: true })).toBe(true);
    // another user's ring needs UPDATE (LIBSERV has READ); its private key is USER1's own
    expect(facts.canReadRing('LIBSERV', 'USER1', 'Liberty.KeyRing', { privateKey: false })).toBe(false);
    expect(facts.canReadRing('USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true })).toBe(true);
    expect(facts.canReadRing('USER2', 'USER2', 'Liberty.KeyRing', { privateKey: false })).toBe(false);
  });

  test('removing the FACILITY permission (and refreshing FACILITY) makes canReadRing fail, and the check says so', async () => {
    const removed = await labState([{ name: 'REVOKE.racf', text: 'PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(LIBSERV) DELETE\nSETROPTS RACLIST(FACILITY) REFRESH\n' }]);
    const f = securityFactsFromState(removed.state);
    expect(f.canReadRing('LIBSERV', 'LIBSERV', 'Liberty.KeyRing', { privateKey: true })).toBe(false);
    expect(f.canReadRing('LIBSERV', 'LIBSERV', 'zCEE.KeyRing', { privateKey: false })).toBe(false);
    const files = render();
    const ds = byCode(check(files, f).diagnostics, 'ZCEE_RING_ACCESS');
    const inc = files.get('includes/keyringOutboundMutual.xml');
    expect(ds.map((d) => [d.severity, d.source, d.line])).toEqual([
      ['error', path('includes/keyringOutboundMutual.xml'), lineOf(inc, 'safkeyring:///Liberty.KeyRing')],
      ['error', path('includes/keyringOutboundMutual.xml'), lineOf(inc, 'safkeyring:///zCEE.KeyRing')],
    ]);
    expect(ds[0]?.message).toContain('IRR.DIGTCERT.LISTRING');
    // keyring's reasons become the hint: which profile decided and why
    expect(ds[0]?.hint).toMatch(/^FACILITY IRR\.DIGTCERT\.LISTRING needs READ; .*UACC is NONE/);
  });

  test('without the REFRESH the RACLISTed FACILITY copy still grants access (as on z/OS)', async () => {
    const pending = await labState([{ name: 'REVOKE.racf', text: 'PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(LIBSERV) DELETE\n' }]);
    expect(securityFactsFromState(pending.state).canReadRing('LIBSERV', 'LIBSERV', 'Liberty.KeyRing', { privateKey: true })).toBe(true);
  });

  test('an RDATALIB profile for the ring decides instead of FACILITY', async () => {
    const rdatalib = 'SETROPTS CLASSACT(RDATALIB) RACLIST(RDATALIB)\nRDEFINE RDATALIB LIBSERV.zCEE.KeyRing.LST UACC(NONE)\nSETROPTS RACLIST(RDATALIB) REFRESH\n';
    const denied = securityFactsFromState((await labState([{ name: 'RDATALIB.racf', text: rdatalib }])).state);
    expect(denied.canReadRing('LIBSERV', 'LIBSERV', 'zCEE.KeyRing', { privateKey: true })).toBe(false);
    // the other ring has no RDATALIB profile: FACILITY still applies
    expect(denied.canReadRing('LIBSERV', 'LIBSERV', 'Liberty.KeyRing', { privateKey: true })).toBe(true);
    // UACC(READ) rather than PERMIT: racf-model's PERMIT upper-cases profile names of
    // case-sensitive classes today (ICH06004I for LIBSERV.ZCEE.KEYRING.LST), reported to its owner.
    const permit = 'RALTER RDATALIB LIBSERV.zCEE.KeyRing.LST UACC(READ)\nSETROPTS RACLIST(RDATALIB) REFRESH\n';
    const allowed = securityFactsFromState((await labState([{ name: 'RDATALIB.racf', text: rdatalib + permit }])).state);
    expect(allowed.canReadRing('LIBSERV', 'LIBSERV', 'zCEE.KeyRing', { privateKey: true })).toBe(true);
  });
});

describe('properties', () => {
  const id = fc.oneof(fc.constantFrom('LIBSERV', 'libserv', 'USER1', 'USER2', 'CERTAUTH', ''), fc.string({ maxLength: 10 }));
  const ring = fc.oneof(fc.constantFrom('Liberty.KeyRing', 'zCEE.KeyRing', 'Keyring.LIBERTY', 'zcee.keyring', ''), fc.string({ maxLength: 20 }));
  propTest.prop([id, id, ring, fc.boolean(), fc.date({ noInvalidDate: true })])('never throws; ringExists, ringNames and ringHealth agree', (user, owner, name, privateKey, at) => {
    const exists = facts.ringExists(owner, name);
    expect(facts.ringNames(owner).includes(name)).toBe(exists);
    expect(facts.ringHealth(owner, name, at) !== undefined).toBe(exists);
    expect(typeof facts.canReadRing(user, owner, name, { privateKey })).toBe('boolean');
    // reading with the private key is never easier than without it
    if (facts.canReadRing(user, owner, name, { privateKey: true })) expect(facts.canReadRing(user, owner, name, { privateKey: false })).toBe(true);
  });
});

describe('loadSecurityFacts (ztwin zcee check --state)', () => {
  test('plain SecurityFactsData JSON gives in-memory facts', () => {
    const r = loadSecurityFacts(JSON.stringify(labSecurityFacts()), TODAY, { source: 'facts.json' });
    expect(r.diagnostics).toEqual([]);
    expect(r.kind).toBe('facts');
    expect(r.value?.ringExists('LIBSERV', 'zCEE.KeyRing')).toBe(true);
  });

  test('bad JSON and wrong shapes are diagnostics naming the file', () => {
    expect(loadSecurityFacts('{ not json', TODAY, { source: 's.json' }).diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_STATE_JSON', source: 's.json', severity: 'error' })]);
    expect(loadSecurityFacts('[1,2]', TODAY, { source: 's.json' }).diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_FACTS_SHAPE', source: 's.json' })]);
  });

  const stateJson = JSON.stringify({ users: { LIBSERV: {} }, groups: {}, setropts: {} });
  test('a RACF state JSON needs a state decoder; without one it says so', () => {
    const r = loadSecurityFacts(stateJson, TODAY, { source: 'state.json' });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_STATE_UNREADABLE', source: 'state.json' })]);
  });

  test('with a decoder, the state is read and checked like any RACF state', () => {
    const seen: unknown[] = [];
    const r = loadSecurityFacts(stateJson, TODAY, {
      deserializeState: (u) => {
        seen.push(u);
        return { value: lab, diagnostics: [] };
      },
    });
    expect(seen).toEqual([JSON.parse(stateJson)]);
    expect(r.kind).toBe('racf-state');
    const value = r.value;
    expect(value).toBeDefined();
    if (value === undefined) return;
    expect(byCode(check(render(), value, TODAY).diagnostics, 'ZCEE_RING_DEFAULT_UNUSABLE')).toHaveLength(1);
    const failed = loadSecurityFacts(stateJson, TODAY, { deserializeState: () => ({ diagnostics: [] }) });
    expect(failed.diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_STATE_UNREADABLE' })]);
    const thrown = loadSecurityFacts(stateJson, TODAY, {
      deserializeState: () => {
        throw new Error('version 9 is not known');
      },
    });
    expect(thrown.diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_STATE_UNREADABLE', message: expect.stringContaining('version 9 is not known') })]);
  });

  propTest.prop([fc.oneof(fc.string(), fc.json(), fc.jsonValue())])('never throws; a value xor error diagnostics', (input) => {
    const r = loadSecurityFacts(input, TODAY, { source: 'p.json' });
    expect(r.value === undefined).toBe(hasErrors(r.diagnostics));
    for (const d of r.diagnostics) expect(d.source).toBe('p.json');
  });
});

describe('rings without a usable default', () => {
  test('a trust-only ring: no defaultCert, no problem line; used as a key store it is ZCEE_RING_NO_DEFAULT', async () => {
    const deck = "RACDCERT ID(LIBSERV) ADDRING(Trust.Only)\nRACDCERT ID(LIBSERV) CONNECT(CERTAUTH LABEL('Liberty CA') RING(Trust.Only))\n";
    const f = securityFactsFromState((await labState([{ name: 'TRUST.racf', text: deck }])).state);
    expect(f.ringHealth('LIBSERV', 'Trust.Only', TODAY.now())).toEqual({ caCount: 1, problems: [] });
    const files = render({ inboundRing: 'Trust.Only' });
    const r = check(files, f);
    expect(byCode(r.diagnostics, 'ZCEE_RING_NO_DEFAULT').map((d) => d.line)).toEqual([lineOf(files.get('includes/keyringOutboundMutual.xml'), 'Trust.Only')]);
    expect(byCode(r.diagnostics, 'ZCEE_RING_PROBLEM')).toEqual([]);
  });
});

describe('labSecurityFacts() (plain data) against the state the lab decks build', () => {
  // The plain-data picture is meant to be the same RACF as the decks: the validator must reach
  // the same findings (code, severity, file, line) with either, for every seed mistake and clock.
  const variants: LabOptions[] = [{}, { inboundRing: 'Keyring.LIBERTY' }, { apiRequestersElement: 'zoscconnect_apiRequesters' }, { keyringIncludeName: 'keyringOutboundMutua.xml' }, { requireSecure: false }];
  const shape = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code} ${d.severity} ${d.source}:${d.line}`);
  test.each(variants.flatMap((v) => [TODAY, BEFORE_EXPIRY].map((c) => [JSON.stringify(v), v, c] as const)))('%s', (_name, v, clock) => {
    const files = render(v);
    const plain = check(files, inMemorySecurityFacts(labSecurityFacts()), clock).diagnostics;
    // The decks PERMIT WSGUEST without defining it (ZTW-RACF-ID-NOT-DEFINED when applied); the
    // plain facts define it, as the lab's server needs it for unauthenticated requests.
    const fromState = check(files, facts, clock).diagnostics.filter((d) => facts.userExists('WSGUEST') || d.code !== 'ZCEE_UNAUTHENTICATED_USER');
    expect(shape(fromState)).toEqual(shape(plain));
  });

  test('same rings, defaults, CA counts and access for the lab users', () => {
    const plain = inMemorySecurityFacts(labSecurityFacts());
    for (const owner of ['LIBSERV', 'USER1', 'USER2']) {
      expect(facts.ringNames(owner)).toEqual([...plain.ringNames(owner)].sort());
      for (const ring of facts.ringNames(owner)) {
        for (const at of [TODAY.now(), BEFORE_EXPIRY.now()]) {
          const a = facts.ringHealth(owner, ring, at);
          const b = plain.ringHealth(owner, ring, at);
          expect([a?.caCount, a?.defaultCert?.label, a?.defaultCert?.usable, a?.problems.length]).toEqual([b?.caCount, b?.defaultCert?.label, b?.defaultCert?.usable, b?.problems.length]);
        }
        for (const user of ['LIBSERV', 'USER1']) for (const privateKey of [true, false]) expect([user, ring, privateKey, facts.canReadRing(user, owner, ring, { privateKey })]).toEqual([user, ring, privateKey, plain.canReadRing(user, owner, ring, { privateKey })]);
      }
    }
  });
});
