import { readFileSync } from 'node:fs';
import { fixedClock } from '@ztwin/core';
import { exportCertificate, readCertificatePackage, recordFromCertificate, readPkcs12, writePkcs12, readPem, writePkcs7, readPkcs7 } from '@ztwin/keyring';
// Internals, not in the package's public API.
import { unb64 } from '../src/der';
import { pkcs12Kdf } from '../src/pkcs12';
import { make } from './fixtures';
import { openssl, opensslOk, tmp, withOpenssl, writeTmp, TODAY } from './helpers';

async function pair() {
  const ca = await make({ owner: { kind: 'CERTAUTH' }, label: 'Liberty CA', subject: { CN: 'Liberty CA' }, keyType: 'NISTECC', size: 256 }, 'ca');
  const leaf = await make({ owner: { kind: 'ID', id: 'USER1' }, label: "USER1 o'x, ü+\"", subject: { CN: 'USER1' }, keyType: 'NISTECC', size: 256, signWith: ca.certificate }, 'leaf');
  return { ca: ca.certificate, leaf: leaf.certificate };
}

describe('import/export', () => {
  test('CERTDER and CERTB64 round trip through ADD', async () => {
    const { leaf } = await pair();
    for (const f of ['CERTDER', 'CERTB64'] as const) {
      const e = exportCertificate(leaf, f);
      const back = readCertificatePackage(e.value?.bytes ?? new Uint8Array());
      expect(back.diagnostics).toEqual([]);
      const rec = recordFromCertificate(back.value?.certificate ?? fail(), leaf.owner, leaf.label, 'TRUST');
      expect(rec.der).toBe(leaf.der);
      expect(rec.subjectDn).toBe(leaf.subjectDn);
      expect(rec.serialHex).toBe(leaf.serialHex);
      expect(rec.privateKey).toBeUndefined();
    }
  });

  test('PKCS7 carries the chain; PKCS12 carries key, chain and label', async () => {
    const { ca, leaf } = await pair();
    const p7 = exportCertificate(leaf, 'PKCS7B64', { chain: [ca] });
    const back7 = readCertificatePackage(p7.value?.bytes ?? new Uint8Array());
    expect(back7.value?.format).toBe('PKCS7');
    expect(back7.value?.others.length).toBe(1);
    const p12 = exportCertificate(leaf, 'PKCS12DER', { password: 'secret', chain: [ca] });
    const back = readCertificatePackage(p12.value?.bytes ?? new Uint8Array(), 'secret');
    expect(back.diagnostics).toEqual([]);
    expect(back.value?.friendlyName).toBe(leaf.label);
    expect(Buffer.from(back.value?.privateKey ?? []).toString('base64')).toBe(leaf.privateKey?.pkcs8);
    expect(back.value?.others.map((o) => o.subjectDn)).toEqual([ca.subjectDn]);
    const b64 = exportCertificate(leaf, 'PKCS12B64', { password: 'secret' });
    expect(readCertificatePackage(b64.value?.bytes ?? new Uint8Array(), 'secret').value?.privateKey).toBeDefined();
  });

  test('the private key read from a PKCS12 is readable by name but not in JSON, spreads or keys', async () => {
    const { ca, leaf } = await pair();
    const pkcs8 = unb64(leaf.privateKey?.pkcs8 ?? fail());
    // The key's bytes as JSON.stringify would print a Uint8Array ({"0":48,...}) and as base64.
    const asJson = JSON.stringify(pkcs8).slice(0, 40);
    const bytes = exportCertificate(leaf, 'PKCS12DER', { password: 'secret', chain: [ca] }).value?.bytes ?? fail();
    const pkg = readCertificatePackage(bytes, 'secret').value ?? fail();
    expect(pkg.privateKey).toEqual(pkcs8);
    expect(Object.keys(pkg).sort()).toEqual(['certificate', 'format', 'friendlyName', 'others']);
    for (const shown of [JSON.stringify(pkg), JSON.stringify({ ...pkg })]) {
      expect(shown).not.toContain(asJson);
      expect(shown).not.toContain(leaf.privateKey?.pkcs8.slice(0, 40));
      expect(shown).not.toContain('privateKey');
    }
    const p12 = readPkcs12(bytes, 'secret');
    if (!('privateKeys' in p12)) throw new Error(`readPkcs12 failed: ${p12.detail}`);
    expect(p12.privateKeys).toEqual([pkcs8]);
    expect(Object.keys(p12).sort()).toEqual(['certificateNames', 'certificates']);
    expect(JSON.stringify(p12)).not.toContain(asJson);
  });

  test('diagnostics: wrong password, no password, no key, metadata only; secrets stay out', async () => {
    const { leaf } = await pair();
    const p12 = exportCertificate(leaf, 'PKCS12DER', { password: 'secret' });
    const bad = readCertificatePackage(p12.value?.bytes ?? new Uint8Array(), 'Xq7-Zz-guess');
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['KR-ADD-PASSWORD']);
    expect(JSON.stringify(bad.diagnostics)).not.toContain('Xq7-Zz-guess');
    expect(readCertificatePackage(p12.value?.bytes ?? new Uint8Array()).diagnostics.map((d) => d.code)).toEqual(['KR-ADD-PASSWORD']);
    expect(exportCertificate(leaf, 'PKCS12DER').diagnostics.map((d) => d.code)).toEqual(['KR-EXPORT-PASSWORD']);
    const { privateKey: _p, ...nokey } = leaf;
    expect(exportCertificate(nokey, 'PKCS12DER', { password: 'x' }).diagnostics.map((d) => d.code)).toEqual(['KR-EXPORT-NOKEY']);
    expect(exportCertificate(nokey, 'PKCS12DER', { password: 'x' }).diagnostics[0]?.message).toContain('IRRD147I');
    // A key kept in ICSF (PKDS) is not exportable: IRRD147I asks for a non-ICSF private key.
    const icsf = { ...leaf, privateKey: { pkcs8: leaf.privateKey?.pkcs8 ?? '', storage: 'PKDS' as const } };
    const x = exportCertificate(icsf, 'PKCS12DER', { password: 'x' });
    expect([x.value, x.diagnostics.map((d) => d.code)]).toEqual([undefined, ['KR-EXPORT-NOKEY']]);
    expect(x.diagnostics[0]?.message).toContain('non-ICSF private key in the RACF database');
    expect(JSON.stringify(x.diagnostics)).not.toContain(leaf.privateKey?.pkcs8.slice(10, 40));
    const { der: _d, ...meta } = leaf;
    expect(exportCertificate(meta, 'CERTDER').diagnostics.map((d) => d.code)).toEqual(['KR-METADATA-ONLY']);
    expect(readCertificatePackage(new TextEncoder().encode('hello world!')).diagnostics.map((d) => d.code)).toEqual(['KR-ADD-FORMAT']);
  });

  test('PKCS#12 KDF matches the RFC 7292 construction used by OpenSSL (MAC check both ways)', () => {
    const k = pkcs12Kdf('sha1', 20, 64, 'smeg', new Uint8Array([0x0a, 0x58, 0xcf, 0x64, 0x53, 0x0d, 0x82, 0x3f]), 1, 1, 24);
    // Known-answer vector from the PKCS#12 test suite commonly used by OpenSSL/BouncyCastle.
    expect(Buffer.from(k).toString('hex').toUpperCase()).toBe('8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3');
  });

  withOpenssl('openssl reads our PKCS#12, PKCS#7 and PEM; we read OpenSSL PKCS#12 (AES and legacy 3DES)', async () => {
    const { ca, leaf } = await pair();
    const d = tmp();
    const p12 = exportCertificate(leaf, 'PKCS12DER', { password: 'pa ss', chain: [ca] });
    const f = writeTmp(d, 'a.p12', p12.value?.bytes ?? new Uint8Array());
    const info = openssl(['pkcs12', '-info', '-nodes', '-in', f, '-passin', 'pass:pa ss']);
    expect(info.status).toBe(0);
    expect(info.stdout).toContain('-----BEGIN PRIVATE KEY-----');
    expect((info.stdout.match(/BEGIN CERTIFICATE/g) ?? []).length).toBe(2);
    expect(info.stdout).toContain("friendlyName: USER1 o'x, ");
    expect(openssl(['pkcs12', '-info', '-nodes', '-in', f, '-passin', 'pass:nope']).status).not.toBe(0);
    const p7 = writeTmp(d, 'a.p7b', exportCertificate(leaf, 'PKCS7DER', { chain: [ca] }).value?.bytes ?? new Uint8Array());
    expect((opensslOk(['pkcs7', '-inform', 'DER', '-in', p7, '-print_certs']).match(/BEGIN CERTIFICATE/g) ?? []).length).toBe(2);
    // OpenSSL-made packages.
    const certP = writeTmp(d, 'c.pem', exportCertificate(leaf, 'CERTB64').value?.bytes ?? new Uint8Array());
    const keyP = writeTmp(d, 'k.pem', `-----BEGIN PRIVATE KEY-----\n${leaf.privateKey?.pkcs8 ?? ''}\n-----END PRIVATE KEY-----\n`);
    for (const extra of [[], ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']]) {
      const out = `${d}/o${extra.length}.p12`;
      opensslOk(['pkcs12', '-export', '-in', certP, '-inkey', keyP, '-name', 'from openssl', '-passout', 'pass:secret', '-out', out, ...extra]);
      const back = readCertificatePackage(new Uint8Array(readFileSync(out)), 'secret');
      expect(back.diagnostics).toEqual([]);
      expect(back.value?.friendlyName).toBe('from openssl');
      expect(back.value?.privateKey).toBeDefined();
      expect(Buffer.from(back.value?.certificate.der ?? []).toString('base64')).toBe(leaf.der);
    }
  });

  test('PEM and PKCS7 helpers', async () => {
    const { ca, leaf } = await pair();
    const certs = [unb64(leaf.der ?? ''), unb64(ca.der ?? '')];
    expect(readPkcs7(writePkcs7(certs))).toEqual(certs);
    expect(readPem('junk\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n').map((b) => b.type)).toEqual(['CERTIFICATE']);
    const p = readPkcs12(writePkcs12({ der: certs[0] ?? new Uint8Array(), label: 'x' }, [], undefined, 'pw'), 'pw');
    expect('certificates' in p && p.certificates.length).toBe(1);
    void fixedClock(TODAY);
  });
});
function fail(): never {
  throw new Error('missing');
}
