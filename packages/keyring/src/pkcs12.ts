/**
 * PKCS#12 (RFC 7292) read and write, and the password-based encryption it needs.
 *
 * Written: certificates in a plain `data` SafeContents, the key in a pkcs8ShroudedKeyBag with
 * PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), MAC HMAC-SHA256 with the PKCS#12 KDF — what
 * OpenSSL 3 writes by default, and what `openssl pkcs12 -info` reads.
 * Read: PBES2 (PBKDF2 with HMAC-SHA1/224/256/384/512; AES-128/192/256-CBC, DES-EDE3-CBC), the
 * legacy PKCS#12 PBEs pbeWithSHAAnd3-KeyTripleDES-CBC and (when the runtime's OpenSSL has RC2)
 * pbeWithSHAAnd40BitRC2-CBC, which OpenSSL < 3 used; MAC with SHA-1/SHA-256/384/512.
 *
 * The primitives (PBKDF2, AES, 3DES, HMAC) are Node's synchronous `node:crypto`: WebCrypto has no
 * 3DES or RC2, and one provider for all PBE schemes keeps the code small. Secrets (password, key)
 * never enter diagnostics.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, getCiphers, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type Der,
  type Node,
  bmp,
  children,
  concat,
  explicit,
  int,
  nullDer,
  octets,
  oid,
  parseDer,
  readOid,
  readSmallInt,
  readString,
  seq,
  set,
  tlv,
} from './der';

const O = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha3DES: '1.2.840.113549.1.12.1.3',
  pbeSha40RC2: '1.2.840.113549.1.12.1.6',
  pbeSha128RC2: '1.2.840.113549.1.12.1.5',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
} as const;
const HMAC_PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Record<string, { name: string; keyLen: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLen: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLen: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLen: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLen: 24 },
};
const DIGESTS: Record<string, { name: string; u: number; v: number }> = {
  [O.sha1]: { name: 'sha1', u: 20, v: 64 },
  [O.sha256]: { name: 'sha256', u: 32, v: 64 },
  [O.sha384]: { name: 'sha384', u: 48, v: 128 },
  [O.sha512]: { name: 'sha512', u: 64, v: 128 },
};

/** BMPString password bytes with the two-byte terminator (RFC 7292 B.1). */
function bmpPassword(pw: string): Uint8Array {
  const b = new Uint8Array(pw.length * 2 + 2);
  for (let i = 0; i < pw.length; i++) {
    b[2 * i] = pw.charCodeAt(i) >> 8;
    b[2 * i + 1] = pw.charCodeAt(i) & 0xff;
  }
  return b;
}

/** The PKCS#12 key derivation function (RFC 7292 appendix B.2). */
export function pkcs12Kdf(hash: string, u: number, v: number, password: string, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, n: number): Uint8Array {
  const P0 = bmpPassword(password);
  const D = new Uint8Array(v).fill(id);
  const rep = (b: Uint8Array): Uint8Array => {
    if (b.length === 0) return b;
    const len = v * Math.ceil(b.length / v);
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) out[i] = b[i % b.length] ?? 0;
    return out;
  };
  const I = concat([rep(salt), rep(P0)]);
  const out: Uint8Array[] = [];
  let got = 0;
  while (got < n) {
    let A = new Uint8Array(createHash(hash).update(D).update(I).digest());
    for (let i = 1; i < iterations; i++) A = new Uint8Array(createHash(hash).update(A).digest());
    out.push(A);
    got += A.length;
    if (got >= n) break;
    const B = new Uint8Array(v);
    for (let i = 0; i < v; i++) B[i] = A[i % u] ?? 0;
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const x = (I[j + k] ?? 0) + (B[k] ?? 0) + carry;
        I[j + k] = x & 0xff;
        carry = x >> 8;
      }
    }
  }
  return concat(out).subarray(0, n);
}

export interface PbeFailure {
  readonly reason: 'unsupported' | 'bad-password' | 'malformed';
  readonly detail: string;
}

