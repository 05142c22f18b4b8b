/**
 * RACDCERT GENCERT as a function on typed parameters.
 *
 * RACF behaviour modelled (z/OS Security Server RACF Command Language Reference, "RACDCERT GENCERT"):
 * - Key: RSA by default; SIZE defaults to 2048 for RSA and 192 for NISTECC (ztwin cannot make
 *   P-192/P-224 keys: Node's WebCrypto lacks them, so those give KR-UNSUPPORTED-KEY).
 * - NOTBEFORE defaults to now; NOTAFTER to NOTBEFORE + 1 year. A DATE without TIME means
 *   00:00:00 for NOTBEFORE and 23:59:59 for NOTAFTER. Dates are taken as UTC (z/OS local time
 *   with a zero offset). NOTBEFORE must precede NOTAFTER (IRRD133I). Both years must be 1950 to
 *   2049 (KR-DATE-RANGE; see RACF_MIN_YEAR), also for the defaults.
 * - Without SIGNWITH the certificate is self-signed; with SIGNWITH the signing certificate must
 *   exist, have a private key, and not be NOTRUST; it is usually a CERTAUTH or SITE certificate.
 * - subjectKeyIdentifier always; authorityKeyIdentifier from the signer's SKI when SIGNWITH.
 * - keyUsage: KEYUSAGE(HANDSHAKE) = digitalSignature+keyEncipherment, DATAENCRYPT =
 *   dataEncipherment, DOCSIGN = nonRepudiation, CERTSIGN = keyCertSign+cRLSign. Without KEYUSAGE a
 *   CERTAUTH certificate gets keyCertSign+cRLSign and other certificates get no keyUsage extension.
 * - basicConstraints cA=TRUE for CERTAUTH certificates; none for user and SITE certificates.
 * - Serial: the signer's last serial issued + 1; a self-signed certificate has serial 0.
 * - Signature: SHA-256 with RSA for RSA signers; ECDSA with SHA-256/384/512 for P-256/384/521
 *   signers (the ECDSA hash choice is ztwin's, unconfirmed against RACF).
 * - GENCERT('dsn') signs a PKCS#10 request: subject (unless SUBJECTSDN), public key and
 *   subjectAltName/keyUsage come from the request; no private key is stored.
 */
import { createHash, createPublicKey, verify as nodeVerify, type webcrypto } from 'node:crypto';
import { type Clock, type Diagnostic, type SourceSpan, diagnostic } from '@ztwin/core';
import type { CertificateRecord, CertOwner } from '@ztwin/racf-model';
import {
  type Der,
  bitString,
  bool,
  children,
  concat,
  explicit,
  ia5,
  implicitPrim,
  int,
  nullDer,
  octets,
  oid,
  parseDer,
  readOid,
  seq,
  time,
  b64,
  unb64,
  tlv,
} from './der';
import { type NameAttribute, type SubjectDnParts, SUBJECTSDN_MAX, decodeName, encodeName, partsToAttributes, racfDn } from './dn';
import { type CertInfo, type X509KeyUsage, KEY_USAGE_BITS, certInfoB64, keyIdentifier, parseCertificate, spkiKeyInfo } from './certinfo';
import { ecPrivateScalar, signRfc6979 } from './ecdsa6979';
import { type KeySource, type KeySpec, type SerialSource, type WebCrypto, type WebCryptoKey, defaultCrypto, racfSerialSource, serialDer, curveName } from './sources';
import { labelProblem } from './ring';

export type RacfKeyUsage = 'HANDSHAKE' | 'DATAENCRYPT' | 'DOCSIGN' | 'CERTSIGN';
export interface RacfDateTime {
  /** yyyy/mm/dd or yyyy-mm-dd */
  readonly date: string;
  /** hh, hh:mm or hh:mm:ss */
  readonly time?: string;
}
export interface AltNameParams {
  readonly ip?: string;
  readonly domain?: string;
  readonly email?: string;
  readonly uri?: string;
}

