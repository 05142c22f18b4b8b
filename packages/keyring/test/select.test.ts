import { fixedClock } from '@ztwin/core';
import { createState, getDataSet, withDataSet, type CertificateRecord, type RacfState } from '@ztwin/racf-model';
import { applyDeck, certStoreOf, findCertificate, issuerAttributes, issuerDnMatches, normalSerial, readPkcs12, selectBySerial, seededKeySource, type SerialSource } from '@ztwin/keyring';
import { fc, test } from '@fast-check/jest';
import { opensslOk, tmp, withOpenssl } from './helpers';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const TODAY = fixedClock('2026-11-25T12:00:00Z');
const at = { source: 't' };

/** Serials handed out in order (the CA's "last serial issued" is ignored): lets a test pick odd ones. */
const serials = (...hex: string[]): SerialSource => {
  let i = 0;
  return { next: () => hex[i++] ?? 'FFFF' };
};

const BASE = [
  'ADDUSER LIBSERV',
  'ADDUSER OTHER',
  "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Lab CA') O('IBM')) WITHLABEL('Lab CA') NISTECC SIZE(256) KEYUSAGE(CERTSIGN)",
  "RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('zcee.example.com') O('IBM')) WITHLABEL('Server') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('Lab CA'))",
  "RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('client') O('IBM')) WITHLABEL('Client') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('Lab CA'))",
  "RACDCERT ID(OTHER) GENCERT SUBJECTSDN(CN('other') O('IBM')) WITHLABEL('Other') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('Lab CA'))",
].join('\n');

let base: RacfState;
beforeAll(async () => {
  const r = await applyDeck(createState(), BASE, { clock: TODAY, keySource: seededKeySource('select'), serialSource: serials('1AB', '2', 'C0') });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  base = r.state;
});

const run = async (s: RacfState, cmd: string): Promise<{ state: RacfState; codes: string[]; output: string[]; messages: string[] }> => {
  const r = await applyDeck(s, cmd, { clock: TODAY, keySource: seededKeySource('select-run') });
  return { state: r.state, codes: r.diagnostics.map((d) => d.code), messages: r.diagnostics.map((d) => `${d.code} ${d.message}${d.hint ? ` [${d.hint}]` : ''}`), output: r.outputs.flatMap((o) => o.output) };
};
const certs = (s: RacfState): CertificateRecord[] => [...s.certificates.values()];