/** Decrypt with an AlgorithmIdentifier of a password-based scheme. */
export function pbeDecrypt(alg: Node, data: Uint8Array, password: string): Uint8Array | PbeFailure {
  const a = children(alg);
  const algOid = a?.[0] ? readOid(a[0]) : undefined;
  const params = a?.[1];
  try {
    if (algOid === O.pbes2 && params) {
      const pp = children(params);
      const kdf = pp?.[0] ? children(pp[0]) : undefined;
      const enc = pp?.[1] ? children(pp[1]) : undefined;
      if (!kdf?.[0] || readOid(kdf[0]) !== O.pbkdf2 || !kdf[1] || !enc?.[0] || !enc[1]) return { reason: 'unsupported', detail: 'PBES2 with a key derivation other than PBKDF2' };
      const kp = children(kdf[1]);
      const salt = kp?.[0];
      const iter = kp?.[1] ? readSmallInt(kp[1]) : undefined;
      if (!salt || salt.tag !== 0x04 || iter === undefined) return { reason: 'malformed', detail: 'PBKDF2 parameters' };
      const prfN = kp?.find((x, i) => i >= 2 && x.tag === 0x30);
      const prfOid = prfN ? children(prfN)?.[0] : undefined;
      const prf = prfOid ? HMAC_PRF[readOid(prfOid) ?? ''] : 'sha1';
      const encOid = readOid(enc[0]);
      const cipher = encOid ? CIPHERS[encOid] : undefined;
      if (!prf || !cipher) return { reason: 'unsupported', detail: `PBES2 cipher or PRF ${encOid ?? '?'}` };
      const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt.content, iter, cipher.keyLen, prf);
      const d = createDecipheriv(cipher.name, key, enc[1].content);
      return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
    }
    if ((algOid === O.pbeSha3DES || algOid === O.pbeSha40RC2 || algOid === O.pbeSha128RC2) && params) {
      const pp = children(params);
      const salt = pp?.[0];
      const iter = pp?.[1] ? readSmallInt(pp[1]) : undefined;
      if (!salt || iter === undefined) return { reason: 'malformed', detail: 'PKCS#12 PBE parameters' };
      const [cipher, keyLen] = algOid === O.pbeSha3DES ? ['des-ede3-cbc', 24] : algOid === O.pbeSha40RC2 ? ['rc2-40-cbc', 5] : ['rc2-cbc', 16];
      if (!getCiphers().includes(cipher)) return { reason: 'unsupported', detail: `${cipher} is not available in this Node/OpenSSL build (legacy provider)` };
      const key = pkcs12Kdf('sha1', 20, 64, password, salt.content, 1, iter, keyLen);
      const iv = pkcs12Kdf('sha1', 20, 64, password, salt.content, 2, iter, 8);
      const d = createDecipheriv(cipher, key, iv);
      return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    return /bad decrypt|wrong final block/i.test(msg) ? { reason: 'bad-password', detail: 'decryption failed (wrong password?)' } : { reason: 'unsupported', detail: msg.replace(/\s+/g, ' ').slice(0, 80) };
  }
  return { reason: 'unsupported', detail: `encryption algorithm ${algOid ?? '?'}` };
}

/** PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) encryption: returns [AlgorithmIdentifier, ciphertext]. */
export function pbes2Encrypt(data: Uint8Array, password: string, iterations = 2048, random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n))): [Der, Uint8Array] {
  const salt = random(16);
  const iv = random(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const c = createCipheriv('aes-256-cbc', key, iv);
  const ct = new Uint8Array(Buffer.concat([c.update(data), c.final()]));
  const alg = seq(
    oid(O.pbes2),
    seq(seq(oid(O.pbkdf2), seq(octets(salt), int(iterations), seq(oid('1.2.840.113549.2.9'), nullDer()))), seq(oid('2.16.840.1.101.3.4.1.42'), octets(iv))),
  );
  return [alg, ct];
}

/**
 * pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 appendix C): key and IV from the PKCS#12 KDF with
 * SHA-1; returns [AlgorithmIdentifier, ciphertext]. The inverse of pbeDecrypt's legacy branch.
 */
export function pbeSha3DesEncrypt(data: Uint8Array, password: string, iterations = 2048, random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n))): [Der, Uint8Array] {
  const salt = random(8);
  const key = pkcs12Kdf('sha1', 20, 64, password, salt, 1, iterations, 24);
  const iv = pkcs12Kdf('sha1', 20, 64, password, salt, 2, iterations, 8);
  const c = createCipheriv('des-ede3-cbc', key, iv);
  const ct = new Uint8Array(Buffer.concat([c.update(data), c.final()]));
  return [seq(oid(O.pbeSha3DES), seq(octets(salt), int(iterations))), ct];
}

export interface Pkcs12Contents {
  /** Certificates (DER) in the order found. */
  readonly certificates: Uint8Array[];
  /** friendlyName of each certificate, when present. */
  readonly certificateNames: (string | undefined)[];
  /** Private keys (PKCS#8 DER). SECRET: not enumerable, so not in JSON.stringify or spreads. */
  readonly privateKeys: Uint8Array[];
}

/**
 * Put a SECRET on `obj` as a read-only, non-enumerable property: reading it by name works, but
 * JSON.stringify, object spread, `Object.keys` and jest's printing do not show it, so a caller who
 * logs or serialises a whole result does not leak a private key without asking for it.
 */
export function withSecret<T extends object, K extends string, V>(obj: T, key: K, value: V): T & { readonly [P in K]: V } {
  Object.defineProperty(obj, key, { value, enumerable: false, writable: false, configurable: false });
  return obj as T & { readonly [P in K]: V };
}

