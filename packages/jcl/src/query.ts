import type { DdStatement, Job, Step } from './model';
import { type LeOptions, parseCeeOpts } from './le-options';
import { type ReadResult, keyword, valueText } from './reader';

/**
 * Questions other packages ask of a read job (the outcome simulator: who runs it, which program,
 * what LE options reach it).
 */

/** USER= of the JOB statement (upper-cased), if coded. Without it the job runs as its submitter. */
export function jobUser(job: Job): string | undefined {
  return job.job === undefined ? undefined : valueText(keyword(job.job, 'USER'))?.toUpperCase();
}

/** PGM= of a step, upper-cased. */
export function stepProgram(step: Step): string | undefined {
  return valueText(keyword(step.exec, 'PGM'))?.toUpperCase();
}

/** PARM= of a step, as the program receives it. */
export function stepParm(step: Step): string | undefined {
  return valueText(keyword(step.exec, 'PARM'));
}

/** The step's DD of that name (`CEEOPTS`, or a `PROCSTEP.DDNAME` override by its last part). */
export function findDd(step: Step, ddname: string): DdStatement | undefined {
  const want = ddname.toUpperCase();
  return step.dds.find((d) => d.name !== undefined && (d.name === want || d.name.endsWith(`.${want}`)));
}

/**
 * The LE options a step's CEEOPTS DD gives (in-stream data only; `undefined` when there is no
 * CEEOPTS DD or it is not in-stream). A DD with another name, such as CEEOPS, is ignored by LE and
 * so gives nothing here either; `lintJcl` reports it.
 */
export function stepCeeOpts(step: Step, source = '<jcl>'): ReadResult<LeOptions | undefined> {
  const dd = findDd(step, 'CEEOPTS');
  if (dd?.inline === undefined) return { value: undefined, diagnostics: [] };
  return parseCeeOpts(dd.inline.lines, source);
}
