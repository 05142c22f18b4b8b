/**
 * What the validator needs to know about RACF and key rings, as an interface.
 * `securityFactsFromState` (state-facts.ts) answers it from a racf-model/keyring state;
 * `inMemorySecurityFacts` is a plain-data implementation for tests and for callers without a
 * RACF state.
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { type Diagnostic, diagnostic } from '@ztwin/core';
import type { CertOwner } from '@ztwin/racf-model';

export const RingHealth = t.intersection([
  t.type({ caCount: t.number, problems: t.readonlyArray(t.string) }),
  t.partial({
    /** The ring's DEFAULT certificate; `usable` = has a private key and is valid at the given time. */
    defaultCert: t.type({ label: t.string, notAfter: t.string, usable: t.boolean }),
  }),
]);
export type RingHealth = t.TypeOf<typeof RingHealth>;

export interface SecurityFacts {
  userExists(id: string): boolean;
  groupExists(id: string): boolean;
  /** Ring names are case-sensitive; owner is a RACF user ID (upper case). */
  ringExists(owner: string, ring: string): boolean;
  /** The rings an owner has (for did-you-mean); may be empty when unknown. */
  ringNames(owner: string): readonly string[];
  /** Whether `user` may read `owner`'s ring (and, with privateKey, the default certificate's private key). */
  canReadRing(user: string, owner: string, ring: string, opts: { readonly privateKey: boolean }): boolean;
  /** Health of a ring at a time; undefined when the ring does not exist. */
  ringHealth(owner: string, ring: string, at: Date): RingHealth | undefined;
  /** Optional: why `canReadRing` answers as it does (profiles and access levels), for the diagnostic's hint. */
  explainRingAccess?(user: string, owner: string, ring: string, opts: { readonly privateKey: boolean }): readonly string[];
  /**
   * Optional, for RACF virtual key rings (`safkeyring://OWNER/*`, see state-facts.ts for IBM's
   * rules): may `user` read the virtual ring of `owner` (and, with privateKey, the private key of a
   * certificate of it)? The reasons go into the diagnostic's hint. Without it the access is not checked.
   */
  virtualRingAccess?(user: string, owner: CertOwner, opts: { readonly privateKey: boolean }): { readonly allowed: boolean; readonly reasons: readonly string[] };
  /**
   * Optional: the certificate labelled `label` of `owner`'s virtual ring at `at` (a virtual ring has
   * no DEFAULT: Liberty must name it with serverKeyAlias/clientKeyAlias). Undefined when the owner
   * has no certificate with that label. Without it the label is not checked.
   */
  virtualRingCertificate?(owner: CertOwner, label: string, at: Date): { readonly usable: boolean; readonly reasons: readonly string[] } | undefined;
}

export const RingCertificateData = t.intersection([
  t.type({ label: t.string, usage: t.keyof({ personal: null, certauth: null, site: null }), notAfter: t.string }),
  t.partial({ default: t.boolean, notBefore: t.string, hasPrivateKey: t.boolean, trusted: t.boolean }),
]);
export type RingCertificateData = t.TypeOf<typeof RingCertificateData>;

/** Plain data behind `inMemorySecurityFacts` (JSON-friendly; dates are ISO strings). */
export const SecurityFactsData = t.type({
  users: t.readonlyArray(t.string),
  groups: t.readonlyArray(t.string),
  rings: t.readonlyArray(t.type({ owner: t.string, name: t.string, certificates: t.readonlyArray(RingCertificateData) })),
  /** Who may read which ring; `privateKey` also grants the private key of the ring's certificates. */
  ringAccess: t.readonlyArray(t.type({ user: t.string, owner: t.string, ring: t.string, privateKey: t.boolean })),
});
export type SecurityFactsData = t.TypeOf<typeof SecurityFactsData>;

const up = (s: string): string => s.trim().toUpperCase();

/** SecurityFacts over plain data. User, group and owner IDs compare case-insensitively; ring names exactly. */
export function inMemorySecurityFacts(data: SecurityFactsData): SecurityFacts {
  const users = new Set(data.users.map(up));
  const groups = new Set(data.groups.map(up));
  const ring = (owner: string, name: string) => data.rings.find((r) => up(r.owner) === up(owner) && r.name === name);
  return {
    userExists: (id) => users.has(up(id)),
    groupExists: (id) => groups.has(up(id)),
    ringExists: (owner, name) => ring(owner, name) !== undefined,
    ringNames: (owner) => data.rings.filter((r) => up(r.owner) === up(owner)).map((r) => r.name),
    canReadRing: (user, owner, name, opts) =>
      data.ringAccess.some((g) => up(g.user) === up(user) && up(g.owner) === up(owner) && g.ring === name && (g.privateKey || !opts.privateKey)),
    ringHealth: (owner, name, at) => {
      const r = ring(owner, name);
      if (r === undefined) return undefined;
      const problems: string[] = [];
      const valid = (c: RingCertificateData): boolean =>
        (c.notBefore === undefined || Date.parse(c.notBefore) <= at.getTime()) && Date.parse(c.notAfter) >= at.getTime();
      for (const c of r.certificates) if (!valid(c)) problems.push(`certificate '${c.label}' is not valid at ${at.toISOString()} (NOTAFTER ${c.notAfter})`);
      const d = r.certificates.find((c) => c.default === true);
      const caCount = r.certificates.filter((c) => c.usage === 'certauth' && c.trusted !== false).length;
      return d === undefined
        ? { caCount, problems }
        : { caCount, problems, defaultCert: { label: d.label, notAfter: d.notAfter, usable: valid(d) && d.hasPrivateKey !== false && d.usage !== 'certauth' } };
    },
  };
}

/**
 * Decode SecurityFactsData from parsed JSON (e.g. a `--state` file that is plain facts rather
 * than a RACF database state). Diagnostics name the first wrong paths.
 */
export function decodeSecurityFactsData(u: unknown, source = '<facts>'): { value: SecurityFactsData | undefined; diagnostics: Diagnostic[] } {
  const r = SecurityFactsData.decode(u);
  if (!isLeft(r)) return { value: r.right, diagnostics: [] };
  const paths = r.left.slice(0, 5).map((e) => e.context.map((c) => c.key).filter((k) => k !== '').join('.') || '(root)');
  return {
    value: undefined,
    diagnostics: [diagnostic({ code: 'ZCEE_FACTS_SHAPE', message: `not SecurityFactsData: wrong or missing ${[...new Set(paths)].join(', ')}` }, { source })],
  };
}
