import { type Diagnostic, diagnostic } from '@ztwin/core';
import { checkName } from './reader';
import { RECORD_LENGTH, STATEMENT_END_COLUMN, SYSTSIN_END_COLUMN } from './records';
import { splitTsoLine } from './tso';

/**
 * Building JCL. Every value is checked and either written so that a JCL reader reads back exactly
 * that value (quoting where needed), or refused with a diagnostic: the builder never emits a card
 * the system would read differently.
 */

/** A built artefact: `value` is present only when there are no error diagnostics. */
export interface Built<T> {
  readonly value?: T;
  readonly diagnostics: readonly Diagnostic[];
}

export interface JobCardSpec {
  /** Job name, 1-8 characters. */
  readonly name: string;
  /** Accounting information: one field, or several written as `(a,b,...)`. */
  readonly accounting?: string | readonly string[];
  /** Programmer's name, at most 20 characters. */
  readonly programmer?: string;
  readonly class?: string;
  readonly msgclass?: string;
  /** e.g. `(1,1)`. */
  readonly msglevel?: string;
  /** A user ID or `&SYSUID`. */
  readonly notify?: string;
  readonly region?: string;
  readonly time?: string;
  readonly typrun?: string;
  /** The user ID the job runs under. Never a symbol: `&SYSUID` is refused on USER. */
  readonly user?: string;
}

export interface ExecSpec {
  readonly name?: string;
  /** Exactly one of pgm and proc. */
  readonly pgm?: string;
  readonly proc?: string;
  /** At most 100 characters. */
  readonly parm?: string;
  readonly region?: string;
  readonly time?: string;
  readonly cond?: string;
}

export interface InlineSpec {
  readonly lines: readonly string[];
  /**
   * `tso`: the data is a TSO/E command deck (SYSTSIN): lines over 72 are continued with `-`
   * (TSO/E ignores columns 73-80 of a fixed-length SYSTSIN record), and a line that would end the
   * data may be indented (strategy `indent`). `data` (default): lines over 80 are refused.
   */
  readonly kind?: 'tso' | 'data';
  /** How to keep `/*` and `//` lines from ending the data: `dlm` (default) or `indent` (tso only). */
  readonly strategy?: 'dlm' | 'indent';
}

export interface DdSourceSpec {
  readonly dsn?: string;
  readonly disp?: string | readonly string[];
  readonly sysout?: string;
  readonly dummy?: boolean;
  readonly inline?: InlineSpec;
}

export interface DdSpec extends DdSourceSpec {
  /** ddname, or `PROCSTEP.DDNAME` to override a procedure's DD. */
  readonly name: string;
  /** Further data sets concatenated after this one (unnamed DD statements). */
  readonly concatenation?: readonly DdSourceSpec[];
}

export interface StepSpec {
  readonly exec: ExecSpec;
  readonly dds: readonly DdSpec[];
}

export interface JobSpec {
  readonly job: JobCardSpec;
  readonly steps: readonly StepSpec[];
}

/** Stable diagnostic codes of the builder. */
export const JclBuildCodes = {
  invalidName: 'JCLB001',
  unrepresentable: 'JCLB002',
  symbolNotAllowed: 'JCLB003',
  doesNotFit: 'JCLB004',
  dataTooLong: 'JCLB005',
  noDelimiter: 'JCLB006',
  tooLong: 'JCLB007',
  invalidDsn: 'JCLB008',
  execTarget: 'JCLB009',
  commentDropped: 'JCLB010',
} as const;