export interface GencertParams {
  readonly owner: CertOwner;
  /** WITHLABEL; when absent RACF generates LABELnnnnnnnn (next unused among `existingLabels`). */
  readonly label?: string;
  readonly existingLabels?: readonly string[];
  readonly subject?: SubjectDnParts;
  readonly keyType?: 'RSA' | 'NISTECC' | 'BPECC' | 'DSA';
  readonly size?: number;
  readonly notBefore?: RacfDateTime;
  readonly notAfter?: RacfDateTime;
  readonly keyUsage?: readonly RacfKeyUsage[];
  readonly altName?: AltNameParams;
  /** The SIGNWITH certificate record (resolved by the caller), or undefined for self-signed. */
  readonly signWith?: CertificateRecord;
  /** GENCERT('dsn'): PKCS#10 request DER. */
  readonly request?: Uint8Array;
}

export interface GencertContext {
  readonly clock: Clock;
  readonly keySource: KeySource;
  readonly serialSource?: SerialSource;
  readonly crypto?: WebCrypto;
  /** Where diagnostics point. */
  readonly at?: SourceSpan | { source: string; line?: number; column?: number };
  /**
   * Sign ECDSA deterministically (RFC 6979) instead of WebCrypto's randomised signatures: with a
   * fixed/seeded KeySource the same inputs then give byte-identical certificates. For tests.
   */
  readonly deterministicSignatures?: boolean;
}

export interface GencertOutput {
  readonly certificate: CertificateRecord;
  /** The signing certificate with its lastSerialIssuedHex advanced (undefined when self-signed). */
  readonly signer?: CertificateRecord;
}

export interface Result<T> {
  readonly value?: T;
  readonly diagnostics: Diagnostic[];
}

const OIDS = {
  sha256RSA: '1.2.840.113549.1.1.11',
  sha256ECDSA: '1.2.840.10045.4.3.2',
  sha384ECDSA: '1.2.840.10045.4.3.3',
  sha512ECDSA: '1.2.840.10045.4.3.4',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  ski: '2.5.29.14',
  aki: '2.5.29.35',
  san: '2.5.29.17',
  extensionRequest: '1.2.840.113549.1.9.14',
};

/**
 * The years RACDCERT GENCERT accepts in NOTBEFORE/NOTAFTER(DATE(...)): 1950 to 2049, the range of
 * the X.509 UTCTime RACF writes the validity in. Sources: the RACF Command Language Reference
 * (RACDCERT GENCERT, as remembered: the page was not in the reference corpus), corroborated by
 * CA Top Secret's RACDCERT-compatible GENCERT (NBDATE/NADATE: "The year specified must fall within
 * the range 1950-2049", and 1950-2048 for a start date without an end date, whose default is one
 * year later). No RACF message id for this case was found; ztwin reports KR-DATE-RANGE.
 */
export const RACF_MIN_YEAR = 1950;
export const RACF_MAX_YEAR = 2049;

/** Parse a RACF DATE/TIME pair. */
export function parseRacfDateTime(dt: RacfDateTime, end: boolean): Date | undefined {
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(dt.date.trim());
  if (!m) return undefined;
  const tm = dt.time === undefined ? (end ? [23, 59, 59] : [0, 0, 0]) : parseTime(dt.time);
  if (!tm) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d, tm[0], tm[1], tm[2]));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date;
}
function parseTime(s: string): [number, number, number] | undefined {
  const m = /^(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2] ?? '0');
  const se = Number(m[3] ?? '0');
  return h < 24 && mi < 60 && se < 60 ? [h, mi, se] : undefined;
}

