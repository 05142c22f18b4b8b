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
}

/** How a TTLSKeyringParms Keyring value names its key store. */
export type KeyringRef =
  /** A SAF key ring: `ring` (owned by the connection's user) or `owner/ring`. */
  | { readonly kind: 'saf'; readonly owner: string | undefined; readonly ring: string }
  /** The CERTAUTH or SITE virtual ring (Keyring value: star AUTH star, slash, star). */
  | { readonly kind: 'virtual'; readonly owner: string }
  /** A PKCS #11 token (`*TOKEN*` + `/name`). */
  | { readonly kind: 'token'; readonly token: string }
  /** A z/OS UNIX key database file. */
  | { readonly kind: 'kdb'; readonly path: string };

/**
 * Classify a Keyring value (IP Configuration Reference, TTLSKeyringParms Keyring: a key database
 * path, a PKCS #11 token `*TOKEN*` + `/name`, or a SAF key ring `[userid/]ring`; the CERTAUTH
 * virtual ring is written with `*AUTH*` followed by a slash and a star).
 */
export function parseKeyringRef(v: string): KeyringRef {
  if (v.startsWith('/') || v.startsWith('.') || v.toLowerCase().endsWith('.kdb')) return { kind: 'kdb', path: v };
  const up = v.toUpperCase();
  if (up.startsWith('*TOKEN*/')) return { kind: 'token', token: v.slice(8) };
  if (up === '*AUTH*/*') return { kind: 'virtual', owner: 'CERTAUTH' };
  if (up === '*SITE*/*') return { kind: 'virtual', owner: 'SITE' };
  const slash = v.indexOf('/');
  if (slash > 0) return { kind: 'saf', owner: v.slice(0, slash).toUpperCase(), ring: v.slice(slash + 1) };
  return { kind: 'saf', owner: undefined, ring: v };
}