describe('RACDCERT SERIALNUMBER + ISSUERSDN selects what LABEL selects', () => {
  test('the certificates got the serials asked for', () => {
    expect(base.certificates.get('ID(LIBSERV)/Server')?.serialHex).toBe('1AB');
    expect(base.certificates.get('ID(LIBSERV)/Server')?.issuerDn).toBe('CN=Lab CA.O=IBM');
    expect(base.certificates.get('ID(LIBSERV)/Client')?.serialHex).toBe('2');
  });

  const sel = "SERIALNUMBER(01AB) ISSUERSDN('CN=Lab CA.O=IBM')";
  const lab = "LABEL('Server')";
  test.each([
    ['ALTER', (x: string) => `RACDCERT ID(LIBSERV) ALTER(${x}) NOTRUST`],
    ['ALTER NEWLABEL', (x: string) => `RACDCERT ID(LIBSERV) ALTER(${x}) NEWLABEL('Server 2')`],
    ['DELETE', (x: string) => `RACDCERT ID(LIBSERV) DELETE(${x})`],
    ['LIST', (x: string) => `RACDCERT ID(LIBSERV) LIST(${x})`],
    ['EXPORT', (x: string) => `RACDCERT ID(LIBSERV) EXPORT(${x}) DSN('LIBSERV.SERVER.PEM') FORMAT(CERTB64)`],
    ['EXPORT PKCS12', (x: string) => `RACDCERT ID(LIBSERV) EXPORT(${x}) DSN('LIBSERV.SERVER.P12') FORMAT(PKCS12DER) PASSWORD('pw123456')`],
  ])('%s by serial and issuer = %s by label', async (_name, cmd) => {
    const a = await run(base, cmd(lab));
    const b = await run(base, cmd(sel));
    expect(b.codes).toEqual([]);
    expect(a.codes).toEqual([]);
    expect(certs(b.state)).toEqual(certs(a.state));
    expect(b.output).toEqual(a.output);
    // A PKCS#12 package has a random salt and IV: compare what it holds, not its bytes.
    const contents = (st: RacfState): unknown[] =>
      [...st.datasets.values()].map((d) => {
        if (!d.dsn.endsWith('.P12')) return d;
        const p = readPkcs12(new Uint8Array(Buffer.from(d.content, 'base64')), 'pw123456');
        return 'reason' in p ? p : { certificates: p.certificates.map((c) => Buffer.from(c).toString('hex')), keys: p.privateKeys.map((k) => Buffer.from(k).toString('hex')) };
      });
    expect(contents(b.state)).toEqual(contents(a.state));
    // and the label form itself did something (a change, an output or a data set)
    expect(certs(a.state).length !== certs(base).length || a.output.length > 0 || a.state.datasets.size > base.datasets.size || certs(a.state).some((c, i) => c !== certs(base)[i])).toBe(true);
  });

  test('ALTER by serial really changes that certificate (and only it)', async () => {
    const r = await run(base, `RACDCERT ID(LIBSERV) ALTER(${sel}) NOTRUST`);
    expect(r.state.certificates.get('ID(LIBSERV)/Server')?.trust).toBe('NOTRUST');
    expect(r.state.certificates.get('ID(LIBSERV)/Client')?.trust).toBe('TRUST');
    const d = await run(base, `RACDCERT ID(LIBSERV) DELETE(${sel})`);
    expect([...d.state.certificates.keys()].sort()).toEqual(['CERTAUTH/Lab CA', 'ID(LIBSERV)/Client', 'ID(OTHER)/Other']);
    const e = await run(base, `RACDCERT ID(LIBSERV) EXPORT(${sel}) DSN('LIBSERV.SERVER.PEM') FORMAT(CERTB64)`);
    expect(Buffer.from(getDataSet(e.state, 'LIBSERV.SERVER.PEM')?.content ?? '', 'base64').toString()).toContain('-----BEGIN CERTIFICATE-----');
  });

  test.each(['1AB', '1ab', '01AB', '0001ab', '01Ab'])('SERIALNUMBER(%s): case and leading zeros do not matter', async (serial) => {
    const r = await run(base, `RACDCERT ID(LIBSERV) LIST(SERIALNUMBER(${serial}) ISSUERSDN('CN=Lab CA.O=IBM'))`);
    expect(r.codes).toEqual([]);
    expect(r.output.join('\n')).toContain('Label: Server');
    expect(r.output.join('\n')).not.toContain('Label: Client');
  });

  test("SERIALNUMBER('01AB') quoted is the same serial", async () => {
    const r = await run(base, "RACDCERT ID(LIBSERV) LIST(SERIALNUMBER('01ab') ISSUERSDN('CN=Lab CA.O=IBM'))");
    expect(r.codes).toEqual([]);
    expect(r.output.join('\n')).toContain('Label: Server');
  });

  test.each(['CN=Lab CA.O=IBM', 'CN=Lab CA,O=IBM', 'CN=Lab CA, O=IBM', 'cn=Lab CA.o=IBM', 'CN=Lab CA,2.5.4.10=IBM'])('ISSUERSDN(%s): LIST form, RFC 4514 form, type case', async (dn) => {
    const r = await run(base, `RACDCERT ID(LIBSERV) LIST(SERIALNUMBER(2) ISSUERSDN('${dn}'))`);
    expect(r.codes).toEqual([]);
    expect(r.output.join('\n')).toContain('Label: Client');
  });

  test.each([
    ['CN=lab ca.O=IBM', 'values are case-sensitive'],
    ['CN=Lab CA', 'every RDN is needed'],
    ['O=IBM.CN=Lab CA', 'most specific first'],
    ['CN=Lab CA.O=IBM.C=US', 'no extra RDNs'],
    ['CN=Lab  CA.O=IBM', 'blanks in values count'],
    ['CN=zcee.example.com.O=IBM', 'the subject is not the issuer'],
  ])('wrong ISSUERSDN %s → KR-CERT-NOT-FOUND (%s)', async (dn) => {
    const r = await run(base, `RACDCERT ID(LIBSERV) DELETE(SERIALNUMBER(1AB) ISSUERSDN('${dn}'))`);
    expect(r.codes).toEqual(['KR-CERT-NOT-FOUND']);
    expect(r.messages[0]).toContain(`SERIALNUMBER(1AB) ISSUERSDN('${dn}') does not exist for`);
    expect(r.messages[0]).toContain("has serial number 1AB issued by 'CN=Lab CA.O=IBM'");
    expect(certs(r.state)).toEqual(certs(base));
  });

  test('a serial the owner has not got → not found; when another owner has it the hint says whose', async () => {
    const none = await run(base, "RACDCERT ID(LIBSERV) ALTER(SERIALNUMBER(99) ISSUERSDN('CN=Lab CA.O=IBM')) NOTRUST");
    expect(none.codes).toEqual(['KR-CERT-NOT-FOUND']);
    const other = await run(base, "RACDCERT ID(LIBSERV) LIST(SERIALNUMBER(0C0) ISSUERSDN('CN=Lab CA.O=IBM'))");
    expect(other.codes).toEqual(['KR-CERT-NOT-FOUND']);
    expect(other.messages[0]).toMatch(/\[that certificate belongs to .*OTHER.* \('Other'\)\]$/);
    const ok = await run(base, "RACDCERT ID(OTHER) LIST(SERIALNUMBER(0C0) ISSUERSDN('CN=Lab CA.O=IBM'))");
    expect(ok.codes).toEqual([]);
    // The CA's own (self-signed, serial 0) certificate under CERTAUTH.
    const ca = await run(base, "RACDCERT CERTAUTH LIST(SERIALNUMBER(00) ISSUERSDN('CN=Lab CA.O=IBM'))");
    expect(ca.codes).toEqual([]);
    expect(ca.output.join('\n')).toContain('Label: Lab CA');
  });

  test('selector mistakes are diagnosed and change nothing', async () => {
    const cases: [string, string][] = [
      ['RACDCERT ID(LIBSERV) DELETE(SERIALNUMBER(1AB))', 'KR-CERT-SELECTOR'],
      ["RACDCERT ID(LIBSERV) DELETE(ISSUERSDN('CN=Lab CA.O=IBM'))", 'KR-CERT-SELECTOR'],
      ["RACDCERT ID(LIBSERV) DELETE(LABEL('Server') SERIALNUMBER(1AB) ISSUERSDN('CN=Lab CA.O=IBM'))", 'KR-CERT-SELECTOR'],
      ["RACDCERT ID(LIBSERV) DELETE(SERIALNUMBER(1G) ISSUERSDN('CN=Lab CA.O=IBM'))", 'KR-SERIALNUMBER'],
      ["RACDCERT ID(LIBSERV) LISTCHAIN(SERIALNUMBER(1AB) ISSUERSDN('CN=Lab CA.O=IBM'))", 'KR-LABEL'],
      ["RACDCERT ID(LIBSERV) GENREQ(SERIALNUMBER(1AB) ISSUERSDN('CN=Lab CA.O=IBM')) DSN('R.REQ')", 'KR-LABEL'],
    ];
    for (const [cmd, code] of cases) {
      const r = await run(base, cmd);
      expect([cmd, r.codes]).toEqual([cmd, [code]]);
      expect(certs(r.state)).toEqual(certs(base));
      expect(r.state.datasets.size).toBe(base.datasets.size);
    }
    const none = await run(base, 'RACDCERT ID(LIBSERV) DELETE');
    expect(none.messages).toEqual(["KR-LABEL RACDCERT DELETE needs LABEL('label'), or SERIALNUMBER(serial) with ISSUERSDN('issuer-dn')."]);
    const chain = await run(base, "RACDCERT ID(LIBSERV) LISTCHAIN(SERIALNUMBER(1AB) ISSUERSDN('CN=Lab CA.O=IBM'))");
    expect(chain.messages[0]).toBe('KR-LABEL RACDCERT LISTCHAIN names its certificate by LABEL only, not by SERIALNUMBER/ISSUERSDN.');
  });

  test('two certificates with one serial and issuer (RACF could not hold them): an error naming both labels', async () => {
    const two = await run(
      base,
      [
        "RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('self') O('IBM')) WITHLABEL('Self 1') NISTECC SIZE(256)",
        "RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('self') O('IBM')) WITHLABEL('Self 2') NISTECC SIZE(256)",
      ].join('\n'),
    );
    expect(two.codes).toEqual([]);
    const r = await run(two.state, "RACDCERT ID(LIBSERV) DELETE(SERIALNUMBER(0) ISSUERSDN('CN=self.O=IBM'))");
    expect(r.codes).toEqual(['KR-CERT-AMBIGUOUS']);
    expect(r.messages[0]).toContain("'Self 1', 'Self 2'");
    expect(certs(r.state)).toEqual(certs(two.state));
  });
});

