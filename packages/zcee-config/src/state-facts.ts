/**
 * `SecurityFacts` over a real RACF database state (racf-model) with its certificates and key rings
 * (keyring). Nothing here decides RACF questions itself: users and groups come from racf-model's
 * records, ring access from keyring's `canReadRing` (RDATALIB `<owner>.<ring>.LST` or FACILITY
 * IRR.DIGTCERT.LISTRING, private keys included), ring health from keyring's `ringHealth` at the
 * clock, whether the DEFAULT certificate is usable from keyring's `defaultCertificateUsability` (the
 * rule attls-policy's `keyringFactsFromState` uses too). This module only maps keyring's answers
 * onto the validator's `RingHealth` shape.
 */
import { type Clock, type Diagnostic, diagnostic, fixedClock, systemClock } from '@ztwin/core';
import { type RacfState, getGroup, getRing, getUser, listRings } from '@ztwin/racf-model';
import { canReadRing, certStoreOf, defaultCertificateUsability, ringHealth as keyringHealth, ringMembers, virtualRingAccess, virtualRingCertificate } from '@ztwin/keyring';
import { type RingHealth, type SecurityFacts, decodeSecurityFactsData, inMemorySecurityFacts } from './facts';

export interface StateFactsOptions {
  /**
   * Clock for `ringHealth` when the time passed is not a valid date. The validator always passes
   * its own clock's time, so this only matters for direct callers. Default: the system clock.
   */
  readonly clock?: Clock;
}

/** keyring diagnostic → one problem line (warnings and errors only; infos are not problems). */
const problemText = (d: Diagnostic): string => `${d.message} [${d.code}]`;

/**
 * SecurityFacts for the validator from a RACF state. User, group and owner IDs compare
 * case-insensitively (RACF folds them); ring names exactly (RACF ring names are case-sensitive).
 * Pure: the state is immutable and every answer is computed from it (and the given time).
 */
export function securityFactsFromState(state: RacfState, opts: StateFactsOptions = {}): SecurityFacts {
  const store = certStoreOf(state);
  const up = (s: string): string => s.trim().toUpperCase();
  // With privateKey, keyring's canReadRing checks the key of the ring's DEFAULT certificate (its
  // owner decides the rule: own key READ; another ID's key RDATALIB UPDATE only; CERTAUTH/SITE CONTROL).
  const readRing = (user: string, owner: string, ring: string, privateKey: boolean) => canReadRing(state, up(user), up(owner), ring, { privateKey });
  return {
    userExists: (id) => getUser(state, up(id)) !== undefined,
    groupExists: (id) => getGroup(state, up(id)) !== undefined,
    ringExists: (owner, ring) => getRing(state, up(owner), ring) !== undefined,
    ringNames: (owner) => listRings(state, up(owner)).map((r) => r.name),
    canReadRing: (user, owner, ring, o) => readRing(user, owner, ring, o.privateKey).allowed,
    explainRingAccess: (user, owner, ring, o) => readRing(user, owner, ring, o.privateKey).reasons,
    // RACF virtual key rings: keyring's rules (virtual-ring.ts there, with IBM's sources)
    virtualRingAccess: (user, owner, o) => virtualRingAccess(state, up(user), owner, { privateKey: o.privateKey }),
    virtualRingCertificate: (owner, label, at) => {
      const when = Number.isNaN(at.getTime()) ? (opts.clock ?? systemClock).now() : at;
      return virtualRingCertificate(state, owner, label, when);
    },
    ringHealth: (owner, ring, at) => {
      const o = up(owner);
      const members = ringMembers(store, o, ring);
      if (members === undefined) return undefined;
      const when = Number.isNaN(at.getTime()) ? (opts.clock ?? systemClock).now() : at;
      const h = keyringHealth(store, o, ring, fixedClock(when), { source: `${o}/${ring}` });
      // A missing DEFAULT is `defaultCert` absent (the validator reports it where it matters).
      const problems = h.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'KR-HEALTH-NO-DEFAULT').map(problemText);
      // Trust anchors as keyring's TLS view counts them: CERTAUTH/SITE connections, not NOTRUST.
      const caCount = members.filter((m) => (m.connection.usage === 'CERTAUTH' || m.connection.usage === 'SITE') && m.record !== undefined && m.record.trust !== 'NOTRUST').length;
      // keyring's one rule for a usable DEFAULT (shared with attls-policy): an incomplete chain
      // does not make it unusable; ringHealth's KR-HEALTH-MISSING-CA above reports that.
      const def = defaultCertificateUsability(store, o, ring, when);
      const result: RingHealth =
        def.label === undefined
          ? { caCount, problems }
          : // A DEFAULT connection whose certificate is gone (KR-HEALTH-DANGLING) has no NOTAFTER: ''.
            { caCount, problems, defaultCert: { label: def.label, notAfter: def.notAfter ?? '', usable: def.usable } };
      return result;
    },
  };
}

