import { type Diagnostic, diagnostic } from '@ztwin/core';
import { type Built, type JobCardSpec, buildJob } from './builder';
import type { DdStatement, InlineData, Step } from './model';
import { type ReadResult, firstPositional, keyword, readJcl, valueText } from './reader';
import { isSecretName } from './le-options';
import { SYSTSIN_END_COLUMN, splitLines } from './records';

/** The TSO/E terminal monitor program names that run a SYSTSIN deck in batch. */
export const TMP_PROGRAMS: readonly string[] = ['IKJEFT01', 'IKJEFT1A', 'IKJEFT1B'];

export interface RacfJobOptions {
  readonly jobName: string;
  /** USER= on the JOB card: the job then runs as this user (needs SURROGAT authority for the submitter). */
  readonly user?: string;
  readonly accounting?: string | readonly string[];
  readonly programmer?: string;
  readonly class?: string;
  readonly msgclass?: string;
  /** Default `&SYSUID`. */
  readonly notify?: string;
  /** Step name, default `RACF`. */
  readonly stepName?: string;
  /** How `/*` and `//` deck lines are kept from ending SYSTSIN: `dlm` (default, exact) or `indent`. */
  readonly strategy?: 'dlm' | 'indent';
}

/**
 * An IKJEFT01 job that runs a RACF (TSO/E) command deck:
 * `//SYSTSPRT DD SYSOUT=*` and `//SYSTSIN DD *` (or `DD DATA,DLM=xx` when a deck line starts with
 * `/*` or `//`). Deck lines longer than 72 columns are continued with `-`.
 */
export function racfJob(deckText: string, options: RacfJobOptions): Built<string> {
  const job: JobCardSpec = {
    name: options.jobName,
    notify: options.notify ?? '&SYSUID',
    ...(options.accounting !== undefined ? { accounting: options.accounting } : {}),
    ...(options.programmer !== undefined ? { programmer: options.programmer } : {}),
    ...(options.class !== undefined ? { class: options.class } : {}),
    ...(options.msgclass !== undefined ? { msgclass: options.msgclass } : {}),
    ...(options.user !== undefined ? { user: options.user } : {}),
  };
  return buildJob({
    job,
    steps: [
      {
        exec: { name: options.stepName ?? 'RACF', pgm: 'IKJEFT01' },
        dds: [
          { name: 'SYSTSPRT', sysout: '*' },
          { name: 'SYSTSIN', inline: { lines: splitLines(deckText), kind: 'tso', strategy: options.strategy ?? 'dlm' } },
        ],
      },
    ],
  });
}

export const RacfJobCodes = {
  noTmpStep: 'JCL021',
  noSystsin: 'JCL022',
  systsinNotInline: 'JCL023',
  sequenceColumns: 'JCL024',
} as const;

function isTmpStep(s: Step): boolean {
  const pgm = valueText(keyword(s.exec, 'PGM'));
  return pgm !== undefined && TMP_PROGRAMS.includes(pgm.toUpperCase());
}

/** The deck lines of an inline SYSTSIN as TSO/E reads them: columns 73-80 dropped, trailing blanks dropped. */
function deckLines(source: string, data: InlineData, diags: Diagnostic[]): string[] {
  return data.lines.map((l) => {
    const tail = l.text.slice(SYSTSIN_END_COLUMN);
    if (tail.trim() !== '')
      diags.push(
        diagnostic(
          {
            code: RacfJobCodes.sequenceColumns,
            severity: 'warning',
            // the ignored text is quoted unless the record may hold a password or phrase
            message: `SYSTSIN columns 73-80 are a sequence number: TSO/E ignores ${isSecretName(l.text) ? 'them' : `'${tail.trim()}'`}`,
          },
          { source, line: l.line, column: SYSTSIN_END_COLUMN + 1 },
        ),
      );
    return l.text.slice(0, SYSTSIN_END_COLUMN).trimEnd();
  });
}

/**
 * The TSO/E deck an IKJEFT01 job runs (its SYSTSIN in-stream data, concatenations included), as
 * TSO/E reads it, plus the reader's diagnostics. `value` is undefined when there is no such deck.
 */
export function readRacfJob(jclText: string, options: { source?: string } = {}): ReadResult<string | undefined> {
  const source = options.source ?? '<jcl>';
  const r = readJcl(jclText, { source });
  const diags: Diagnostic[] = [...r.diagnostics];
  const steps = r.value.jobs.flatMap((j) => j.steps).filter(isTmpStep);
  const step = steps[0];
  if (step === undefined) {
    diags.push(diagnostic({ code: RacfJobCodes.noTmpStep, message: 'no step runs IKJEFT01 (the TSO/E terminal monitor program)' }, { source }));
    return { value: undefined, diagnostics: diags };
  }
  const sysin = step.dds.find((d) => d.name === 'SYSTSIN');
  if (sysin === undefined) {
    diags.push(diagnostic({ code: RacfJobCodes.noSystsin, message: `step ${step.name ?? ''} has no SYSTSIN DD` }, step.exec.span));
    return { value: undefined, diagnostics: diags };
  }
  const parts: DdStatement[] = [sysin, ...sysin.concatenation];
  const lines: string[] = [];
  for (const p of parts) {
    if (p.inline === undefined) {
      const mode = firstPositional(p.statement);
      diags.push(
        diagnostic(
          {
            code: RacfJobCodes.systsinNotInline,
            severity: 'info',
            message: `SYSTSIN ${mode === 'DUMMY' ? 'is DUMMY' : `refers to data set ${valueText(keyword(p.statement, 'DSN', 'DSNAME')) ?? '?'}`}: its commands are not in this job`,
          },
          p.statement.span,
        ),
      );
      continue;
    }
    lines.push(...deckLines(source, p.inline, diags));
  }
  return { value: lines.length === 0 ? '' : lines.join('\n') + '\n', diagnostics: diags };
}
