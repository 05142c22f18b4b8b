import { type Diagnostic, diagnostic, systemClock } from '@ztwin/core';
import { LAB_FIXTURES, type LabReport, formatLabReport, runLab } from '@ztwin/example-zcee-attls-lab';
import { formatResult } from '@ztwin/simulator';
import * as path from 'node:path';
import { booleanFlag, stringFlag } from '../args';
import { type Command, UsageError } from '../command';
import { clockFlag } from '../flags';

/*
 * `ztwin lab`: the seed lab end to end. The lab itself (decks, rings, NCA policy, server.xml
 * variants, GETAPI jobs, the scenarios and what the seed documents for each) is
 * @ztwin/example-zcee-attls-lab's `runLab`, the one implementation `npm run lab` runs too; this
 * command only maps flags to its options and prints its report.
 */

/** A seed scenario that does not agree, or a TLS replay that contradicts the twin, as an error. */
function disagreements(r: LabReport): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of r.scenarios) {
    if (s.basis === 'seed' && !s.agrees)
      out.push(diagnostic({ code: 'LAB_DISAGREE', severity: 'error', message: `scenario ${s.id} (${s.name}) does not do what the seed documents: ${s.differences.join('; ')}` }, { source: 'lab' }));
    for (const p of s.replay)
      if (p.verdict === 'disagree')
        out.push(diagnostic({ code: 'LAB_TLS_REPLAY', severity: 'error', message: `scenario ${s.id}: the ${p.leg} handshake replayed with node:tls disagrees with the prediction${p.note !== undefined ? ` (${p.note})` : ''}` }, { source: 'lab' }));
  }
  return out;
}

const labCommand: Command = {
  path: ['lab'],
  summary: 'the seed lab end to end: RACF decks, rings, the NCA policy, server.xml, GETAPI, each scenario predicted and compared with the seed',
  details:
    'Decks applied 2020-06-01, lab day 2020-12-11; --clock is "today" for the rows that re-run the lab now\n' +
    '(default: now). Exit 1 when a seed scenario does not agree with the seed or a TLS replay disagrees.\n' +
    '--out DIR writes the artifacts: racf/ (decks), jcl/ (IKJEFT01 jobs), jobs/ (GETAPI variants),\n' +
    'server/<variant>/ (server.xml and includes), attls/TCPIP1.policy, certs/ (PEM, no keys), rings/ (LISTRING),\n' +
    'lab.json (the RACF state without private keys; --private-keys adds lab-with-keys.json and keys/*.key.pem), report.json.\n' +
    '--json: the example\'s LabReport, as report.json (labDay, prepDay, decks, policy, inputs, scenarios [{ id, name,\n' +
    'step, basis, job, server, policy, clock, expected, result, outcome, leg, httpStatus, agrees, differences, replay }],\n' +
    'today { clock, expired, zceetlscToday, serverFindings, scenarios }, artifacts, diagnostics), plus out with --out.',
  flags: [
    { name: 'out', type: 'string', valueName: 'DIR', description: 'write the generated artifacts into DIR' },
    { name: 'clock', type: 'string', valueName: 'ISO', description: '"today" for the rows that re-run the lab now (default: now)' },
    { name: 'fixtures', type: 'string', valueName: 'DIR', description: "the lab fixtures (default: the example package's fixtures/)" },
    { name: 'private-keys', type: 'boolean', description: 'with --out: also write the state with its private keys' },
    { name: 'no-replay', type: 'boolean', description: 'do not replay the TLS handshakes with node:tls' },
    { name: 'results', type: 'boolean', description: "text mode: print each scenario's full prediction after the table" },
  ],
  positionals: { name: '', description: '', min: 0, max: 0 },
  async run(inv) {
    const today = clockFlag(inv) ?? systemClock;
    const fixturesDir = stringFlag(inv.args, 'fixtures') ?? LAB_FIXTURES;
    try {
      await inv.io.readFile(path.join(fixturesDir, 'racf', 'ZCEERACF.racf'));
    } catch {
      throw new UsageError(`the lab fixtures are not in ${fixturesDir} (racf/ZCEERACF.racf cannot be read)`);
    }
    const outDir = stringFlag(inv.args, 'out');
    const report = await runLab({
      today,
      fixturesDir,
      replayTls: !booleanFlag(inv.args, 'no-replay'),
      writePrivateKeys: booleanFlag(inv.args, 'private-keys'),
      files: { writeFile: (p, text) => inv.io.writeFile(p, text), makeDir: (p) => inv.io.makeDir(p) },
      ...(outDir !== undefined ? { outDir } : {}),
    });
    const diagnostics = [...report.decks.flatMap((d) => d.diagnostics), ...report.diagnostics, ...disagreements(report)];
    let text = formatLabReport(report);
    if (outDir !== undefined) text += `artifacts written to ${outDir}\n`;
    if (booleanFlag(inv.args, 'results')) {
      for (const s of report.scenarios) if (s.result !== null) text += `\n--- scenario ${s.id}: ${s.name}\n${formatResult(s.result).trimEnd()}\n`;
    }
    return {
      text,
      json: { ...report, ...(outDir !== undefined ? { out: outDir } : {}) },
      diagnostics,
    };
  },
};

/** `ztwin lab`. */
export const labCommands: readonly Command[] = [labCommand];
