import * as t from 'io-ts';
import { Diagnostic } from '@ztwin/core';
import { AccessDecisionProfile, PBE_ENCRYPTALGS, PBE_MACALGS } from '@ztwin/racf-model';
import { ListringData } from '@ztwin/keyring';
import { MatchResult } from '@ztwin/attls-policy';
import { SimulationResult } from '@ztwin/simulator';
import { LabReport } from '@ztwin/example-zcee-attls-lab';

/**
 * io-ts codecs of the `--json` documents (the CLI contract). Every document has `diagnostics`.
 */
const withDiagnostics = <P extends t.Props>(props: P) => t.intersection([t.type(props), t.type({ diagnostics: t.array(Diagnostic) })]);

export const UsageErrorJson = t.type({ error: t.keyof({ usage: null, internal: null }), message: t.string, diagnostics: t.array(Diagnostic) });

export const JclRacfJson = t.intersection([withDiagnostics({ jcl: t.union([t.string, t.null]) }), t.partial({ out: t.string })]);
export const JclDeckJson = withDiagnostics({ deck: t.union([t.string, t.null]) });
export const JclCheckJson = withDiagnostics({
  jobs: t.array(
    t.type({
      name: t.union([t.string, t.null]),
      steps: t.array(
        t.type({
          name: t.union([t.string, t.null]),
          pgm: t.union([t.string, t.null]),
          proc: t.union([t.string, t.null]),
          dds: t.array(t.union([t.string, t.null])),
        }),
      ),
    }),
  ),
});

export const RacfApplyJson = t.intersection([
  withDiagnostics({
    decks: t.array(t.string),
    /** Output of the listing commands, with where each command stands. */
    outputs: t.array(t.type({ source: t.string, line: t.number, command: t.string, output: t.array(t.string) })),
  }),
  t.partial({ out: t.string }),
]);
export const RacfAccessJson = withDiagnostics({
  decision: t.keyof({ allowed: null, denied: null, warning: null, 'class-not-active': null }),
  profile: t.union([AccessDecisionProfile, t.null]),
  reasons: t.array(t.string),
});
export const RacfDeckJson = withDiagnostics({ deck: t.union([t.string, t.null]) });

/** `ztwin ring list`: keyring's ListringData for one ring; `{ owner, ring: '*', rings }` for all. */
export const RingListJson = t.union([
  t.intersection([ListringData, t.type({ diagnostics: t.array(Diagnostic) })]),
  withDiagnostics({ owner: t.string, ring: t.literal('*'), rings: t.array(ListringData) }),
]);
const keysOf = <K extends string>(ks: readonly K[]): t.KeyofC<Record<K, null>> => t.keyof(Object.fromEntries(ks.map((k) => [k, null])) as Record<K, null>);
/** `ztwin ring export --format p12`'s effective RACDCERT EXPORT PBE (`--macalg`, `--encryptalg`, `--iterations`). */
export const RingExportPbe = t.type({ macalg: keysOf(PBE_MACALGS), encryptalg: keysOf(PBE_ENCRYPTALGS), iterations: t.number });
export type RingExportPbe = t.TypeOf<typeof RingExportPbe>;
/** `ztwin ring export --json`: the exported bytes as base64 (null when nothing was exported). */
export const RingExportJson = t.intersection([
  withDiagnostics({
    owner: t.string,
    label: t.string,
    format: t.keyof({ pem: null, der: null, p12: null }),
    base64: t.union([t.string, t.null]),
  }),
  /** p12 only: the protection the package was (or would have been) written with. */
  t.partial({ pbe: RingExportPbe }),
]);
export const RingCheckJson = withDiagnostics({
  owner: t.string,
  ring: t.string,
  /** The clock the ring was checked at (ISO). */
  at: t.string,
  certificates: t.number,
  default: t.union([t.string, t.null]),
  /** Labels of the default certificate's chain in the ring, the certificate first. */
  chain: t.union([t.array(t.string), t.null]),
  chainComplete: t.union([t.boolean, t.null]),
});

export const AttlsCheckJson = withDiagnostics({
  policy: t.string,
  /** No error diagnostics: Policy Agent would install it (and, with --state, the rings are usable). */
  ok: t.boolean,
  rules: t.array(t.type({ name: t.string, source: t.string, line: t.number })),
});
export const AttlsFmtJson = withDiagnostics({ text: t.union([t.string, t.null]) });
/** `ztwin attls match --json`: attls-policy's MatchResult with the diagnostics of reading the policy. */
export const AttlsMatchJson = t.intersection([MatchResult, t.type({ diagnostics: t.array(Diagnostic) })]);

/** `ztwin zcee check --json`: the root file, the files read (includes), and whether there were errors. */
export const ZceeCheckJson = withDiagnostics({ root: t.string, files: t.array(t.string), ok: t.boolean });

/** `ztwin simulate --json`: @ztwin/simulator's SimulationResult, or `{ outcome: null }` when there is no prediction. */
export const SimulateJson = t.union([
  t.intersection([SimulationResult, t.type({ diagnostics: t.array(Diagnostic) })]),
  withDiagnostics({ outcome: t.null }),
]);

/** `ztwin racf import --json`: what was read (irrdbu00's counts) and what the state holds. */
export const RacfImportJson = t.intersection([
  withDiagnostics({
    unload: t.string,
    counts: t.type({
      bytes: t.number,
      lines: t.number,
      records: t.number,
      byType: t.record(t.string, t.number),
      unknown: t.record(t.string, t.number),
      malformed: t.number,
      blank: t.number,
    }),
    users: t.number,
    groups: t.number,
    profiles: t.number,
    certificates: t.number,
    rings: t.number,
  }),
  t.partial({ out: t.string }),
]);

/**
 * `ztwin lab --json`: the example's `LabReport` (what `runLab` returns and writes as report.json:
 * labDay, prepDay, decks, policy, inputs, scenarios with expected/agrees/differences/replay, today,
 * artifacts), re-exported so there is one codec for the lab's report. In the CLI document,
 * `diagnostics` holds the decks' diagnostics, the report's own and the LAB_DISAGREE /
 * LAB_TLS_REPLAY errors; `out` (the --out directory) is added when given.
 */
export { LabReport };
/** The name `ztwin lab --json`'s codec had before it was the example's `LabReport`: the same codec. */
export const LabJson = LabReport;
export type LabJson = LabReport;