/** X.509 keyUsage bits for RACF KEYUSAGE keywords. */
export function racfKeyUsageBits(ku: readonly RacfKeyUsage[]): X509KeyUsage[] {
  const s = new Set<X509KeyUsage>();
  for (const k of ku) {
    if (k === 'HANDSHAKE') s.add('digitalSignature').add('keyEncipherment');
    else if (k === 'DATAENCRYPT') s.add('dataEncipherment');
    else if (k === 'DOCSIGN') s.add('nonRepudiation');
    else s.add('keyCertSign').add('cRLSign');
  }
  return KEY_USAGE_BITS.filter((b) => s.has(b));
}
/** Back from X.509 bits to the RACF keywords LIST shows. */
export function racfKeyUsageNames(bits: readonly X509KeyUsage[]): RacfKeyUsage[] {
  const out: RacfKeyUsage[] = [];
  if (bits.includes('digitalSignature') || bits.includes('keyEncipherment')) out.push('HANDSHAKE');
  if (bits.includes('dataEncipherment')) out.push('DATAENCRYPT');
  if (bits.includes('nonRepudiation')) out.push('DOCSIGN');
  if (bits.includes('keyCertSign') || bits.includes('cRLSign')) out.push('CERTSIGN');
  return out;
}

function keyUsageDer(bits: readonly X509KeyUsage[]): Der {
  let v = 0;
  for (const b of bits) v |= 0x8000 >> KEY_USAGE_BITS.indexOf(b);
  const bytes = v & 0xff ? [v >> 8, v & 0xff] : [v >> 8];
  const last = bytes[bytes.length - 1] ?? 0;
  let unused = 0;
  if (last !== 0) while (!((last >> unused) & 1)) unused++;
  return bitString(new Uint8Array(bytes), unused);
}

function ipBytes(ip: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const b = v4.slice(1).map(Number);
    return b.every((x) => x <= 255) ? new Uint8Array(b) : undefined;
  }
  if (!/^[0-9a-fA-F:]+$/.test(ip) || !ip.includes(':')) return undefined;
  const [head, tail, extra] = ip.split('::');
  if (extra !== undefined) return undefined;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? h.length !== 8 : missing < 1) return undefined;
  const groups = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}

function altNameDer(a: AltNameParams): Der | undefined {
  const names: Der[] = [];
  if (a.email !== undefined) names.push(implicitPrim(1, ia5(a.email).subarray(2)));
  if (a.domain !== undefined) names.push(implicitPrim(2, ia5(a.domain).subarray(2)));
  if (a.uri !== undefined) names.push(implicitPrim(6, ia5(a.uri).subarray(2)));
  if (a.ip !== undefined) {
    const b = ipBytes(a.ip);
    if (b) names.push(implicitPrim(7, b));
  }
  return names.length ? seq(...names) : undefined;
}

const ext = (id: string, critical: boolean, value: Der): Der => (critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value)));

/** Signature algorithm for a signer key. */
function sigAlgFor(spec: KeySpec): { der: Der; name: string; webcrypto: webcrypto.EcdsaParams | webcrypto.Algorithm; ecSize?: number } {
  if (spec.type === 'RSA') return { der: seq(oid(OIDS.sha256RSA), nullDer()), name: 'sha256RSA', webcrypto: { name: 'RSASSA-PKCS1-v1_5' } };
  const [o, hash] = spec.size === 256 ? [OIDS.sha256ECDSA, 'SHA-256'] : spec.size === 384 ? [OIDS.sha384ECDSA, 'SHA-384'] : [OIDS.sha512ECDSA, 'SHA-512'];
  return { der: seq(oid(o)), name: hash, webcrypto: { name: 'ECDSA', hash }, ecSize: spec.size };
}

/** IEEE P1363 r||s (WebCrypto) → DER ECDSA-Sig-Value. */
export function p1363ToDer(sig: Uint8Array): Uint8Array {
  const half = sig.length / 2;
  const int = (b: Uint8Array): Der => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let m = b.subarray(i);
    if ((m[0] ?? 0) & 0x80) m = concat([new Uint8Array([0]), m]);
    return concat([new Uint8Array([0x02, m.length]), m]);
  };
  return seq(int(sig.subarray(0, half)), int(sig.subarray(half)));
}

