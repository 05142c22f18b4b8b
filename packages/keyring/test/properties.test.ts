import { test, fc } from '@fast-check/jest';
import {
  readPem,
  readCertificatePackage,
  parseCertificate,
  parseCertRequest,
  readPkcs12,
  exportCertificate,
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
