import { type Diagnostic, diagnostic, didYouMean, LineIndex, type Position, type SourceSpan } from '@ztwin/core';
import { type ConfigStatement, isSecretParam, type Param, type Policy, protectSecret, type Statement } from './model';
import { ALL_PARAM_NAMES, CONFIG_STATEMENTS, lookupConfigStatement, lookupStatementType, STATEMENT_TYPES, type StatementType, statementSpec } from './schema';

/**
 * Parser for Policy Agent files (pagent.conf, image files, TTLS policy files).
 *
 * Syntax (IP Configuration Reference, "Policy Agent configuration file syntax"): statements
 * `Type [name] { ... }` with braces and parameters on their own lines (one-line bodies are accepted
 * too), one parameter per line, `#` to the end of the line is a comment, keywords are
 * case-insensitive, names are case-sensitive. Never throws: problems come back as diagnostics.
 */

const enum Tok {
  Word = 0,
  LBrace = 1,
  RBrace = 2,
  Comment = 3,
}

/**
 * Tokens in parallel typed arrays (no object per token: a 10,000-rule policy has ~10^6 tokens).
 * Newlines are not tokens: `nl[i]` says a line break precedes token i.
 */
class Tokens {
  n = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  nl: Uint8Array;
  constructor(cap: number) {
    this.kind = new Uint8Array(cap);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.nl = new Uint8Array(cap);
  }
  push(k: Tok, s: number, e: number, nl: boolean): void {
    if (this.n === this.kind.length) {
      const cap = this.n * 2 + 16;
      const grow = <T extends Uint8Array | Int32Array>(a: T, make: (c: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      this.kind = grow(this.kind, (c) => new Uint8Array(c));
      this.start = grow(this.start, (c) => new Int32Array(c));
      this.end = grow(this.end, (c) => new Int32Array(c));
      this.nl = grow(this.nl, (c) => new Uint8Array(c));
    }
    this.kind[this.n] = k;
    this.start[this.n] = s;
    this.end[this.n] = e;
    this.nl[this.n] = nl ? 1 : 0;
    this.n++;
  }
}

function tokenize(text: string): Tokens {
  const toks = new Tokens(Math.max(16, text.length >> 3));
  const n = text.length;
  let i = 0;
  let nl = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      nl = true;
      i++;
    } else if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
    } else if (c === 35 /* # */) {
      let j = i;
      while (j < n && text.charCodeAt(j) !== 10) j++;
      let e = j;
      if (e > i && text.charCodeAt(e - 1) === 13) e--;
      toks.push(Tok.Comment, i, e, nl);
      nl = false;
      i = j;
    } else if (c === 123 /* { */ || c === 125 /* } */) {
      toks.push(c === 123 ? Tok.LBrace : Tok.RBrace, i, i + 1, nl);
      nl = false;
      i++;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 32 || d === 9 || d === 10 || d === 13 || d === 12 || d === 11 || d === 35 || d === 123 || d === 125) break;
        j++;
      }
      toks.push(Tok.Word, i, j, nl);
      nl = false;
      i = j;
    }
  }
  return toks;
}

/**
 * A span computed on demand: parsing a large policy creates one small object per parameter
 * instead of three, and line/column are only looked up for spans that are read.
 */
class Lines {
  private li?: LineIndex;
  constructor(
    private readonly text: string,
    readonly source: string,
  ) {}
  /** Built on first use: a clean parse whose spans are never read never scans for line starts. */
  get index(): LineIndex {
    return (this.li ??= new LineIndex(this.text, this.source));
  }
}

class LazySpan implements SourceSpan {
  private s?: Position;
  private e?: Position;
  constructor(
    private readonly li: Lines,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}
  get source(): string {
    return this.li.source;
  }
  get start(): Position {
    return (this.s ??= this.li.index.position(this.startOffset));
  }
  get end(): Position {
    return (this.e ??= this.li.index.position(this.endOffset));
  }
  toJSON(): SourceSpan {
    return { source: this.source, start: this.start, end: this.end };
  }
}

export interface ParseResult {
  readonly policy: Policy;
  readonly diagnostics: Diagnostic[];
}

const STATEMENT_AND_CONFIG_NAMES: readonly string[] = [...STATEMENT_TYPES, ...CONFIG_STATEMENTS];
const NONE: readonly string[] = Object.freeze([]);

class Parser {
  private i = 0;
  private sys = 0;
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: Lines;
  /** End offset of the statement `block` last returned. */
  private blockEnd = 0;
  constructor(
    private readonly t: Tokens,
    private readonly text: string,
    private readonly source: string,
  ) {
    this.lines = new Lines(text, source);
  }

