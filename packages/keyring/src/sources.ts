/**
 * Injectable sources of key pairs and serial numbers, and the WebCrypto provider.
 * Node's own `globalThis.crypto` is the default provider; any WebCrypto `WebCrypto` (e.g.
 * `new (require('@peculiar/webcrypto').Crypto)()`) can be passed instead.
 */
import { createHmac, webcrypto } from 'node:crypto';
const nodeWebcrypto: WebCrypto = webcrypto;

/** A WebCrypto implementation (Node's `globalThis.crypto` or e.g. @peculiar/webcrypto). */
export interface WebCrypto {
  readonly subtle: webcrypto.SubtleCrypto;
}
export type WebCryptoKey = webcrypto.CryptoKey;
import { type Der, children, explicit, fromHex, int, octets, oid, parseDer, readOid, readUint, seq, toHex, uintBytes } from './der';

/** Key algorithms ztwin can generate. RACF names: RSA, NISTECC (P-256/384/521). */
export type KeySpec = { readonly type: 'RSA'; readonly size: number } | { readonly type: 'NISTECC'; readonly size: 256 | 384 | 521 };

/** A generated key pair: WebCrypto handles plus the DER forms the certificate and record need. */
export interface KeyPairMaterial {
  readonly spec: KeySpec;
  readonly privateKey: WebCryptoKey;
  readonly publicKey: WebCryptoKey;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
  /** PKCS#8 DER. SECRET. */
  readonly pkcs8: Uint8Array;
}

export interface KeySource {
  generate(spec: KeySpec): Promise<KeyPairMaterial>;
}

export const curveName = (size: 256 | 384 | 521): 'P-256' | 'P-384' | 'P-521' => (size === 256 ? 'P-256' : size === 384 ? 'P-384' : 'P-521');

export function defaultCrypto(): WebCrypto {
  return nodeWebcrypto;
}

async function exportPair(c: WebCrypto, spec: KeySpec, privateKey: WebCryptoKey, publicKey: WebCryptoKey): Promise<KeyPairMaterial> {
  const [spki, pkcs8] = await Promise.all([c.subtle.exportKey('spki', publicKey), c.subtle.exportKey('pkcs8', privateKey)]);
  return { spec, privateKey, publicKey, spki: new Uint8Array(spki), pkcs8: new Uint8Array(pkcs8) };
}