describe('imported certificates (openssl) and metadata-only records', () => {
  withOpenssl('an ADDed certificate with a leading-zero serial and a "." and "," in its issuer', async () => {
    const dir = tmp();
    try {
      const key = join(dir, 'k.pem');
      opensslOk(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
      const crt = join(dir, 'c.pem');
      opensslOk(['req', '-x509', '-new', '-key', key, '-subj', '/C=US/O=example.com, Inc./CN=Ext CA', '-days', '3650', '-set_serial', '0x00C0FFEE', '-out', crt]);
      const s = withDataSet(base, { dsn: 'LIBSERV.EXT.PEM', content: readFileSync(crt).toString('base64'), kind: 'text' });
      const add = await run(s, "RACDCERT ID(LIBSERV) ADD('LIBSERV.EXT.PEM') WITHLABEL('Ext') TRUST");
      expect(add.codes).toEqual([]);
      const rec = add.state.certificates.get('ID(LIBSERV)/Ext');
      expect(rec?.serialHex).toBe('C0FFEE');
      expect(rec?.issuerDn).toBe('CN=Ext CA.O=example.com, Inc..C=US');
      for (const dn of ['CN=Ext CA.O=example.com, Inc..C=US', 'CN=Ext CA,O=example.com\\, Inc.,C=US']) {
        for (const serial of ['C0FFEE', '00c0ffee']) {
          const r = await run(add.state, `RACDCERT ID(LIBSERV) LIST(SERIALNUMBER(${serial}) ISSUERSDN('${dn}'))`);
          expect([dn, serial, r.codes]).toEqual([dn, serial, []]);
          expect(r.output.join('\n')).toContain('Label: Ext');
        }
      }
      // An unescaped ',' inside a value still matches: the comparison knows the value it expects.
      expect((await run(add.state, "RACDCERT ID(LIBSERV) LIST(SERIALNUMBER(C0FFEE) ISSUERSDN('CN=Ext CA,O=example.com, Inc.,C=US'))")).codes).toEqual([]);
      const del = await run(add.state, "RACDCERT ID(LIBSERV) DELETE(SERIALNUMBER(C0FFEE) ISSUERSDN('CN=Ext CA.O=example.com, Inc..C=US'))");
      expect(del.codes).toEqual([]);
      expect(del.state.certificates.has('ID(LIBSERV)/Ext')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a metadata-only record (no DER, e.g. from IRRDBU00) is matched on its LIST-form issuer', () => {
    const rec = base.certificates.get('ID(LIBSERV)/Server');
    if (!rec) throw new Error('missing');
    const { der: _der, ...meta } = rec;
    expect(issuerAttributes(meta).map((a) => a.value)).toEqual(['Lab CA', 'IBM']);
    const store = { certificates: new Map([['ID(LIBSERV)/Server', meta]]), rings: new Map() };
    const r = selectBySerial(store as unknown as ReturnType<typeof certStoreOf>, { kind: 'ID', id: 'LIBSERV' }, { serialNumber: '1ab', issuerSdn: 'CN=Lab CA,O=IBM' }, at);
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.label).toBe('Server');
  });
});

describe('issuerDnMatches / normalSerial', () => {
  const attrs = [
    { oid: '2.5.4.3', value: 'a.b, c' },
    { oid: '2.5.4.10', value: 'O' },
  ];
  test('forms', () => {
    expect(issuerDnMatches('CN=a.b, c.O=O', attrs)).toBe(true);
    expect(issuerDnMatches('CN=a.b\\, c,O=O', attrs)).toBe(true);
    expect(issuerDnMatches('CN=a.b, c, O=O', attrs)).toBe(true);
    expect(issuerDnMatches('CN=a.b.O=O', attrs)).toBe(false);
    expect(issuerDnMatches('X=a.b, c.O=O', attrs)).toBe(false);
    expect(issuerDnMatches('', [])).toBe(true);
    expect(issuerDnMatches('CN=x', [])).toBe(false);
  });
  test('serials', () => {
    expect(normalSerial('000')).toBe('0');
    expect(normalSerial('0a')).toBe('A');
    expect(normalSerial('')).toBeUndefined();
    expect(normalSerial('0x1')).toBeUndefined();
    expect(normalSerial('1 2')).toBeUndefined();
  });
  test('a trailing blank is part of the last value', () => {
    expect(issuerDnMatches('CN=a.b, c.O=O ', attrs)).toBe(false);
    expect(issuerDnMatches('CN=x ', [{ oid: '2.5.4.3', value: 'x ' }])).toBe(true);
    expect(issuerDnMatches('CN=x\\ ', [{ oid: '2.5.4.3', value: 'x ' }])).toBe(true);
  });
  const attr = fc.record({ oid: fc.constantFrom('2.5.4.3', '2.5.4.10', '2.5.4.11', '2.5.4.6', '1.2.3.4'), value: fc.string({ maxLength: 12 }) });
  test.prop([fc.string(), fc.array(attr, { maxLength: 3 })])('never throws', (spec, as) => {
    expect(typeof issuerDnMatches(spec, as)).toBe('boolean');
  });
  const names: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '1.2.3.4': '1.2.3.4' };
  // (the trailing blank first: a one-blank value is escaped once, `\ `, not as a leading and again as a trailing blank)
  const esc = (v: string): string => v.replace(/([\\"+,;<>=])/g, '\\$1').replace(/ $/, '\\ ').replace(/^([ #])/, '\\$1');
  test.prop([fc.array(attr, { maxLength: 4 }), fc.boolean()], { examples: [[[{ oid: '2.5.4.3', value: ' ' }], false], [[{ oid: '2.5.4.3', value: '#  ' }], true]] })(
    'round trip: the LIST form and the RFC 4514 form of a name match it',
    (as, lower) => {
      const type = (o: string): string => (lower ? (names[o] ?? o).toLowerCase() : (names[o] ?? o));
      expect(issuerDnMatches(as.map((a) => `${type(a.oid)}=${a.value}`).join('.'), as)).toBe(true);
      expect(issuerDnMatches(as.map((a) => `${type(a.oid)}=${esc(a.value)}`).join(','), as)).toBe(true);
    },
  );
  test.prop([fc.array(attr, { minLength: 1, maxLength: 3 }), fc.nat(), fc.string({ minLength: 1, maxLength: 3 })])('a name with one value changed does not match', (as, k, extra) => {
    const i = k % as.length;
    const changed = as.map((a, j) => (j === i ? { ...a, value: a.value + extra } : a));
    expect(issuerDnMatches(changed.map((a) => `${names[a.oid] ?? a.oid}=${a.value}`).join('.'), as)).toBe(false);
  });
});

// Property: for generated certificates (odd CN/O values, arbitrary serials), SERIALNUMBER +
// ISSUERSDN in any accepted spelling finds exactly the certificate LABEL finds.
const value = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,-]{0,14}[A-Za-z0-9]$/);
const serialHex = fc.bigInt({ min: 1n, max: (1n << 120n) - 1n }).map((n) => n.toString(16).toUpperCase());
const rfcEscape = (v: string): string => v.replace(/([\\,+"<>;=])/g, '\\$1');
describe('property: serial + issuer selects what the label selects', () => {
  test.prop(
    [
      fc.record({ caCn: value, caO: value }),
      fc.uniqueArray(serialHex, { minLength: 1, maxLength: 3 }),
      fc.record({ rfc: fc.boolean(), zeros: fc.nat({ max: 3 }), lower: fc.boolean() }),
    ],
    { numRuns: 12 },
  )('generated certificates', async ({ caCn, caO }, sers, fmt) => {
    const deck = [
      'ADDUSER LIBSERV',
      `RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('${caCn}') O('${caO}')) WITHLABEL('CA') NISTECC SIZE(256) KEYUSAGE(CERTSIGN)`,
      ...sers.map((_s, i) => `RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('leaf ${i}')) WITHLABEL('Leaf ${i}') NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('CA'))`),
    ].join('\n');
    const r = await applyDeck(createState(), deck, { clock: TODAY, keySource: seededKeySource(`p-${caCn}`), serialSource: serials(...sers), deterministicSignatures: true });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const store = certStoreOf(r.state);
    const owner = { kind: 'ID' as const, id: 'LIBSERV' };
    const issuer = fmt.rfc ? `CN=${rfcEscape(caCn)},O=${rfcEscape(caO)}` : `CN=${caCn}.O=${caO}`;
    sers.forEach((s, i) => {
      const written = '0'.repeat(fmt.zeros) + (fmt.lower ? s.toLowerCase() : s);
      const byLabel = findCertificate(store, owner, `Leaf ${i}`);
      const bySerial = selectBySerial(store, owner, { serialNumber: written, issuerSdn: issuer }, at);
      expect(bySerial.diagnostics).toEqual([]);
      expect(bySerial.value).toBe(byLabel);
      expect(byLabel?.serialHex).toBe(s);
    });
    // the CA is not LIBSERV's: not found under LIBSERV
    expect(selectBySerial(store, owner, { serialNumber: '0', issuerSdn: issuer }, at).diagnostics.map((d) => d.code)).toEqual(['KR-CERT-NOT-FOUND']);
  });
});
