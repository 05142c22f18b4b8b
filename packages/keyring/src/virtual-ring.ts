/**
 * RACF virtual key rings over a RACF state: what `userid/*`, `*AUTH*` + `/*` and `*SITE*` + `/*`
 * contain, who may read them, and which certificate such a ring can present.
 *
 * What IBM says (and where), and what is decided here where IBM is silent:
 * - Names (RACF Security Administrator's Guide, "Using a virtual key ring"): an application that
 *   reads rings through R_datalib (System SSL, hence AT-TLS; FTP) may name a virtual ring wherever a
 *   real ring is expected, as `ring-owner/*`; the owners of the CERTAUTH and SITE rings are written
 *   `*AUTH*` and `*SITE*`. R_datalib's usage notes also name the reserved user IDs irrcerta and
 *   irrsitec for them.
 * - Contents (Administrator's Guide, "RACF and key rings"): "the set of all certificates owned by a
 *   user ID" — what `RACDCERT ID(userid) LIST`, `RACDCERT CERTAUTH LIST`, `RACDCERT SITE LIST`
 *   show. A virtual ring is never added to RACF (no DIGTRING profile).
 * - Usage (Callable Services, R_datalib usage notes): every certificate of a virtual ring has the
 *   same usage: CERTAUTH in the CERTAUTH ring, SITE in the SITE ring, PERSONAL in a user's ring.
 *   So the trust anchors of `*AUTH*`/`*SITE*` rings are their trusted certificates (as keyring's
 *   TLS view counts CERTAUTH/SITE usage) and they present none; a user's ring (all PERSONAL) has
 *   no trust anchors and can present one of the user's own certificates.
 * - Default certificate: a DEFAULT is set by RACDCERT CONNECT, which only real rings have; the docs
 *   say nothing of a default for virtual rings. Decided conservatively: a virtual ring has NO
 *   default certificate, so presenting one needs a label (AT-TLS CertificateLabel, Liberty
 *   serverKeyAlias / clientKeyAlias).
 * - Access: R_datalib checks the RDATALIB profile `<ringOwner>.IRR_VIRTUAL_KEYRING.LST` for a
 *   virtual ring (ring owner CERTIFAUTH for `*AUTH*`, SITECERTIF for `*SITE*`), otherwise FACILITY
 *   IRR.DIGTCERT.LISTRING (R_datalib "RACF authorization"; the profile name is from that table as
 *   of z/OS 2.2 — not in the stored docs, so verify on your release). Levels as for real rings:
 *   READ for one's own ring, UPDATE for another user's; the CERTAUTH and SITE rings belong to no
 *   user, decided here: READ. Private keys as for real rings: one's own key with READ; another
 *   user's key only with RDATALIB UPDATE (FACILITY never gives it).
 */
import { type AccessLevel, type CertOwner, type CertificateRecord, type RacfState, checkAccess, listCertificates } from '@ztwin/racf-model';

/** Who a virtual ring belongs to: a user ID, or CERTAUTH / SITE. */
export type VirtualRingOwner = CertOwner;

/** The Keyring value that names a virtual ring: `LIBSERV/*`, `*AUTH*` + `/*`, `*SITE*` + `/*`. */
export function virtualRingName(owner: VirtualRingOwner): string {
  return owner.kind === 'ID' ? `${owner.id.toUpperCase()}/*` : owner.kind === 'CERTAUTH' ? '*AUTH*/*' : '*SITE*/*';
}

/** The RDATALIB resource R_datalib checks for reading a virtual ring. */
export function virtualRingResource(owner: VirtualRingOwner): string {
  const o = owner.kind === 'ID' ? owner.id.toUpperCase() : owner.kind === 'CERTAUTH' ? 'CERTIFAUTH' : 'SITECERTIF';
  return `${o}.IRR_VIRTUAL_KEYRING.LST`;
}

/** The certificates of a virtual ring (every certificate the owner has), with the ring usage they all share. */
export function virtualRingMembers(state: RacfState, owner: VirtualRingOwner): { readonly usage: 'PERSONAL' | 'CERTAUTH' | 'SITE'; readonly certificates: readonly CertificateRecord[] } {
  const o: CertOwner = owner.kind === 'ID' ? { kind: 'ID', id: owner.id.toUpperCase() } : owner;
  return { usage: o.kind === 'ID' ? 'PERSONAL' : o.kind, certificates: listCertificates(state, o) };
}