/** Parsed JSON that looks like a RACF database state rather than plain SecurityFactsData. */
function looksLikeRacfState(u: unknown): boolean {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  const keys = Object.keys(u);
  return keys.includes('setropts') || keys.includes('classes') || keys.includes('profiles') || keys.includes('certificates') || (keys.includes('users') && !Array.isArray((u as { users?: unknown }).users));
}

export interface LoadFactsOptions {
  /** Name of the file for diagnostics (default `<state>`). */
  readonly source?: string;
  /**
   * Decoder of a racf-model state JSON (racf-model's `deserializeState`). Given by the caller
   * because @ztwin/racf-model does not export one yet; returns undefined, or diagnostics, when the
   * JSON is not a state it can read.
   */
  readonly deserializeState?: (json: unknown) => { readonly value?: RacfState; readonly diagnostics: readonly Diagnostic[] };
}

export interface LoadedFacts {
  readonly value: SecurityFacts | undefined;
  /** `racf-state` = from a RACF database state; `facts` = from plain SecurityFactsData. */
  readonly kind?: 'racf-state' | 'facts';
  readonly diagnostics: Diagnostic[];
}

/**
 * Facts for `ztwin zcee check --state FILE`: the file's text (or its parsed JSON) is a racf-model
 * state JSON — then facts come from `securityFactsFromState` — or plain `SecurityFactsData`.
 * Never throws: bad JSON or an unknown shape is a diagnostic.
 */
export function loadSecurityFacts(stateJson: string | unknown, clock: Clock = systemClock, opts: LoadFactsOptions = {}): LoadedFacts {
  const source = opts.source ?? '<state>';
  let u: unknown = stateJson;
  if (typeof stateJson === 'string') {
    try {
      u = JSON.parse(stateJson) as unknown;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { value: undefined, diagnostics: [diagnostic({ code: 'ZCEE_STATE_JSON', message: `not JSON: ${msg}` }, { source })] };
    }
  }
  if (looksLikeRacfState(u)) {
    if (opts.deserializeState === undefined)
      return {
        value: undefined,
        diagnostics: [
          diagnostic(
            { code: 'ZCEE_STATE_UNREADABLE', message: 'this is a RACF database state, but no state decoder was given (racf-model does not export deserializeState yet)' },
            { source },
          ),
        ],
      };
    let r: { readonly value?: RacfState; readonly diagnostics: readonly Diagnostic[] };
    try {
      r = opts.deserializeState(u);
    } catch (e) {
      // A caller's decoder that throws is still a diagnostic here, never an exception.
      const msg = e instanceof Error ? e.message : String(e);
      return { value: undefined, diagnostics: [diagnostic({ code: 'ZCEE_STATE_UNREADABLE', message: `the state decoder failed: ${msg}` }, { source })] };
    }
    if (r.value === undefined)
      return {
        value: undefined,
        diagnostics: r.diagnostics.length > 0 ? [...r.diagnostics] : [diagnostic({ code: 'ZCEE_STATE_UNREADABLE', message: 'not a RACF database state the decoder can read' }, { source })],
      };
    return { value: securityFactsFromState(r.value, { clock }), kind: 'racf-state', diagnostics: [...r.diagnostics] };
  }
  const f = decodeSecurityFactsData(u, source);
  return f.value === undefined ? { value: undefined, diagnostics: f.diagnostics } : { value: inMemorySecurityFacts(f.value), kind: 'facts', diagnostics: [] };
}
