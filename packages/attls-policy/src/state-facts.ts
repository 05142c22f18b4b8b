/**
 * `KeyringFacts` over a real RACF database state (@ztwin/racf-model) with its certificates and key
 * rings (@ztwin/keyring). Nothing here decides RACF questions itself: rings come from racf-model's
 * records, ring access from keyring's `canReadRing` (RDATALIB `<owner>.<ring>.LST` or FACILITY
 * IRR.DIGTCERT.LISTRING, private keys included), the default certificate's chain from keyring's
 * `ringHealth`, the near-miss hint for a missing ring from keyring's `ringHint`. It is the
 * AT-TLS twin of zcee-config's `securityFactsFromState` and keeps its meaning of a usable default.
 */
import { type Clock, fixedClock, systemClock } from '@ztwin/core';
import { type CertificateRecord, type RacfState, getRing, listRings } from '@ztwin/racf-model';
import { canReadRing, certStoreOf, ringHealth, ringHint, ringMembers, type RingMember } from '@ztwin/keyring';
import type { KeyringFacts } from './keyring-facts';

export interface KeyringStateFactsOptions {
  /**
   * Clock for `defaultCertificate` when the time passed is not a valid date. The validator always
   * passes its own clock's time, so this only matters for direct callers. Default: the system clock.
   */
  readonly clock?: Clock;
}

/** Does the record say a private key exists? (A state read from JSON carries `hasPrivateKey`, not the key.) */
const hasKey = (r: CertificateRecord): boolean => r.privateKey !== undefined || r.hasPrivateKey === true;

/**
 * Why a ring's DEFAULT certificate cannot be presented in a handshake at `at` (empty: usable). The
 * same rule as zcee-config's `securityFactsFromState`: the certificate exists, has a private key,
 * is not NOTRUST, is connected as PERSONAL (System SSL offers only PERSONAL certificates with a key
 * as its own certificate; CERTAUTH/SITE connections are trust entries), its validity period
 * contains `at`; and, as keyring's `ringHealth` builds it, its chain is complete inside the ring
 * (up to a trusted self-signed CA), because System SSL sends and checks the chain from the ring.
 * These are the conditions keyring's `ringHealth` reports as KR-HEALTH-DANGLING, -NO-PRIVATE-KEY,
 * -DEFAULT-NOTRUST, -DEFAULT-USAGE, -EXPIRED, -NOT-YET-VALID and -MISSING-CA/-ISSUER-NOTRUST.
 */
function unusableReasons(m: RingMember, complete: { readonly complete: boolean; readonly problems: readonly string[] } | undefined, at: Date): string[] {
  const r = m.record;
  const label = m.connection.label;
  if (r === undefined) return [`certificate '${label}' does not exist (the ring's DEFAULT connection is dangling)`];
  const reasons: string[] = [];
  if (!hasKey(r)) reasons.push(`certificate '${label}' has no private key`);
  if (r.trust === 'NOTRUST') reasons.push(`certificate '${label}' is NOTRUST`);
  if (m.connection.usage !== 'PERSONAL') reasons.push(`certificate '${label}' is connected with USAGE(${m.connection.usage}), not PERSONAL`);
  const t = at.getTime();
  if (t > Date.parse(r.notAfter)) reasons.push(`certificate '${label}' expired on ${r.notAfter}`);
  else if (t < Date.parse(r.notBefore)) reasons.push(`certificate '${label}' is not valid before ${r.notBefore}`);
  // A metadata-only record (no DER) has no chain to check; keyring's health warns about that itself.
  if (complete !== undefined && !complete.complete)
    reasons.push(complete.problems.length > 0 ? complete.problems.join('; ') : `the chain of certificate '${label}' is not complete in the ring`);
  return reasons;
}

/**
 * KeyringFacts for `validatePolicy` from a RACF state. Owner and user IDs compare
 * case-insensitively (RACF folds them); ring names exactly (RACF ring names are case-sensitive).
 * Pure: the state is immutable and every answer is computed from it (and the given time).
 */
export function keyringFactsFromState(state: RacfState, opts: KeyringStateFactsOptions = {}): KeyringFacts {
  const store = certStoreOf(state);
  const up = (s: string): string => s.trim().toUpperCase();
  return {
    ringExists: (owner, ring) => getRing(state, up(owner), ring) !== undefined,
    ringHint: (owner, ring) =>
      ringHint(
        ring,
        listRings(state, up(owner)).map((r) => r.name),
      ),
    canRead: (user, owner, ring, o) => {
      // The private key a reader needs is the default certificate's; its owner decides the rule
      // (own key: READ; another ID's key: RDATALIB UPDATE only; CERTAUTH/SITE: CONTROL).
      const def = o.privateKey ? getRing(state, up(owner), ring)?.connections.find((c) => c.default) : undefined;
      return canReadRing(state, up(user), up(owner), ring, { privateKey: o.privateKey, ...(def === undefined ? {} : { certOwner: def.certOwner }) }).allowed;
    },
    defaultCertificate: (owner, ring, at) => {
      const o = up(owner);
      const def = ringMembers(store, o, ring)?.find((m) => m.connection.default);
      if (def === undefined) return undefined;
      const when = Number.isNaN(at.getTime()) ? (opts.clock ?? systemClock).now() : at;
      let chain: { complete: boolean; problems: string[] } | undefined;
      if (def.record?.der !== undefined) {
        const h = ringHealth(store, o, ring, fixedClock(when));
        chain =
          h.defaultChain === undefined
            ? { complete: false, problems: h.diagnostics.filter((d) => d.code === 'KR-HEALTH-BAD-CERT').map((d) => d.message) }
            : { complete: h.defaultChain.complete, problems: h.defaultChain.problems.map((d) => d.message) };
      }
      const reasons = unusableReasons(def, chain, when);
      return reasons.length === 0 ? { usable: true } : { usable: false, reason: reasons.join('; ') };
    },
  };
}