/** Read a PFX. `Left`-style failure is a PbeFailure. Its `privateKeys` are not enumerable (SECRET). */
export function readPkcs12(der: Uint8Array, password: string): Pkcs12Contents | PbeFailure {
  const top = parseDer(der);
  const parts = top && top.tag === 0x30 ? children(top) : undefined;
  const authSafe = parts?.[1] ? children(parts[1]) : undefined;
  if (!parts || !authSafe || !authSafe[0] || readOid(authSafe[0]) !== O.data || !authSafe[1]) return { reason: 'malformed', detail: 'not a PKCS #12 PFX' };
  const content = octetContent(authSafe[1]);
  if (!content) return { reason: 'malformed', detail: 'PFX authSafe content' };
  // MAC
  const macData = parts[2] ? children(parts[2]) : undefined;
  if (macData?.[0] && macData[1]) {
    const di = children(macData[0]);
    const algO = di?.[0] ? children(di[0])?.[0] : undefined;
    const dg = algO ? DIGESTS[readOid(algO) ?? ''] : undefined;
    const mac = di?.[1]?.content;
    const iter = macData[2] ? readSmallInt(macData[2]) : 1;
    if (!dg || !mac || iter === undefined) return { reason: 'unsupported', detail: 'PFX MAC algorithm' };
    const key = pkcs12Kdf(dg.name, dg.u, dg.v, password, macData[1].content, 3, iter, dg.u);
    const calc = createHmac(dg.name, key).update(content).digest();
    if (calc.length !== mac.length || !timingSafeEqual(calc, mac)) return { reason: 'bad-password', detail: 'MAC verification failed (wrong password?)' };
  }
  const safes = parseDer(content);
  const privateKeys: Uint8Array[] = [];
  const out: Pkcs12Contents = withSecret({ certificates: [] as Uint8Array[], certificateNames: [] as (string | undefined)[] }, 'privateKeys', privateKeys);
  for (const ci of (safes && children(safes)) ?? []) {
    const cp = children(ci);
    const type = cp?.[0] ? readOid(cp[0]) : undefined;
    let bags: Uint8Array | undefined;
    if (type === O.data && cp?.[1]) bags = octetContent(cp[1]);
    else if (type === O.encryptedData && cp?.[1]) {
      const ed = readExplicit(cp[1]);
      const eci = ed ? children(ed)?.[1] : undefined;
      const e = eci ? children(eci) : undefined;
      const encContent = e?.[2];
      if (!e?.[1] || !encContent) return { reason: 'malformed', detail: 'EncryptedData' };
      const ct = encContent.tag === 0x80 ? encContent.content : concat((children(encContent) ?? []).map((x) => x.content));
      const pt = pbeDecrypt(e[1], ct, password);
      if (!(pt instanceof Uint8Array)) return pt;
      bags = pt;
    } else return { reason: 'unsupported', detail: `SafeContents type ${type ?? '?'}` };
    const bagsN = bags ? parseDer(bags) : undefined;
    if (!bagsN) return { reason: 'malformed', detail: 'SafeContents' };
    for (const bag of children(bagsN) ?? []) {
      const bp = children(bag);
      const bagId = bp?.[0] ? readOid(bp[0]) : undefined;
      const value = bp?.[1] ? readExplicit(bp[1]) : undefined;
      if (!value) continue;
      const name = bp?.[2] ? friendlyName(bp[2]) : undefined;
      if (bagId === O.certBag) {
        const cb = children(value);
        if (cb?.[0] && readOid(cb[0]) === O.x509Certificate && cb[1]) {
          const certOct = readExplicit(cb[1]);
          if (certOct) {
            out.certificates.push(new Uint8Array(certOct.content));
            out.certificateNames.push(name);
          }
        }
      } else if (bagId === O.keyBag) privateKeys.push(new Uint8Array(value.bytes));
      else if (bagId === O.shroudedKeyBag) {
        const ep = children(value);
        if (!ep?.[0] || !ep[1]) return { reason: 'malformed', detail: 'EncryptedPrivateKeyInfo' };
        const pt = pbeDecrypt(ep[0], ep[1].content, password);
        if (!(pt instanceof Uint8Array)) return pt;
        privateKeys.push(pt);
      }
    }
  }
  return out;
}
function octetContent(n: Node): Uint8Array | undefined {
  const inner = readExplicit(n);
  if (!inner) return undefined;
  if (inner.tag === 0x04) return inner.content;
  if (inner.tag === 0x24) return concat((children(inner) ?? []).map((x) => x.content));
  return undefined;
}
function readExplicit(n: Node): Node | undefined {
  if (n.tag !== 0xa0) return undefined;
  const c = children(n);
  return c?.length === 1 ? c[0] : undefined;
}
function friendlyName(attrs: Node): string | undefined {
  for (const a of children(attrs) ?? []) {
    const ap = children(a);
    if (ap?.[0] && readOid(ap[0]) === O.friendlyName && ap[1]) {
      const v = children(ap[1])?.[0];
      return v ? readString(v) : undefined;
    }
  }
  return undefined;
}

/** RACDCERT EXPORT PBE(ENCRYPTALG(...)): how the private key bag is encrypted. */
export type Pkcs12EncryptAlg = 'AES256' | '3DES';
/** RACDCERT EXPORT PBE(MACALG(...)): the HMAC of the package's integrity MAC. */
export type Pkcs12MacAlg = 'HMACSHA256' | 'HMACSHA1';

export interface Pkcs12WriteOptions {
  /** Iteration count of the key derivation for the key encryption and for the MAC (default 2048). */
  readonly iterations?: number;
  /**
   * AES256 (default): PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC. 3DES: the PKCS#12 PBE
   * pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 appendix C), which older readers need.
   */
  readonly encryptAlg?: Pkcs12EncryptAlg;
  /** HMACSHA256 (default) or HMACSHA1, keyed with the PKCS#12 KDF (RFC 7292 appendix B). */
  readonly macAlg?: Pkcs12MacAlg;
  /** Random bytes for salts and IVs (inject for reproducible output). */
  readonly random?: (n: number) => Uint8Array;
}