const signingKeyCache = new Map<string, Promise<WebCryptoKey>>();
/** Import (memoised) a PKCS#8 key for signing. */
export function signingKey(pkcs8B64: string, spec: KeySpec, c: WebCrypto): Promise<WebCryptoKey> {
  const k = `${spec.type}${spec.size}/${pkcs8B64}`;
  const hit = signingKeyCache.get(k);
  if (hit) return hit;
  {
    const alg = spec.type === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: curveName(spec.size) };
    const p = c.subtle.importKey('pkcs8', unb64(pkcs8B64), alg, false, ['sign']);
    p.catch(() => signingKeyCache.delete(k));
    if (signingKeyCache.size > 10_000) signingKeyCache.clear();
    signingKeyCache.set(k, p);
    return p;
  }
}

/** Sign a TBS-like structure and wrap it as SEQUENCE { tbs, alg, BIT STRING sig }. */
export async function signStructure(tbs: Uint8Array, key: WebCryptoKey, spec: KeySpec, c: WebCrypto): Promise<Uint8Array> {
  const alg = sigAlgFor(spec);
  const raw = new Uint8Array(await c.subtle.sign(alg.webcrypto, key, tbs));
  const sig = spec.type === 'RSA' ? raw : p1363ToDer(raw);
  return seq(tbs, alg.der, bitString(sig));
}

export function keySpecOf(info: { keyType: string; keySize: number }): KeySpec | undefined {
  if (info.keyType === 'RSA' && info.keySize >= 512) return { type: 'RSA', size: info.keySize };
  if (info.keyType === 'NISTECC' && (info.keySize === 256 || info.keySize === 384 || info.keySize === 521)) return { type: 'NISTECC', size: info.keySize };
  return undefined;
}

/** A parsed PKCS#10 request. */
export interface CertRequestInfo {
  readonly subject: NameAttribute[];
  readonly spki: Uint8Array;
  readonly keyUsage?: X509KeyUsage[];
  readonly altNameDer?: Uint8Array;
  readonly signatureValid: boolean;
}

/** Parse and verify a PKCS#10 CertificationRequest (DER). */
export function parseCertRequest(der: Uint8Array): CertRequestInfo | undefined {
  const top = parseDer(der);
  const parts = top ? children(top) : undefined;
  const info = parts?.[0];
  const algN = parts?.[1];
  const sigN = parts?.[2];
  const f = info ? children(info) : undefined;
  if (!f || !info || !algN || !sigN || sigN.tag !== 0x03) return undefined;
  const subjN = f[1];
  const spkiN = f[2];
  const subject = subjN ? decodeName(subjN) : undefined;
  if (!subject || !spkiN || spkiN.tag !== 0x30) return undefined;
  let keyUsage: X509KeyUsage[] | undefined;
  let altNameDerV: Uint8Array | undefined;
  const attrs = f[3]?.tag === 0xa0 ? children(f[3]) : undefined;
  for (const a of attrs ?? []) {
    const ap = children(a);
    if (!ap?.[0] || readOid(ap[0]) !== OIDS.extensionRequest || !ap[1]) continue;
    const extsN = children(ap[1])?.[0];
    for (const e of (extsN && children(extsN)) ?? []) {
      const ep = children(e);
      const id = ep?.[0] ? readOid(ep[0]) : undefined;
      const val = ep?.[ep.length - 1];
      if (!val || val.tag !== 0x04) continue;
      if (id === OIDS.san) altNameDerV = val.content;
      if (id === OIDS.keyUsage) {
        const c = parseCertificateKeyUsage(val.content);
        if (c) keyUsage = c;
      }
    }
  }
  const algOid = children(algN)?.[0];
  const sigName = algOid ? readOid(algOid) : undefined;
  const hash =
    sigName === OIDS.sha256RSA || sigName === OIDS.sha256ECDSA ? 'sha256' : sigName === OIDS.sha384ECDSA ? 'sha384' : sigName === OIDS.sha512ECDSA ? 'sha512' : undefined;
  let signatureValid = false;
  try {
    if (hash) {
      const pub = createPublicKey({ key: Buffer.from(spkiN.bytes), format: 'der', type: 'spki' });
      signatureValid = nodeVerify(hash, info.bytes, pub, sigN.content.subarray(1));
    }
  } catch {
    signatureValid = false;
  }
  const out: CertRequestInfo = { subject, spki: spkiN.bytes, signatureValid };
  return { ...out, ...(keyUsage ? { keyUsage } : {}), ...(altNameDerV ? { altNameDer: altNameDerV } : {}) };
}
function parseCertificateKeyUsage(v: Uint8Array): X509KeyUsage[] | undefined {
  const n = parseDer(v);
  if (!n || n.tag !== 0x03) return undefined;
  return KEY_USAGE_BITS.filter((_, i) => ((n.content[1 + (i >> 3)] ?? 0) & (0x80 >> (i & 7))) !== 0);
}

