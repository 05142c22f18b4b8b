/**
 * The batch API requester job (the lab's GETAPI member): a program linked with the z/OS Connect
 * EE communication stub, which reads where to send the request from Language Environment
 * environment variables set in `//CEEOPTS DD *` (ENVAR("BAQURI=...","BAQPORT=...",
 * "BAQUSERNAME=...","BAQPASSWORD=...")). Reading and building go through @ztwin/jcl.
 *
 * The identity that runs the job (JOB USER=, else the submitter) is the one asserted when the
 * server has idAssertion; BAQUSERNAME/BAQPASSWORD are the credentials the server authenticates.
 */
import * as t from 'io-ts';
import { type Diagnostic, diagnostic, didYouMean } from '@ztwin/core';
import {
  type DdStatement,
  type DdSpec,
  type Job,
  type Step,
  buildJob,
  envarValue,
  isSecretName,
  keyword,
  lintJcl,
  parseCeeOpts,
  readJcl,
  valueText,
} from '@ztwin/jcl';
import { Secret, SecretC } from './secret';

/** The variables the communication stub reads (z/OS Connect EE V3 "Configuring ... for batch"). */
export const BAQ_VARIABLES = ['BAQURI', 'BAQPORT', 'BAQUSERNAME', 'BAQPASSWORD'] as const;

export const ApiRequesterJob = t.intersection([
  t.type({
    jobName: t.string,
    stepName: t.string,
    program: t.string,
    steplib: t.readonlyArray(t.string),
    /** ENVAR values that reach the program; secret ones (BAQPASSWORD) as `Secret`. */
    env: t.record(t.string, t.union([t.string, SecretC])),
    posix: t.boolean,
    /** Whether a CEEOPTS DD with in-stream data exists (else no ENVAR reaches the program). */
    ceeoptsFound: t.boolean,
  }),
  t.partial({ user: t.string, parm: t.string, notify: t.string, msgclass: t.string, ceeoptsNote: t.string }),
]);
/** A GETAPI-style job as data. `env` holds what actually reaches the program. */
export type ApiRequesterJob = t.TypeOf<typeof ApiRequesterJob>;

/** An ENVAR value as text (a Secret revealed): for building and for the simulator. */
export function envText(job: Pick<ApiRequesterJob, 'env'>, name: string): string | undefined {
  const v = job.env[name];
  return v === undefined ? undefined : v instanceof Secret ? v.reveal() : v;
}

const ddBase = (d: DdStatement): string | undefined => {
  if (d.name === undefined) return undefined;
  const i = d.name.lastIndexOf('.');
  return i >= 0 ? d.name.slice(i + 1) : d.name;
};

