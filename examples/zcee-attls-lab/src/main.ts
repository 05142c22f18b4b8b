/**
 * `npm run lab`: run the seed lab, print the table, write the artifacts to ./lab-out (or the
 * directory given as the first argument). `--clock ISO` sets "today". Exit 0 when every seed
 * scenario agrees with the seed, 1 otherwise, 2 on a bad argument.
 */
import { parseClock } from '@ztwin/core';
import { formatLabReport } from './format';
import { runLab } from './lab';
import { labAgrees } from './report';

async function main(argv: readonly string[]): Promise<number> {
  let outDir = 'lab-out';
  let clockArg: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--clock') clockArg = argv[++i];
    else if (a !== undefined && a.startsWith('--clock=')) clockArg = a.slice('--clock='.length);
    else if (a !== undefined && !a.startsWith('-')) outDir = a;
    else {
      process.stderr.write(`usage: node dist/main.js [OUTDIR] [--clock ISO]\n`);
      return 2;
    }
  }
  const today = clockArg === undefined ? undefined : parseClock(clockArg);
  if (clockArg !== undefined && today === undefined) {
    process.stderr.write(`--clock: not an ISO date: ${clockArg}\n`);
    return 2;
  }
  const report = await runLab({ outDir, ...(today !== undefined ? { today } : {}) });
  process.stdout.write(formatLabReport(report));
  process.stdout.write(`artifacts in ${outDir}\n`);
  return labAgrees(report) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lab: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
