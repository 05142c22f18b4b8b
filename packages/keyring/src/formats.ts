/**
 * RACDCERT ADD (import) and EXPORT / GENREQ data-set formats.
 *
 * ADD('dsn') reads: DER or PEM certificates, PKCS#7 certs-only bundles (DER or PEM), PKCS#12
 * (binary or base64) with PASSWORD. EXPORT writes CERTDER, CERTB64 (PEM), PKCS7DER/PKCS7B64
 * (certificate + chain), PKCS12DER/PKCS12B64 (certificate + key + chain, PASSWORD required).
 * The private key leaves only through PKCS12 formats, which the caller must ask for explicitly.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import * as t from 'io-ts';
import { type Diagnostic, diagnostic } from '@ztwin/core';
import type { CertificateRecord, CertOwner, CertTrust } from '@ztwin/racf-model';
import { b64, bytesEqual, unb64 } from './der';
import { type CertInfo, parseCertificate } from './certinfo';
import { readPkcs12, readPkcs7, withSecret, writePkcs12, writePkcs7, type Pkcs12WriteOptions } from './pkcs12';
import type { Result } from './gencert';

export interface PemBlock {
  readonly type: string;
  readonly der: Uint8Array;
}

/**
 * All PEM blocks of a text (RFC 7468, lax about whitespace): each BEGIN with the first END of the
 * same type after it, scanning on after that END. The END markers are indexed once, so the time is
 * linear; the single pattern /-----BEGIN (T)-----([\s\S]*?)-----END \1-----/g that this replaces
 * rescanned the rest of the text for every BEGIN without an END (quadratic: 1 MB of them took ~30 s).
 */
