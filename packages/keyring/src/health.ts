/**
 * Trust and health of a ring at a clock, and the certificate chain inside a ring.
 *
 * Chains are built inside the ring: the issuer of a certificate is a connected certificate whose
 * subject DN equals the issuer DN (byte-for-byte) and whose key verifies the signature. We check
 * ourselves what a handshake library would: validity dates at the clock, basicConstraints cA and
 * keyUsage keyCertSign on issuers, RACF trust (NOTRUST certificates are invisible to System SSL /
 * JSSE's JCERACFKS). Signature checks use Node's native X509Certificate (synchronous, memoised),
 * which keeps a 10,000-certificate health run well under a second.
 */
import { X509Certificate } from 'node:crypto';
import { type Clock, type Diagnostic, diagnostic } from '@ztwin/core';
import { type CertificateRecord, type CertOwner, type RingConnection, certKey } from '@ztwin/racf-model';
import { type CertInfo, certInfoB64 } from './certinfo';
import { bytesEqual } from './der';
import { type CertStore, type Loc, findCertificate, findRing, recordHasPrivateKey } from './ring';

export interface RingMember {
  readonly connection: RingConnection;
  readonly record: CertificateRecord | undefined;
  readonly info: CertInfo | undefined;
}

const nodeCerts = new Map<string, X509Certificate | null>();
function nodeCert(derB64: string): X509Certificate | undefined {
  let c = nodeCerts.get(derB64);
  if (c === undefined) {
    try {
      c = new X509Certificate(Buffer.from(derB64, 'base64'));
    } catch {
      c = null;
    }
    if (nodeCerts.size > 100_000) nodeCerts.clear();
    nodeCerts.set(derB64, c);
  }
  return c ?? undefined;
}
const verified = new Map<string, boolean>();
/** Does `issuer`'s key verify `cert`'s signature? (memoised) */
export function signedBy(cert: CertificateRecord, issuer: CertificateRecord): boolean {
  if (cert.der === undefined || issuer.der === undefined) return false;
  const k = `${cert.der.length}:${cert.der.slice(-48)}|${issuer.der.slice(-48)}`;
  const hit = verified.get(k);
  if (hit !== undefined) return hit;
  const c = nodeCert(cert.der);
  const i = nodeCert(issuer.der);
  let ok = false;
  try {
    ok = c !== undefined && i !== undefined && c.verify(i.publicKey);
  } catch {
    ok = false;
  }
  if (verified.size > 200_000) verified.clear();
  verified.set(k, ok);
  return ok;
}

export function ringMembers(s: CertStore, owner: string, name: string): RingMember[] | undefined {
  const r = findRing(s, owner, name);
  if (!r) return undefined;
  return r.connections.map((connection) => {
    const record = findCertificate(s, connection.certOwner, connection.label);
    // Parsed lazily: health needs the DER only along a chain, the rest comes from the record.
    let parsed: CertInfo | undefined | null = null;
    return {
      connection,
      record,
      get info(): CertInfo | undefined {
        if (parsed === null) parsed = record?.der !== undefined ? certInfoB64(record.der) : undefined;
        return parsed;
      },
    };
  });
}

export interface ChainResult {
  /** The certificate first, then issuers, as far as the ring allows. */
  readonly chain: RingMember[];
  /** True when the chain ends in a self-signed, trusted certificate. */
  readonly complete: boolean;
  readonly problems: Diagnostic[];
}

const isSelfSigned = (i: CertInfo): boolean => bytesEqual(i.subjectDer, i.issuerDer);
const trusted = (r: CertificateRecord | undefined): boolean => r !== undefined && r.trust !== 'NOTRUST';

