import * as t from 'io-ts';
import { Diagnostic } from '@ztwin/core';
import { Leg, Outcome, SimulationResult } from '@ztwin/simulator';

/**
 * Where a scenario's expected outcome comes from:
 * - `seed`: the lab transcript shows it (the outcome the lab documents);
 * - `prediction`: the lab does not show it: the seed's own mistakes as printed, and the lab re-run
 *   today. The expected outcome is what z/OS would do according to the documentation ztwin models;
 *   such rows are predictions beyond the seed.
 */
export const ScenarioBasis = t.keyof({ seed: null, prediction: null });
export type ScenarioBasis = t.TypeOf<typeof ScenarioBasis>;

/** What the seed (or, for predictions, the documentation) says should happen. */
export const ExpectedOutcome = t.intersection([
  t.type({ outcome: Outcome, httpStatus: t.union([t.number, t.null]) }),
  t.partial({
    leg: t.union([Leg, t.null]),
    stubErrorCode: t.union([t.number, t.null]),
    /** Message IDs that must appear (BAQ..., ICH408I, IRR012I, CWWKO0801E ...). */
    messages: t.array(t.string),
    /** Text that must appear in some message (e.g. `RC=262` or the user ID a message names). */
    texts: t.array(t.string),
    /** Identities the seed shows (null = not established). */
    identity: t.partial({ asserted: t.union([t.string, t.null]), authenticated: t.union([t.string, t.null]), provider: t.union([t.string, t.null]) }),
    tls: t.partial({ rule: t.string, protocol: t.string, clientCertLabel: t.string, serverCertLabel: t.string }),
  }),
]);
export type ExpectedOutcome = t.TypeOf<typeof ExpectedOutcome>;

/** One TLS handshake of a scenario replayed with real node:tls (simulator's crossCheckSimulation). */
export const TlsReplay = t.intersection([
  t.type({ leg: Leg, verdict: t.keyof({ agree: null, disagree: null, inconclusive: null }) }),
  t.partial({ note: t.string }),
]);
export type TlsReplay = t.TypeOf<typeof TlsReplay>;

export const LabScenario = t.type({
  id: t.number,
  name: t.string,
  /** The lab step the scenario reproduces (in our words). */
  step: t.string,
  basis: ScenarioBasis,
  /** The GETAPI job variant (file name under jobs/). */
  job: t.string,
  /** The server.xml variant (directory under server/). */
  server: t.string,
  /** Whether the AT-TLS policy is installed. */
  policy: t.boolean,
  /** The simulated time (ISO). */
  clock: t.string,
  expected: ExpectedOutcome,
  /** The twin's prediction (null when the inputs did not read: see the report's diagnostics). */
  result: t.union([SimulationResult, t.null]),
  outcome: t.union([Outcome, t.null]),
  leg: t.union([Leg, t.null]),
  httpStatus: t.union([t.number, t.null]),
  /** The prediction matches `expected` in every field `expected` names. */
  agrees: t.boolean,
  /** Why it does not agree (empty when it does). */
  differences: t.array(t.string),
  /** Each TLS leg the prediction went through, replayed with node:tls. */
  replay: t.array(TlsReplay),
});
export type LabScenario = t.TypeOf<typeof LabScenario>;

/** One RACF deck as applied (ZCEERACF, ZCEETLSS, MVSTLS, ZCEETLSC). */
export const LabDeck = t.type({
  name: t.string,
  commands: t.number,
  errors: t.number,
  warnings: t.number,
  diagnostics: t.array(Diagnostic),
});
export type LabDeck = t.TypeOf<typeof LabDeck>;

/** The AT-TLS policy the NCA objects give, compared with the seed's appendix. */
export const LabPolicyCheck = t.type({
  stack: t.string,
  /** The built policy equals the seed appendix as a model (parameters, not layout). */
  equalsSeedAppendix: t.boolean,
  /** The appendix as the seed prints it (TLSKeyringParms): what the Policy Agent says about it. */
  seedTypo: t.array(Diagnostic),
  diagnostics: t.array(Diagnostic),
});
export type LabPolicyCheck = t.TypeOf<typeof LabPolicyCheck>;

/**
 * What the twin says about each input before anything runs: the GETAPI jobs (zcee-config's job
 * reader and @ztwin/jcl's lint) and the server.xml variants (zcee-config's checkServerConfig
 * against the lab's RACF state). The seed's own mistakes show up here (CEEOPS, the duplicated
 * EXEC card, Keyring.LIBERTY, zoscconnect_apiRequesters, the missing include).
 */
export const LabInputCheck = t.type({
  kind: t.keyof({ job: null, server: null }),
  /** Job file name (jobs/) or server variant (server/). */
  name: t.string,
  diagnostics: t.array(Diagnostic),
});
export type LabInputCheck = t.TypeOf<typeof LabInputCheck>;

/** The lab today: what has changed since 2020 (expiry). */
export const LabToday = t.type({
  clock: t.string,
  /** Certificates of the lab's rings that have expired by `clock`: `OWNER/label notAfter`. */
  expired: t.array(t.type({ owner: t.string, label: t.string, notAfter: t.string, rings: t.array(t.string) })),
  /** ZCEETLSC applied again today (to the state before it ran): the diagnostics RACDCERT gives. */
  zceetlscToday: t.type({ ok: t.boolean, messages: t.array(t.string) }),
  /** The lab's server.xml checked against the RACF state at `clock` (the expired certificate shows). */
  serverFindings: t.array(Diagnostic),
  /** Ids of the scenarios run at `clock`. */
  scenarios: t.array(t.number),
});
export type LabToday = t.TypeOf<typeof LabToday>;

/** `runLab`'s result; also `report.json`. */
export const LabReport = t.type({
  /** The day the lab was run (the seed's screenshots), ISO. */
  labDay: t.string,
  /** The day the decks were applied, ISO. */
  prepDay: t.string,
  decks: t.array(LabDeck),
  policy: LabPolicyCheck,
  inputs: t.array(LabInputCheck),
  scenarios: t.array(LabScenario),
  today: LabToday,
  /** Files written, relative to the output directory (empty without outDir). */
  artifacts: t.array(t.string),
  /** Problems met while building the lab (beyond each deck's own). */
  diagnostics: t.array(Diagnostic),
});
export type LabReport = t.TypeOf<typeof LabReport>;

/** Every seed scenario agrees and no TLS replay contradicts the twin. */
export function labAgrees(r: LabReport): boolean {
  return r.scenarios.every((s) => (s.basis !== 'seed' || s.agrees) && s.replay.every((p) => p.verdict !== 'disagree'));
}