/** The trusted certificates of a virtual ring that act as trust anchors (CERTAUTH/SITE rings only). */
export function virtualRingAnchors(state: RacfState, owner: VirtualRingOwner): CertificateRecord[] {
  if (owner.kind === 'ID') return [];
  return virtualRingMembers(state, owner).certificates.filter((c) => c.trust !== 'NOTRUST');
}

export interface VirtualRingAccess {
  readonly allowed: boolean;
  readonly via: 'RDATALIB' | 'FACILITY';
  readonly reasons: readonly string[];
}

/**
 * May `user` read the virtual ring of `owner` through R_datalib; with `privateKey`, also the
 * private key of a certificate of it (only a user's ring has keys to present).
 */
export function virtualRingAccess(state: RacfState, user: string, owner: VirtualRingOwner, opts: { readonly privateKey?: boolean } = {}): VirtualRingAccess {
  const u = user.trim().toUpperCase();
  const own = owner.kind === 'ID' && owner.id.trim().toUpperCase() === u;
  const otherKey = opts.privateKey === true && owner.kind === 'ID' && !own;
  const rd = state.classes.get('RDATALIB');
  if (rd?.active === true && rd.raclist) {
    const resource = virtualRingResource(owner);
    const need: AccessLevel = otherKey ? 'UPDATE' : 'READ';
    const d = checkAccess(state, { user: u, class: 'RDATALIB', resource, access: need });
    if (d.profile !== null) return { allowed: d.decision === 'allowed' || d.decision === 'warning', via: 'RDATALIB', reasons: [`RDATALIB ${resource} needs ${need}`, ...d.reasons] };
  }
  if (otherKey && owner.kind === 'ID')
    return { allowed: false, via: 'FACILITY', reasons: [`the private keys of ${owner.id.toUpperCase()}'s certificates are available only to their owner (or through RDATALIB UPDATE)`] };
  const need: AccessLevel = owner.kind === 'ID' && !own ? 'UPDATE' : 'READ';
  const d = checkAccess(state, { user: u, class: 'FACILITY', resource: 'IRR.DIGTCERT.LISTRING', access: need });
  return { allowed: d.decision === 'allowed' || d.decision === 'warning', via: 'FACILITY', reasons: [`FACILITY IRR.DIGTCERT.LISTRING needs ${need}`, ...d.reasons] };
}

export interface VirtualRingCertificate {
  readonly label: string;
  /** Has a private key, not NOTRUST, PERSONAL usage (a user's ring), valid at the time. */
  readonly usable: boolean;
  readonly reasons: readonly string[];
  readonly record: CertificateRecord;
}

/**
 * The certificate a virtual ring presents under `label` (a virtual ring has no default, see above):
 * undefined when the owner has no certificate with that label (labels are case-sensitive).
 */
export function virtualRingCertificate(state: RacfState, owner: VirtualRingOwner, label: string, at: Date): VirtualRingCertificate | undefined {
  const { usage, certificates } = virtualRingMembers(state, owner);
  const r = certificates.find((c) => c.label === label);
  if (r === undefined) return undefined;
  const reasons: string[] = [];
  if (r.privateKey === undefined && r.hasPrivateKey !== true) reasons.push(`certificate '${label}' has no private key`);
  if (r.trust === 'NOTRUST') reasons.push(`certificate '${label}' is NOTRUST`);
  if (usage !== 'PERSONAL') reasons.push(`certificate '${label}' has USAGE(${usage}) in the ${virtualRingName(owner)} virtual ring, not PERSONAL`);
  const t = at.getTime();
  if (Number.isNaN(t)) reasons.push('the time to judge the certificate at is not a valid date');
  else if (t > Date.parse(r.notAfter)) reasons.push(`certificate '${label}' expired on ${r.notAfter}`);
  else if (t < Date.parse(r.notBefore)) reasons.push(`certificate '${label}' is not valid before ${r.notBefore}`);
  return { label, usable: reasons.length === 0, reasons, record: r };
}