/** Build and check the chain of one ring member inside the ring at `clock`. */
export function chainInRing(members: readonly RingMember[], start: RingMember, clock: Clock, loc: Loc): ChainResult {
  const now = clock.now().getTime();
  const problems: Diagnostic[] = [];
  const chain: RingMember[] = [start];
  const seen = new Set<string>();
  let cur = start;
  for (let depth = 0; depth < 10; depth++) {
    const info = cur.info;
    const rec = cur.record;
    if (!info || !rec) break;
    seen.add(certKey(rec.owner, rec.label));
    if (isSelfSigned(info)) return { chain, complete: signedBy(rec, rec), problems };
    const matches = (m: RingMember, quick: boolean): boolean =>
      m.record !== undefined && (!quick || m.record.subjectDn === info.issuerDn) && trusted(m.record) && m.info !== undefined && bytesEqual(m.info.subjectDer, info.issuerDer) && !seen.has(certKey(m.record.owner, m.record.label));
    // Quick pass on the record's DN text; full pass on the DER when the texts differ in form.
    let candidates = members.filter((m) => matches(m, true));
    if (candidates.length === 0) candidates = members.filter((m) => matches(m, false));
    const issuer = candidates.find((m) => m.record && signedBy(rec, m.record));
    if (!issuer || !issuer.info || !issuer.record) {
      const notrust = members.find((m) => m.record?.trust === 'NOTRUST' && m.record.subjectDn === info.issuerDn && m.info && bytesEqual(m.info.subjectDer, info.issuerDer));
      problems.push(
        diagnostic(
          notrust
            ? { code: 'KR-HEALTH-ISSUER-NOTRUST', message: `The issuer of '${rec.label}' (${info.issuerDn}) is in the ring as '${notrust.connection.label}' but is NOTRUST.` }
            : { code: 'KR-HEALTH-MISSING-CA', message: `The issuer of '${rec.label}' (${info.issuerDn}) is not connected to the ring (or does not verify its signature).` },
          loc,
        ),
      );
      return { chain, complete: false, problems };
    }
    const ii = issuer.info;
    if (ii.basicConstraints?.ca !== true)
      problems.push(diagnostic({ code: 'KR-HEALTH-NOT-CA', message: `'${issuer.record.label}' issued '${rec.label}' but is not a CA certificate (basicConstraints cA is not TRUE).` }, loc));
    if (ii.keyUsage && !ii.keyUsage.includes('keyCertSign'))
      problems.push(diagnostic({ code: 'KR-HEALTH-KEYUSAGE', message: `'${issuer.record.label}' issued '${rec.label}' but its keyUsage lacks keyCertSign.` }, loc));
    if (ii.notAfter.getTime() < now)
      problems.push(diagnostic({ code: 'KR-HEALTH-EXPIRED', message: `CA certificate '${issuer.record.label}' expired on ${ii.notAfter.toISOString()}.` }, loc));
    chain.push(issuer);
    cur = issuer;
  }
  return { chain, complete: false, problems };
}

export interface RingHealth {
  readonly diagnostics: Diagnostic[];
  /** The default certificate's chain, when there is a default. */
  readonly defaultChain?: ChainResult;
}

