import { formatDiagnostic, parseClock } from '@ztwin/core';
import { formatLabReport } from './format';
import { type RunLabOptions, runLab } from './lab';
import { labAgrees } from './report';

/** Where `labMain` prints. */
export interface LabConsole {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * `npm run lab` (dist/main.js): `[OUTDIR] [--clock ISO]`. Runs the lab, writes the artifacts to
 * OUTDIR (default ./lab-out), prints the table and what today changes. Resolves to the exit
 * status: 0 when every seed scenario agrees with the seed (and no TLS replay disagrees), 1
 * otherwise, 2 on a bad argument.
 */
export async function labMain(argv: readonly string[], io: LabConsole, options: Omit<RunLabOptions, 'outDir' | 'today'> = {}): Promise<number> {
  let outDir = 'lab-out';
  let clockArg: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--clock' && i + 1 < argv.length) clockArg = argv[++i];
    else if (a.startsWith('--clock=')) clockArg = a.slice('--clock='.length);
    else if (a !== '' && !a.startsWith('-')) outDir = a;
    else {
      io.stderr(`lab: unknown argument '${a}'\nusage: node dist/main.js [OUTDIR] [--clock ISO]\n`);
      return 2;
    }
  }
  const today = clockArg === undefined ? undefined : parseClock(clockArg);
  if (clockArg !== undefined && today === undefined) {
    io.stderr(`lab: --clock '${clockArg}' is not an ISO date or date-time\n`);
    return 2;
  }
  const report = await runLab({ ...options, outDir, ...(today !== undefined ? { today } : {}) });
  io.stdout(formatLabReport(report));
  for (const d of report.diagnostics) io.stderr(formatDiagnostic(d) + '\n');
  io.stdout(`artifacts in ${outDir}\n`);
  return labAgrees(report) && !report.diagnostics.some((d) => d.severity === 'error') ? 0 : 1;
}
