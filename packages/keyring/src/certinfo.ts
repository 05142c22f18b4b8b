/**
 * What a certificate says, read from its DER: subject, issuer, serial, validity, key type and size,
 * signature algorithm, and the extensions RACF cares about. Parsing never throws.
 */
import { createHash } from 'node:crypto';
import { type NameAttribute, decodeName, racfDn } from './dn';
import { type Node, children, parseDer, readNode, readOid, readTime, readUint, toHex } from './der';
import { bitLength } from './sources';

export type X509KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';
export const KEY_USAGE_BITS: readonly X509KeyUsage[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export interface AltNames {
  readonly ip: string[];
  readonly domain: string[];
  readonly email: string[];
  readonly uri: string[];
}

export interface CertInfo {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly serialHex: string;
  readonly issuer: NameAttribute[];
  readonly issuerDer: Uint8Array;
  readonly subject: NameAttribute[];
  readonly subjectDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spki: Uint8Array;
  readonly keyType: 'RSA' | 'NISTECC' | 'BPECC' | 'DSA' | 'ED25519' | 'UNKNOWN';
  readonly keySize: number;
  readonly signatureAlgorithmOid: string;
  /** RACF's name for the signature algorithm (LIST "Signing Algorithm"). */
  readonly signatureAlgorithm: string;
  readonly keyUsage: X509KeyUsage[] | undefined;
  readonly basicConstraints: { readonly ca: boolean; readonly pathLen?: number } | undefined;
  readonly subjectKeyId: Uint8Array | undefined;
  readonly authorityKeyId: Uint8Array | undefined;
  readonly altNames: AltNames;
  /** RACF LIST forms. */
  readonly subjectDn: string;
  readonly issuerDn: string;
}

export const SIG_ALGS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5RSA',
  '1.2.840.113549.1.1.5': 'sha1RSA',
  '1.2.840.113549.1.1.14': 'sha224RSA',
  '1.2.840.113549.1.1.11': 'sha256RSA',
  '1.2.840.113549.1.1.12': 'sha384RSA',
  '1.2.840.113549.1.1.13': 'sha512RSA',
  '1.2.840.10045.4.1': 'sha1ECDSA',
  '1.2.840.10045.4.3.1': 'sha224ECDSA',
  '1.2.840.10045.4.3.2': 'sha256ECDSA',
  '1.2.840.10045.4.3.3': 'sha384ECDSA',
  '1.2.840.10045.4.3.4': 'sha512ECDSA',
};

const EC_CURVES: Record<string, { type: 'NISTECC' | 'BPECC'; size: number }> = {
  '1.2.840.10045.3.1.1': { type: 'NISTECC', size: 192 },
  '1.3.132.0.33': { type: 'NISTECC', size: 224 },
  '1.2.840.10045.3.1.7': { type: 'NISTECC', size: 256 },
  '1.3.132.0.34': { type: 'NISTECC', size: 384 },
  '1.3.132.0.35': { type: 'NISTECC', size: 521 },
  '1.3.36.3.3.2.8.1.1.7': { type: 'BPECC', size: 256 },
  '1.3.36.3.3.2.8.1.1.11': { type: 'BPECC', size: 384 },
  '1.3.36.3.3.2.8.1.1.13': { type: 'BPECC', size: 512 },
};

/** Key type and size from a SubjectPublicKeyInfo. */
export function spkiKeyInfo(spki: Node): { keyType: CertInfo['keyType']; keySize: number } {
  const parts = children(spki);
  const alg = parts?.[0] ? children(parts[0]) : undefined;
  const algOid = alg?.[0] ? readOid(alg[0]) : undefined;
  if (algOid === '1.2.840.113549.1.1.1') {
    const bits = parts?.[1];
    const rsa = bits ? parseDer(bits.content.subarray(1)) : undefined;
    const n = rsa ? children(rsa)?.[0] : undefined;
    const mag = n ? readUint(n) : undefined;
    return { keyType: 'RSA', keySize: mag ? bitLength(mag) : 0 };
  }
  if (algOid === '1.2.840.10045.2.1') {
    const c = alg?.[1] ? readOid(alg[1]) : undefined;
    const info = c ? EC_CURVES[c] : undefined;
    return info ? { keyType: info.type, keySize: info.size } : { keyType: 'UNKNOWN', keySize: 0 };
  }
  if (algOid === '1.2.840.10040.4.1') return { keyType: 'DSA', keySize: 0 };
  if (algOid === '1.3.101.112') return { keyType: 'ED25519', keySize: 256 };
  return { keyType: 'UNKNOWN', keySize: 0 };
}

/** SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2 method 1), as RACF and most CAs compute it. */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const n = parseDer(spki);
  const bits = n ? children(n)?.[1] : undefined;
  const content = bits ? bits.content.subarray(1) : spki;
  return new Uint8Array(createHash('sha1').update(content).digest());
}

function readKeyUsage(v: Uint8Array): X509KeyUsage[] | undefined {
  const n = parseDer(v);
  if (!n || n.tag !== 0x03 || n.content.length < 1) return undefined;
  const out: X509KeyUsage[] = [];
  for (let i = 0; i < KEY_USAGE_BITS.length; i++) {
    const byte = n.content[1 + (i >> 3)] ?? 0;
    const u = KEY_USAGE_BITS[i];
    if (u && byte & (0x80 >> (i & 7))) out.push(u);
  }
  return out;
}