  private span(start: number, end: number): SourceSpan {
    return new LazySpan(this.lines, start, end);
  }
  private err(code: string, message: string, start: number, end: number, hint?: string, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push(diagnostic(hint === undefined ? { code, message, severity } : { code, message, severity, hint }, this.lines.index.span(start, end)));
  }
  private word(i: number): string {
    return this.text.slice(this.t.start[i], this.t.end[i]);
  }
  /** Indexes of the words that follow on the current line (stops at newline, comment, brace). */
  private countLineWords(): number {
    const t = this.t;
    const from = this.i;
    while (this.i < t.n && t.kind[this.i] === Tok.Word && t.nl[this.i] === 0) this.i++;
    return this.i - from;
  }
  private lineWords(): number[] {
    const ws: number[] = [];
    const t = this.t;
    while (this.i < t.n && t.kind[this.i] === Tok.Word && t.nl[this.i] === 0) ws.push(this.i++);
    return ws;
  }
  /** A comment that ends the current line, if any. */
  private trailing(): string | undefined {
    const t = this.t;
    if (this.i < t.n && t.kind[this.i] === Tok.Comment && t.nl[this.i] === 0) return this.word(this.i++);
    return undefined;
  }
  /** Is the next significant token (skipping comments) a `{`? */
  private braceFollows(): boolean {
    const t = this.t;
    for (let j = this.i; j < t.n; j++) {
      const k = t.kind[j];
      if (k === Tok.Comment) continue;
      return k === Tok.LBrace;
    }
    return false;
  }
  /** Skip comments up to the `{` (comments are returned), consume it. */
  private openBrace(): string[] {
    const comments: string[] = [];
    const t = this.t;
    while (this.i < t.n) {
      const j = this.i++;
      if (t.kind[j] === Tok.Comment) comments.push(this.word(j));
      if (t.kind[j] === Tok.LBrace) break;
    }
    return comments;
  }

  parseFile(): Policy {
    const statements: Statement[] = [];
    const config: ConfigStatement[] = [];
    let pending: string[] = [];
    const t = this.t;
    while (this.i < t.n) {
      const at = this.i;
      const k = t.kind[at];
      if (k === Tok.Comment) {
        pending.push(this.word(at));
        this.i++;
        continue;
      }
      if (k === Tok.RBrace || k === Tok.LBrace) {
        this.err('ATTLS002', `unexpected '${k === Tok.RBrace ? '}' : '{'}' outside a statement`, t.start[at] ?? 0, t.end[at] ?? 0);
        this.i++;
        continue;
      }
      // A word: the start of a statement.
      this.i++;
      const kwText = this.word(at);
      const kwStart = t.start[at] ?? 0;
      const kwEnd = t.end[at] ?? 0;
      const cfg = lookupConfigStatement(kwText);
      if (cfg !== undefined) {
        const ws = this.lineWords();
        const lastEnd = ws.length === 0 ? kwEnd : (t.end[ws[ws.length - 1] ?? at] ?? kwEnd);
        const trailingComment = this.trailing();
        config.push({
          type: cfg,
          values: ws.map((w) => this.word(w)),
          span: this.span(kwStart, lastEnd),
          leadingComments: pending,
          ...(trailingComment === undefined ? {} : { trailingComment }),
        });
        pending = [];
        continue;
      }
      const ws = this.lineWords();
      const trailingComment = this.trailing();
      const type = lookupStatementType(kwText);
      if (type === undefined) {
        const dym = didYouMean(kwText, STATEMENT_AND_CONFIG_NAMES);
        this.err('ATTLS001', `unknown statement ${kwText}: Policy Agent rejects the whole file`, kwStart, kwEnd, dym === undefined ? undefined : `did you mean ${dym}?`);
      }
      const first = ws[0];
      if (!this.braceFollows()) {
        if (type !== undefined)
          this.err('ATTLS003', `expected '{' after ${type}${first === undefined ? '' : ' ' + this.word(first)}`, kwStart, ws.length === 0 ? kwEnd : (t.end[ws[ws.length - 1] ?? at] ?? kwEnd));
        pending = [];
        continue;
      }
      if (first === undefined) this.err('ATTLS004', `${type ?? kwText} at the top level needs a name`, kwStart, kwEnd);
      for (const extra of ws.slice(1)) this.err('ATTLS005', `unexpected '${this.word(extra)}' after the statement name`, t.start[extra] ?? 0, t.end[extra] ?? 0);
      const s = this.block(at, type, first, pending, trailingComment);
      pending = [];
      statements.push(s);
    }
    return { statements, config, trailingComments: pending };
  }

