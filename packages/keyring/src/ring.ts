/**
 * Key ring semantics on the shared records (RACDCERT ADDRING / CONNECT / REMOVE / DELRING and the
 * ring side of DELETE and ALTER NEWLABEL). Pure functions over a `CertStore`, a plain value:
 * maps keyed by `certKey` / `ringKey` so each operation is O(1) amortised plus the ring size.
 *
 * Rules (RACDCERT CONNECT, Command Language Reference):
 * - The certificate must exist; the ring must exist.
 * - USAGE defaults to the certificate's owner: user → PERSONAL, CERTAUTH → CERTAUTH, SITE → SITE.
 * - DEFAULT makes it the ring's only default (an existing default loses the flag); ztwin warns
 *   when the new default has no private key (a handshake could not use it).
 * - Another user's certificate may be connected, also with USAGE(PERSONAL) (authority permitting);
 *   but R_datalib gives a user certificate's private key only to its owner (FACILITY) or with
 *   RDATALIB UPDATE, so ztwin notes that the ring owner cannot use its key (KR-CONNECT-KEY-OTHER).
 *   (z/OS "R_datalib usage notes": private keys only for PERSONAL usage, owner or RDATALIB.)
 * - Connecting a certificate already in the ring updates its USAGE/DEFAULT.
 * - DELETE of a certificate removes it from every ring.
 */
import { type Diagnostic, diagnostic, didYouMean } from '@ztwin/core';
import { type CertificateRecord, type CertOwner, type RingConnection, type RingRecord, type RingUsage, PMap, certKey, ringKey } from '@ztwin/racf-model';

/**
 * Certificates and rings as persistent maps (racf-model's PMap, the same tables RacfState holds),
 * so every operation is O(log n) and a RacfState converts to and from a store in O(1).
 */
export interface CertStore {
  readonly certificates: PMap<CertificateRecord>;
  readonly rings: PMap<RingRecord>;
}
export const emptyStore = (): CertStore => ({ certificates: PMap.empty(), rings: PMap.empty() });

export function storeFrom(certs: readonly CertificateRecord[], rings: readonly RingRecord[]): CertStore {
  return {
    certificates: PMap.from(certs.map((c) => [certKey(c.owner, c.label), c] as const)),
    rings: PMap.from(rings.map((r) => [ringKey(r.owner, r.name), r] as const)),
  };
}

export interface Loc {
  readonly source: string;
  readonly line?: number;
  readonly column?: number;
}
export interface StoreResult {
  readonly store: CertStore;
  readonly diagnostics: Diagnostic[];
}
const same = (a: CertOwner, b: CertOwner): boolean => certKey(a, '') === certKey(b, '');
const ownerText = (o: CertOwner): string => (o.kind === 'ID' ? `ID(${o.id})` : o.kind);

function withCert(s: CertStore, c: CertificateRecord): CertStore {
  return { ...s, certificates: s.certificates.set(certKey(c.owner, c.label), c) };
}
function withRing(s: CertStore, r: RingRecord): CertStore {
  return { ...s, rings: s.rings.set(ringKey(r.owner, r.name), r) };
}

/**
 * Does the record say the certificate has a private key? A state read back from JSON carries
 * `hasPrivateKey` without the key itself (secrets are not serialised), so either counts.
 */
export function recordHasPrivateKey(c: CertificateRecord): boolean {
  return c.privateKey !== undefined || c.hasPrivateKey === true;
}

export function findCertificate(s: CertStore, owner: CertOwner, label: string): CertificateRecord | undefined {
  return s.certificates.get(certKey(owner, label));
}
export function findRing(s: CertStore, owner: string, name: string): RingRecord | undefined {
  return s.rings.get(ringKey(owner, name));
}

/** Add a certificate record; labels are unique per owner. */
export function addCertificate(s: CertStore, c: CertificateRecord, loc: Loc = { source: '<racdcert>' }): StoreResult {
  if (s.certificates.has(certKey(c.owner, c.label)))
    return { store: s, diagnostics: [diagnostic({ code: 'KR-LABEL-IN-USE', message: `Label '${c.label}' is already in use for ${ownerText(c.owner)}.` }, loc)] };
  return { store: withCert(s, c), diagnostics: [] };
}

/** Replace a certificate record (same owner and label), e.g. after ALTER or signing. */
export function putCertificate(s: CertStore, c: CertificateRecord): CertStore {
  return withCert(s, c);
}

