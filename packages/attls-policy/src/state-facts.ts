/**
 * `KeyringFacts` over a real RACF database state (@ztwin/racf-model) with its certificates and key
 * rings (@ztwin/keyring). Nothing here decides RACF questions itself: rings come from racf-model's
 * records, ring access from keyring's `canReadRing` (RDATALIB `<owner>.<ring>.LST` or FACILITY
 * IRR.DIGTCERT.LISTRING, private keys included), whether the default certificate is usable from
 * keyring's `defaultCertificateUsability`, the near-miss hint for a missing ring from keyring's
 * `ringHint`. It is the AT-TLS twin of zcee-config's `securityFactsFromState`; both call the same
 * keyring rule for a usable default, so they agree.
 */
import { type Clock, systemClock } from '@ztwin/core';
import { type RacfState, getRing, listRings } from '@ztwin/racf-model';
import { type VirtualRingOwner, canReadRing, certStoreOf, defaultCertificateUsability, ringHint, virtualRingAccess, virtualRingCertificate } from '@ztwin/keyring';
import type { KeyringFacts, VirtualKeyringRef } from './keyring-facts';

const virtualOwner = (ref: VirtualKeyringRef): VirtualRingOwner => (ref.owner === 'ID' ? { kind: 'ID', id: ref.id.trim().toUpperCase() } : { kind: ref.owner });

export interface KeyringStateFactsOptions {
  /**
   * Clock for `defaultCertificate` when the time passed is not a valid date. The validator always
   * passes its own clock's time, so this only matters for direct callers. Default: the system clock.
   */
  readonly clock?: Clock;
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
    // With privateKey, keyring's canReadRing checks the key of the ring's DEFAULT certificate (its
    // owner decides the rule: own key READ; another ID's key RDATALIB UPDATE only; CERTAUTH/SITE CONTROL).
    canRead: (user, owner, ring, o) => canReadRing(state, up(user), up(owner), ring, { privateKey: o.privateKey }).allowed,
    defaultCertificate: (owner, ring, at) => {
      const when = Number.isNaN(at.getTime()) ? (opts.clock ?? systemClock).now() : at;
      // keyring's one rule for a usable DEFAULT (shared with zcee-config): private key, not
      // NOTRUST, USAGE(PERSONAL), valid at the time. An incomplete chain in the ring is only a
      // remark: the certificate is still presented (the peer may fail to verify it).
      const d = defaultCertificateUsability(store, up(owner), ring, when);
      if (d.label === undefined) return undefined;
      return d.usable ? { usable: true } : { usable: false, reason: d.reasons.join('; ') };
    },
    // Virtual rings (@ztwin/keyring virtual-ring.ts): R_datalib's RDATALIB <owner>.IRR_VIRTUAL_KEYRING.LST or
    // FACILITY IRR.DIGTCERT.LISTRING; the presented certificate is chosen by label only.
    canReadVirtual: (user, ref, o) => virtualRingAccess(state, up(user), virtualOwner(ref), { privateKey: o.privateKey }).allowed,
    virtualCertificate: (ref, label, at) => {
      const when = Number.isNaN(at.getTime()) ? (opts.clock ?? systemClock).now() : at;
      const c = virtualRingCertificate(state, virtualOwner(ref), label, when);
      if (c === undefined) return undefined;
      return c.usable ? { usable: true } : { usable: false, reason: c.reasons.join('; ') };
    },
  };
}