  /** Parse `{ ... }` after the keyword (token `kw`) and optional name of a statement. */
  private block(kw: number, type: StatementType | undefined, nameTok: number | undefined, leadingComments: readonly string[], trailingComment: string | undefined): Statement {
    const t = this.t;
    const opened = this.openBrace();
    let pending: string[] | undefined = opened.length === 0 ? undefined : opened;
    const params: Param[] = [];
    const byLower = type === undefined ? undefined : statementSpec(type).byLower;
    const kwStart = t.start[kw] ?? 0;
    let end = t.end[kw] ?? 0;
    let closed = false;
    while (this.i < t.n) {
      const at = this.i;
      const k = t.kind[at];
      if (k === Tok.Comment) {
        (pending ??= []).push(this.word(at));
        this.i++;
        continue;
      }
      if (k === Tok.RBrace) {
        this.i++;
        end = t.end[at] ?? end;
        closed = true;
        break;
      }
      if (k === Tok.LBrace) {
        this.err('ATTLS002', `unexpected '{'`, t.start[at] ?? 0, t.end[at] ?? 0);
        this.i++;
        continue;
      }
      this.i++;
      const w0 = this.i;
      const nw = this.countLineWords();
      const tc = this.trailing();
      if (nw <= 1 && this.braceFollows()) {
        const kwText = this.word(at);
        const nestedType = lookupStatementType(kwText);
        if (nestedType === undefined) {
          const dym = didYouMean(kwText, STATEMENT_TYPES);
          this.err('ATTLS001', `unknown statement ${kwText}`, t.start[at] ?? 0, t.end[at] ?? 0, dym === undefined ? undefined : `did you mean ${dym}?`);
        }
        const nested = this.block(at, nestedType, nw === 1 ? w0 : undefined, NONE, tc);
        params.push({ keyword: nested.type, values: NONE, nested, span: nested.span, leadingComments: pending ?? NONE });
        end = this.blockEnd;
      } else {
        const keyword = canonicalParam(this.word(at), byLower);
        const lastEnd = nw === 0 ? (t.end[at] ?? 0) : (t.end[w0 + nw - 1] ?? 0);
        if (nw === 0) this.err('ATTLS006', `${keyword} needs a value`, t.start[at] ?? 0, t.end[at] ?? 0);
        const values: string[] = [];
        for (let w = w0; w < w0 + nw; w++) values.push(this.word(w));
        const param: Param =
          tc === undefined
            ? { keyword, values, span: this.span(t.start[at] ?? 0, lastEnd), leadingComments: pending ?? NONE }
            : { keyword, values, span: this.span(t.start[at] ?? 0, lastEnd), leadingComments: pending ?? NONE, trailingComment: tc };
        params.push(isSecretParam(keyword) ? protectSecret(param) : param);
        end = lastEnd;
      }
      pending = undefined;
    }
    const kwText = this.word(kw);
    const nameText = nameTok === undefined ? undefined : this.word(nameTok);
    if (!closed) this.err('ATTLS007', `missing '}' for ${type ?? kwText}${nameText === undefined ? '' : ' ' + nameText}`, kwStart, t.end[kw] ?? 0);
    const name = nameText ?? `~SYS_${this.source}_${++this.sys}`;
    this.blockEnd = end;
    const base = {
      type: type ?? kwText,
      known: type !== undefined,
      name,
      anonymous: nameText === undefined,
      params,
      span: this.span(kwStart, end),
      leadingComments,
      closingComments: pending ?? NONE,
    };
    return trailingComment === undefined ? base : { ...base, trailingComment };
  }
}

const ALL_PARAMS_LOWER = new Map(ALL_PARAM_NAMES.map((n) => [n.toLowerCase(), n]));
const STATEMENT_LOWER = new Map(STATEMENT_TYPES.map((n) => [n.toLowerCase(), n]));
const canonCache = new WeakMap<object, Map<string, string>>();
const NO_SPEC = {};
function canonicalParam(word: string, own: ReadonlyMap<string, { name: string }> | undefined): string {
  // Cached per statement spec and spelling: files repeat the same few spellings many times.
  const key = own ?? NO_SPEC;
  let cache = canonCache.get(key);
  if (cache === undefined) canonCache.set(key, (cache = new Map()));
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const l = word.toLowerCase();
  const c = own?.get(l)?.name ?? ALL_PARAMS_LOWER.get(l) ?? STATEMENT_LOWER.get(l) ?? word;
  if (cache.size < 10000) cache.set(word, c);
  return c;
}

/**
 * Parse one file. Duplicate statements (same type and name) are resolved as Policy Agent does:
 * the last one is used; a warning names the earlier one.
 */
export function parsePolicy(text: string, source = '<policy>'): ParseResult {
  const p = new Parser(tokenize(text), text, source);
  const policy = p.parseFile();
  const diagnostics = p.diagnostics;
  return { policy: dedupe(policy, diagnostics), diagnostics };
}

/** Keep the last of each (type, name); warn on each earlier one dropped. */
export function dedupe(policy: Policy, diagnostics: Diagnostic[]): Policy {
  const byType = new Map<string, Map<string, number>>();
  const n = policy.statements.length;
  let dups = 0;
  for (let i = 0; i < n; i++) {
    const s = policy.statements[i];
    if (s === undefined) continue;
    let m = byType.get(s.type);
    if (m === undefined) byType.set(s.type, (m = new Map()));
    if (m.has(s.name)) dups++;
    m.set(s.name, i);
  }
  if (dups === 0) return policy;
  const statements: Statement[] = [];
  policy.statements.forEach((s, i) => {
    const keep = byType.get(s.type)?.get(s.name);
    if (keep === i) statements.push(s);
    else {
      const winner = keep === undefined ? undefined : policy.statements[keep];
      diagnostics.push(
        diagnostic(
          {
            code: 'ATTLS010',
            severity: 'warning',
            message: `duplicate ${s.type} ${s.name}: Policy Agent silently uses the last one${winner === undefined ? '' : ` (${winner.span.source}:${winner.span.start.line})`}`,
          },
          s.span,
        ),
      );
    }
  });
  return { ...policy, statements };
}
