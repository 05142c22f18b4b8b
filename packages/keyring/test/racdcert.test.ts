import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ztwin/core';
import { createState, getRing, getDataSet, parseDeck, type RacfState } from '@ztwin/racf-model';
import { applyDeck, canReadRing, certStoreOf, connect, listringData, parseListringText, ringHealth, seededKeySource, webCryptoKeySource, withCertStore, type KeySource } from '@ztwin/keyring';

const FIX = join(__dirname, '../../../examples/zcee-attls-lab/fixtures/racf');
const deck = (name: string): string => readFileSync(join(FIX, name), 'utf8');
const LAB_DAY = fixedClock('2020-12-11T10:00:00Z');
const TODAY = fixedClock('2026-11-24T12:00:00Z');

/** Seeded EC for NISTECC, real RSA for the lab's RSA defaults (RSA-2048 keygen is the cost). */
const keys = (): KeySource => seededKeySource('lab', webCryptoKeySource());
/** Errors from RACDCERT handling (the pre-state deck's other commands are racf-model's business). */
const errors = (ds: { severity: string; code: string; message: string }[]): string[] =>
  ds.filter((d) => d.severity === 'error' && /^(KR-|IRRD)/.test(d.code)).map((d) => `${d.code} ${d.message}`);

let lab: RacfState;
let labOutputs: string[][];
beforeAll(async () => {
  let s = createState();
  const ctx = { clock: LAB_DAY, keySource: keys() };
  for (const f of ['ZCEERACF.racf', 'ZCEETLSS.racf', 'MVSTLS.racf']) {
    const r = await applyDeck(s, deck(f), { ...ctx, source: f });
    expect(errors(r.diagnostics)).toEqual([]);
    s = r.state;
  }
  const r = await applyDeck(s, deck('ZCEETLSC.racf'), { ...ctx, source: 'ZCEETLSC.racf' });
  expect(errors(r.diagnostics)).toEqual([]);
  lab = r.state;
  labOutputs = r.outputs.map((o) => o.output);
}, 60_000);