/** Write a PFX: the end-entity certificate (friendly name `label`), its chain, and the key when given. */
export function writePkcs12(
  cert: { der: Uint8Array; label: string },
  chain: readonly Uint8Array[],
  pkcs8: Uint8Array | undefined,
  password: string,
  opts: Pkcs12WriteOptions = {},
): Uint8Array {
  const random = opts.random ?? ((n: number): Uint8Array => new Uint8Array(randomBytes(n)));
  const iterations = opts.iterations ?? 2048;
  const keyId = createHash('sha1').update(cert.der).digest();
  const attrs = (name: string | undefined, withId: boolean): Der => {
    const a: Der[] = [];
    if (name !== undefined) a.push(seq(oid(O.friendlyName), set(bmp(name))));
    if (withId) a.push(seq(oid(O.localKeyId), set(octets(keyId))));
    return set(...a);
  };
  const certBag = (der: Uint8Array, name: string | undefined, withId: boolean): Der => {
    const bag = [oid(O.certBag), explicit(0, seq(oid(O.x509Certificate), explicit(0, octets(der))))];
    if (name !== undefined || withId) bag.push(attrs(name, withId));
    return seq(...bag);
  };
  const certs = seq(certBag(cert.der, cert.label, pkcs8 !== undefined), ...chain.map((c) => certBag(c, undefined, false)));
  const safes: Der[] = [seq(oid(O.data), explicit(0, octets(certs)))];
  if (pkcs8) {
    const [alg, ct] = opts.encryptAlg === '3DES' ? pbeSha3DesEncrypt(pkcs8, password, iterations, random) : pbes2Encrypt(pkcs8, password, iterations, random);
    const keyBag = seq(oid(O.shroudedKeyBag), explicit(0, seq(alg, octets(ct))), attrs(cert.label, true));
    safes.push(seq(oid(O.data), explicit(0, octets(seq(keyBag)))));
  }
  const authSafe = seq(...safes);
  const [hash, u, hashOid] = opts.macAlg === 'HMACSHA1' ? (['sha1', 20, O.sha1] as const) : (['sha256', 32, O.sha256] as const);
  const macSalt = random(16);
  const macKey = pkcs12Kdf(hash, u, 64, password, macSalt, 3, iterations, u);
  const mac = new Uint8Array(createHmac(hash, macKey).update(authSafe).digest());
  const macData = seq(seq(seq(oid(hashOid), nullDer()), octets(mac)), octets(macSalt), int(iterations));
  return seq(int(3), seq(oid(O.data), explicit(0, octets(authSafe))), macData);
}

/** PKCS#7 SignedData "certs-only" bundle (degenerate, no signers). */
export function writePkcs7(certs: readonly Uint8Array[]): Uint8Array {
  const signedData = seq(int(1), tlv(0x31, new Uint8Array(0)), seq(oid(O.data)), tlv(0xa0, concat(certs)), tlv(0x31, new Uint8Array(0)));
  return seq(oid('1.2.840.113549.1.7.2'), explicit(0, signedData));
}

/** Certificates of a PKCS#7 SignedData; undefined when it is not one. */
export function readPkcs7(der: Uint8Array): Uint8Array[] | undefined {
  const top = parseDer(der);
  const p = top ? children(top) : undefined;
  if (!p?.[0] || readOid(p[0]) !== '1.2.840.113549.1.7.2' || !p[1]) return undefined;
  const sd = readExplicit(p[1]);
  const f = sd ? children(sd) : undefined;
  const certs = f?.find((x) => x.tag === 0xa0);
  if (!f) return undefined;
  return ((certs && children(certs)) ?? []).filter((c) => c.tag === 0x30).map((c) => new Uint8Array(c.bytes));
}
