/**
 * RACDCERT LIST's "Certificate ID": the published CERTAUTH listings reproduced byte for byte, and the
 * layout (X'D9', ID length, ID and label in EBCDIC, blank-padded to whole base64 groups) for any label.
 */
import { fc, test } from '@fast-check/jest';
import { certificateId, fromEbcdic, toEbcdic } from '@ztwin/keyring';
import { type CertificateRecord, type CertOwner } from '@ztwin/racf-model';

const rec = (owner: CertOwner, label: string): CertificateRecord => ({
  owner,
  label,
  trust: 'TRUST',
  serialHex: '0',
  subjectDn: 'CN=X',
  issuerDn: 'CN=X',
  notBefore: '2020-01-01T00:00:00.000Z',
  notAfter: '2030-01-01T00:00:00.000Z',
  keyType: 'RSA',
  keySize: 2048,
  hasPrivateKey: false,
});

describe('Certificate ID', () => {
  it('matches RACF output published for CERTAUTH certificates', () => {
    expect(certificateId(rec({ kind: 'CERTAUTH' }, 'zOSMFCA'))).toBe('2QiJmZmDhZmjganW4tTGw8FA');
    expect(certificateId(rec({ kind: 'CERTAUTH' }, 'MQ CA'))).toBe('2QiJmZmDhZmjgdTYQMPB');
  });
  it('names SITE by irrsitec and a user by the upper-case ID', () => {
    expect(Buffer.from(certificateId(rec({ kind: 'SITE' }, 'S')), 'base64').subarray(0, 10)).toEqual(Buffer.from([0xd9, 8, ...toEbcdic('irrsitec')]));
    expect(certificateId(rec({ kind: 'ID', id: 'libserv' }, 'L'))).toBe(certificateId(rec({ kind: 'ID', id: 'LIBSERV' }, 'L')));
  });
  test.prop([fc.constantFrom<CertOwner>({ kind: 'CERTAUTH' }, { kind: 'SITE' }, { kind: 'ID', id: 'LIBSERV' }, { kind: 'ID', id: 'U1' }), fc.string({ unit: fc.constantFrom(...'AZaz09 .-_#@$¢!'.split('')), minLength: 1, maxLength: 32 })])(
    'decodes back to the owner and the label, padded with EBCDIC blanks',
    (owner, label) => {
      const id = certificateId(rec(owner, label));
      expect(id).not.toContain('=');
      const b = Buffer.from(id, 'base64');
      expect(b[0]).toBe(0xd9);
      const n = b[1] ?? 0;
      const who = owner.kind === 'CERTAUTH' ? 'irrcerta' : owner.kind === 'SITE' ? 'irrsitec' : owner.id;
      expect(fromEbcdic(b.subarray(2, 2 + n))).toBe(who);
      const rest = fromEbcdic(b.subarray(2 + n));
      expect(rest.slice(0, label.length)).toBe(label);
      expect(rest.slice(label.length)).toMatch(/^ {0,2}$/);
    },
  );
  it('EBCDIC: IBM-1047 round trip of Latin-1, SUB for the rest', () => {
    const latin1 = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    expect(fromEbcdic(toEbcdic(latin1))).toBe(latin1);
    expect([...toEbcdic('A[]^¬ ')]).toEqual([0xc1, 0xad, 0xbd, 0x5f, 0xb0, 0x40]);
    expect([...toEbcdic('€')]).toEqual([0x3f]);
  });
});
