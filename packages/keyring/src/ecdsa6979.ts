/**
 * Deterministic ECDSA (RFC 6979) for P-256/384/521, in BigInt arithmetic. WebCrypto's ECDSA
 * signatures are randomised; with this signer and a fixed/seeded KeySource the same GENCERT inputs
 * give byte-identical certificates. For tests and reproducible fixtures: it is slower (a few ms per
 * signature) and not constant-time, so production signing stays on WebCrypto.
 */
import { createHash, createHmac } from 'node:crypto';
import { children, concat, parseDer } from './der';

interface Curve {
  readonly p: bigint;
  readonly b: bigint;
  readonly n: bigint;
  readonly gx: bigint;
  readonly gy: bigint;
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  readonly bytes: number;
}
// SEC 2 / FIPS 186-4 domain parameters (a = -3). Checked by test: G on the curve, n·G = O, and
// Node verifies the signatures.
export const NIST_CURVES: Record<256 | 384 | 521, Curve> = {
  256: {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    hash: 'sha256',
    bytes: 32,
  },
  384: {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    hash: 'sha384',
    bytes: 48,
  },
  521: {
    p: (1n << 521n) - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    gx: 0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
    hash: 'sha512',
    bytes: 66,
  },
};

const mod = (a: bigint, m: bigint): bigint => {
  const r = a % m;
  return r < 0n ? r + m : r;
};
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  let x = mod(b, m);
  let k = e;
  while (k > 0n) {
    if (k & 1n) r = (r * x) % m;
    x = (x * x) % m;
    k >>= 1n;
  }
  return r;
}
const inv = (a: bigint, m: bigint): bigint => modPow(a, m - 2n, m);

type Jac = readonly [bigint, bigint, bigint]; // Z = 0 is the point at infinity

function dbl(P: Jac, p: bigint): Jac {
  const [X, Y, Z] = P;
  if (Z === 0n || Y === 0n) return [1n, 1n, 0n];
  const delta = (Z * Z) % p;
  const gamma = (Y * Y) % p;
  const beta = (X * gamma) % p;
  const alpha = mod(3n * (X - delta) * (X + delta), p);
  const X3 = mod(alpha * alpha - 8n * beta, p);
  const Z3 = mod((Y + Z) * (Y + Z) - gamma - delta, p);
  const Y3 = mod(alpha * (4n * beta - X3) - 8n * gamma * gamma, p);
  return [X3, Y3, Z3];
}
function add(P: Jac, Q: Jac, p: bigint): Jac {
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const [X1, Y1, Z1] = P;
  const [X2, Y2, Z2] = Q;
  const Z1Z1 = (Z1 * Z1) % p;
  const Z2Z2 = (Z2 * Z2) % p;
  const U1 = (X1 * Z2Z2) % p;
  const U2 = (X2 * Z1Z1) % p;
  const S1 = (Y1 * Z2 * Z2Z2) % p;
  const S2 = (Y2 * Z1 * Z1Z1) % p;
  if (U1 === U2) return S1 === S2 ? dbl(P, p) : [1n, 1n, 0n];
  const H = mod(U2 - U1, p);
  const R = mod(S2 - S1, p);
  const HH = (H * H) % p;
  const HHH = (H * HH) % p;
  const X3 = mod(R * R - HHH - 2n * U1 * HH, p);
  const Y3 = mod(R * (U1 * HH - X3) - S1 * HHH, p);
  const Z3 = (H * Z1 * Z2) % p;
  return [X3, Y3, Z3];
}
/** k·(x, y) in affine coordinates; undefined for the point at infinity. */
export function scalarMult(c: Curve, k: bigint, x = c.gx, y = c.gy): [bigint, bigint] | undefined {
  let R: Jac = [1n, 1n, 0n];
  const P: Jac = [x, y, 1n];
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    R = dbl(R, c.p);
    if ((k >> i) & 1n) R = add(R, P, c.p);
  }
  if (R[2] === 0n) return undefined;
  const zi = inv(R[2], c.p);
  const zi2 = (zi * zi) % c.p;
  return [(R[0] * zi2) % c.p, (R[1] * zi2 * zi) % c.p];
}

const toBig = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString('hex')}`));
function toBytes(v: bigint, len: number): Uint8Array {
  const h = v.toString(16).padStart(len * 2, '0');
  return new Uint8Array(Buffer.from(h.slice(-len * 2), 'hex'));
}
function bits2int(b: Uint8Array, qlen: number): bigint {
  const v = toBig(b);
  const blen = b.length * 8;
  return blen > qlen ? v >> BigInt(blen - qlen) : v;
}

/** The private scalar of a PKCS#8 EC key. */
export function ecPrivateScalar(pkcs8: Uint8Array): bigint | undefined {
  const top = parseDer(pkcs8);
  const oct = top ? children(top)?.[2] : undefined;
  const ec = oct ? parseDer(oct.content) : undefined;
  const d = ec ? children(ec)?.[1] : undefined;
  if (!d || d.tag !== 0x04) return undefined;
  return toBig(d.content);
}

/** RFC 6979 ECDSA over `msg`: DER ECDSA-Sig-Value. */
export function signRfc6979(size: 256 | 384 | 521, d: bigint, msg: Uint8Array): Uint8Array {
  const c = NIST_CURVES[size];
  const qlen = c.n.toString(2).length;
  const rlen = Math.ceil(qlen / 8);
  const h1 = new Uint8Array(createHash(c.hash).update(msg).digest());
  const e = bits2int(h1, qlen);
  const x = toBytes(d, rlen);
  const h1o = toBytes(mod(e, c.n), rlen);
  const hm = (key: Uint8Array, ...parts: Uint8Array[]): Uint8Array => new Uint8Array(createHmac(c.hash, key).update(concat(parts)).digest());
  const hlen = h1.length;
  let V: Uint8Array = new Uint8Array(hlen).fill(1);
  let K: Uint8Array = new Uint8Array(hlen).fill(0);
  K = hm(K, V, new Uint8Array([0]), x, h1o);
  V = hm(K, V);
  K = hm(K, V, new Uint8Array([1]), x, h1o);
  V = hm(K, V);
  for (;;) {
    let T: Uint8Array = new Uint8Array(0);
    while (T.length * 8 < qlen) {
      V = hm(K, V);
      T = concat([T, V]);
    }
    const k = bits2int(T, qlen);
    if (k >= 1n && k < c.n) {
      const R = scalarMult(c, k);
      const r = R ? mod(R[0], c.n) : 0n;
      const s = mod(inv(k, c.n) * (e + r * d), c.n);
      if (r !== 0n && s !== 0n) return derSig(r, s);
    }
    K = hm(K, V, new Uint8Array([0]));
    V = hm(K, V);
  }
}
function derSig(r: bigint, s: bigint): Uint8Array {
  const int = (v: bigint): Uint8Array => {
    let h = v.toString(16);
    if (h.length % 2) h = `0${h}`;
    let b: Uint8Array = new Uint8Array(Buffer.from(h, 'hex'));
    if ((b[0] ?? 0) & 0x80) b = concat([new Uint8Array([0]), b]);
    return concat([new Uint8Array([0x02]), lenBytes(b.length), b]);
  };
  const body = concat([int(r), int(s)]);
  return concat([new Uint8Array([0x30]), lenBytes(body.length), body]);
}
function lenBytes(n: number): Uint8Array {
  return n < 0x80 ? new Uint8Array([n]) : n < 0x100 ? new Uint8Array([0x81, n]) : new Uint8Array([0x82, n >> 8, n & 0xff]);
}