function ipString(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  if (b.length === 16) {
    const parts: string[] = [];
    for (let i = 0; i < 16; i += 2) parts.push((((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)).toString(16));
    return parts.join(':');
  }
  return toHex(b);
}

function readAltNames(v: Uint8Array): AltNames {
  const out: AltNames = { ip: [], domain: [], email: [], uri: [] };
  const n = parseDer(v);
  for (const g of (n && children(n)) ?? []) {
    const s = String.fromCharCode(...g.content);
    if (g.tag === 0x81) out.email.push(s);
    else if (g.tag === 0x82) out.domain.push(s);
    else if (g.tag === 0x86) out.uri.push(s);
    else if (g.tag === 0x87) out.ip.push(ipString(g.content));
  }
  return out;
}

const cache = new Map<string, CertInfo | null>();
const CACHE_MAX = 100_000;

/** Parse (memoised by base64 DER, since records carry base64). */
export function certInfoB64(derB64: string): CertInfo | undefined {
  const hit = cache.get(derB64);
  if (hit !== undefined) return hit ?? undefined;
  const info = parseCertificate(new Uint8Array(Buffer.from(derB64, 'base64')));
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(derB64, info ?? null);
  return info;
}

export function parseCertificate(der: Uint8Array): CertInfo | undefined {
  const top = parseDer(der);
  const parts = top && top.tag === 0x30 ? children(top) : undefined;
  const tbsN = parts?.[0];
  const sigAlgN = parts?.[1];
  if (!parts || parts.length !== 3 || !tbsN || !sigAlgN || tbsN.tag !== 0x30) return undefined;
  const f = children(tbsN);
  if (!f) return undefined;
  let i = 0;
  if (f[0]?.tag === 0xa0) i = 1;
  const serialN = f[i];
  const issuerN = f[i + 2];
  const validityN = f[i + 3];
  const subjectN = f[i + 4];
  const spkiN = f[i + 5];
  if (!serialN || !issuerN || !validityN || !subjectN || !spkiN) return undefined;
  const serial = readUint(serialN);
  const issuer = decodeName(issuerN);
  const subject = decodeName(subjectN);
  const v = children(validityN);
  const nb = v?.[0] ? readTime(v[0]) : undefined;
  const na = v?.[1] ? readTime(v[1]) : undefined;
  const sigAlg = children(sigAlgN)?.[0];
  const sigOid = sigAlg ? readOid(sigAlg) : undefined;
  if (!serial || !issuer || !subject || !nb || !na || sigOid === undefined || spkiN.tag !== 0x30) return undefined;
  let keyUsage: X509KeyUsage[] | undefined;
  let basicConstraints: CertInfo['basicConstraints'];
  let ski: Uint8Array | undefined;
  let aki: Uint8Array | undefined;
  let altNames: AltNames = { ip: [], domain: [], email: [], uri: [] };
  const extWrap = f.slice(i + 6).find((x) => x.tag === 0xa3);
  const extSeq = extWrap ? readNode(extWrap.content, 0) : undefined;
  for (const ext of (extSeq && children(extSeq)) ?? []) {
    const e = children(ext);
    const id = e?.[0] ? readOid(e[0]) : undefined;
    const val = e?.[e.length - 1];
    if (!id || !val || val.tag !== 0x04) continue;
    if (id === '2.5.29.15') keyUsage = readKeyUsage(val.content);
    else if (id === '2.5.29.19') {
      const bc = parseDer(val.content);
      const items = bc ? children(bc) : undefined;
      const ca = items?.[0]?.tag === 0x01 ? (items[0].content[0] ?? 0) !== 0 : false;
      const plN = items?.find((x) => x.tag === 0x02);
      const pl = plN ? readUint(plN) : undefined;
      basicConstraints = pl && pl.length <= 4 ? { ca, pathLen: pl.reduce((a, b) => a * 256 + b, 0) } : { ca };
    } else if (id === '2.5.29.14') {
      const k = parseDer(val.content);
      ski = k && k.tag === 0x04 ? k.content : undefined;
    } else if (id === '2.5.29.35') {
      const k = parseDer(val.content);
      const kid = k ? children(k)?.find((x) => x.tag === 0x80) : undefined;
      aki = kid?.content;
    } else if (id === '2.5.29.17') altNames = readAltNames(val.content);
  }
  const { keyType, keySize } = spkiKeyInfo(spkiN);
  return {
    der,
    tbs: tbsN.bytes,
    serialHex: (toHex(serial).replace(/^0+/, '') || '0'),
    issuer,
    issuerDer: issuerN.bytes,
    subject,
    subjectDer: subjectN.bytes,
    notBefore: nb,
    notAfter: na,
    spki: spkiN.bytes,
    keyType,
    keySize,
    signatureAlgorithmOid: sigOid,
    signatureAlgorithm: SIG_ALGS[sigOid] ?? 'UNKNOWN',
    keyUsage,
    basicConstraints,
    subjectKeyId: ski,
    authorityKeyId: aki,
    altNames,
    subjectDn: racfDn(subject),
    issuerDn: racfDn(issuer),
  };
}