/** Health of a ring at a clock. Stable codes: KR-HEALTH-*. */
export function ringHealth(s: CertStore, owner: string, name: string, clock: Clock, loc: Loc = { source: `${owner}/${name}` }): RingHealth {
  const members = ringMembers(s, owner, name);
  if (!members) return { diagnostics: [diagnostic({ code: 'KR-RING-NOT-FOUND', message: `Ring ${name} does not exist for ${owner}.` }, loc)] };
  const now = clock.now().getTime();
  const d: Diagnostic[] = [];
  for (const m of members) {
    const label = m.connection.label;
    if (!m.record) {
      d.push(diagnostic({ code: 'KR-HEALTH-DANGLING', message: `Ring connection '${label}' refers to a certificate that does not exist.` }, loc));
      continue;
    }
    if (m.record.der === undefined) {
      d.push(diagnostic({ code: 'KR-HEALTH-METADATA-ONLY', severity: 'warning', message: `Certificate '${label}' is known only by its metadata (no certificate data); its chain and signature cannot be checked.` }, loc));
    } else if (m.connection.default && !m.info) d.push(diagnostic({ code: 'KR-HEALTH-BAD-CERT', message: `Certificate '${label}' is not valid X.509.` }, loc));
    if (m.record.trust === 'NOTRUST')
      d.push(diagnostic({ code: 'KR-HEALTH-NOTRUST', severity: 'warning', message: `Certificate '${label}' is NOTRUST: handshakes ignore it.` }, loc));
    // The record's dates are the certificate's (GENCERT/ADD derive them from the DER).
    const nb = Date.parse(m.record.notBefore);
    const na = Date.parse(m.record.notAfter);
    if (na < now) d.push(diagnostic({ code: 'KR-HEALTH-EXPIRED', message: `Certificate '${label}' expired on ${new Date(na).toISOString()}.` }, loc));
    else if (nb > now) d.push(diagnostic({ code: 'KR-HEALTH-NOT-YET-VALID', message: `Certificate '${label}' is not valid before ${new Date(nb).toISOString()}.` }, loc));
  }
  const defaults = members.filter((m) => m.connection.default);
  const def = defaults[0];
  if (!def) {
    if (members.some((m) => m.connection.usage === 'PERSONAL'))
      d.push(diagnostic({ code: 'KR-HEALTH-NO-DEFAULT', severity: 'warning', message: `Ring ${name} has personal certificates but no DEFAULT: a handshake needs a label or a default.` }, loc));
    else d.push(diagnostic({ code: 'KR-HEALTH-NO-DEFAULT', severity: 'info', message: `Ring ${name} has no default certificate (fine for a trust-only ring).` }, loc));
    return { diagnostics: d };
  }
  if (def.record && !recordHasPrivateKey(def.record))
    d.push(diagnostic({ code: 'KR-HEALTH-NO-PRIVATE-KEY', message: `The default certificate '${def.connection.label}' has no private key.` }, loc));
  else if (def.record && !def.record.privateKey)
    d.push(diagnostic({ code: 'KR-HEALTH-KEY-NOT-CARRIED', severity: 'info', message: `The default certificate '${def.connection.label}' has a private key that this state does not carry (metadata).` }, loc));
  if (def.connection.certOwner.kind === 'ID' && def.connection.certOwner.id !== owner)
    d.push(
      diagnostic(
        { code: 'KR-HEALTH-KEY-OTHER-OWNER', severity: 'warning', message: `The default certificate '${def.connection.label}' belongs to ${def.connection.certOwner.id}: ${owner} gets its private key only through RDATALIB UPDATE.` },
        loc,
      ),
    );
  if (def.connection.usage !== 'PERSONAL')
    d.push(diagnostic({ code: 'KR-HEALTH-DEFAULT-USAGE', severity: 'warning', message: `The default certificate '${def.connection.label}' is connected with USAGE(${def.connection.usage}), not PERSONAL.` }, loc));
  if (def.record?.trust === 'NOTRUST') d.push(diagnostic({ code: 'KR-HEALTH-DEFAULT-NOTRUST', message: `The default certificate '${def.connection.label}' is NOTRUST.` }, loc));
  if (!def.info) return { diagnostics: d };
  const chain = chainInRing(members, def, clock, loc);
  return { diagnostics: [...d, ...chain.problems], defaultChain: chain };
}

/** Whether a ring's DEFAULT certificate can be presented in a handshake at a time, and why (not). */
export interface DefaultCertificateUsability {
  /** The DEFAULT connection's label (absent: the ring does not exist or has no DEFAULT). */
  readonly label?: string;
  /** The DEFAULT connection's certificate owner: whose private key a reader of the ring needs. */
  readonly certOwner?: CertOwner;
  /** The certificate's NOTAFTER (ISO 8601); absent when the DEFAULT connection is dangling. */
  readonly notAfter?: string;
  readonly usable: boolean;
  /**
   * Why it is not usable, first; then remarks that do not make it unusable: the chain is not
   * complete in the ring (or has a problem), or cannot be checked (metadata-only record).
   */
  readonly reasons: string[];
  /** Whether the chain up to a trusted self-signed CA is in the ring; absent when it was not checked. */
  readonly chainComplete?: boolean;
}

