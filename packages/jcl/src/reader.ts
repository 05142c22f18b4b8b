import { type Diagnostic, type SourceSpan, LineIndex, diagnostic, didYouMean } from '@ztwin/core';
import type {
  DataLine,
  DdStatement,
  InlineData,
  JclFile,
  JclValue,
  Job,
  Operation,
  Parameter,
  Procedure,
  Statement,
  Step,
} from './model';
import { Operation as OperationCodec } from './model';
import { type CardRecord, RECORD_LENGTH, STATEMENT_END_COLUMN, splitRecords } from './records';

/** What every fallible reader returns: a value (best effort) and the problems found. */
export interface ReadResult<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReadJclOptions {
  /** File name used in diagnostics and spans; default `<jcl>`. */
  readonly source?: string;
}

/** Stable diagnostic codes of the reader. */
export const JclCodes = {
  nameTooLong: 'JCL001',
  nameInvalid: 'JCL002',
  pastColumn71: 'JCL003',
  badContinuation: 'JCL004',
  continuationColumn: 'JCL005',
  unterminatedQuote: 'JCL006',
  unknownStatement: 'JCL007',
  unbalancedParentheses: 'JCL008',
  recordTooLong: 'JCL009',
  noJob: 'JCL010',
  danglingConcatenation: 'JCL011',
  generatedSysin: 'JCL012',
  missingDelimiter: 'JCL013',
  continuationLooksLikeStatement: 'JCL014',
  missingOperation: 'JCL015',
  unbalancedIf: 'JCL016',
  unbalancedProc: 'JCL017',
  dataTooLong: 'JCL018',
  badDlm: 'JCL019',
  dataEndedEarly: 'JCL020',
} as const;