/** Validate SUBJECTSDN parts; diagnostics for RACF's length limits. */
export function checkSubject(p: SubjectDnParts, at: GencertContext['at']): Diagnostic[] {
  const d: Diagnostic[] = [];
  const loc = at ?? { source: '<racdcert>' };
  for (const [k, max] of Object.entries(SUBJECTSDN_MAX) as [keyof SubjectDnParts, number][]) {
    if (k === 'C') continue;
    const vals = k === 'OU' ? (p.OU ?? []) : p[k] === undefined ? [] : [p[k] as string];
    for (const v of vals) {
      if (v.length === 0) d.push(diagnostic({ code: 'KR-SUBJECTSDN', message: `SUBJECTSDN ${k} is empty` }, loc));
      else if ([...v].length > max) d.push(diagnostic({ code: 'KR-SUBJECTSDN', message: `SUBJECTSDN ${k} is longer than ${max} characters` }, loc));
    }
  }
  if (p.C !== undefined && !/^[A-Za-z]{2}$/.test(p.C)) d.push(diagnostic({ code: 'KR-SUBJECTSDN', message: `SUBJECTSDN C('${p.C}') must be a 2-letter country code` }, loc));
  return d;
}

/** The next RACF-generated label LABELnnnnnnnn not in use. */
export function generatedLabel(existing: readonly string[]): string {
  const used = new Set(existing);
  for (let i = 1; ; i++) {
    const l = `LABEL${String(i).padStart(8, '0')}`;
    if (!used.has(l)) return l;
  }
}

