import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/**
 * Time shift for the real-TLS cross-check.
 *
 * node:tls (OpenSSL) checks certificate validity against the machine's real clock; the twin
 * predicts at a simulated clock C. To let a real handshake answer "what would happen at C", every
 * certificate is re-issued with its validity moved by delta = realNow − C: at realNow the shifted
 * certificate is exactly as (in)valid as the original one is at C. Everything else is kept: subject
 * and issuer names (the DER Name objects themselves, so name matching is unchanged), the public key,
 * the serial number and all extensions. Each certificate is re-signed with its ISSUER's private key
 * (which the twin holds: RACDCERT keeps the keys of the CA certificates it generated), so chains
 * still verify. A certificate whose issuer key is unknown cannot be shifted: the cross-check then
 * reports "inconclusive" instead of guessing.
 */

/** Node's WebCrypto, passed explicitly (no global provider is changed). */
const nodeCrypto = webcrypto;

/** Finds the private key (PKCS#8 PEM) of the certificate that issued `cert` (or of `cert` itself when self-signed). */
export type IssuerKeyLookup = (issuerOf: x509.X509Certificate) => string | undefined;

type SignAlg = {
  readonly importAlg: webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams;
  readonly signAlg: webcrypto.EcdsaParams | webcrypto.Algorithm;
};

function algorithmFor(keyPem: string): SignAlg | undefined {
  try {
    const k = createPrivateKey(keyPem);
    if (k.asymmetricKeyType === 'ec') {
      const curve = k.asymmetricKeyDetails?.namedCurve;
      const named = curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : undefined;
      if (named === undefined) return undefined;
      const hash = named === 'P-256' ? 'SHA-256' : named === 'P-384' ? 'SHA-384' : 'SHA-512';
      return { importAlg: { name: 'ECDSA', namedCurve: named }, signAlg: { name: 'ECDSA', hash } };
    }
    if (k.asymmetricKeyType === 'rsa') {
      return { importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, signAlg: { name: 'RSASSA-PKCS1-v1_5' } };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

async function importSigningKey(keyPem: string): Promise<{ key: webcrypto.CryptoKey; alg: webcrypto.EcdsaParams | webcrypto.Algorithm } | undefined> {
  const a = algorithmFor(keyPem);
  if (a === undefined) return undefined;
  const der = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey('pkcs8', der, a.importAlg, false, ['sign']);
  return { key, alg: a.signAlg };
}

export type ShiftResult = { readonly ok: true; readonly pem: string } | { readonly ok: false; readonly reason: string };

/**
 * Re-issue one certificate with validity moved by `deltaMs`, signed by its issuer's key.
 * `issuerKeyPem` is the private key of the issuing certificate (its own key if self-signed).
 */
export async function shiftCertificate(pem: string, deltaMs: number, issuerKeyPem: string): Promise<ShiftResult> {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(pem);
  } catch {
    return { ok: false, reason: 'not a certificate' };
  }
  const signer = await importSigningKey(issuerKeyPem).catch(() => undefined);
  if (signer === undefined) return { ok: false, reason: `unsupported issuer key for '${cert.subject}'` };
  try {
    const shifted = await x509.X509CertificateGenerator.create({
      serialNumber: cert.serialNumber,
      subject: cert.subjectName,
      issuer: cert.issuerName,
      notBefore: new Date(cert.notBefore.getTime() + deltaMs),
      notAfter: new Date(cert.notAfter.getTime() + deltaMs),
      publicKey: cert.publicKey,
      signingKey: signer.key,
      extensions: [...cert.extensions],
      signingAlgorithm: signer.alg,
    }, nodeCrypto);
    return { ok: true, pem: shifted.toString('pem') };
  } catch (e) {
    return { ok: false, reason: `re-signing '${cert.subject}' failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Shifts a set of certificates consistently. `keys` maps a certificate PEM (normalized) to its
 * private key PEM; an issuer is found among `pool` (all certificates of both sides) by
 * subject/issuer name and signature.
 */
export class TimeShifter {
  private readonly cache = new Map<string, Promise<ShiftResult>>();
  private readonly pool: { pem: string; cert: x509.X509Certificate }[];
  constructor(
    readonly deltaMs: number,
    pool: readonly string[],
    private readonly keyOf: (certPem: string) => string | undefined,
  ) {
    this.pool = [];
    for (const pem of pool) {
      try {
        this.pool.push({ pem, cert: new x509.X509Certificate(pem) });
      } catch {
        /* not a certificate: ignored, the handshake will show it */
      }
    }
  }

  private async issuerKey(cert: x509.X509Certificate): Promise<string | undefined> {
    for (const c of this.pool) {
      if (c.cert.subject !== cert.issuer) continue;
      const verified = await cert.verify({ publicKey: c.cert.publicKey, signatureOnly: true }, nodeCrypto).catch(() => false);
      if (!verified) continue;
      const k = this.keyOf(c.pem);
      if (k !== undefined) return k;
    }
    return undefined;
  }

  shift(pem: string): Promise<ShiftResult> {
    const key = pem.trim();
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const p = (async (): Promise<ShiftResult> => {
      if (this.deltaMs === 0) return { ok: true, pem };
      let cert: x509.X509Certificate;
      try {
        cert = new x509.X509Certificate(pem);
      } catch {
        return { ok: false, reason: 'not a certificate' };
      }
      const k = await this.issuerKey(cert);
      if (k === undefined) return { ok: false, reason: `no private key of the issuer '${cert.issuer}' of '${cert.subject}'` };
      return shiftCertificate(pem, this.deltaMs, k);
    })();
    this.cache.set(key, p);
    return p;
  }
}
