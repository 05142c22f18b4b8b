/**
 * What the AT-TLS validator needs to know about RACF key rings, as an interface so that the RACF
 * and keyring packages (or a test double over real data) can supply it without this package
 * depending on them.
 *
 * `owner` is a RACF user ID (upper case) and `ring` the ring name as written (ring names are case
 * sensitive in RACF).
 */
export interface KeyringFacts {
  /** Does `owner` have a key ring named `ring`? */
  ringExists(owner: string, ring: string): boolean;
  /**
   * Optional: a hint for a ring `owner` does not have (a ring of `owner` with the same name in
   * another case or word order, or a near typo), e.g. `ring names are case-sensitive: did you mean
   * Liberty.KeyRing?`. Undefined when nothing is close.
   */
  ringHint?(owner: string, ring: string): string | undefined;
  /**
   * May `user` read `owner`'s ring through R_datalib (IRR.DIGTCERT.LISTRING / RDATALIB profiles)?
   * `privateKey`: the private key of the owner's certificates is needed too (server role or a
   * client that presents a certificate).
   */
  canRead(user: string, owner: string, ring: string, opts: { readonly privateKey: boolean }): boolean;
  /**
   * The ring's default certificate at time `at`: undefined when the ring has none; otherwise whether
   * it is usable (trusted, has a private key, not expired/not yet valid) and why not.
   */
  defaultCertificate(owner: string, ring: string, at: Date): { readonly usable: boolean; readonly reason?: string } | undefined;
  /**
   * Optional: may `user` read the virtual ring `ref` (R_datalib: RDATALIB
   * `<owner>.IRR_VIRTUAL_KEYRING.LST` or FACILITY IRR.DIGTCERT.LISTRING; see @ztwin/keyring virtual-ring.ts)?
   * Without it virtual rings are not access-checked.
   */
  canReadVirtual?(user: string, ref: VirtualKeyringRef, opts: { readonly privateKey: boolean }): boolean;
  /**
   * Optional: the certificate labelled `label` of the virtual ring `ref` at time `at` (a virtual
   * ring has no default: it presents a certificate only by label). Undefined when the ring's owner
   * has no certificate with that label. Without this method the label is not checked.
   */
  virtualCertificate?(ref: VirtualKeyringRef, label: string, at: Date): { readonly usable: boolean; readonly reason?: string } | undefined;
}

/**
 * A RACF virtual key ring (Keyring value `userid/*`, or `*AUTH*`/`*SITE*` followed by a slash and
 * a star): every certificate of a user ID (`owner: 'ID'`, `id` = the user), of CERTAUTH or of SITE.
 */
export type VirtualKeyringRef =
  | { readonly kind: 'virtual'; readonly owner: 'CERTAUTH' | 'SITE' }
  | { readonly kind: 'virtual'; readonly owner: 'ID'; readonly id: string };

/** How a TTLSKeyringParms Keyring value names its key store. */
export type KeyringRef =
  /** A SAF key ring: `ring` (owned by the connection's user) or `owner/ring`. */
  | { readonly kind: 'saf'; readonly owner: string | undefined; readonly ring: string }
  /** A virtual ring: a user's (`userid/*`), CERTAUTH's or SITE's (see VirtualKeyringRef). */
  | VirtualKeyringRef
  /** A PKCS #11 token (`*TOKEN*` + `/name`). */
  | { readonly kind: 'token'; readonly token: string }
  /** A z/OS UNIX key database file. */
  | { readonly kind: 'kdb'; readonly path: string };

/**
 * Classify a Keyring value (IP Configuration Reference, TTLSKeyringParms Keyring: a key database
 * path, a PKCS #11 token `*TOKEN*` + `/name`, or a SAF key ring `[userid/]ring`). A ring name of
 * `*` names a virtual ring (RACF Security Administrator's Guide, "Using a virtual key ring":
 * `ring-owner/*`, with `*AUTH*` and `*SITE*` as the owners of the CERTAUTH and SITE rings; R_datalib
 * also knows them by the reserved IDs irrcerta and irrsitec). Owners fold to upper case as RACF
 * user IDs do, so `*auth*` + `/*` is the CERTAUTH ring too.
 */
export function parseKeyringRef(v: string): KeyringRef {
  if (v.startsWith('/') || v.startsWith('.') || v.toLowerCase().endsWith('.kdb')) return { kind: 'kdb', path: v };
  const up = v.toUpperCase();
  if (up.startsWith('*TOKEN*/')) return { kind: 'token', token: v.slice(8) };
  const slash = v.indexOf('/');
  if (slash > 0) {
    const owner = v.slice(0, slash).toUpperCase();
    const ring = v.slice(slash + 1);
    if (ring === '*') {
      if (owner === '*AUTH*' || owner === 'IRRCERTA') return { kind: 'virtual', owner: 'CERTAUTH' };
      if (owner === '*SITE*' || owner === 'IRRSITEC') return { kind: 'virtual', owner: 'SITE' };
      return { kind: 'virtual', owner: 'ID', id: owner };
    }
    return { kind: 'saf', owner, ring };
  }
  return { kind: 'saf', owner: undefined, ring: v };
}

/** The Keyring text of a virtual ring: `LIBSERV/*`, or `*AUTH*`/`*SITE*` + `/*`. */
export function virtualKeyringText(ref: VirtualKeyringRef): string {
  return ref.owner === 'ID' ? `${ref.id}/*` : ref.owner === 'CERTAUTH' ? '*AUTH*/*' : '*SITE*/*';
}
