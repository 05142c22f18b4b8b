import { X509Certificate } from 'node:crypto';
import * as t from 'io-ts';

/**
 * What a report may say about a certificate (never key material).
 * `label` and `owner` are RACF's words: the certificate's label in RACF and the RACDCERT owner
 * (`ID(user)`, `CERTAUTH`, `SITE`) when known.
 */
export const CertSummary = t.intersection([
  t.type({
    subject: t.string,
    issuer: t.string,
    serial: t.string,
    notBefore: t.string,
    notAfter: t.string,
  }),
  t.partial({ label: t.string, owner: t.string }),
]);
export type CertSummary = t.TypeOf<typeof CertSummary>;

const PARSE_CACHE_LIMIT = 2000;
const parsed = new Map<string, X509Certificate | null>();

/**
 * A parsed certificate; `undefined` when the PEM is not a certificate (never throws). Parsed
 * certificates are cached by their PEM text (bounded), since one simulation looks at the same
 * ring certificates many times.
 */
export function parseCertificate(pem: string): X509Certificate | undefined {
  const hit = parsed.get(pem);
  if (hit !== undefined) return hit ?? undefined;
  let c: X509Certificate | null;
  try {
    c = new X509Certificate(pem);
  } catch {
    c = null;
  }
  if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
  parsed.set(pem, c);
  return c ?? undefined;
}

const fingerprints = new WeakMap<X509Certificate, string>();
function fp(c: X509Certificate): string {
  let f = fingerprints.get(c);
  if (f === undefined) {
    f = c.fingerprint256;
    fingerprints.set(c, f);
  }
  return f;
}

function oneLine(name: string): string {
  return name.split('\n').filter((s) => s.length > 0).join(', ');
}

export function validityOf(cert: X509Certificate): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
}

export function summarize(cert: X509Certificate, extra?: { label?: string; owner?: string }): CertSummary {
  const v = validityOf(cert);
  const s: CertSummary = {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    serial: cert.serialNumber,
    notBefore: v.notBefore.toISOString(),
    notAfter: v.notAfter.toISOString(),
  };
  if (extra?.label !== undefined) s.label = extra.label;
  if (extra?.owner !== undefined) s.owner = extra.owner;
  return s;
}

/** Why a peer's certificate chain is not accepted. */
export type ChainProblem =
  | 'no-certificate'
  | 'unparsable'
  | 'expired'
  | 'not-yet-valid'
  | 'untrusted'
  | 'issuer-not-a-ca';

export type ChainVerdict =
  | { readonly ok: true; readonly path: readonly X509Certificate[] }
  | { readonly ok: false; readonly problem: ChainProblem; readonly subject: string; readonly detail: string };

const issued = new Map<string, boolean>();

/** `parent` issued `child`: names chain and the signature verifies (memoized per pair). */
function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  const key = `${fp(child)}|${fp(parent)}`;
  const hit = issued.get(key);
  if (hit !== undefined) return hit;
  let r: boolean;
  try {
    r = child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    r = false;
  }
  if (issued.size >= PARSE_CACHE_LIMIT * 4) issued.clear();
  issued.set(key, r);
  return r;
}

function selfSigned(c: X509Certificate): boolean {
  return issuedBy(c, c);
}

/**
 * Validate a presented chain (leaf first) against trusted CA certificates at `at`, the way a TLS
 * peer does (PKIX path building as OpenSSL, JSSE and System SSL all do it for this purpose):
 * walk issuer links (name match + signature) through the presented intermediates until a trusted
 * certificate issues one; every certificate on the path, the trust anchor included, must be within
 * its validity at `at` (OpenSSL and System SSL check the anchor too), and every issuer must be a CA
 * (basicConstraints cA, which RACDCERT CERTAUTH GENCERT sets). Host name checks are not modelled:
 * neither AT-TLS (without a HostName/SNI policy) nor the zCEE outbound defaults of the lab do them.
 */
export function verifyChain(chainPems: readonly string[], trustedPems: readonly string[], at: Date): ChainVerdict {
  const chain: X509Certificate[] = [];
  for (const p of chainPems) {
    const c = parseCertificate(p);
    if (c === undefined) return { ok: false, problem: 'unparsable', subject: '?', detail: 'a presented certificate is not X.509' };
    chain.push(c);
  }
  const leaf = chain[0];
  if (leaf === undefined) return { ok: false, problem: 'no-certificate', subject: '', detail: 'no certificate was presented' };
  const trusted = trustedPems.map(parseCertificate).filter((c): c is X509Certificate => c !== undefined);
  const path: X509Certificate[] = [leaf];
  let current = leaf;
  let anchored = false;
  for (let depth = 0; depth < 10 && !anchored; depth++) {
    const isTrustedSelf = trusted.some((tc) => fp(tc) === fp(current)) && selfSigned(current);
    if (isTrustedSelf) {
      anchored = true;
      break;
    }
    const anchor = trusted.find((tc) => issuedBy(current, tc));
    if (anchor !== undefined) {
      if (fp(anchor) !== fp(current)) path.push(anchor);
      anchored = true;
      break;
    }
    const next = chain.find((c) => fp(c) !== fp(current) && issuedBy(current, c));
    if (next === undefined || selfSigned(current)) break;
    path.push(next);
    current = next;
  }
  if (!anchored) {
    return {
      ok: false,
      problem: 'untrusted',
      subject: oneLine(current.subject),
      detail: selfSigned(current)
        ? `self-signed certificate '${oneLine(current.subject)}' is not trusted`
        : `no trusted CA certificate issued '${oneLine(current.subject)}' (issuer '${oneLine(current.issuer)}')`,
    };
  }
  for (let i = 1; i < path.length; i++) {
    const ca = path[i];
    if (ca !== undefined && !ca.ca) {
      return { ok: false, problem: 'issuer-not-a-ca', subject: oneLine(ca.subject), detail: `issuer '${oneLine(ca.subject)}' is not a CA certificate` };
    }
  }
  for (const c of path) {
    const v = validityOf(c);
    if (at.getTime() > v.notAfter.getTime()) {
      return { ok: false, problem: 'expired', subject: oneLine(c.subject), detail: `certificate '${oneLine(c.subject)}' expired ${v.notAfter.toISOString()}` };
    }
    if (at.getTime() < v.notBefore.getTime()) {
      return {
        ok: false,
        problem: 'not-yet-valid',
        subject: oneLine(c.subject),
        detail: `certificate '${oneLine(c.subject)}' is not valid before ${v.notBefore.toISOString()}`,
      };
    }
  }
  return { ok: true, path };
}