const OPERATIONS = Object.keys(OperationCodec.keys);
const NO_OPERANDS = new Set(['PEND', 'ELSE', 'ENDIF', 'ENDCNTL', 'ENDGROUP', 'ENDSET']);
const NAME_RE = /^[A-Z@#$][A-Z0-9@#$]*$/;

/** Check a name field (1-8 characters, first alphabetic or national); `qualified` allows `PROCSTEP.DDNAME`. */
export function checkName(name: string, qualified: boolean): { code: string; message: string } | undefined {
  const parts = qualified ? name.split('.') : [name];
  if (parts.length > 2) return { code: JclCodes.nameInvalid, message: `name '${name}' has more than one qualifier` };
  for (const p of parts) {
    if (p.length > 8) return { code: JclCodes.nameTooLong, message: `name '${p}' is longer than 8 characters` };
    if (!NAME_RE.test(p))
      return {
        code: JclCodes.nameInvalid,
        message: `name '${p}' is not valid: 1-8 characters A-Z 0-9 @ # $, the first not a digit`,
      };
  }
  return undefined;
}

interface MutableDd {
  name?: string;
  statement: Statement;
  inline?: InlineData;
  concatenation: MutableDd[];
}
interface MutableStep {
  name?: string;
  exec: Statement;
  dds: MutableDd[];
}
interface MutableProc {
  name?: string;
  statement: Statement;
  steps: MutableStep[];
}
interface MutableJob {
  name?: string;
  job?: Statement;
  steps: MutableStep[];
  dds: MutableDd[];
  procedures: MutableProc[];
  statements: Statement[];
}

/** The logical operand text of a statement with, for each character, its offset in the input. */
interface Logical {
  chars: string[];
  offs: number[];
}

class Reader {
  readonly diags: Diagnostic[] = [];
  readonly idx: LineIndex;
  readonly recs: CardRecord[];
  constructor(
    readonly text: string,
    readonly source: string,
  ) {
    this.idx = new LineIndex(text, source);
    this.recs = splitRecords(text);
  }

  span(start: number, end: number): SourceSpan {
    return this.idx.span(start, Math.max(start, end));
  }
  at(rec: CardRecord, col0: number, len = 1): SourceSpan {
    const s = rec.offset + Math.min(col0, rec.text.length);
    return this.span(s, rec.offset + Math.min(col0 + len, rec.text.length));
  }
  report(code: string, message: string, where: SourceSpan, severity: Diagnostic['severity'] = 'error', hint?: string): void {
    this.diags.push(diagnostic({ code, message, severity, ...(hint !== undefined ? { hint } : {}) }, where));
  }

  /** Column checks every JCL statement record gets. */
  checkColumns(rec: CardRecord): void {
    if (rec.text.length > RECORD_LENGTH)
      this.report(
        JclCodes.recordTooLong,
        `record is ${rec.text.length} characters; JCL records are ${RECORD_LENGTH}`,
        this.at(rec, RECORD_LENGTH, rec.text.length - RECORD_LENGTH),
      );
  }

  /**
   * Scan operand text of one record from `from` to column 71. Returns how the segment ended.
   * `quote` carries an open apostrophe across records; `depth` the parenthesis level.
   */
  scanSegment(
    rec: CardRecord,
    from: number,
    out: Logical,
    st: { quote: boolean; depth: number },
  ): { end: 'blank' | 'field'; comments?: string; stop: number } {
    const t = rec.text;
    const lim = Math.min(STATEMENT_END_COLUMN, t.length);
    let i = from;
    while (i < lim) {
      const ch = t.charAt(i);
      if (st.quote) {
        if (ch === "'") {
          if (i + 1 < lim && t.charAt(i + 1) === "'") {
            out.chars.push("'", "'");
            out.offs.push(rec.offset + i, rec.offset + i + 1);
            i += 2;
            continue;
          }
          st.quote = false;
        }
      } else {
        if (ch === ' ') {
          const comments = t.slice(i, lim).trim();
          return { end: 'blank', ...(comments !== '' ? { comments } : {}), stop: i };
        }
        if (ch === "'") st.quote = true;
        else if (ch === '(') st.depth++;
        else if (ch === ')') st.depth--;
      }
      out.chars.push(ch);
      out.offs.push(rec.offset + i);
      i++;
    }
    return { end: 'field', stop: i };
  }

  /** Text past column 71 that belongs to the operand field (rather than a column-72 marker and sequence number). */
  checkPast71(rec: CardRecord, fieldEnd: 'blank' | 'field', continuesComment: boolean): void {
    const t = rec.text;
    if (t.length <= STATEMENT_END_COLUMN) return;
    const c71 = t.charAt(STATEMENT_END_COLUMN - 1);
    const c72 = t.charAt(STATEMENT_END_COLUMN);
    if (fieldEnd === 'field' && c71 !== ' ' && c72 !== ' ' && !continuesComment) {
      this.report(
        JclCodes.pastColumn71,
        'statement text runs past column 71; columns 72-80 are not part of the statement',
        this.at(rec, STATEMENT_END_COLUMN, Math.min(t.length, RECORD_LENGTH) - STATEMENT_END_COLUMN),
      );
    }
  }

  /** Is this record a continuation record (`//` + blank in column 3 + something)? */
  static isContinuation(t: string): boolean {
    return t.startsWith('// ') && t.slice(3).trim() !== '';
  }

  /**
   * Parse the statement that starts at record `i`, consuming its continuation records.
   * Returns the statement (undefined when the operation is unknown) and the next record index.
   */
  statement(i: number): { stmt?: Statement; next: number } {
    const first = this.recs[i];
    if (first === undefined) return { next: i + 1 };
    const t = first.text;
    this.checkColumns(first);
    const field = t.slice(0, STATEMENT_END_COLUMN);
    let p = 2;
    let name: string | undefined;
    if (field.charAt(2) !== ' ' && field.length > 2) {
      while (p < field.length && field.charAt(p) !== ' ') p++;
      name = field.slice(2, p);
    }
    while (p < field.length && field.charAt(p) === ' ') p++;
    if (p >= field.length) {
      this.report(JclCodes.missingOperation, 'statement has a name but no operation', this.at(first, 2, Math.max(1, p - 2)));
      return { next: i + 1 };
    }
    const opStart = p;
    while (p < field.length && field.charAt(p) !== ' ') p++;
    const opText = field.slice(opStart, p);
    if (!OperationCodec.is(opText)) {
      const guess = didYouMean(opText, OPERATIONS);
      this.report(
        JclCodes.unknownStatement,
        `unknown JCL statement '${opText}'`,
        this.at(first, opStart, opText.length),
        'error',
        guess !== undefined ? `did you mean ${guess}?` : undefined,
      );
      // Skip the continuation records of the unknown statement so they are not misread.
      let j = i + 1;
      let prevComma = field.trimEnd().endsWith(',');
      while (prevComma && j < this.recs.length && Reader.isContinuation(this.recs[j]?.text ?? '')) {
        prevComma = (this.recs[j]?.text ?? '').slice(0, STATEMENT_END_COLUMN).trimEnd().endsWith(',');
        j++;
      }
      return { next: j };
    }
    const op: Operation = opText;
    if (name !== undefined) {
      const bad = checkName(name, op === 'DD');
      if (bad !== undefined) this.report(bad.code, bad.message, this.at(first, 2, name.length));
    }
    while (p < field.length && field.charAt(p) === ' ') p++;
    const lines = [first.line];
    const out: Logical = { chars: [], offs: [] };
    let comments: string | undefined;
    let expression: string | undefined;
    let next = i + 1;
    let lastRec = first;
    let lastEnd = first.offset + Math.min(t.length, STATEMENT_END_COLUMN);

    if (NO_OPERANDS.has(op)) {
      const c = field.slice(p).trim();
      if (c !== '') comments = c;
    } else if (op === 'IF') {
      // IF (expr) THEN: the expression may contain blanks and continue onto `// ` records.
      let exprText = field.slice(p);
      let found = /(^|\s)THEN(\s|$)/.exec(exprText);
      while (found === null && next < this.recs.length && Reader.isContinuation(this.recs[next]?.text ?? '')) {
        const r = this.recs[next];
        if (r === undefined) break;
        lines.push(r.line);
        lastRec = r;
        exprText += ' ' + r.text.slice(3, STATEMENT_END_COLUMN);
        next++;
        found = /(^|\s)THEN(\s|$)/.exec(exprText);
      }
      if (found === null) {
        this.report(JclCodes.badContinuation, 'IF statement has no THEN', this.at(first, opStart, 2));
        expression = exprText.trim();
      } else {
        expression = exprText.slice(0, found.index).trim();
        const c = exprText.slice(found.index + found[0].length).trim();
        if (c !== '') comments = c;
      }
      lastEnd = lastRec.offset + Math.min(lastRec.text.length, STATEMENT_END_COLUMN);
    } else if (p < field.length) {
      const st = { quote: false, depth: 0 };
      let seg = this.scanSegment(first, p, out, st);
      this.checkPast71(first, seg.end, false);
      if (seg.comments !== undefined) comments = seg.comments;
      lastEnd = first.offset + seg.stop;
      for (;;) {
        const quoted = st.quote;
        const comma = !quoted && out.chars[out.chars.length - 1] === ',';
        if (!quoted && !comma) break;
        // Comment statements may sit between continuation records.
        while (next < this.recs.length && (this.recs[next]?.text ?? '').startsWith('//*')) next++;
        const r = this.recs[next];
        if (r === undefined || !Reader.isContinuation(r.text)) {
          const where = r ?? lastRec;
          this.report(
            quoted ? JclCodes.unterminatedQuote : JclCodes.badContinuation,
            quoted
              ? 'apostrophe not closed: a quoted value continues only onto a `//` record with column 3 blank, resuming in column 16'
              : 'statement ends with a comma but the next record is not a continuation (`//` and a blank in column 3)',
            r === undefined ? this.span(lastEnd, lastEnd) : this.at(where, 0, Math.max(2, Math.min(where.text.length, 3))),
          );
          st.quote = false;
          break;
        }
        this.checkColumns(r);
        lines.push(r.line);
        const prevRec = lastRec;
        lastRec = r;
        next++;
        const rt = r.text;
        let from = 3;
        while (from < rt.length && rt.charAt(from) === ' ') from++;
        if (quoted) {
          // The quoted value ran to column 71 (padded with blanks when the line is short) and resumes in column 16.
          const prevLen = Math.min(prevRec.text.length, STATEMENT_END_COLUMN);
          for (let k = prevLen; k < STATEMENT_END_COLUMN; k++) {
            out.chars.push(' ');
            out.offs.push(lastEnd);
          }
          if (from < 15) {
            this.report(
              JclCodes.continuationColumn,
              `a continued quoted value resumes in column 16; found text in column ${from + 1}`,
              this.at(r, from, 1),
            );
          }
          seg = this.scanSegment(r, Math.min(from, 15), out, st);
        } else {
          if (from > 15) {
            this.report(
              JclCodes.continuationColumn,
              `continued parameters must resume in columns 4-16; found column ${from + 1}`,
              this.at(r, from, 1),
            );
          }
          const word = /^([A-Z]+)\s/.exec(rt.slice(from));
          if (word !== null && OperationCodec.is(word[1])) {
            this.report(
              JclCodes.continuationLooksLikeStatement,
              `continuation record looks like a new ${word[1]} statement: the previous statement ended with a comma`,
              this.at(r, from, word[1].length),
              'warning',
            );
          }
          seg = this.scanSegment(r, from, out, st);
        }
        this.checkPast71(r, seg.end, false);
        if (seg.comments !== undefined) comments = comments === undefined ? seg.comments : `${comments} ${seg.comments}`;
        lastEnd = r.offset + seg.stop;
      }
      if (st.depth !== 0) {
        const s = out.offs[0] ?? first.offset;
        this.report(
          JclCodes.unbalancedParentheses,
          st.depth > 0 ? 'missing closing parenthesis' : 'too many closing parentheses',
          this.span(s, lastEnd),
        );
      }
    }
    // A non-blank column 72 continues the comments field onto `// ` records (comment-only continuation).
    while (
      lastRec.text.length > STATEMENT_END_COLUMN &&
      lastRec.text.charAt(STATEMENT_END_COLUMN) !== ' ' &&
      next < this.recs.length &&
      Reader.isContinuation(this.recs[next]?.text ?? '') &&
      !(out.chars[out.chars.length - 1] === ',')
    ) {
      const r = this.recs[next];
      if (r === undefined) break;
      const c = r.text.slice(3, STATEMENT_END_COLUMN).trim();
      comments = comments === undefined ? c : `${comments} ${c}`;
      lines.push(r.line);
      lastRec = r;
      next++;
    }
    const parameters = this.parameters(out);
    const stmt: Statement = {
      operation: op,
      parameters,
      lines,
      span: this.span(first.offset, lastRec.offset + Math.min(lastRec.text.length, STATEMENT_END_COLUMN)),
      ...(name !== undefined ? { name } : {}),
      ...(expression !== undefined ? { expression } : {}),
      ...(comments !== undefined ? { comments } : {}),
    };
    return { stmt, next };
  }

  /** Split the logical operand text into parameters at top-level commas. */
  parameters(l: Logical): Parameter[] {
    const n = l.chars.length;
    if (n === 0) return [];
    const out: Parameter[] = [];
    for (const [s, e] of splitTop(l.chars, 0, n)) {
      const raw = l.chars.slice(s, e).join('');
      const kw = /^([A-Za-z@#$][A-Za-z0-9@#$]*(?:\.[A-Za-z@#$][A-Za-z0-9@#$]*)?)=/.exec(raw);
      const sp = this.lspan(l, s, e);
      if (kw !== null) {
        const keyword = kw[1] ?? '';
        out.push({ kind: 'keyword', keyword: keyword.toUpperCase(), value: this.value(l, s + kw[0].length, e), span: sp });
      } else {
        out.push({ kind: 'positional', value: this.value(l, s, e), span: sp });
      }
    }
    return out;
  }

  lspan(l: Logical, s: number, e: number): SourceSpan {
    if (e <= s) {
      const o = l.offs[Math.min(s, l.offs.length - 1)] ?? 0;
      return this.span(o, o);
    }
    return this.span(l.offs[s] ?? 0, (l.offs[e - 1] ?? 0) + 1);
  }

  value(l: Logical, s: number, e: number): JclValue {
    const raw = l.chars.slice(s, e).join('');
    const span = this.lspan(l, s, e);
    if (raw.startsWith('(') && e - s >= 2 && closingParen(l.chars, s) === e - 1) {
      const items = splitTop(l.chars, s + 1, e - 1).map(([a, b]) => this.value(l, a, b));
      return { kind: 'list', items, raw, span };
    }
    if (raw.length >= 2 && raw.startsWith("'") && closingQuote(l.chars, s) === e - 1) {
      return { kind: 'text', text: raw.slice(1, -1).replace(/''/g, "'"), quoted: true, raw, span };
    }
    return { kind: 'text', text: raw, quoted: false, raw, span };
  }
}

/** [start, end) ranges between top-level commas of chars[s..e). */
function splitTop(chars: readonly string[], s: number, e: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let quote = false;
  let start = s;
  for (let i = s; i < e; i++) {
    const ch = chars[i];
    if (quote) {
      if (ch === "'") quote = false;
      continue;
    }
    if (ch === "'") quote = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  // A trailing comma (continuation that never came) leaves no empty last parameter.
  if (start < e || out.length === 0 || chars[e - 1] !== ',') out.push([start, e]);
  return out;
}

function closingParen(chars: readonly string[], s: number): number {
  let depth = 0;
  let quote = false;
  for (let i = s; i < chars.length; i++) {
    const ch = chars[i];
    if (quote) {
      if (ch === "'") quote = false;
      continue;
    }
    if (ch === "'") quote = true;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function closingQuote(chars: readonly string[], s: number): number {
  for (let i = s + 1; i < chars.length; i++) {
    if (chars[i] === "'") {
      if (chars[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

/** The first positional parameter's plain text, upper-cased (`*`, `DATA`, `DUMMY`). */
export function firstPositional(s: Statement): string | undefined {
  const p = s.parameters[0];
  return p !== undefined && p.kind === 'positional' && p.value.kind === 'text' && !p.value.quoted
    ? p.value.text.toUpperCase()
    : undefined;
}

/** A keyword parameter's value (the first of `names` present, e.g. `DSN`/`DSNAME`). */
export function keyword(s: Statement, ...names: string[]): JclValue | undefined {
  for (const n of names) {
    const p = s.parameters.find((q) => q.kind === 'keyword' && q.keyword === n.toUpperCase());
    if (p !== undefined) return p.value;
  }
  return undefined;
}

/** A value as plain text: quoted text unquoted, a list rendered back as written. */
export function valueText(v: JclValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  return v.kind === 'text' ? v.text : v.raw;
}

/**
 * Read JCL text: jobs, steps, DDs (with concatenations and in-stream data), procedures and the
 * other statements, plus diagnostics with line and column. Never throws.
 */
export function readJcl(text: string, options: ReadJclOptions = {}): ReadResult<JclFile> {
  const r = new Reader(text, options.source ?? '<jcl>');
  const jobs: MutableJob[] = [];
  let job: MutableJob | undefined;
  let proc: MutableProc | undefined;
  let step: MutableStep | undefined;
  let lastNamed: MutableDd | undefined;
  const ifs: Statement[] = [];
  const recs = r.recs;
  // Blank records at the very end of a file are editor residue, not data.
  let last = recs.length;
  while (last > 0 && (recs[last - 1]?.text.trim() ?? '') === '') last--;

  const ensureJob = (where: SourceSpan, warn: boolean): MutableJob => {
    if (job !== undefined) return job;
    if (warn) r.report(JclCodes.noJob, 'statement before any JOB statement', where, 'warning');
    job = { steps: [], dds: [], procedures: [], statements: [] };
    jobs.push(job);
    return job;
  };

  const addDd = (dd: MutableDd, where: SourceSpan): void => {
    if (dd.name === undefined) {
      if (lastNamed === undefined) {
        r.report(JclCodes.danglingConcatenation, 'DD statement without a name follows no named DD to concatenate to', where);
        return;
      }
      lastNamed.concatenation.push(dd);
      return;
    }
    lastNamed = dd;
    if (step !== undefined) step.dds.push(dd);
    else ensureJob(where, true).dds.push(dd);
  };

  const readData = (start: number, mode: '*' | 'DATA', dlm: string | undefined): { data: InlineData; next: number } => {
    const lines: DataLine[] = [];
    let j = start;
    let end: InlineData['end'] = 'end-of-input';
    let delimiterLine: number | undefined;
    while (j < last) {
      const rec = recs[j];
      if (rec === undefined) break;
      const t = rec.text;
      if (dlm !== undefined ? t.startsWith(dlm) : t.startsWith('/*')) {
        end = 'delimiter';
        delimiterLine = rec.line;
        j++;
        // `/* text` followed by more data: a comment line (TSO/E, REXX, C) ended the data early.
        const after = recs[j];
        if (dlm === undefined && t.slice(2).trim() !== '' && after !== undefined && j < last && !after.text.startsWith('//') && !after.text.startsWith('/*'))
          r.report(
            JclCodes.dataEndedEarly,
            `'${t.trim().slice(0, 20)}' in columns 1-2 ends the in-stream data; the lines after it are not part of this DD`,
            r.at(rec, 0, 2),
            'warning',
            'indent the line or use DD DATA,DLM=xx',
          );
        break;
      }
      if (mode === '*' && t.startsWith('//')) {
        end = 'statement';
        break;
      }
      if (t.length > RECORD_LENGTH)
        r.report(
          JclCodes.dataTooLong,
          `in-stream data record is ${t.length} characters; records are ${RECORD_LENGTH}`,
          r.at(rec, RECORD_LENGTH, t.length - RECORD_LENGTH),
          'warning',
        );
      lines.push({ text: t, line: rec.line });
      j++;
    }
    if (end === 'end-of-input' && dlm !== undefined) {
      const lr = recs[Math.max(0, Math.min(j, recs.length) - 1)];
      r.report(
        JclCodes.missingDelimiter,
        `in-stream data is not ended by its delimiter '${dlm}': the system reads to the end of the input`,
        lr !== undefined ? r.at(lr, 0, lr.text.length) : r.span(0, 0),
      );
    }
    return {
      data: { mode, lines, end, ...(dlm !== undefined ? { dlm } : {}), ...(delimiterLine !== undefined ? { delimiterLine } : {}) },
      next: j,
    };
  };

  let i = 0;
  while (i < last) {
    const rec = recs[i];
    if (rec === undefined) break;
    const t = rec.text;
    if (t.startsWith('//*')) {
      r.checkColumns(rec);
      i++;
      continue;
    }
    if (t.startsWith('/*')) {
      // A delimiter outside in-stream data, or a JES2 control statement (/*JOBPARM, /*ROUTE ...).
      i++;
      continue;
    }
    if (!t.startsWith('//')) {
      // Data with no DD * in front: the system generates //SYSIN DD * for it.
      const where = r.at(rec, 0, t.length);
      r.report(
        JclCodes.generatedSysin,
        'in-stream data without a DD * statement: the system generates //SYSIN DD *',
        where,
        'warning',
      );
      const { data, next } = readData(i, '*', undefined);
      const stmt: Statement = {
        operation: 'DD',
        name: 'SYSIN',
        parameters: [{ kind: 'positional', value: { kind: 'text', text: '*', quoted: false, raw: '*', span: where }, span: where }],
        lines: [rec.line],
        span: where,
      };
      addDd({ name: 'SYSIN', statement: stmt, inline: { ...data, generated: true }, concatenation: [] }, where);
      i = next;
      continue;
    }
    if (t.slice(2, STATEMENT_END_COLUMN).trim() === '') {
      // The null statement ends the job.
      job = undefined;
      step = undefined;
      proc = undefined;
      lastNamed = undefined;
      i++;
      continue;
    }
    const { stmt, next } = r.statement(i);
    i = next;
    if (stmt === undefined) continue;
    switch (stmt.operation) {
      case 'JOB': {
        if (proc !== undefined) r.report(JclCodes.unbalancedProc, 'in-stream procedure has no PEND', proc.statement.span, 'warning');
        job = { steps: [], dds: [], procedures: [], statements: [stmt], job: stmt, ...(stmt.name !== undefined ? { name: stmt.name } : {}) };
        jobs.push(job);
        step = undefined;
        proc = undefined;
        lastNamed = undefined;
        continue;
      }
      case 'EXEC': {
        const j = ensureJob(stmt.span, true);
        j.statements.push(stmt);
        step = { exec: stmt, dds: [], ...(stmt.name !== undefined ? { name: stmt.name } : {}) };
        (proc !== undefined ? proc.steps : j.steps).push(step);
        lastNamed = undefined;
        continue;
      }
      case 'DD': {
        const j = ensureJob(stmt.span, step === undefined && proc === undefined && job === undefined);
        j.statements.push(stmt);
        const dd: MutableDd = { statement: stmt, concatenation: [], ...(stmt.name !== undefined ? { name: stmt.name } : {}) };
        const mode = firstPositional(stmt);
        if (mode === '*' || mode === 'DATA') {
          const dlmV = keyword(stmt, 'DLM');
          let dlm = valueText(dlmV);
          if (dlm !== undefined && dlm.length !== 2) {
            r.report(JclCodes.badDlm, `DLM must be two characters, not '${dlm}'`, dlmV?.span ?? stmt.span);
            dlm = undefined;
          }
          const { data, next: after } = readData(i, mode, dlm);
          dd.inline = data;
          i = after;
        }
        addDd(dd, stmt.span);
        continue;
      }
      case 'PROC': {
        const j = ensureJob(stmt.span, false);
        j.statements.push(stmt);
        proc = { statement: stmt, steps: [], ...(stmt.name !== undefined ? { name: stmt.name } : {}) };
        j.procedures.push(proc);
        step = undefined;
        lastNamed = undefined;
        continue;
      }
      case 'PEND': {
        ensureJob(stmt.span, false).statements.push(stmt);
        if (proc === undefined) r.report(JclCodes.unbalancedProc, 'PEND without a PROC', stmt.span);
        proc = undefined;
        step = undefined;
        lastNamed = undefined;
        continue;
      }
      case 'IF':
        ifs.push(stmt);
        break;
      case 'ELSE':
        if (ifs.length === 0) r.report(JclCodes.unbalancedIf, 'ELSE without IF', stmt.span);
        break;
      case 'ENDIF':
        if (ifs.pop() === undefined) r.report(JclCodes.unbalancedIf, 'ENDIF without IF', stmt.span);
        break;
      default:
        break;
    }
    ensureJob(stmt.span, false).statements.push(stmt);
  }
  for (const s of ifs) r.report(JclCodes.unbalancedIf, 'IF without ENDIF', s.span);
  const value: JclFile = { source: r.source, jobs: jobs.map(freezeJob) };
  return { value, diagnostics: r.diags };
}

function freezeDd(d: MutableDd): DdStatement {
  return { ...d, concatenation: d.concatenation.map(freezeDd) };
}
function freezeStep(s: MutableStep): Step {
  return { ...s, dds: s.dds.map(freezeDd) };
}
function freezeJob(j: MutableJob): Job {
  const procedures: Procedure[] = j.procedures.map((p) => ({ ...p, steps: p.steps.map(freezeStep) }));
  return { ...j, steps: j.steps.map(freezeStep), dds: j.dds.map(freezeDd), procedures };
}