export function readPem(text: string): PemBlock[] {
  const ends = new Map<string, { at: number[]; next: number }>();
  const endRe = /-----END ([A-Z0-9 #]+)-----/g;
  for (let m = endRe.exec(text); m; m = endRe.exec(text)) {
    const type = m[1] ?? '';
    const e = ends.get(type) ?? { at: [], next: 0 };
    e.at.push(m.index);
    ends.set(type, e);
    endRe.lastIndex = m.index + 1; // markers may share their dashes
  }
  const out: PemBlock[] = [];
  const beginRe = /-----BEGIN ([A-Z0-9 #]+)-----/g;
  for (let m = beginRe.exec(text); m; m = beginRe.exec(text)) {
    const type = m[1] ?? '';
    const bodyStart = m.index + m[0].length;
    const e = ends.get(type);
    // BEGINs are met in increasing order, so each type's END pointer only moves forward.
    while (e && (e.at[e.next] ?? Infinity) < bodyStart) e.next++;
    const endAt = e?.at[e.next];
    if (endAt === undefined) {
      beginRe.lastIndex = m.index + 1;
      continue;
    }
    beginRe.lastIndex = endAt + `-----END ${type}-----`.length;
    const body = text.slice(bodyStart, endAt).replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) continue;
    out.push({ type, der: unb64(body) });
  }
  return out;
}
export function writePem(type: string, der: Uint8Array): string {
  const body = (b64(der).match(/.{1,64}/g) ?? []).join('\n');
  return `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
}

/** What an input data set holds. */
export interface ImportedPackage {
  /** The certificate to add (the one matching the private key when there is one, else the first). */
  readonly certificate: CertInfo;
  /**
   * PKCS#8 of the private key, when the package had one matching the certificate. SECRET: a
   * non-enumerable property, so JSON.stringify, spreads and jest output of the package omit it.
   */
  readonly privateKey?: Uint8Array;
  /** Other certificates in the package (e.g. the CA chain of a PKCS#12 or PKCS#7). */
  readonly others: CertInfo[];
  readonly format: 'DER' | 'PEM' | 'PKCS7' | 'PKCS12';
  /** friendlyName from a PKCS#12 for the certificate, when present. */
  readonly friendlyName?: string;
}

const at = { source: '<racdcert>' };
const fail = (code: string, message: string): Result<never> => ({ diagnostics: [diagnostic({ code, message }, at)] });

/** SPKI DER of a PKCS#8 private key; undefined when Node cannot read it. */
export function publicKeyOfPkcs8(pkcs8: Uint8Array): Uint8Array | undefined {
  try {
    const k = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
    return new Uint8Array(createPublicKey(k).export({ format: 'der', type: 'spki' }));
  } catch {
    return undefined;
  }
}

function isText(b: Uint8Array): boolean {
  for (let i = 0; i < Math.min(b.length, 512); i++) {
    const c = b[i] ?? 0;
    if (c !== 9 && c !== 10 && c !== 13 && (c < 32 || c > 126)) return false;
  }
  return true;
}

/** Read the content of an ADD data set. `password` is used only for PKCS#12. */
export function readCertificatePackage(content: Uint8Array, password?: string): Result<ImportedPackage> {
  let ders: { der: Uint8Array; fmt: ImportedPackage['format'] }[] = [];
  let keys: Uint8Array[] = [];
  let names: (string | undefined)[] = [];
  let binary = content;
  if (isText(content)) {
    const text = new TextDecoder().decode(content);
    const blocks = readPem(text);
    if (blocks.length) {
      for (const b of blocks) {
        if (b.type === 'CERTIFICATE' || b.type === 'X509 CERTIFICATE' || b.type === 'TRUSTED CERTIFICATE') {
          const p7 = readPkcs7(b.der); // RACF also writes PKCS7B64 under a CERTIFICATE header
          if (p7) ders.push(...p7.map((der) => ({ der, fmt: 'PKCS7' as const })));
          else ders.push({ der: b.der, fmt: 'PEM' });
        } else if (b.type === 'PKCS7') ders.push(...(readPkcs7(b.der) ?? []).map((der) => ({ der, fmt: 'PKCS7' as const })));
        else if (b.type === 'PRIVATE KEY') keys.push(b.der);
      }
      if (!ders.length) return fail('KR-ADD-FORMAT', 'The data set contains no certificate.');
    } else {
      const body = text.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return fail('KR-ADD-FORMAT', 'The data set does not contain a certificate or certificate package.');
      binary = unb64(body); // PKCS12B64 / bare base64
    }
  }
  if (!ders.length) {
    const cert = parseCertificate(binary);
    if (cert) ders = [{ der: binary, fmt: 'DER' }];
    else {
      const p7 = readPkcs7(binary);
      if (p7) ders = p7.map((der) => ({ der, fmt: 'PKCS7' as const }));
      else {
        if (password === undefined) return fail('KR-ADD-PASSWORD', 'The data set looks like a PKCS #12 package: PASSWORD is required.');
        const p12 = readPkcs12(binary, password);
        if ('reason' in p12)
          return fail(p12.reason === 'bad-password' ? 'KR-ADD-PASSWORD' : p12.reason === 'unsupported' ? 'KR-ADD-UNSUPPORTED' : 'KR-ADD-FORMAT', `PKCS #12 package: ${p12.detail}.`);
        ders = p12.certificates.map((der) => ({ der, fmt: 'PKCS12' as const }));
        keys = p12.privateKeys;
        names = p12.certificateNames;
      }
    }
  }
  const infos: CertInfo[] = [];
  for (const d of ders) {
    const i = parseCertificate(d.der);
    if (!i) return fail('KR-ADD-FORMAT', 'A certificate in the data set is not valid X.509 DER.');
    infos.push(i);
  }
  const first = infos[0];
  if (!first) return fail('KR-ADD-FORMAT', 'The data set contains no certificate.');
  let idx = 0;
  let key: Uint8Array | undefined;
  for (const k of keys) {
    const spki = publicKeyOfPkcs8(k);
    const j = spki ? infos.findIndex((i) => bytesEqual(i.spki, spki)) : -1;
    if (j >= 0) {
      idx = j;
      key = k;
      break;
    }
  }
  const diags: Diagnostic[] = [];
  if (keys.length && !key) diags.push(diagnostic({ code: 'KR-ADD-KEY-MISMATCH', severity: 'warning', message: 'The private key in the package matches no certificate in it; it is ignored.' }, at));
  const certificate = infos[idx] ?? first;
  const fmt = ders[0]?.fmt ?? 'DER';
  const friendly = names[idx];
  const value: ImportedPackage = {
    certificate,
    others: infos.filter((_, i) => i !== idx),
    format: fmt,
    ...(friendly !== undefined ? { friendlyName: friendly } : {}),
  };
  return { value: key ? withSecret(value, 'privateKey', key) : value, diagnostics: diags };
}