/** Fresh random keys from a WebCrypto provider (production default). */
export function webCryptoKeySource(c: WebCrypto = defaultCrypto()): KeySource {
  return {
    async generate(spec) {
      if (spec.type === 'RSA') {
        const kp = await c.subtle.generateKey(
          { name: 'RSASSA-PKCS1-v1_5', modulusLength: spec.size, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
          true,
          ['sign', 'verify'],
        );
        return exportPair(c, spec, kp.privateKey, kp.publicKey);
      }
      const kp = await c.subtle.generateKey({ name: 'ECDSA', namedCurve: curveName(spec.size) }, true, ['sign', 'verify']);
      return exportPair(c, spec, kp.privateKey, kp.publicKey);
    },
  };
}

/** Import a PKCS#8 key (RSA or EC) as a signing key, and derive its public key. */
export async function importPkcs8(pkcs8: Uint8Array, c: WebCrypto = defaultCrypto()): Promise<KeyPairMaterial | undefined> {
  const info = pkcs8KeySpec(pkcs8);
  if (!info) return undefined;
  try {
    const alg =
      info.type === 'RSA'
        ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
        : { name: 'ECDSA', namedCurve: curveName(info.size) };
    const privateKey = await c.subtle.importKey('pkcs8', pkcs8, alg, true, ['sign']);
    // Public key: via JWK (drop the private parts).
    const jwk = await c.subtle.exportKey('jwk', privateKey);
    const pubJwk: webcrypto.JsonWebKey = info.type === 'RSA' ? { kty: 'RSA', n: jwk.n, e: jwk.e } : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
    const publicKey = await c.subtle.importKey('jwk', pubJwk, alg, true, ['verify']);
    return exportPair(c, info, privateKey, publicKey);
  } catch {
    return undefined;
  }
}

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const CURVE_OIDS: Record<string, 256 | 384 | 521> = { '1.2.840.10045.3.1.7': 256, '1.3.132.0.34': 384, '1.3.132.0.35': 521 };

/** Key spec of a PKCS#8 key, read from its AlgorithmIdentifier (RSA size from the modulus). */
export function pkcs8KeySpec(pkcs8: Uint8Array): KeySpec | undefined {
  const top = parseDer(pkcs8);
  const parts = top ? children(top) : undefined;
  const algSeq = parts?.[1];
  const alg = algSeq ? children(algSeq) : undefined;
  const algOid = alg?.[0] ? readOid(alg[0]) : undefined;
  if (algOid === OID_EC) {
    const c = alg?.[1] ? readOid(alg[1]) : undefined;
    const size = c ? CURVE_OIDS[c] : undefined;
    return size ? { type: 'NISTECC', size } : undefined;
  }
  if (algOid === OID_RSA) {
    const keyOct = parts?.[2];
    const inner = keyOct ? parseDer(keyOct.content) : undefined;
    const rsa = inner ? children(inner) : undefined;
    const n = rsa?.[1] ? readUint(rsa[1]) : undefined;
    if (!n) return undefined;
    return { type: 'RSA', size: bitLength(n) };
  }
  return undefined;
}
export function bitLength(mag: Uint8Array): number {
  const first = mag[0] ?? 0;
  return first === 0 ? 0 : (mag.length - 1) * 8 + (32 - Math.clz32(first));
}

/** Keys from a fixed list of PKCS#8 keys (pre-generated), handed out in order per key spec. */
export function fixedKeySource(pkcs8Keys: readonly Uint8Array[], c: WebCrypto = defaultCrypto()): KeySource {
  const used = new Set<number>();
  return {
    async generate(spec) {
      for (let i = 0; i < pkcs8Keys.length; i++) {
        if (used.has(i)) continue;
        const k = pkcs8Keys[i];
        const s = k ? pkcs8KeySpec(k) : undefined;
        if (k && s && s.type === spec.type && s.size === spec.size) {
          const m = await importPkcs8(k, c);
          if (m) {
            used.add(i);
            return m;
          }
        }
      }
      throw new Error(`fixedKeySource: no unused ${spec.type} ${spec.size} key left`);
    },
  };
}

const CURVE_OID_BY_SIZE: Record<256 | 384 | 521, string> = { 256: '1.2.840.10045.3.1.7', 384: '1.3.132.0.34', 521: '1.3.132.0.35' };

/**
 * Deterministic EC keys derived from a seed (HMAC-SHA256 counter mode): the same seed gives the
 * same sequence of keys. For tests only. RSA is not derivable cheaply: use `fixedKeySource`
 * (pre-generated RSA keys) combined via `seededKeySource(seed, fallback)`.
 */
export function seededKeySource(seed: string, rsaFallback?: KeySource, c: WebCrypto = defaultCrypto()): KeySource {
  let counter = 0;
  return {
    async generate(spec) {
      if (spec.type === 'RSA') {
        if (!rsaFallback) throw new Error('seededKeySource: RSA keys need a fallback key source');
        return rsaFallback.generate(spec);
      }
      const n = spec.size === 521 ? 66 : spec.size / 8;
      const bytes: number[] = [];
      for (let block = 0; bytes.length < n; block++) {
        bytes.push(...createHmac('sha256', seed).update(`${counter}/${block}`).digest());
      }
      counter++;
      const d = new Uint8Array(bytes.slice(0, n));
      // Clear the top bits so that d < curve order; set a low bit so that d != 0.
      d[0] = spec.size === 521 ? (d[0] ?? 0) & 0x00 : (d[0] ?? 0) & 0x7f;
      d[n - 1] = (d[n - 1] ?? 0) | 1;
      const ecPrivateKey = seq(int(1), octets(d), explicit(0, oid(CURVE_OID_BY_SIZE[spec.size])));
      const pkcs8 = seq(int(0), seq(oid(OID_EC), oid(CURVE_OID_BY_SIZE[spec.size])), octets(ecPrivateKey));
      const m = await importPkcs8(pkcs8, c);
      if (!m) throw new Error('seededKeySource: derived key rejected');
      return m;
    },
  };
}

/** Serial numbers for certificates a CA signs. RACF: the signing certificate's last serial + 1. */
export interface SerialSource {
  /** The next serial (hex, upper case, no leading zeros) for a CA whose last issued serial is `lastHex`. */
  next(lastHex: string | undefined): string;
}
/** RACF's rule: last serial issued by the signing CA plus one (the first is 01). */
export const racfSerialSource: SerialSource = {
  next(lastHex) {
    const v = lastHex === undefined || lastHex === '' ? 0n : BigInt(`0x${lastHex}`);
    return (v + 1n).toString(16).toUpperCase();
  },
};

/** Serial DER INTEGER from hex. */
export function serialDer(hex: string): Der {
  return uintBytes(fromHex(hex === '' ? '0' : hex));
}
export function normaliseSerialHex(bytes: Uint8Array): string {
  const h = toHex(bytes).replace(/^0+/, '');
  return h === '' ? '0' : h;
}
