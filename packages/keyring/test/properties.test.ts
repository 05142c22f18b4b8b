import { test, fc } from '@fast-check/jest';
import {
  readPem,
  readCertificatePackage,
  parseCertificate,
  parseCertRequest,
  readPkcs12,
  exportCertificate,
  parseListringText,
  type SubjectDnParts,
} from '@ztwin/keyring';
import { make } from './fixtures';
// Internals (DER and X.501 names), not in the package's public API.
import { parseDer } from '../src/der';
import { attributesToParts, decodeName, encodeName, parseRfc4514, partsToAttributes, rfc4514 } from '../src/dn';

const value = fc.string({ unit: fc.oneof(fc.constantFrom(',', '+', '"', '\\', "'", '=', ';', '<', '>', '#', ' ', '.', '\0'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 20 });
const parts: fc.Arbitrary<SubjectDnParts> = fc.record(
  { CN: value, T: value, OU: fc.array(value, { minLength: 1, maxLength: 3 }), O: value, L: value, SP: value, C: fc.constantFrom('US', 'DE', 'fr') },
  { requiredKeys: [] },
);

describe('properties', () => {
  test.prop([parts])('SUBJECTSDN parts → DER Name → parts round trips', (p) => {
    const attrs = partsToAttributes(p);
    const der = encodeName(attrs);
    const node = parseDer(der);
    const back = node ? decodeName(node) : undefined;
    expect(back).toEqual(attrs);
    expect(attributesToParts(back ?? [])).toEqual(p);
  });

  test.prop([parts])('RFC 4514 rendering round trips (odd characters, quotes, commas, plus, unicode)', (p) => {
    const attrs = partsToAttributes(p);
    expect(parseRfc4514(rfc4514(attrs))).toEqual(attrs);
  });

  test.prop([fc.uint8Array({ maxLength: 300 })])('binary readers never throw on junk', (b) => {
    expect(() => {
      parseDer(b);
      parseCertificate(b);
      parseCertRequest(b);
      readPkcs12(b, 'x');
      readCertificatePackage(b, 'x');
    }).not.toThrow();
  });

  test.prop([fc.string({ maxLength: 300 })])('PEM reader and ADD never throw on text', (s) => {
    expect(() => {
      readPem(s);
      readCertificatePackage(new TextEncoder().encode(s));
      parseRfc4514(s);
    }).not.toThrow();
  });

  // LISTRING rows: the parser finds a row from its end; it must read what the label-first pattern
  // it replaced reads (that pattern, kept here as the reference, is cubic on long blank runs).
  const listringWord = fc.constantFrom('ID(U1)', 'ID ( U2 )', 'ID(', ')', 'CERTAUTH', 'SITE', 'PERSONAL', 'YES', 'NO', 'Lbl', "o'x", 'a>b<', '-', '', ' ', '   ', '\t');
  const sp = fc.constantFrom(' ', '   ', '\t', '');
  const listringLine = fc.oneof(
    fc.array(listringWord, { maxLength: 9 }).map((w) => w.join(' ')),
    // Mostly row-shaped: label words, then owner, usage and default, with odd spacing.
    fc
      .tuple(sp, fc.array(listringWord, { maxLength: 4 }), sp, fc.constantFrom('ID(U1)', 'ID ( U2 )', 'ID((X))', 'CERTAUTH', 'SITE'), sp, fc.constantFrom('PERSONAL', 'CERTAUTH', 'SITE'), sp, fc.constantFrom('YES', 'NO'), sp)
      .map(([a, label, b, owner, c, usage, d, dflt, e]) => `${a}${label.join(' ')}${b}${owner}${c}${usage}${d}${dflt}${e}`),
  );
  const reference = /^\s*(.*?)\s+(ID\s*\(\s*\S+\s*\)|CERTAUTH|SITE)\s+(PERSONAL|CERTAUTH|SITE)\s+(YES|NO)\s*$/;
  test.prop([fc.array(listringLine, { maxLength: 8 })])('LISTRING rows read as the label-first pattern reads them; never throws', (lines) => {
    const got = parseListringText(['Digital ring information for user U1:', '  Ring:', '       >R.1<', ...lines].join('\n'));
    const want = lines
      .filter((l) => !/Certificate Label Name|^\s*-+/.test(l) && l.trim() !== '')
      .flatMap((l) => {
        const m = reference.exec(l);
        return m ? [{ label: m[1] ?? '', certOwner: (m[2] ?? '').replace(/\s+/g, ''), usage: m[3] ?? '', default: m[4] === 'YES' }] : [];
      });
    expect(got).toEqual([{ owner: 'U1', ring: 'R.1', rows: want }]);
  });
  test('the LISTRING line generator yields real rows (so the property above compares rows)', () => {
    const rows = fc.sample(listringLine, { numRuns: 200, seed: 1 }).filter((l) => reference.test(l)).length;
    expect(rows).toBeGreaterThan(40);
  });

  // PEM: the reader pairs markers itself; it must read what the single pattern it replaced reads
  // (kept here as the reference; it is quadratic in the number of BEGINs without an END).
  const pemPiece = fc.constantFrom('-----BEGIN CERTIFICATE-----', '-----END CERTIFICATE-----', '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----', '-----BEGIN A-----', '-----END A-----', '---', '-----', 'MIIB', 'AAAA', 'QQ==', 'Proc-Type: 4', '\n', ' ', 'junk', '=');
  const pemBlock = fc
    .tuple(fc.constantFrom('CERTIFICATE', 'PRIVATE KEY', 'A'), fc.array(fc.constantFrom('MIIB', 'AAAA', 'QQ==', '\n', ' ', 'Proc-Type: 4\n', '-'), { maxLength: 6 }), fc.constantFrom('CERTIFICATE', 'PRIVATE KEY', 'A'))
    .map(([t, body, t2]) => `-----BEGIN ${t}-----${body.join('')}-----END ${t2}-----`);
  const pemText = fc.array(fc.oneof(pemPiece, pemBlock), { maxLength: 20 }).map((p) => p.join(''));
  function referencePem(text: string): { type: string; der: number[] }[] {
    const out: { type: string; der: number[] }[] = [];
    const re = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const body = (m[2] ?? '').replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
      if (/^[A-Za-z0-9+/]*={0,2}$/.test(body)) out.push({ type: m[1] ?? '', der: [...Buffer.from(body, 'base64')] });
    }
    return out;
  }
  test.prop([pemText], { numRuns: 300 })('PEM blocks read as the single BEGIN…END pattern reads them', (text) => {
    expect(readPem(text).map((b) => ({ type: b.type, der: [...b.der] }))).toEqual(referencePem(text));
  });
  test('the PEM text generator yields blocks, and many BEGINs without an END are read at once', () => {
    const texts = fc.sample(pemText, { numRuns: 300, seed: 1 });
    expect(texts.filter((t) => referencePem(t).length > 0).length).toBeGreaterThan(60);
    const cert = '-----BEGIN CERTIFICATE-----\nQQ==\n-----END CERTIFICATE-----';
    const blocks = readPem(`${'-----BEGIN A-----\n'.repeat(200_000)}${cert}`);
    expect(blocks.map((b) => [b.type, [...b.der]])).toEqual([['CERTIFICATE', [0x41]]]);
  });

  test('a LISTRING line with a long run of blanks is read at once (the old pattern took minutes)', () => {
    const text = `Digital ring information for user U1:\n >R<\n${' '.repeat(100_000)}x\nLbl${' '.repeat(100_000)}ID( U1 ) PERSONAL YES`;
    expect(parseListringText(text)).toEqual([{ owner: 'U1', ring: 'R', rows: [{ label: 'Lbl', certOwner: 'ID(U1)', usage: 'PERSONAL', default: true }] }]);
  });

  test.prop([fc.string({ unit: 'grapheme', minLength: 1, maxLength: 32 }).filter((l) => [...l].length <= 32), fc.string({ minLength: 1, maxLength: 12 })], { numRuns: 15 })(
    'labels with odd characters survive PKCS#12 export/import (friendlyName) and subject DN round trips through a certificate',
    async (label, cn) => {
      const c = await make({ owner: { kind: 'ID', id: 'U' }, label, subject: { CN: cn, O: 'a,b+c' }, keyType: 'NISTECC', size: 256 }, 'prop');
      const p12 = exportCertificate(c.certificate, 'PKCS12DER', { password: 'pw' });
      const back = readCertificatePackage(p12.value?.bytes ?? new Uint8Array(), 'pw');
      expect(back.value?.friendlyName).toBe(label);
      expect(back.value?.certificate.subject).toEqual(partsToAttributes({ CN: cn, O: 'a,b+c' }));
    },
  );
});