/**
 * The one rule for "the ring's DEFAULT certificate is usable at `at`" (used by zcee-config's and
 * attls-policy's state adapters, so both agree):
 * - the DEFAULT connection exists and its certificate exists;
 * - it has a private key (`privateKey`, or `hasPrivateKey` in a state read back from JSON);
 * - it is not NOTRUST (System SSL and JCERACFKS ignore NOTRUST certificates);
 * - it is connected with USAGE(PERSONAL) (CERTAUTH/SITE connections are trust entries);
 * - its validity period contains `at`;
 * - its certificate data, when present, is valid X.509.
 * The chain inside the ring (`chainInRing`) does NOT decide usability: a server whose ring lacks
 * the issuing CA still presents its certificate (with whatever chain the ring gives); whether the
 * peer can verify it depends on the peer's trust store. An incomplete chain, or a chain problem
 * (CA not a CA, expired CA), is a remark in `reasons`; a metadata-only record (no DER) cannot have
 * its chain checked, and `reasons` says so. ringHealth reports the same facts as KR-HEALTH-* codes.
 */
export function defaultCertificateUsability(s: CertStore, owner: string, ring: string, at: Date): DefaultCertificateUsability {
  const t = at.getTime();
  if (Number.isNaN(t)) return { usable: false, reasons: ['the time to judge the certificate at is not a valid date'] };
  const members = ringMembers(s, owner, ring);
  if (!members) return { usable: false, reasons: [`ring ${ring} does not exist for ${owner}`] };
  const def = members.find((m) => m.connection.default);
  if (!def) return { usable: false, reasons: [`ring ${owner}/${ring} has no default certificate`] };
  const { label, certOwner } = def.connection;
  const r = def.record;
  if (!r) return { label, certOwner, usable: false, reasons: [`certificate '${label}' does not exist (the ring's DEFAULT connection is dangling)`] };
  const blockers: string[] = [];
  if (!recordHasPrivateKey(r)) blockers.push(`certificate '${label}' has no private key`);
  if (r.trust === 'NOTRUST') blockers.push(`certificate '${label}' is NOTRUST`);
  if (def.connection.usage !== 'PERSONAL') blockers.push(`certificate '${label}' is connected with USAGE(${def.connection.usage}), not PERSONAL`);
  if (t > Date.parse(r.notAfter)) blockers.push(`certificate '${label}' expired on ${r.notAfter}`);
  else if (t < Date.parse(r.notBefore)) blockers.push(`certificate '${label}' is not valid before ${r.notBefore}`);
  const base = { label, certOwner, notAfter: r.notAfter };
  if (r.der === undefined)
    return { ...base, usable: blockers.length === 0, reasons: [...blockers, `certificate '${label}' is known only by its metadata: its chain in the ring cannot be checked`] };
  if (!def.info) return { ...base, usable: false, reasons: [...blockers, `certificate '${label}' is not valid X.509`] };
  const chain = chainInRing(members, def, { now: () => new Date(t) }, { source: `${owner}/${ring}` });
  const problems = chain.problems.map((d) => d.message);
  const remarks = chain.complete
    ? problems
    : [`the chain of certificate '${label}' is not complete in the ring (${problems.length > 0 ? problems.join('; ') : 'no trusted self-signed CA at its end'}): it is still presented, but a peer may fail to verify it`];
  return { ...base, usable: blockers.length === 0, reasons: [...blockers, ...remarks], chainComplete: chain.complete };
}