/** A CertificateRecord for an imported certificate. */
export function recordFromCertificate(info: CertInfo, owner: CertOwner, label: string, trust: CertTrust, pkcs8?: Uint8Array): CertificateRecord {
  return {
    owner,
    label,
    trust,
    serialHex: info.serialHex,
    subjectDn: info.subjectDn,
    issuerDn: info.issuerDn,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    keyType: info.keyType,
    keySize: info.keySize,
    der: b64(info.der),
    hasPrivateKey: pkcs8 !== undefined,
    ...(pkcs8 ? { privateKey: { pkcs8: b64(pkcs8), storage: 'RACF' as const } } : {}),
  };
}

export const ExportFormat = t.keyof({ CERTDER: null, CERTB64: null, PKCS7DER: null, PKCS7B64: null, PKCS12DER: null, PKCS12B64: null });
export type ExportFormat = t.TypeOf<typeof ExportFormat>;
export interface ExportedDataSet {
  readonly bytes: Uint8Array;
  readonly kind: 'binary' | 'text';
}

/**
 * RACDCERT EXPORT. `chain` is the issuer chain (records) to include for PKCS7/PKCS12 formats.
 * PKCS12 formats need a password and a private key; the key is included only for them.
 */
export function exportCertificate(
  rec: CertificateRecord,
  format: ExportFormat,
  opts: { password?: string; chain?: readonly CertificateRecord[]; pkcs12?: Pkcs12WriteOptions } = {},
): Result<ExportedDataSet> {
  if (rec.der === undefined) return fail('KR-METADATA-ONLY', `Certificate '${rec.label}' has no certificate data (metadata only); it cannot be exported.`);
  const der = unb64(rec.der);
  const chain = (opts.chain ?? []).flatMap((c) => (c.der === undefined ? [] : [unb64(c.der)]));
  const text = (s: string): ExportedDataSet => ({ bytes: new TextEncoder().encode(s), kind: 'text' });
  switch (format) {
    case 'CERTDER':
      return { value: { bytes: der, kind: 'binary' }, diagnostics: [] };
    case 'CERTB64':
      return { value: text(writePem('CERTIFICATE', der)), diagnostics: [] };
    case 'PKCS7DER':
      return { value: { bytes: writePkcs7([der, ...chain]), kind: 'binary' }, diagnostics: [] };
    case 'PKCS7B64':
      return { value: text(writePem('PKCS7', writePkcs7([der, ...chain]))), diagnostics: [] };
    case 'PKCS12DER':
    case 'PKCS12B64': {
      if (opts.password === undefined || opts.password === '') return fail('KR-EXPORT-PASSWORD', `FORMAT(${format}) requires PASSWORD.`);
      // RACF's message for this case is IRRD147I "EXPORT in PKCS12 format requires a certificate with
      // an associated non-ICSF private key. The request is not processed." (its text as quoted from
      // real RACDCERT output by Zowe's keyring export scripts, which grep for IRRD147I; not found in
      // IBM's message pages through the search tool). ztwin keeps its KR-EXPORT-NOKEY code (the CLI
      // and its tests use it) and gives RACF's id in the message. A key kept in ICSF (PKDS/TOKEN)
      // is not exportable either: "non-ICSF".
      if (!rec.privateKey || rec.privateKey.storage !== 'RACF')
        return fail(
          'KR-EXPORT-NOKEY',
          `Certificate '${rec.label}' has no ${rec.privateKey ? 'non-ICSF ' : ''}private key in the RACF database; FORMAT(${format}) is not possible (RACF: IRRD147I EXPORT in PKCS12 format requires a certificate with an associated non-ICSF private key).`,
        );
      const p12 = writePkcs12({ der, label: rec.label }, chain, unb64(rec.privateKey.pkcs8), opts.password, opts.pkcs12);
      if (format === 'PKCS12DER') return { value: { bytes: p12, kind: 'binary' }, diagnostics: [] };
      return { value: text(`${(b64(p12).match(/.{1,64}/g) ?? []).join('\n')}\n`), diagnostics: [] };
    }
  }
}