export function addRing(s: CertStore, owner: string, name: string, loc: Loc = { source: '<racdcert>' }): StoreResult {
  if (name.length === 0 || name.length > 237 || /\s/.test(name))
    return { store: s, diagnostics: [diagnostic({ code: 'KR-RING-NAME', message: `Ring name '${name}' is not valid (1-237 characters, no blanks).` }, loc)] };
  if (findRing(s, owner, name)) return { store: s, diagnostics: [diagnostic({ code: 'KR-RING-EXISTS', message: `Ring ${name} already exists for ${owner}.` }, loc)] };
  return { store: withRing(s, { owner, name, connections: [] }), diagnostics: [] };
}

export function deleteRing(s: CertStore, owner: string, name: string, loc: Loc = { source: '<racdcert>' }): StoreResult {
  if (!findRing(s, owner, name)) return { store: s, diagnostics: [notFoundRing(owner, name, loc, s)] };
  return { store: { ...s, rings: s.rings.delete(ringKey(owner, name)) }, diagnostics: [] };
}

/**
 * A hint for a ring name that does not exist: same name in another case, the same words in
 * another order or case (the seed's `Keyring.LIBERTY` for `Liberty.KeyRing`), or a near typo.
 */
export function ringHint(name: string, candidates: readonly string[]): string | undefined {
  const lc = name.toLowerCase();
  const words = (x: string): string => x.toLowerCase().split('.').sort().join('.');
  const same = candidates.find((c) => c.toLowerCase() === lc) ?? candidates.find((c) => words(c) === words(name));
  if (same) return `ring names are case-sensitive: did you mean ${same}?`;
  const near = didYouMean(name, candidates);
  return near ? `did you mean ${near}?` : undefined;
}

function notFoundRing(owner: string, name: string, loc: Loc, s: CertStore): Diagnostic {
  const hint = ringHint(name, [...s.rings.values()].filter((r) => r.owner === owner).map((r) => r.name));
  return diagnostic(
    hint !== undefined
      ? { code: 'KR-RING-NOT-FOUND', message: `Ring ${name} does not exist for ${owner}.`, hint }
      : { code: 'KR-RING-NOT-FOUND', message: `Ring ${name} does not exist for ${owner}.` },
    loc,
  );
}
/**
 * Why a certificate label is not valid, or undefined: RACF labels are 1 to 32 characters
 * (RACDCERT WITHLABEL, NEWLABEL). One rule for GENCERT, ADD WITHLABEL and ALTER NEWLABEL.
 */
export function labelProblem(label: string): string | undefined {
  return label.length === 0 || [...label].length > 32 ? `Label '${label}' must be 1 to 32 characters.` : undefined;
}

function notFoundCert(owner: CertOwner, label: string, loc: Loc, s: CertStore): Diagnostic {
  const other = [...s.certificates.values()].find((c) => same(c.owner, owner) && c.label.toLowerCase() === label.toLowerCase());
  return diagnostic(
    other
      ? { code: 'KR-CERT-NOT-FOUND', message: `Certificate '${label}' does not exist for ${ownerText(owner)}.`, hint: `labels are case-sensitive: did you mean '${other.label}'?` }
      : { code: 'KR-CERT-NOT-FOUND', message: `Certificate '${label}' does not exist for ${ownerText(owner)}.` },
    loc,
  );
}

export function defaultUsage(owner: CertOwner): RingUsage {
  return owner.kind === 'ID' ? 'PERSONAL' : owner.kind;
}

export interface ConnectParams {
  readonly ringOwner: string;
  readonly ring: string;
  readonly certOwner: CertOwner;
  readonly label: string;
  readonly usage?: RingUsage;
  readonly default?: boolean;
}