export interface ReadJobResult {
  readonly value: ApiRequesterJob | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * Read an API requester job: the first job of the text; the requester step is the last EXEC PGM
 * step that has DD statements (a duplicated EXEC card before it runs first, without DDs).
 * Diagnostics include @ztwin/jcl's reader and lint findings plus the API requester rules.
 */
export function readApiRequesterJob(text: string, source = '<job>'): ReadJobResult {
  const r = readJcl(text, { source });
  const diagnostics: Diagnostic[] = [...r.diagnostics];
  const job: Job | undefined = r.value.jobs[0];
  if (job === undefined) {
    diagnostics.push(diagnostic({ code: 'ZCEE_JOB_NONE', message: 'no job in the input' }, { source }));
    return { value: undefined, diagnostics };
  }
  const jobSpan = job.job?.span;
  const at = jobSpan ?? { source };
  const pgmSteps = job.steps.filter((s) => keyword(s.exec, 'PGM') !== undefined);
  const step: Step | undefined = [...pgmSteps].reverse().find((s) => s.dds.length > 0) ?? pgmSteps[pgmSteps.length - 1];
  // the lint about a DD that is almost CEEOPTS is replaced by ours, which says what it costs here
  const lint = lintJcl(r.value).filter((d) => !(d.code === 'JCLL001' && d.hint === 'did you mean CEEOPTS?'));
  diagnostics.push(...lint);
  if (step === undefined) {
    diagnostics.push(diagnostic({ code: 'ZCEE_JOB_NO_STEP', message: 'the job has no EXEC PGM= step' }, at));
    return { value: undefined, diagnostics };
  }
  const program = valueText(keyword(step.exec, 'PGM')) ?? '';
  const parm = valueText(keyword(step.exec, 'PARM'));
  const steplibDd = step.dds.find((d) => ddBase(d) === 'STEPLIB');
  const steplib = steplibDd === undefined ? [] : [steplibDd, ...steplibDd.concatenation].map((d) => valueText(keyword(d.statement, 'DSN', 'DSNAME')) ?? '').filter((s) => s !== '');
  const ceeopts = step.dds.find((d) => ddBase(d) === 'CEEOPTS');
  const env: Record<string, string | Secret> = {};
  let posix = false;
  let ceeoptsNote: string | undefined;
  if (ceeopts === undefined) {
    const near = step.dds.find((d) => {
      const n = ddBase(d);
      return n !== undefined && didYouMean(n, ['CEEOPTS']) !== undefined;
    });
    ceeoptsNote = near !== undefined ? `DD ${ddBase(near) ?? ''} is not CEEOPTS` : 'no CEEOPTS DD';
    diagnostics.push(
      diagnostic(
        near !== undefined
          ? {
              code: 'ZCEE_JOB_CEEOPTS',
              message: `DD ${ddBase(near) ?? ''} is not CEEOPTS: Language Environment ignores it, so none of its ENVAR settings (BAQURI, BAQPORT, ...) reach ${program}`,
              hint: 'did you mean CEEOPTS?',
            }
          : { code: 'ZCEE_JOB_CEEOPTS', message: `step ${step.name ?? ''} has no CEEOPTS DD: ${program} gets no BAQURI/BAQPORT from ENVAR` },
        near?.statement.span ?? step.exec.span,
      ),
    );
  } else if (ceeopts.inline !== undefined) {
    const le = parseCeeOpts(ceeopts.inline.lines, source).value;
    posix = le.options.some((o) => o.name === 'POSIX' && (o.suboptions[0] ?? '').toUpperCase() === 'ON');
    for (const e of le.envar) {
      const v = envarValue(le, e.name) ?? e.value;
      env[e.name] = isSecretName(e.name) ? new Secret(v) : v;
      if (isSecretName(e.name) && e.name.startsWith('BAQ') && v !== '' && e.value === v)
        diagnostics.push(
          diagnostic(
            {
              code: 'ZCEE_JOB_CLEAR_PASSWORD',
              severity: 'warning',
              message: `${e.name} is written in clear in the job's CEEOPTS; anyone who can read the JCL or its spool can read it (use a PassTicket, or keep CEEOPTS in a protected data set)`,
            },
            { source, line: e.line, column: e.column },
          ),
        );
    }
    if (!posix)
      diagnostics.push(
        diagnostic({ code: 'ZCEE_JOB_POSIX', severity: 'info', message: "CEEOPTS has no POSIX(ON); IBM's API requester samples run the stub with POSIX(ON)" }, ceeopts.statement.span),
      );
  }
  if (ceeopts !== undefined || Object.keys(env).length > 0) {
    for (const v of ['BAQURI', 'BAQPORT'] as const)
      if (env[v] === undefined)
        diagnostics.push(
          diagnostic({ code: 'ZCEE_JOB_ENVAR_MISSING', message: `ENVAR ${v} is not set: the communication stub does not know where the z/OS Connect EE server is` }, ceeopts?.statement.span ?? step.exec.span),
        );
    for (const v of ['BAQUSERNAME', 'BAQPASSWORD'] as const)
      if (env[v] === undefined)
        diagnostics.push(
          diagnostic({ code: 'ZCEE_JOB_ENVAR_MISSING', severity: 'info', message: `ENVAR ${v} is not set: the request carries no basic-auth credentials` }, ceeopts?.statement.span ?? step.exec.span),
        );
    const port = env['BAQPORT'];
    if (typeof port === 'string' && !/^\d{1,5}$/.test(port.trim()))
      diagnostics.push(diagnostic({ code: 'ZCEE_JOB_ENVAR_VALUE', message: `BAQPORT '${port}' is not a port number` }, ceeopts?.statement.span ?? step.exec.span));
  }
  const user = job.job === undefined ? undefined : valueText(keyword(job.job, 'USER'));
  const notify = job.job === undefined ? undefined : valueText(keyword(job.job, 'NOTIFY'));
  const msgclass = job.job === undefined ? undefined : valueText(keyword(job.job, 'MSGCLASS'));
  const value: ApiRequesterJob = {
    jobName: job.name ?? '',
    stepName: step.name ?? '',
    program,
    steplib,
    env,
    posix,
    ceeoptsFound: ceeopts?.inline !== undefined,
    ...(ceeoptsNote === undefined ? {} : { ceeoptsNote }),
    ...(user === undefined ? {} : { user: user.toUpperCase() }),
    ...(parm === undefined ? {} : { parm }),
    ...(notify === undefined ? {} : { notify }),
    ...(msgclass === undefined ? {} : { msgclass }),
  };
  return { value, diagnostics };
}

export interface ApiRequesterJobSpec {
  readonly jobName: string;
  readonly user?: string;
  readonly notify?: string;
  readonly msgclass?: string;
  readonly stepName?: string;
  readonly program: string;
  readonly parm?: string;
  readonly steplib: readonly string[];
  /** ENVAR settings in order; BAQURI and BAQPORT at least. */
  readonly env: Readonly<Record<string, string | Secret>>;
  /** Write POSIX(ON); default true. */
  readonly posix?: boolean;
}

/**
 * CEEOPTS records for the options: `POSIX(ON),` then one ENVAR entry per record, each quoted with
 * `"` (an embedded `"` doubled). Undefined with a diagnostic when an entry does not fit a record.
 */
export function ceeOptsLines(env: Readonly<Record<string, string | Secret>>, posix = true, source = '<CEEOPTS>'): { value: string[] | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries = Object.entries(env);
  const lines: string[] = [];
  if (posix) lines.push(entries.length > 0 ? '  POSIX(ON),' : '  POSIX(ON)');
  entries.forEach(([name, v], i) => {
    const value = v instanceof Secret ? v.reveal() : v;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) diagnostics.push(diagnostic({ code: 'ZCEE_JOB_BUILD', message: `ENVAR name '${name}' is not a variable name` }, { source }));
    if (!/^[\x20-\x7e]*$/.test(value))
      diagnostics.push(diagnostic({ code: 'ZCEE_JOB_BUILD', message: `ENVAR ${name}: ${isSecretName(name) ? 'the value' : `'${value}'`} has a character that cannot be written on a card` }, { source }));
    // @ztwin/jcl's CEEOPTS reader trims each suboption, so trailing blanks would not read back
    if (/\s$/.test(value)) diagnostics.push(diagnostic({ code: 'ZCEE_JOB_BUILD', message: `ENVAR ${name}: a value ending in a blank does not read back the same` }, { source }));
    const entry = `"${name}=${value.replace(/"/g, '""')}"`;
    const line = `${i === 0 ? '  ENVAR(' : '    '}${entry}${i === entries.length - 1 ? ')' : ','}`;
    if (line.length > 72)
      diagnostics.push(diagnostic({ code: 'ZCEE_JOB_BUILD', message: `ENVAR ${name} does not fit one 72-column CEEOPTS record` }, { source }));
    lines.push(line);
  });
  return diagnostics.length > 0 ? { value: undefined, diagnostics } : { value: lines, diagnostics };
}