describe('RACDCERT decks on the RACF state (seed lab)', () => {
  test('the rings hold exactly what the seed listings show', () => {
    const seedUser1 = '>Liberty.KeyRing<\nCertificate Label Name      Cert Owner      USAGE      DEFAULT\n-----\nLiberty CA                 CERTAUTH       CERTAUTH   NO\nUSER1                     ID ( USER1 )   PERSONAL   YES\n';
    const seedLibserv =
      '>Liberty.KeyRing<\nCertificate Label Name      Cert Owner      USAGE      DEFAULT\n-----\nLiberty Client Cert       ID ( LIBSERV )  PERSONAL   YES\nLiberty CA                 CERTAUTH       CERTAUTH   NO\nzCEE CA                     CERTAUTH       CERTAUTH   NO\n';
    const sorted = (rows: { label: string }[]): unknown[] => [...rows].sort((a, b) => a.label.localeCompare(b.label));
    const u1 = getRing(lab, 'USER1', 'Liberty.KeyRing');
    const ls = getRing(lab, 'LIBSERV', 'Liberty.KeyRing');
    if (!u1 || !ls) throw new Error('rings missing');
    // Same rows; the seed's USER1 listing shows another order than MVSTLS's connect order.
    expect(sorted(listringData(u1).rows)).toEqual(sorted(parseListringText(seedUser1)[0]?.rows ?? []));
    expect(listringData(ls).rows).toEqual(parseListringText(seedLibserv)[0]?.rows);
    expect(getRing(lab, 'LIBSERV', 'zCEE.KeyRing')?.connections.map((c) => [c.label, c.usage, c.default])).toEqual([
      ['zCEE CA', 'CERTAUTH', false],
      ['Liberty CA', 'CERTAUTH', false],
      ['zCEE Client Cert', 'PERSONAL', true],
    ]);
  });

  test('LISTRING and LIST in the deck print RACF-shaped output', () => {
    const text = labOutputs.find((o) => o.some((l) => l.includes('>zCEE.KeyRing<'))) ?? [];
    expect(text.join('\n')).toContain('  zCEE Client Cert                   ID(LIBSERV)    PERSONAL     YES');
    const list = labOutputs.find((o) => o[0] === 'Digital certificate information for user LIBSERV:') ?? [];
    expect(list.join('\n')).toContain('  Label: zCEE Client Cert');
    expect(list.join('\n')).toContain('  End Date:   2022/12/31 23:59:59');
  });

  test('the seed expired certificate: healthy on the lab day, expired today', () => {
    expect(ringHealth({ certificates: lab.certificates, rings: lab.rings }, 'LIBSERV', 'zCEE.KeyRing', LAB_DAY).diagnostics).toEqual([]);
    expect(ringHealth({ certificates: lab.certificates, rings: lab.rings }, 'LIBSERV', 'zCEE.KeyRing', TODAY).diagnostics.map((d) => d.code)).toEqual(['KR-HEALTH-EXPIRED']);
  });

  test('ZCEETLSC run today fails on the NOTAFTER date (IRRD133I) and the CONNECT that needs it', async () => {
    let s = createState();
    for (const f of ['ZCEERACF.racf', 'ZCEETLSS.racf']) s = (await applyDeck(s, deck(f), { clock: TODAY, keySource: keys() })).state;
    const r = await applyDeck(s, deck('ZCEETLSC.racf'), { clock: TODAY, keySource: keys(), source: 'ZCEETLSC' });
    expect(errors(r.diagnostics).map((e) => e.split(' ')[0])).toEqual(['IRRD133I', 'KR-CERT-NOT-FOUND']);
    expect(r.diagnostics.find((d) => d.code === 'IRRD133I')?.line).toBe(3);
  });

  test('the misspelled ring case (Keyring.LIBERTY) is not found, with a hint', async () => {
    const r = await applyDeck(lab, 'RACDCERT ID(LIBSERV) LISTRING(Keyring.LIBERTY)', { clock: TODAY });
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['KR-RING-NOT-FOUND', 'ring names are case-sensitive: did you mean Liberty.KeyRing?']]);
  });

  test('authority: FACILITY IRR.DIGTCERT.* for a non-SPECIAL issuer', async () => {
    const ctx = { clock: TODAY, keySource: keys(), issuer: 'USER1' };
    // MVSTLS gave USER1 READ to IRR.DIGTCERT.LIST and LISTRING: own ring yes, LIBSERV's ring no.
    const own = await applyDeck(lab, 'RACDCERT LISTRING(Liberty.KeyRing)', ctx);
    expect(own.diagnostics).toEqual([]);
    const other = await applyDeck(lab, 'RACDCERT ID(LIBSERV) LISTRING(Liberty.KeyRing)', ctx);
    expect(other.diagnostics.map((d) => d.code)).toEqual(['KR-NOT-AUTHORIZED']);
    const add = await applyDeck(lab, 'RACDCERT ADDRING(Other.Ring)', ctx);
    expect(add.diagnostics.map((d) => d.code)).toEqual(['KR-NOT-AUTHORIZED']);
    const ca = await applyDeck(lab, 'RACDCERT CERTAUTH ADDRING(CA.Ring)', { clock: TODAY });
    expect(ca.diagnostics.map((d) => d.code)).toEqual(['IRRD120I']);
  });

  test('EXPORT / ADD / GENREQ / GENCERT(request) / ALTER / DELETE through decks and data sets', async () => {
    const ctx = { clock: TODAY, keySource: keys() };
    const r = await applyDeck(
      lab,
      [
        "RACDCERT ID(USER1) EXPORT(LABEL('USER1')) DSN('USER1.USER1.P12') FORMAT(PKCS12DER) PASSWORD('secret')",
        "RACDCERT CERTAUTH EXPORT(LABEL('Liberty CA')) DSN('USER1.LIBERTY.PEM') FORMAT(CERTB64)",
        "RACDCERT ID(USER1) DELETE(LABEL('USER1'))",
        "RACDCERT CERTAUTH DELETE(LABEL('Liberty CA'))",
        // the seed's tech-tip commands (the CA first: a PKCS#12 adds its CA certificates too)
        "racdcert CERTAUTH withlabel('Liberty CA') add('USER1.LIBERTY.PEM')",
        "racdcert id(USER1) withlabel('USER1') add('USER1.USER1.P12') password('secret')",
        "RACDCERT ID(USER1) CONNECT(LABEL('USER1') RING(Liberty.KeyRing) DEFAULT)",
        "RACDCERT ID(USER1) CONNECT(CERTAUTH LABEL('Liberty CA') RING(Liberty.KeyRing))",
        "RACDCERT ID(USER1) GENREQ(LABEL('USER1')) DSN('USER1.USER1.REQ')",
        "RACDCERT ID(USER1) GENCERT('USER1.USER1.REQ') WITHLABEL('USER1 again') SIGNWITH(CERTAUTH LABEL('zCEE CA'))",
        "RACDCERT CERTAUTH ALTER(LABEL('zCEE CA')) NOTRUST",
        "RACDCERT ID(USER1) GENCERT SUBJECTSDN(CN('x')) WITHLABEL('x') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('zCEE CA'))",
        'RACDCERT ID(USER1) REKEY(LABEL(\'USER1\'))',
      ].join('\n'),
      ctx,
    );
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KR-SIGNWITH-NOTRUST', 'KR-NOT-SUPPORTED']);
    expect(getDataSet(r.state, 'USER1.USER1.P12')?.kind).toBe('binary');
    expect(getDataSet(r.state, 'USER1.USER1.P12')?.content).not.toContain('secret');
    const h = ringHealth({ certificates: r.state.certificates, rings: r.state.rings }, 'USER1', 'Liberty.KeyRing', TODAY);
    expect(h.diagnostics).toEqual([]);
    expect(r.state.certificates.get('ID(USER1)/USER1')?.privateKey).toBeDefined();
    expect(r.state.certificates.get('ID(USER1)/USER1 again')?.issuerDn).toBe('CN=zCEE CA.OU=ATS.O=IBM');
    expect(parseDeck('RACDCERT LIST').commands.length).toBe(1);
  });

  test('labels are 1 to 32 characters for GENCERT, ADD WITHLABEL and ALTER NEWLABEL alike', async () => {
    const ctx = { clock: TODAY, keySource: keys() };
    const long = 'L'.repeat(33);
    const r = await applyDeck(
      lab,
      [
        "RACDCERT CERTAUTH EXPORT(LABEL('Liberty CA')) DSN('CA.PEM') FORMAT(CERTB64)",
        `RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('x')) WITHLABEL('${long}') NISTECC SIZE(256)`,
        `RACDCERT SITE ADD('CA.PEM') WITHLABEL('${long}')`,
        "RACDCERT SITE ADD('CA.PEM') WITHLABEL('')",
        "RACDCERT CERTAUTH ALTER(LABEL('Liberty CA')) NEWLABEL('')",
        `RACDCERT CERTAUTH ALTER(LABEL('Liberty CA')) NEWLABEL('${long}')`,
        `RACDCERT CERTAUTH ALTER(LABEL('Liberty CA')) NEWLABEL('${'L'.repeat(32)}')`,
      ].join('\n'),
      ctx,
    );
    expect(r.diagnostics.map((d) => `${d.line} ${d.code} ${d.message}`)).toEqual([
      `2 KR-LABEL Label '${long}' must be 1 to 32 characters.`,
      `3 KR-LABEL WITHLABEL: Label '${long}' must be 1 to 32 characters.`,
      "4 KR-LABEL WITHLABEL: Label '' must be 1 to 32 characters.",
      "5 KR-LABEL NEWLABEL: Label '' must be 1 to 32 characters.",
      `6 KR-LABEL NEWLABEL: Label '${long}' must be 1 to 32 characters.`,
    ]);
    expect([...r.state.certificates.values()].filter((c) => c.owner.kind === 'SITE')).toEqual([]);
    expect(r.state.certificates.has(`CERTAUTH/${'L'.repeat(32)}`)).toBe(true);
    expect(r.state.certificates.has('CERTAUTH/Liberty CA')).toBe(false);
  });

  test('LISTCHAIN and CHECKCERT', async () => {
    const r = await applyDeck(
      lab,
      [
        "RACDCERT ID(LIBSERV) LISTCHAIN(LABEL('zCEE Client Cert'))",
        "RACDCERT ID(LIBSERV) EXPORT(LABEL('zCEE Client Cert')) DSN('LIBSERV.ZCEE.PEM') FORMAT(CERTB64)",
        "RACDCERT CHECKCERT('LIBSERV.ZCEE.PEM')",
        "RACDCERT ID(LIBSERV) DELETE(LABEL('zCEE Client Cert'))",
        "RACDCERT CHECKCERT('LIBSERV.ZCEE.PEM')",
      ].join('\n'),
      { clock: TODAY },
    );
    expect(r.diagnostics).toEqual([]);
    const [chain, , check, , check2] = r.outputs.map((o) => o.output.join('\n'));
    expect(chain).toContain('  Label: zCEE Client Cert');
    expect(chain).toContain('  Label: zCEE CA');
    expect(chain).toContain('Chain contains 2 certificate(s), chain is complete');
    expect(chain).toContain('Chain contains NOTRUST or expired certificate(s)');
    expect(check).toContain('Digital certificate information for user LIBSERV:');
    expect(check2).toBe('Certificate not defined to RACF.');
    expect(getRing(r.state, 'LIBSERV', 'zCEE.KeyRing')?.connections.map((c) => c.label)).toEqual(['zCEE CA', 'Liberty CA']);
  });

  test('canReadRing: FACILITY own/other, private keys, RDATALIB with no fallback', async () => {
    expect(canReadRing(lab, 'USER1', 'USER1', 'Liberty.KeyRing').allowed).toBe(true);
    expect(canReadRing(lab, 'USER1', 'LIBSERV', 'Liberty.KeyRing').allowed).toBe(false);
    expect(canReadRing(lab, 'USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true, certOwner: { kind: 'ID', id: 'USER1' } }).allowed).toBe(true);
    expect(canReadRing(lab, 'USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true, certOwner: { kind: 'ID', id: 'LIBSERV' } }).allowed).toBe(false);
    const r = await applyDeck(
      lab,
      ['SETROPTS CLASSACT(RDATALIB) RACLIST(RDATALIB)', 'RDEFINE RDATALIB USER1.Liberty.KeyRing.LST UACC(NONE)', 'SETROPTS RACLIST(RDATALIB) REFRESH'].join('\n'),
      { clock: TODAY },
    );
    expect(errors(r.diagnostics)).toEqual([]);
    const viaRd = canReadRing(r.state, 'USER1', 'USER1', 'Liberty.KeyRing');
    expect([viaRd.via, viaRd.allowed]).toEqual(['RDATALIB', false]);
  });

  test("canReadRing with privateKey and no certOwner checks the key of the ring's DEFAULT certificate", () => {
    // USER1's ring with LIBSERV's certificate as its DEFAULT: USER1 may read the ring, not that key.
    const moved = connect(certStoreOf(lab), { ringOwner: 'USER1', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert', default: true });
    expect(moved.diagnostics.map((d) => d.code)).toEqual(['KR-CONNECT-KEY-OTHER']);
    const s = withCertStore(lab, moved.store);
    expect(canReadRing(s, 'USER1', 'USER1', 'Liberty.KeyRing').allowed).toBe(true);
    const key = canReadRing(s, 'USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true });
    expect(key).toEqual(canReadRing(s, 'USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true, certOwner: { kind: 'ID', id: 'LIBSERV' } }));
    expect(key.allowed).toBe(false);
    expect(key.reasons.join(' ')).toContain('ID(LIBSERV)');
    // An explicit certOwner still wins; in the lab state the DEFAULT is USER1's own certificate.
    expect(canReadRing(s, 'USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true, certOwner: { kind: 'ID', id: 'USER1' } }).allowed).toBe(true);
    expect(canReadRing(lab, 'USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true }).allowed).toBe(true);
    // A ring without a DEFAULT has no key to guard: the reader's own-key rule applies.
    const noDefault = withCertStore(lab, connect(certStoreOf(lab), { ringOwner: 'USER1', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'USER1' }, label: 'USER1', default: false }).store);
    expect(canReadRing(noDefault, 'USER1', 'USER1', 'Liberty.KeyRing', { privateKey: true }).allowed).toBe(true);
  });
});