export function connect(s: CertStore, p: ConnectParams, loc: Loc = { source: '<racdcert>' }): StoreResult {
  const ring = findRing(s, p.ringOwner, p.ring);
  if (!ring) return { store: s, diagnostics: [notFoundRing(p.ringOwner, p.ring, loc, s)] };
  const cert = findCertificate(s, p.certOwner, p.label);
  if (!cert) return { store: s, diagnostics: [notFoundCert(p.certOwner, p.label, loc, s)] };
  const usage = p.usage ?? defaultUsage(p.certOwner);
  const diags: Diagnostic[] = [];
  if (usage === 'PERSONAL' && p.certOwner.kind === 'ID' && p.certOwner.id !== p.ringOwner)
    diags.push(
      diagnostic(
        {
          code: 'KR-CONNECT-KEY-OTHER',
          severity: 'info',
          message: `Certificate '${p.label}' of ${ownerText(p.certOwner)} is connected as PERSONAL to ${p.ringOwner}'s ring: its private key is available only to ${p.certOwner.id} or through RDATALIB UPDATE.`,
        },
        loc,
      ),
    );
  if (p.default && !recordHasPrivateKey(cert))
    diags.push(diagnostic({ code: 'KR-DEFAULT-NO-KEY', severity: 'warning', message: `The default certificate '${p.label}' has no private key; a handshake cannot use it.` }, loc));
  const conn: RingConnection = { certOwner: p.certOwner, label: p.label, usage, default: p.default === true };
  const k = certKey(p.certOwner, p.label);
  let replaced = false;
  const connections = ring.connections.map((c) => {
    if (certKey(c.certOwner, c.label) === k) {
      replaced = true;
      return { ...conn, default: p.default === true || (p.default === undefined && c.default) };
    }
    return p.default ? { ...c, default: false } : c;
  });
  if (!replaced) connections.push(conn);
  return { store: withRing(s, { ...ring, connections }), diagnostics: diags };
}

export function remove(s: CertStore, p: { ringOwner: string; ring: string; certOwner: CertOwner; label: string }, loc: Loc = { source: '<racdcert>' }): StoreResult {
  const ring = findRing(s, p.ringOwner, p.ring);
  if (!ring) return { store: s, diagnostics: [notFoundRing(p.ringOwner, p.ring, loc, s)] };
  const k = certKey(p.certOwner, p.label);
  const connections = ring.connections.filter((c) => certKey(c.certOwner, c.label) !== k);
  if (connections.length === ring.connections.length)
    return { store: s, diagnostics: [diagnostic({ code: 'KR-NOT-CONNECTED', message: `Certificate '${p.label}' is not connected to ring ${p.ring}.` }, loc)] };
  return { store: withRing(s, { ...ring, connections }), diagnostics: [] };
}

/** Rings a certificate is connected to. */
export function ringsOf(s: CertStore, owner: CertOwner, label: string): RingRecord[] {
  const k = certKey(owner, label);
  return [...s.rings.values()].filter((r) => r.connections.some((c) => certKey(c.certOwner, c.label) === k));
}

/** DELETE: the certificate goes, and with it every connection to it. */
export function deleteCertificate(s: CertStore, owner: CertOwner, label: string, loc: Loc = { source: '<racdcert>' }): StoreResult {
  const k = certKey(owner, label);
  if (!s.certificates.has(k)) return { store: s, diagnostics: [notFoundCert(owner, label, loc, s)] };
  let rings = s.rings;
  for (const r of ringsOf(s, owner, label)) rings = rings.set(ringKey(r.owner, r.name), { ...r, connections: r.connections.filter((c) => certKey(c.certOwner, c.label) !== k) });
  return { store: { certificates: s.certificates.delete(k), rings }, diagnostics: [] };
}

/** ALTER TRUST/NOTRUST/HIGHTRUST and NEWLABEL (connections follow the new label). */
export function alterCertificate(
  s: CertStore,
  owner: CertOwner,
  label: string,
  change: { trust?: CertificateRecord['trust']; newLabel?: string },
  loc: Loc = { source: '<racdcert>' },
): StoreResult {
  const k = certKey(owner, label);
  const c = s.certificates.get(k);
  if (!c) return { store: s, diagnostics: [notFoundCert(owner, label, loc, s)] };
  let next: CertificateRecord = change.trust ? { ...c, trust: change.trust } : c;
  if (change.newLabel === undefined || change.newLabel === label) return { store: withCert(s, next), diagnostics: [] };
  const bad = labelProblem(change.newLabel);
  if (bad !== undefined) return { store: s, diagnostics: [diagnostic({ code: 'KR-LABEL', message: `NEWLABEL: ${bad}` }, loc)] };
  if (s.certificates.has(certKey(owner, change.newLabel)))
    return { store: s, diagnostics: [diagnostic({ code: 'KR-LABEL-IN-USE', message: `Label '${change.newLabel}' is already in use for ${ownerText(owner)}.` }, loc)] };
  next = { ...next, label: change.newLabel };
  const certs = s.certificates.delete(k).set(certKey(owner, change.newLabel), next);
  let rings = s.rings;
  const nl = change.newLabel;
  for (const r of ringsOf(s, owner, label))
    rings = rings.set(ringKey(r.owner, r.name), { ...r, connections: r.connections.map((x) => (certKey(x.certOwner, x.label) === k ? { ...x, label: nl } : x)) });
  return { store: { certificates: certs, rings }, diagnostics: [] };
}