const TOKEN_RE = /^[A-Z0-9@#$][A-Z0-9@#$.]*$/;
const PRINTABLE_RE = /^[\x20-\x7e]*$/;

class Ctx {
  readonly diags: Diagnostic[] = [];
  constructor(readonly source: string) {}
  error(code: string, message: string): void {
    this.diags.push(diagnostic({ code, message }, { source: this.source }));
  }
  info(code: string, message: string): void {
    this.diags.push(diagnostic({ code, message, severity: 'info' }, { source: this.source }));
  }
}

/**
 * A value written as a token when it is one (`SHR`, `A.B`), else in apostrophes with `'` doubled.
 * `&` is refused (it would be read as a symbol), as are characters outside printable ASCII.
 */
function jclValue(ctx: Ctx, what: string, v: string, allowSymbol = false): string | undefined {
  if (!PRINTABLE_RE.test(v)) {
    ctx.error(JclBuildCodes.unrepresentable, `${what}: contains a character that cannot be written on a JCL card`);
    return undefined;
  }
  if (v.includes('&')) {
    if (allowSymbol && /^&[A-Z@#$][A-Z0-9@#$]{0,7}\.?$/.test(v)) return v;
    ctx.error(JclBuildCodes.unrepresentable, `${what}: '&' would be read as the start of a JCL symbol`);
    return undefined;
  }
  if (v === '') {
    ctx.error(JclBuildCodes.unrepresentable, `${what}: empty value`);
    return undefined;
  }
  if (TOKEN_RE.test(v) || v === '*') return v;
  return `'${v.replace(/'/g, "''")}'`;
}

const DSN_RE = /^[A-Z@#$][A-Z0-9@#$-]{0,7}(\.[A-Z@#$][A-Z0-9@#$-]{0,7})*$/;
const MEMBER_RE = /^([A-Z@#$][A-Z0-9@#$]{0,7}|[+-]?\d{1,3})$/;

/** A data set name, optionally with `(member)` or a relative generation; `&&NAME` for a temporary data set. */
function dsnValue(ctx: Ctx, dsn: string): string | undefined {
  if (/^&&[A-Z@#$][A-Z0-9@#$]{0,7}$/.test(dsn)) return dsn;
  const m = /^([^()]*)(?:\(([^()]*)\))?$/.exec(dsn);
  const base = m?.[1] ?? '';
  const member = m?.[2];
  if (m === null || base.length > 44 || !DSN_RE.test(base) || (member !== undefined && !MEMBER_RE.test(member))) {
    ctx.error(
      JclBuildCodes.invalidDsn,
      `DSN '${dsn}' is not a valid data set name (qualifiers of 1-8 characters A-Z 0-9 @ # $ -, at most 44 in all, optional (member))`,
    );
    return undefined;
  }
  return dsn;
}

function name(ctx: Ctx, what: string, n: string, qualified = false): string | undefined {
  const bad = checkName(n, qualified);
  if (bad !== undefined) {
    ctx.error(JclBuildCodes.invalidName, `${what}: ${bad.message}`);
    return undefined;
  }
  return n;
}

/** A value that is a token or a parenthesised list of tokens/quoted strings. */
function listValue(ctx: Ctx, what: string, v: string | readonly string[]): string | undefined {
  if (typeof v === 'string') return jclValue(ctx, what, v);
  const parts = v.map((x) => (x === '' ? '' : jclValue(ctx, what, x)));
  if (parts.some((p) => p === undefined)) return undefined;
  return `(${parts.join(',')})`;
}

/** A raw parameter value that must already be a token, a list of tokens or `(n,n)`; refused otherwise. */
function rawParam(ctx: Ctx, what: string, v: string): string | undefined {
  if (/^[A-Z0-9@#$*][A-Z0-9@#$.*]*$/.test(v) || /^\([A-Z0-9@#$.*,]*\)$/.test(v)) return v;
  ctx.error(JclBuildCodes.unrepresentable, `${what}: '${v}' is not a JCL value this builder writes`);
  return undefined;
}

/**
 * Lay out one statement on card images: `//NAME     OP   p1,p2,...`, breaking after a complete
 * parameter (or subparameter) and its comma at or before column 71 and resuming in column 16, or
 * continuing a quoted value through column 71 and resuming in column 16 (never an apostrophe in
 * column 71). Undefined (with a diagnostic) when a parameter cannot be broken legally.
 */
export function layoutStatement(
  name: string | undefined,
  op: string,
  params: readonly string[],
): { lines?: string[]; error?: string } {
  const head = `//${(name ?? '').padEnd(8)} ${op === 'DD' ? 'DD  ' : op} `;
  const cont = '//' + ' '.repeat(13);
  const lines: string[] = [];
  let line = head;
  const lim = STATEMENT_END_COLUMN;
  const cannot = (piece: string) => ({ error: `parameter '${piece}' cannot be broken onto continuation records at or before column 71` });
  for (let pi = 0; pi < params.length; pi++) {
    const piece = (params[pi] ?? '') + (pi < params.length - 1 ? ',' : '');
    if (line.endsWith(',') && line.length + piece.length > lim) {
      lines.push(line);
      line = cont;
    }
    // Quote state after each character of the piece ('' toggles twice, so it reads as still open).
    const open: boolean[] = [];
    let q = false;
    for (const ch of piece) {
      if (ch === "'") q = !q;
      open.push(q);
    }
    let i = 0;
    while (i < piece.length) {
      const room = lim - line.length;
      if (piece.length - i <= room) {
        line += piece.slice(i);
        break;
      }
      // A) after a comma outside apostrophes (a complete subparameter).
      let k = -1;
      for (let c = i + room; c > i; c--) {
        if (piece[c - 1] === ',' && open[c - 1] !== true) {
          k = c;
          break;
        }
      }
      // B) a quoted value continued through column 71 (no apostrophe in column 71).
      const b = i + room - 1;
      if (k > i) {
        line += piece.slice(i, k);
        i = k;
      } else if (room > 0 && open[b] === true && piece[b] !== "'") {
        line += piece.slice(i, b + 1);
        i = b + 1;
      } else if (line.endsWith(',')) {
        lines.push(line);
        line = cont;
        continue;
      } else {
        return cannot(piece);
      }
      lines.push(line);
      line = cont;
    }
  }
  lines.push(line.trimEnd());
  return { lines: lines.map((l) => l.trimEnd()) };
}

function statement(ctx: Ctx, out: string[], name: string | undefined, op: string, params: readonly string[]): void {
  const r = layoutStatement(name, op, params);
  if (r.lines === undefined) ctx.error(JclBuildCodes.doesNotFit, r.error ?? 'statement does not fit');
  else out.push(...r.lines);
}

const DLM_CANDIDATES = ((): string[] => {
  const c = ['$$', '@@', '##', '$@', '@$', '$#', '#$', '@#', '#@'];
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (const a of alnum) for (const b of alnum) c.push(a + b);
  return c;
})();

/** Would this record end `DD *` data (`/*` or `//` in columns 1-2)? */
export function endsInstreamData(line: string): boolean {
  return line.startsWith('/*') || line.startsWith('//');
}

/**
 * Lay out in-stream data so it cannot end early: the DD operands to use (`*` or `DATA,DLM=xx`),
 * the data records, and the delimiter record.
 */
export function layoutInline(
  ctx: { error(code: string, message: string): void; info(code: string, message: string): void },
  spec: InlineSpec,
): { operands: string[]; lines: string[]; delimiter: string } | undefined {
  const tso = spec.kind === 'tso';
  const max = tso ? SYSTSIN_END_COLUMN : RECORD_LENGTH;
  let lines: string[] = [];
  for (const [n, l] of spec.lines.entries()) {
    if (!/^[\x20-\x7e\t]*$/.test(l)) {
      ctx.error(JclBuildCodes.unrepresentable, `data line ${n + 1} contains a character that cannot be written on a card`);
      return undefined;
    }
    const t = l.replace(/\s+$/, '');
    if (t.length <= max) lines.push(t);
    else if (tso) {
      const prevContinued = /[-+]$/.test(lines[lines.length - 1] ?? '');
      const s = splitTsoLine(t, max, prevContinued);
      if (s.dropped) ctx.info(JclBuildCodes.commentDropped, `data line ${n + 1}: a comment was dropped to fit 72 columns`);
      lines.push(...s.lines);
    } else {
      ctx.error(JclBuildCodes.dataTooLong, `data line ${n + 1} is ${t.length} characters; in-stream records are ${RECORD_LENGTH}`);
      return undefined;
    }
  }
  if (!lines.some(endsInstreamData)) return { operands: ['*'], lines, delimiter: '/*' };
  if (tso && spec.strategy === 'indent') {
    // A TSO/E command may start with blanks, unless the previous line continues with '-' (blanks kept).
    const ok = lines.every(
      (l, i) => !endsInstreamData(l) || (l.length < max && !(lines[i - 1] ?? '').endsWith('-')),
    );
    if (ok) {
      lines = lines.map((l) => (endsInstreamData(l) ? ' ' + l : l));
      return { operands: ['*'], lines, delimiter: '/*' };
    }
  }
  const dlm = DLM_CANDIDATES.find((d) => !lines.some((l) => l.startsWith(d)));
  if (dlm === undefined) {
    ctx.error(JclBuildCodes.noDelimiter, 'no two-character delimiter is free: every candidate starts a data line');
    return undefined;
  }
  return { operands: ['DATA', `DLM=${dlm}`], lines, delimiter: dlm };
}

function ddOperands(ctx: Ctx, what: string, d: DdSourceSpec): string[] {
  const ps: string[] = [];
  if (d.dummy === true) ps.push('DUMMY');
  if (d.dsn !== undefined) {
    const v = dsnValue(ctx, d.dsn);
    if (v !== undefined) ps.push(`DSN=${v}`);
  }
  if (d.disp !== undefined) {
    const v = listValue(ctx, `${what} DISP`, d.disp);
    if (v !== undefined) ps.push(`DISP=${v}`);
  }
  if (d.sysout !== undefined) {
    const v = /^[A-Z0-9*]$/.test(d.sysout) ? d.sysout : rawParam(ctx, `${what} SYSOUT`, d.sysout);
    if (v !== undefined) ps.push(`SYSOUT=${v}`);
  }
  return ps;
}

function renderDd(ctx: Ctx, out: string[], ddName: string | undefined, d: DdSourceSpec): void {
  const what = `DD ${ddName ?? '(concatenated)'}`;
  if (d.inline !== undefined) {
    const lay = layoutInline(ctx, d.inline);
    if (lay === undefined) return;
    statement(ctx, out, ddName, 'DD', [...lay.operands, ...ddOperands(ctx, what, d)]);
    out.push(...lay.lines, lay.delimiter);
    return;
  }
  const ps = ddOperands(ctx, what, d);
  if (d.dsn === undefined && d.sysout === undefined && d.dummy !== true) {
    ctx.error(JclBuildCodes.unrepresentable, `${what}: needs DSN, SYSOUT, DUMMY or inline data`);
    return;
  }
  if (ps.length > 0) statement(ctx, out, ddName, 'DD', ps);
}

/** JOB statement operands in the documented order: accounting, programmer, then keywords. */
function jobOperands(ctx: Ctx, j: JobCardSpec): string[] {
  const ps: string[] = [];
  const acct = j.accounting !== undefined ? listValue(ctx, 'JOB accounting', j.accounting) : undefined;
  if (acct !== undefined && acct.length > 143) ctx.error(JclBuildCodes.tooLong, 'JOB accounting information is longer than 143 characters');
  let prog: string | undefined;
  if (j.programmer !== undefined) {
    if (j.programmer.length > 20) ctx.error(JclBuildCodes.tooLong, 'JOB programmer name is longer than 20 characters');
    else prog = jclValue(ctx, 'JOB programmer name', j.programmer);
  }
  if (acct !== undefined || prog !== undefined) ps.push(acct ?? '');
  if (prog !== undefined) ps.push(prog);
  const kw = (k: string, v: string | undefined, check: (v: string) => string | undefined): void => {
    if (v === undefined) return;
    const r = check(v);
    if (r !== undefined) ps.push(`${k}=${r}`);
  };
  const cls = (k: string) => (v: string) => {
    if (/^[A-Z0-9]$/.test(v)) return v;
    ctx.error(JclBuildCodes.unrepresentable, `JOB ${k}: '${v}' is not a class (one character A-Z 0-9)`);
    return undefined;
  };
  kw('CLASS', j.class, cls('CLASS'));
  kw('MSGCLASS', j.msgclass, cls('MSGCLASS'));
  kw('MSGLEVEL', j.msglevel, (v) => rawParam(ctx, 'JOB MSGLEVEL', v));
  kw('NOTIFY', j.notify, (v) => (v === '&SYSUID' ? v : name(ctx, 'JOB NOTIFY', v)));
  kw('REGION', j.region, (v) => rawParam(ctx, 'JOB REGION', v));
  kw('TIME', j.time, (v) => rawParam(ctx, 'JOB TIME', v));
  kw('TYPRUN', j.typrun, (v) => rawParam(ctx, 'JOB TYPRUN', v));
  kw('USER', j.user, (v) => {
    if (v.includes('&')) {
      ctx.error(JclBuildCodes.symbolNotAllowed, `JOB USER: '${v}': a symbol such as &SYSUID is never substituted on USER`);
      return undefined;
    }
    return name(ctx, 'JOB USER', v);
  });
  return ps;
}

function execOperands(ctx: Ctx, e: ExecSpec): string[] {
  const ps: string[] = [];
  if ((e.pgm === undefined) === (e.proc === undefined)) {
    ctx.error(JclBuildCodes.execTarget, 'EXEC: give exactly one of pgm and proc');
    return ps;
  }
  if (e.pgm !== undefined) {
    const v = name(ctx, 'EXEC PGM', e.pgm);
    if (v !== undefined) ps.push(`PGM=${v}`);
  }
  if (e.proc !== undefined) {
    const v = name(ctx, 'EXEC PROC', e.proc);
    if (v !== undefined) ps.push(`PROC=${v}`);
  }
  if (e.parm !== undefined) {
    // z/OS MVS JCL Reference, PARM: at most 100 characters of information.
    if (e.parm.length > 100) ctx.error(JclBuildCodes.tooLong, 'EXEC PARM is longer than 100 characters');
    else {
      const v = jclValue(ctx, 'EXEC PARM', e.parm);
      if (v !== undefined) ps.push(`PARM=${v}`);
    }
  }
  if (e.region !== undefined) {
    const v = rawParam(ctx, 'EXEC REGION', e.region);
    if (v !== undefined) ps.push(`REGION=${v}`);
  }
  if (e.time !== undefined) {
    const v = rawParam(ctx, 'EXEC TIME', e.time);
    if (v !== undefined) ps.push(`TIME=${v}`);
  }
  if (e.cond !== undefined) {
    const v = rawParam(ctx, 'EXEC COND', e.cond);
    if (v !== undefined) ps.push(`COND=${v}`);
  }
  return ps;
}

export interface BuildOptions {
  /** Name used as the `source` of builder diagnostics; default `<job NAME>`. */
  readonly source?: string;
}

/** Render a whole job as card images (lines joined with `\n`, ending with a newline). */
export function buildJob(spec: JobSpec, options: BuildOptions = {}): Built<string> {
  const ctx = new Ctx(options.source ?? `<job ${spec.job.name}>`);
  const out: string[] = [];
  const jn = name(ctx, 'JOB name', spec.job.name);
  statement(ctx, out, jn ?? spec.job.name, 'JOB', jobOperands(ctx, spec.job));
  for (const s of spec.steps) {
    const sn = s.exec.name !== undefined ? name(ctx, 'EXEC name', s.exec.name) : undefined;
    statement(ctx, out, sn, 'EXEC', execOperands(ctx, s.exec));
    for (const d of s.dds) {
      const dn = name(ctx, 'DD name', d.name, true);
      renderDd(ctx, out, dn, d);
      for (const c of d.concatenation ?? []) renderDd(ctx, out, undefined, c);
    }
  }
  if (ctx.diags.some((d) => d.severity === 'error')) return { diagnostics: ctx.diags };
  return { value: out.join('\n') + '\n', diagnostics: ctx.diags };
}