/** Build the job's JCL text. Refuses (diagnostics, no text) what would not read back the same. */
export function buildApiRequesterJob(spec: ApiRequesterJobSpec): { value: string | undefined; diagnostics: Diagnostic[] } {
  const source = `<job ${spec.jobName}>`;
  const opts = ceeOptsLines(spec.env, spec.posix ?? true, source);
  if (opts.value === undefined) return { value: undefined, diagnostics: opts.diagnostics };
  const [first, ...rest] = spec.steplib;
  const dds: DdSpec[] = [];
  if (first !== undefined) dds.push({ name: 'STEPLIB', dsn: first, disp: 'SHR', concatenation: rest.map((dsn) => ({ dsn, disp: 'SHR' })) });
  dds.push({ name: 'SYSPRINT', sysout: '*' });
  dds.push({ name: 'CEEOPTS', inline: { lines: opts.value } });
  const built = buildJob(
    {
      job: {
        name: spec.jobName,
        ...(spec.msgclass === undefined ? { msgclass: 'H' } : { msgclass: spec.msgclass }),
        ...(spec.notify === undefined ? {} : { notify: spec.notify }),
        ...(spec.user === undefined ? {} : { user: spec.user }),
      },
      steps: [{ exec: { name: spec.stepName ?? 'GETAPI', pgm: spec.program, ...(spec.parm === undefined ? {} : { parm: spec.parm }) }, dds }],
    },
    { source },
  );
  return built.value === undefined ? { value: undefined, diagnostics: [...built.diagnostics] } : { value: built.value, diagnostics: [...built.diagnostics] };
}
