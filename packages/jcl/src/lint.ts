import { type Diagnostic, diagnostic, didYouMean } from '@ztwin/core';
import { parseCeeOpts } from './le-options';
import type { DdStatement, JclFile, Job, Step } from './model';
import { keyword, valueText } from './reader';

/**
 * Lint rules over a read JCL file: mistakes that are valid JCL but do not do what was meant.
 */

/** DD names that programs and z/OS components look for, with who reads them. */
export const WELL_KNOWN_DDS: Readonly<Record<string, string>> = {
  CEEOPTS: 'Language Environment',
  CEEDUMP: 'Language Environment',
  SYSPRINT: 'the program',
  SYSOUT: 'the program',
  SYSIN: 'the program',
  STEPLIB: 'program fetch',
  JOBLIB: 'program fetch',
  SYSTSIN: 'TSO/E (IKJEFT01)',
  SYSTSPRT: 'TSO/E (IKJEFT01)',
  SYSEXEC: 'TSO/E REXX',
  SYSPROC: 'TSO/E CLIST',
  SYSUDUMP: 'the system dump service',
  SYSABEND: 'the system dump service',
  SYSMDUMP: 'the system dump service',
  STDENV: 'z/OS UNIX (BPXBATCH, PAGENT)',
  STDOUT: 'z/OS UNIX (BPXBATCH)',
  STDERR: 'z/OS UNIX (BPXBATCH)',
  STDIN: 'z/OS UNIX (BPXBATCH)',
};

export const LintCodes = {
  ddNearMiss: 'JCLL001',
  duplicateStep: 'JCLL002',
  surrogateUser: 'JCLL003',
  symbolOnUser: 'JCLL004',
} as const;

export interface LintOptions {
  /** The user ID submitting the job; USER= naming someone else needs SURROGAT authority. */
  readonly submitter?: string;
}

function ddName(d: DdStatement): string | undefined {
  if (d.name === undefined) return undefined;
  const dot = d.name.lastIndexOf('.');
  return dot >= 0 ? d.name.slice(dot + 1) : d.name;
}

function allSteps(j: Job): Step[] {
  return [...j.steps, ...j.procedures.flatMap((p) => p.steps)];
}

/** Near misses of well-known DD names (CEEOPS for CEEOPTS, SYSPRNT for SYSPRINT). */
export function lintDdNames(file: JclFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = Object.keys(WELL_KNOWN_DDS);
  for (const j of file.jobs) {
    for (const d of [...j.dds, ...allSteps(j).flatMap((s) => s.dds)]) {
      const n = ddName(d);
      if (n === undefined || n in WELL_KNOWN_DDS) continue;
      const guess = didYouMean(n, known);
      if (guess === undefined) continue;
      out.push(
        diagnostic(
          {
            code: LintCodes.ddNearMiss,
            severity: 'warning',
            message: `DD ${n} is not ${guess}: ${WELL_KNOWN_DDS[guess] ?? 'the program'} reads ${guess} and ignores this DD`,
            hint: `did you mean ${guess}?`,
          },
          d.statement.span,
        ),
      );
    }
  }
  return out;
}

/** Step names used twice in one job (or procedure): the first step is usually a stray card. */
export function lintDuplicateSteps(file: JclFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (steps: readonly Step[]): void => {
    const seen = new Map<string, Step>();
    for (const s of steps) {
      if (s.name === undefined) continue;
      const prev = seen.get(s.name);
      if (prev !== undefined) {
        const empty = prev.dds.length === 0 ? `; the first ${s.name} step has no DD statements (it runs without them)` : '';
        out.push(
          diagnostic(
            { code: LintCodes.duplicateStep, severity: 'warning', message: `step name ${s.name} is used twice in the job${empty}` },
            s.exec.span,
          ),
        );
      } else seen.set(s.name, s);
    }
  };
  for (const j of file.jobs) {
    check(j.steps);
    for (const p of j.procedures) check(p.steps);
  }
  return out;
}

/** USER= and PASSWORD= on JOB cards: symbols are refused, and another user needs SURROGAT. */
export function lintJobUser(file: JclFile, options: LintOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const j of file.jobs) {
    if (j.job === undefined) continue;
    for (const k of ['USER', 'PASSWORD']) {
      const v = keyword(j.job, k);
      if (v !== undefined && v.raw.includes('&'))
        out.push(
          diagnostic(
            // a password is never quoted, even when it looks like a symbol
            { code: LintCodes.symbolOnUser, message: `${k}=${k === 'PASSWORD' ? '...' : v.raw}: symbols such as &SYSUID are not substituted on ${k}` },
            v.span,
          ),
        );
    }
    const user = valueText(keyword(j.job, 'USER'));
    const sub = options.submitter?.toUpperCase();
    if (user !== undefined && !user.includes('&') && sub !== undefined && user.toUpperCase() !== sub) {
      out.push(
        diagnostic(
          {
            code: LintCodes.surrogateUser,
            severity: 'info',
            message: `job runs as ${user.toUpperCase()} but is submitted by ${sub}: ${sub} needs READ access to SURROGAT profile ${user.toUpperCase()}.SUBMIT`,
          },
          keyword(j.job, 'USER')?.span ?? j.job.span,
        ),
      );
    }
  }
  return out;
}

/** CEEOPTS in-stream data of every step, parsed for its diagnostics. */
export function lintCeeOpts(file: JclFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const j of file.jobs)
    for (const s of allSteps(j))
      for (const d of s.dds)
        if (ddName(d) === 'CEEOPTS' && d.inline !== undefined) out.push(...parseCeeOpts(d.inline.lines, file.source).diagnostics);
  return out;
}

/** Every lint rule. */
export function lintJcl(file: JclFile, options: LintOptions = {}): Diagnostic[] {
  return [...lintDdNames(file), ...lintDuplicateSteps(file), ...lintJobUser(file, options), ...lintCeeOpts(file)];
}