/** RACDCERT GENCERT. */
export async function gencert(p: GencertParams, ctx: GencertContext): Promise<Result<GencertOutput>> {
  const at = ctx.at ?? { source: '<racdcert>' };
  const c = ctx.crypto ?? defaultCrypto();
  const diags: Diagnostic[] = [];
  const err = (code: string, message: string, hint?: string): Result<GencertOutput> => ({
    diagnostics: [...diags, diagnostic(hint === undefined ? { code, message } : { code, message, hint }, at)],
  });

  // Validity.
  const now = ctx.clock.now();
  now.setUTCMilliseconds(0);
  const notBefore = p.notBefore ? parseRacfDateTime(p.notBefore, false) : now;
  if (!notBefore) return err('KR-DATE', `NOTBEFORE date/time is not valid: ${p.notBefore?.date ?? ''} ${p.notBefore?.time ?? ''}`.trim());
  let notAfter: Date | undefined;
  if (p.notAfter) notAfter = parseRacfDateTime(p.notAfter, true);
  else {
    notAfter = new Date(notBefore.getTime());
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 1);
  }
  if (!notAfter) return err('KR-DATE', `NOTAFTER date/time is not valid: ${p.notAfter?.date ?? ''} ${p.notAfter?.time ?? ''}`.trim());
  const outOfRange = (d: Date): boolean => d.getUTCFullYear() < RACF_MIN_YEAR || d.getUTCFullYear() > RACF_MAX_YEAR;
  if (outOfRange(notBefore)) {
    const what = p.notBefore ? `NOTBEFORE(DATE(${p.notBefore.date}))` : `NOTBEFORE (default: the current date, ${notBefore.toISOString().slice(0, 10)})`;
    return err('KR-DATE-RANGE', `${what} is outside the years ${RACF_MIN_YEAR} to ${RACF_MAX_YEAR} that RACDCERT accepts. The certificate is not created.`);
  }
  if (outOfRange(notAfter)) {
    if (p.notAfter) return err('KR-DATE-RANGE', `NOTAFTER(DATE(${p.notAfter.date})) is outside the years ${RACF_MIN_YEAR} to ${RACF_MAX_YEAR} that RACDCERT accepts. The certificate is not created.`);
    return err(
      'KR-DATE-RANGE',
      `The default NOTAFTER (NOTBEFORE + 1 year: ${notAfter.toISOString().slice(0, 10)}) is outside the years ${RACF_MIN_YEAR} to ${RACF_MAX_YEAR} that RACDCERT accepts. The certificate is not created.`,
      `give NOTAFTER(DATE(yyyy/mm/dd)) no later than ${RACF_MAX_YEAR}/12/31`,
    );
  }
  if (notBefore.getTime() >= notAfter.getTime()) return err('IRRD133I', 'The NOTBEFORE value must be earlier than the NOTAFTER value. The certificate is not created.');

  // Signer.
  let signerInfo: CertInfo | undefined;
  let signerSpec: KeySpec | undefined;
  if (p.signWith) {
    const s = p.signWith;
    if (s.trust === 'NOTRUST') return err('KR-SIGNWITH-NOTRUST', `The SIGNWITH certificate '${s.label}' is NOTRUST and cannot sign.`);
    if (!s.privateKey) return err('KR-SIGNWITH-NOKEY', `The SIGNWITH certificate '${s.label}' has no private key (or it is not held in the RACF database).`);
    if (s.der === undefined) return err('KR-METADATA-ONLY', `The SIGNWITH certificate '${s.label}' has no certificate data (metadata only).`);
    signerInfo = certInfoB64(s.der);
    signerSpec = signerInfo ? keySpecOf(signerInfo) : undefined;
    if (!signerInfo || !signerSpec) return err('KR-UNSUPPORTED-KEY', `The SIGNWITH certificate '${s.label}' has a key ztwin cannot sign with.`);
    if (notAfter.getTime() > signerInfo.notAfter.getTime() || notBefore.getTime() < signerInfo.notBefore.getTime())
      diags.push(
        diagnostic(
          { code: 'KR-VALIDITY-OUTSIDE-SIGNER', severity: 'warning', message: `The validity of the new certificate is not within that of the signing certificate '${s.label}'.` },
          at,
        ),
      );
  }

  // Subject and key.
  let subjectAttrs: NameAttribute[];
  let spki: Uint8Array;
  let pkcs8: Uint8Array | undefined;
  let selfKey: WebCryptoKey | undefined;
  let keySpec: KeySpec | undefined;
  let reqKeyUsage: X509KeyUsage[] | undefined;
  let reqAltName: Uint8Array | undefined;
  if (p.request) {
    const req = parseCertRequest(p.request);
    if (!req) return err('KR-REQUEST', 'The request data set does not contain a PKCS #10 certificate request.');
    if (!req.signatureValid) return err('KR-REQUEST-SIGNATURE', 'The signature of the PKCS #10 request does not verify.');
    if (!p.signWith) return err('KR-REQUEST-SIGNWITH', 'GENCERT with a request data set requires SIGNWITH.');
    if (p.subject) {
      const d = checkSubject(p.subject, at);
      if (d.length) return { diagnostics: [...diags, ...d] };
    }
    subjectAttrs = p.subject ? partsToAttributes(p.subject) : req.subject;
    spki = req.spki;
    reqKeyUsage = req.keyUsage;
    reqAltName = req.altNameDer;
  } else {
    const kt = p.keyType ?? 'RSA';
    const size = p.size ?? (kt === 'RSA' || kt === 'DSA' ? 2048 : 192);
    if (kt === 'RSA') {
      if (size < 512 || size > 4096) return err('KR-UNSUPPORTED-KEY', `RSA key size ${size} is not supported (512-4096).`);
      keySpec = { type: 'RSA', size };
    } else if (kt === 'NISTECC') {
      if (size !== 256 && size !== 384 && size !== 521)
        return err('KR-UNSUPPORTED-KEY', `NISTECC key size ${size} is not supported by ztwin (P-256, P-384, P-521 only).`, p.size === undefined ? 'RACF defaults NISTECC to SIZE(192); specify SIZE(256)' : undefined);
      keySpec = { type: 'NISTECC', size };
    } else return err('KR-UNSUPPORTED-KEY', `${kt} keys are not supported by ztwin (RSA and NISTECC only).`);
    const subj = p.subject ?? {};
    if (Object.keys(subj).length === 0) return err('KR-SUBJECTSDN', 'SUBJECTSDN is required by ztwin (RACF would derive CN from the user name).');
    const d = checkSubject(subj, at);
    if (d.length) return { diagnostics: [...diags, ...d] };
    subjectAttrs = partsToAttributes(subj);
    let kp;
    try {
      kp = await ctx.keySource.generate(keySpec);
    } catch (e) {
      return err('KR-KEYGEN', `Key generation failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    spki = kp.spki;
    pkcs8 = kp.pkcs8;
    selfKey = kp.privateKey;
  }

  const label = p.label ?? generatedLabel(p.existingLabels ?? []);
  const badLabel = labelProblem(label);
  if (badLabel !== undefined) return err('KR-LABEL', badLabel);

  // Serial.
  const serials = ctx.serialSource ?? racfSerialSource;
  const serialHex = p.signWith ? serials.next(p.signWith.lastSerialIssuedHex ?? '0') : '0';

  const ca = p.owner.kind === 'CERTAUTH';
  const kuBits = p.keyUsage && p.keyUsage.length ? racfKeyUsageBits(p.keyUsage) : reqKeyUsage ?? (ca ? (['keyCertSign', 'cRLSign'] as X509KeyUsage[]) : undefined);
  const exts: Der[] = [];
  if (ca) exts.push(ext(OIDS.basicConstraints, true, seq(bool(true))));
  if (kuBits && kuBits.length) exts.push(ext(OIDS.keyUsage, true, keyUsageDer(kuBits)));
  const san = p.altName ? altNameDer(p.altName) : reqAltName;
  if (san) exts.push(ext(OIDS.san, false, san));
  const ski = keyIdentifier(spki);
  exts.push(ext(OIDS.ski, false, octets(ski)));
  if (signerInfo?.subjectKeyId) exts.push(ext(OIDS.aki, false, seq(implicitPrim(0, signerInfo.subjectKeyId))));

  const signSpec = signerSpec ?? keySpec;
  if (!signSpec) return err('KR-UNSUPPORTED-KEY', 'No signing key.');
  const sigAlg = sigAlgFor(signSpec);
  const subjectDer = encodeName(subjectAttrs);
  const issuerDer = signerInfo ? signerInfo.subjectDer : subjectDer;
  const tbs = seq(
    explicit(0, int(2)),
    serialDer(serialHex),
    sigAlg.der,
    issuerDer,
    seq(time(notBefore), time(notAfter)),
    subjectDer,
    spki,
    explicit(3, seq(...exts)),
  );
  const validFrom: Date = notBefore;
  const validTo: Date = notAfter;
  const signerPkcs8 = p.signWith?.privateKey ? unb64(p.signWith.privateKey.pkcs8) : pkcs8;
  if (ctx.deterministicSignatures && signSpec.type === 'NISTECC' && signerPkcs8) {
    const d = ecPrivateScalar(signerPkcs8);
    if (d === undefined) return err('KR-SIGNWITH-NOKEY', 'The signing key cannot be read.');
    const der = seq(tbs, sigAlg.der, bitString(signRfc6979(signSpec.size, d, tbs)));
    return finish(der);
  }
  let key: WebCryptoKey;
  if (p.signWith?.privateKey) {
    try {
      key = await signingKey(p.signWith.privateKey.pkcs8, signSpec, c);
    } catch {
      return err('KR-SIGNWITH-NOKEY', `The private key of '${p.signWith.label}' cannot be used for signing.`);
    }
  } else if (selfKey) key = selfKey;
  else return err('KR-SIGNWITH-NOKEY', 'No signing key.');
  try {
    return finish(await signStructure(tbs, key, signSpec, c));
  } catch (e) {
    return err('KR-SIGN', `Signing failed: ${e instanceof Error ? e.message : String(e)}`);
  }

  function finish(der: Uint8Array): Result<GencertOutput> {
  const info = parseCertificate(der);
  const ki = info ? { keyType: info.keyType, keySize: info.keySize } : spkiKeyInfo({ tag: 0x30, bytes: spki, content: spki });
  const certificate: CertificateRecord = {
    owner: p.owner,
    label,
    trust: 'TRUST',
    serialHex,
    subjectDn: racfDn(subjectAttrs),
    issuerDn: signerInfo ? signerInfo.subjectDn : racfDn(subjectAttrs),
    notBefore: validFrom.toISOString(),
    notAfter: validTo.toISOString(),
    keyType: ki.keyType,
    keySize: ki.keySize,
    der: b64(der),
    hasPrivateKey: pkcs8 !== undefined,
    ...(pkcs8 ? { privateKey: { pkcs8: b64(pkcs8), storage: 'RACF' as const } } : {}),
    ...(p.signWith ? {} : { lastSerialIssuedHex: '0' }),
  };
  const signer = p.signWith ? { ...p.signWith, lastSerialIssuedHex: serialHex } : undefined;
  return { value: signer ? { certificate, signer } : { certificate }, diagnostics: diags };
  }
}

/** RACDCERT GENREQ: a PKCS#10 request (DER) from a certificate with a private key. */
export async function genreq(rec: CertificateRecord, c: WebCrypto = defaultCrypto()): Promise<Result<Uint8Array>> {
  const at = { source: '<racdcert>' };
  if (rec.der === undefined) return { diagnostics: [diagnostic({ code: 'KR-METADATA-ONLY', message: `Certificate '${rec.label}' has no certificate data.` }, at)] };
  if (!rec.privateKey)
    return { diagnostics: [diagnostic({ code: 'KR-GENREQ-NOKEY', severity: 'info', message: `Certificate '${rec.label}' has no private key; no request is created.` }, at)] };
  const info = certInfoB64(rec.der);
  const spec = info ? keySpecOf(info) : undefined;
  if (!info || !spec) return { diagnostics: [diagnostic({ code: 'KR-UNSUPPORTED-KEY', message: `Certificate '${rec.label}' has a key ztwin cannot sign with.` }, at)] };
  const exts: Der[] = [];
  if (info.keyUsage) exts.push(ext(OIDS.keyUsage, true, keyUsageDer(info.keyUsage)));
  const a = info.altNames;
  const san = altNameDer({
    ...(a.ip[0] ? { ip: a.ip[0] } : {}),
    ...(a.domain[0] ? { domain: a.domain[0] } : {}),
    ...(a.email[0] ? { email: a.email[0] } : {}),
    ...(a.uri[0] ? { uri: a.uri[0] } : {}),
  });
  if (san) exts.push(ext(OIDS.san, false, san));
  if (info.subjectKeyId) exts.push(ext(OIDS.ski, false, octets(info.subjectKeyId)));
  const attrs = exts.length ? explicit(0, seq(oid(OIDS.extensionRequest), set1(seq(...exts)))) : explicit(0, new Uint8Array(0));
  const cri = seq(int(0), info.subjectDer, info.spki, attrs);
  try {
    const key = await signingKey(rec.privateKey.pkcs8, spec, c);
    return { value: await signStructure(cri, key, spec, c), diagnostics: [] };
  } catch {
    return { diagnostics: [diagnostic({ code: 'KR-SIGN', message: `The private key of '${rec.label}' cannot sign the request.` }, at)] };
  }
}
const set1 = (x: Der): Der => tlv(0x31, x);

/** SHA-256 fingerprint (hex) of DER, e.g. to compare certificates. */
export function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase();
}
