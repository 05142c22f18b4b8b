import { fixedClock } from '@ztwin/core';
import type { CertificateRecord } from '@ztwin/racf-model';
import { gencert, parseCertificate, seededKeySource, webCryptoKeySource, parseRacfDateTime, genreq, parseCertRequest } from '@ztwin/keyring';
// Internals, not in the package's public API.
import { unb64 } from '../src/der';
import { NIST_CURVES, scalarMult, signRfc6979 } from '../src/ecdsa6979';
import { ctx, opensslOk, pem, tmp, withOpenssl, writeTmp } from './helpers';

async function mkCa(label = 'Liberty CA', seed = 'ca'): Promise<CertificateRecord> {
  const r = await gencert(
    { owner: { kind: 'CERTAUTH' }, label, subject: { CN: label, OU: ['ATS'], O: 'IBM', C: 'US' }, keyType: 'NISTECC', size: 256, notAfter: { date: '2030/12/31' } },
    ctx(seed),
  );
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  return r.value.certificate;
}

describe('GENCERT', () => {
  test('self-signed CERTAUTH: serial 0, CA extensions, RACF DN forms', async () => {
    const ca = await mkCa();
    expect(ca.serialHex).toBe('0');
    expect(ca.subjectDn).toBe('CN=Liberty CA.OU=ATS.O=IBM.C=US');
    expect(ca.issuerDn).toBe(ca.subjectDn);
    expect(ca.notAfter).toBe('2030-12-31T23:59:59.000Z');
    expect(ca.notBefore).toBe('2026-11-24T12:00:00.000Z');
    expect(ca.keyType).toBe('NISTECC');
    expect(ca.keySize).toBe(256);
    expect(ca.privateKey?.storage).toBe('RACF');
    const info = parseCertificate(unb64(ca.der ?? ''));
    expect(info?.basicConstraints).toEqual({ ca: true });
    expect(info?.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(info?.signatureAlgorithm).toBe('sha256ECDSA');
  });

  test('SIGNWITH: serials increase per signer, AKI = signer SKI, user cert has no CA/keyUsage by default', async () => {
    const ca = await mkCa();
    const r1 = await gencert({ owner: { kind: 'ID', id: 'LIBSERV' }, label: 'a', subject: { CN: 'a' }, keyType: 'NISTECC', size: 256, signWith: ca }, ctx('u'));
    const s1 = r1.value?.signer;
    expect(r1.value?.certificate.serialHex).toBe('1');
    expect(s1?.lastSerialIssuedHex).toBe('1');
    const r2 = await gencert({ owner: { kind: 'ID', id: 'LIBSERV' }, label: 'b', subject: { CN: 'b' }, keyType: 'NISTECC', size: 256, signWith: s1 }, ctx('u2'));
    expect(r2.value?.certificate.serialHex).toBe('2');
    const i1 = parseCertificate(unb64(r1.value?.certificate.der ?? ''));
    const ic = parseCertificate(unb64(ca.der ?? ''));
    expect(ic?.subjectKeyId?.length).toBe(20); // a real SKI (SHA-1 of the key), so the match below means something
    expect(i1?.authorityKeyId).toEqual(ic?.subjectKeyId);
    expect(i1?.basicConstraints).toBeUndefined();
    expect(i1?.keyUsage).toBeUndefined();
    expect(r1.value?.certificate.issuerDn).toBe(ca.subjectDn);
  });

  test('KEYUSAGE and ALTNAME map to X.509', async () => {
    const r = await gencert(
      {
        owner: { kind: 'ID', id: 'U' },
        label: 'k',
        subject: { CN: 'k' },
        keyType: 'NISTECC',
        size: 384,
        keyUsage: ['HANDSHAKE', 'DOCSIGN'],
        altName: { ip: '127.0.0.1', domain: 'wg31.example.com', email: 'a@b.c', uri: 'https://x/y' },
      },
      ctx(),
    );
    const i = parseCertificate(unb64(r.value?.certificate.der ?? ''));
    expect(i?.keyUsage).toEqual(['digitalSignature', 'nonRepudiation', 'keyEncipherment']);
    expect(i?.altNames).toEqual({ ip: ['127.0.0.1'], domain: ['wg31.example.com'], email: ['a@b.c'], uri: ['https://x/y'] });
    expect(i?.signatureAlgorithm).toBe('sha384ECDSA');
  });

  test('diagnostics: NOTRUST signer, no key signer, unsupported key, bad dates, IRRD133I', async () => {
    const ca = await mkCa();
    const base = { owner: { kind: 'ID' as const, id: 'U' }, label: 'x', subject: { CN: 'x' }, keyType: 'NISTECC' as const, size: 256 };
    const codes = async (p: Parameters<typeof gencert>[0]): Promise<string[]> => (await gencert(p, ctx())).diagnostics.map((d) => d.code);
    expect(await codes({ ...base, signWith: { ...ca, trust: 'NOTRUST' } })).toEqual(['KR-SIGNWITH-NOTRUST']);
    const { privateKey: _pk, ...noKey } = ca;
    expect(await codes({ ...base, signWith: noKey })).toEqual(['KR-SIGNWITH-NOKEY']);
    expect(await codes({ ...base, size: 192 })).toEqual(['KR-UNSUPPORTED-KEY']);
    expect(await codes({ ...base, size: undefined })).toEqual(['KR-UNSUPPORTED-KEY']);
    expect(await codes({ ...base, keyType: 'BPECC' })).toEqual(['KR-UNSUPPORTED-KEY']);
    expect(await codes({ ...base, notAfter: { date: '2022/02/30' } })).toEqual(['KR-DATE']);
    expect(await codes({ ...base, notAfter: { date: '2022/12/31' } })).toEqual(['IRRD133I']);
    expect(await codes({ ...base, subject: { CN: 'x', C: 'USA' } })).toEqual(['KR-SUBJECTSDN']);
  });

  test('RACF date defaults: NOTBEFORE 00:00:00, NOTAFTER 23:59:59; both separators', () => {
    expect(parseRacfDateTime({ date: '2022/12/31' }, true)?.toISOString()).toBe('2022-12-31T23:59:59.000Z');
    expect(parseRacfDateTime({ date: '2022-12-31' }, false)?.toISOString()).toBe('2022-12-31T00:00:00.000Z');
    expect(parseRacfDateTime({ date: '2022-12-31', time: '10:30' }, false)?.toISOString()).toBe('2022-12-31T10:30:00.000Z');
    expect(parseRacfDateTime({ date: '2022-13-01' }, false)).toBeUndefined();
  });

  test('default NOTAFTER is one year after NOTBEFORE', async () => {
    const r = await gencert({ owner: { kind: 'ID', id: 'U' }, label: 'x', subject: { CN: 'x' }, keyType: 'NISTECC', size: 256 }, ctx());
    expect(r.value?.certificate.notAfter).toBe('2027-11-24T12:00:00.000Z');
  });

  test('seeded key source: same inputs give the same TBSCertificate and key', async () => {
    const p = { owner: { kind: 'ID' as const, id: 'U' }, label: 'x', subject: { CN: 'x' }, keyType: 'NISTECC' as const, size: 256 as const };
    const a = await gencert(p, ctx('same'));
    const b = await gencert(p, ctx('same'));
    // Both sides could be undefined if GENCERT failed: require real certificates and keys first.
    const ta = parseCertificate(unb64(a.value?.certificate.der ?? ''))?.tbs;
    expect(ta?.length).toBeGreaterThan(100);
    expect(a.value?.certificate.privateKey?.pkcs8.length).toBeGreaterThan(50);
    expect(ta).toEqual(parseCertificate(unb64(b.value?.certificate.der ?? ''))?.tbs);
    expect(a.value?.certificate.privateKey).toEqual(b.value?.certificate.privateKey);
    // A different seed gives a different key (the source is really seeded).
    const c = await gencert(p, ctx('other'));
    expect(c.value?.certificate.privateKey?.pkcs8).not.toBe(a.value?.certificate.privateKey?.pkcs8);
  });

  test('RSA: fixed RSA keys give byte-identical certificates (PKCS#1 v1.5 is deterministic)', async () => {
    const kp = await webCryptoKeySource().generate({ type: 'RSA', size: 1024 });
    const { fixedKeySource } = await import('@ztwin/keyring');
    const p = { owner: { kind: 'CERTAUTH' as const }, label: 'r', subject: { CN: 'r' }, size: 1024 };
    const a = await gencert(p, { clock: fixedClock('2026-01-01T00:00:00Z'), keySource: fixedKeySource([kp.pkcs8]) });
    const b = await gencert(p, { clock: fixedClock('2026-01-01T00:00:00Z'), keySource: fixedKeySource([kp.pkcs8]) });
    expect(a.value?.certificate.der).toBeDefined();
    expect(a.value?.certificate.der).toBe(b.value?.certificate.der);
    expect(a.value?.certificate.keyType).toBe('RSA');
    expect(a.value?.certificate.keySize).toBe(1024);
  });

  test('GENREQ then GENCERT(request) signs the request with SIGNWITH', async () => {
    const ca = await mkCa();
    const self = await gencert({ owner: { kind: 'ID', id: 'U' }, label: 'req', subject: { CN: 'req', O: 'IBM' }, keyType: 'NISTECC', size: 256, altName: { domain: 'h.example' } }, ctx('r'));
    const req = await genreq(self.value?.certificate ?? ca);
    expect(req.diagnostics).toEqual([]);
    const parsed = parseCertRequest(req.value ?? new Uint8Array());
    expect(parsed?.signatureValid).toBe(true);
    const signed = await gencert({ owner: { kind: 'ID', id: 'U' }, label: 'signed', request: req.value, signWith: ca }, ctx());
    expect(signed.diagnostics).toEqual([]);
    expect(signed.value?.certificate.subjectDn).toBe('CN=req.O=IBM');
    expect(signed.value?.certificate.privateKey).toBeUndefined();
    const i = parseCertificate(unb64(signed.value?.certificate.der ?? ''));
    expect(i?.altNames.domain).toEqual(['h.example']);
    expect(i?.spki).toEqual(parseCertificate(unb64(self.value?.certificate.der ?? ''))?.spki);
  });

  withOpenssl('openssl: subject order, text, and chain verify', async () => {
    const ca = await mkCa('zCEE CA');
    const r = await gencert(
      {
        owner: { kind: 'ID', id: 'LIBSERV' },
        label: 'zCEE Client Cert',
        subject: { CN: 'zCEE Client Cert', T: 'Server', OU: ['ATS', 'WSC'], O: 'IBM', L: 'Gaithersburg', SP: 'MD', C: 'US' },
        keyType: 'NISTECC',
        size: 256,
        signWith: ca,
        keyUsage: ['HANDSHAKE'],
      },
      ctx('leaf'),
    );
    const d = tmp();
    const caP = writeTmp(d, 'ca.pem', pem(ca));
    const leafP = writeTmp(d, 'leaf.pem', pem(r.value?.certificate ?? ca));
    expect(opensslOk(['x509', '-noout', '-subject', '-nameopt', 'compat', '-in', leafP]).trim()).toBe(
      'subject=/C=US/ST=MD/L=Gaithersburg/O=IBM/OU=WSC/OU=ATS/title=Server/CN=zCEE Client Cert',
    );
    const text = opensslOk(['x509', '-noout', '-text', '-in', caP]);
    expect(text).toMatch(/CA:TRUE/);
    expect(text).toMatch(/Certificate Sign, CRL Sign/);
    expect(opensslOk(['verify', '-CAfile', caP, '-attime', String(Date.parse('2027-01-01') / 1000), leafP]).trim()).toBe(`${leafP}: OK`);
  });

  test('P-521 and RSA-2048 work end to end', async () => {
    const e = await gencert({ owner: { kind: 'CERTAUTH' }, label: 'e', subject: { CN: 'e' }, keyType: 'NISTECC', size: 521 }, ctx());
    expect(e.value?.certificate.keySize).toBe(521);
    const r = await gencert({ owner: { kind: 'CERTAUTH' }, label: 'r', subject: { CN: 'r' } }, { clock: fixedClock('2026-01-01'), keySource: webCryptoKeySource() });
    expect(r.value?.certificate.keySize).toBe(2048);
    expect(parseCertificate(unb64(r.value?.certificate.der ?? ''))?.signatureAlgorithm).toBe('sha256RSA');
    const s = seededKeySource('x');
    await expect(s.generate({ type: 'RSA', size: 2048 })).rejects.toThrow(/fallback/);
  });
});

describe('pluggable WebCrypto provider', () => {
  test('@peculiar/webcrypto generates and signs; Node verifies (openssl-free check)', async () => {
    const { Crypto } = await import('@peculiar/webcrypto');
    const { X509Certificate } = await import('node:crypto');
    const c = new Crypto();
    const ctxP = { clock: fixedClock('2026-11-24'), keySource: webCryptoKeySource(c), crypto: c };
    const ca = await gencert({ owner: { kind: 'CERTAUTH' }, label: 'p', subject: { CN: 'p' }, keyType: 'NISTECC', size: 384 }, ctxP);
    const leaf = await gencert({ owner: { kind: 'ID', id: 'U' }, label: 'l', subject: { CN: 'l' }, keyType: 'NISTECC', size: 256, signWith: ca.value?.certificate }, ctxP);
    const x = new X509Certificate(Buffer.from(leaf.value?.certificate.der ?? '', 'base64'));
    const xc = new X509Certificate(Buffer.from(ca.value?.certificate.der ?? '', 'base64'));
    expect(x.verify(xc.publicKey)).toBe(true);
    expect(x.checkIssued(xc)).toBe(true);
  });
});

describe('deterministic ECDSA (RFC 6979)', () => {
  test('curve constants: G is on the curve and n·G is the point at infinity', () => {
    for (const c of Object.values(NIST_CURVES)) {
      const lhs = (c.gy * c.gy) % c.p;
      const rhs = (((c.gx * c.gx * c.gx - 3n * c.gx + c.b) % c.p) + c.p) % c.p;
      expect(lhs).toBe(rhs);
      expect(scalarMult(c, c.n)).toBeUndefined();
    }
  });

  test('RFC 6979 A.2.5 test vector (P-256, SHA-256, "sample")', () => {
    const d = 0xc9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721n;
    const sig = Buffer.from(signRfc6979(256, d, new TextEncoder().encode('sample'))).toString('hex').toUpperCase();
    expect(sig).toContain('EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716');
    expect(sig).toContain('F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8');
  });

  test('seeded keys + deterministic signatures give byte-identical certificates that verify', async () => {
    const { X509Certificate } = await import('node:crypto');
    for (const size of [256, 384, 521] as const) {
      const mk = async () => {
        const ca = await gencert({ owner: { kind: 'CERTAUTH' }, label: 'ca', subject: { CN: 'ca' }, keyType: 'NISTECC', size }, { ...ctx('det'), deterministicSignatures: true });
        const leaf = await gencert(
          { owner: { kind: 'ID', id: 'U' }, label: 'l', subject: { CN: 'l' }, keyType: 'NISTECC', size: 256, signWith: ca.value?.certificate },
          { ...ctx('det2'), deterministicSignatures: true },
        );
        return [ca.value?.certificate.der ?? '', leaf.value?.certificate.der ?? ''];
      };
      const [a, b] = [await mk(), await mk()];
      expect(a).toEqual(b);
      const [caDer, leafDer] = a;
      const x = new X509Certificate(Buffer.from(leafDer ?? '', 'base64'));
      const xc = new X509Certificate(Buffer.from(caDer ?? '', 'base64'));
      expect(xc.verify(xc.publicKey)).toBe(true);
      expect(x.verify(xc.publicKey)).toBe(true);
    }
  });
});

describe('bad key material gives diagnostics, not exceptions', () => {
  test('a SIGNWITH record whose private key is garbage', async () => {
    const ca = await gencert({ owner: { kind: 'CERTAUTH' }, label: 'ca', subject: { CN: 'ca' }, keyType: 'NISTECC', size: 256 }, ctx('g'));
    const broken = { ...(ca.value?.certificate ?? fail()), privateKey: { pkcs8: 'AAAA', storage: 'RACF' as const } };
    const r = await gencert({ owner: { kind: 'ID', id: 'U' }, label: 'x', subject: { CN: 'x' }, keyType: 'NISTECC', size: 256, signWith: broken }, ctx('g2'));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KR-SIGNWITH-NOKEY']);
    expect((await genreq(broken)).diagnostics.map((d) => d.code)).toEqual(['KR-SIGN']);
  });
});
function fail(): never {
  throw new Error('fixture');
}
