import { type Diagnostic, diagnostic, didYouMean, LineIndex, type SourceSpan } from '@ztwin/core';
import { type ConfigStatement, type Param, type Policy, type Statement } from './model';
import { ALL_PARAM_NAMES, CONFIG_STATEMENTS, lookupConfigStatement, lookupStatementType, STATEMENT_TYPES, statementSpec } from './schema';

/**
 * Parser for Policy Agent files (pagent.conf, image files, TTLS policy files).
 *
 * Syntax (IP Configuration Reference, "Policy Agent configuration file syntax"): statements
 * `Type [name] { ... }` with braces and parameters on their own lines (one-line bodies are accepted
 * too), one parameter per line, `#` to the end of the line is a comment, keywords are
 * case-insensitive, names are case-sensitive. Never throws: problems come back as diagnostics.
 */

const enum Tok {
  Word,
  LBrace,
  RBrace,
  Newline,
  Comment,
}
interface Token {
  readonly k: Tok;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      out.push({ k: Tok.Newline, start: i, end: i + 1, text: '\n' });
      i++;
    } else if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
    } else if (c === 35 /* # */) {
      let j = i;
      while (j < n && text.charCodeAt(j) !== 10) j++;
      let e = j;
      if (e > i && text.charCodeAt(e - 1) === 13) e--;
      out.push({ k: Tok.Comment, start: i, end: e, text: text.slice(i, e) });
      i = j;
    } else if (c === 123 /* { */) {
      out.push({ k: Tok.LBrace, start: i, end: i + 1, text: '{' });
      i++;
    } else if (c === 125 /* } */) {
      out.push({ k: Tok.RBrace, start: i, end: i + 1, text: '}' });
      i++;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 32 || d === 9 || d === 10 || d === 13 || d === 12 || d === 11 || d === 35 || d === 123 || d === 125) break;
        j++;
      }
      out.push({ k: Tok.Word, start: i, end: j, text: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

export interface ParseResult {
  readonly policy: Policy;
  readonly diagnostics: Diagnostic[];
}

const STATEMENT_AND_CONFIG_NAMES: readonly string[] = [...STATEMENT_TYPES, ...CONFIG_STATEMENTS];

class Parser {
  private i = 0;
  private sys = 0;
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: LineIndex;
  constructor(
    private readonly toks: readonly Token[],
    text: string,
    private readonly source: string,
  ) {
    this.lines = new LineIndex(text, source);
  }

  private span(start: number, end: number): SourceSpan {
    return this.lines.span(start, end);
  }
  private err(code: string, message: string, start: number, end: number, hint?: string, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push(diagnostic(hint === undefined ? { code, message, severity } : { code, message, severity, hint }, this.span(start, end)));
  }
  private peek(): Token | undefined {
    return this.toks[this.i];
  }
  /** Words on the current line (stops at newline, comment, brace). */
  private lineWords(): Token[] {
    const ws: Token[] = [];
    for (let t = this.peek(); t !== undefined && t.k === Tok.Word; t = this.peek()) {
      ws.push(t);
      this.i++;
    }
    return ws;
  }
  /** A comment that ends the current line, if any. */
  private trailing(): string | undefined {
    const t = this.peek();
    if (t !== undefined && t.k === Tok.Comment) {
      this.i++;
      return t.text;
    }
    return undefined;
  }
  /** Is the next significant token (skipping newlines and comments) a `{`? */
  private braceFollows(): boolean {
    for (let j = this.i; j < this.toks.length; j++) {
      const t = this.toks[j];
      if (t === undefined) return false;
      if (t.k === Tok.Newline || t.k === Tok.Comment) continue;
      return t.k === Tok.LBrace;
    }
    return false;
  }
  /** Skip newlines/comments up to the `{` (comments are returned), consume it. */
  private openBrace(): string[] {
    const comments: string[] = [];
    for (let t = this.peek(); t !== undefined; t = this.peek()) {
      this.i++;
      if (t.k === Tok.Comment) comments.push(t.text);
      if (t.k === Tok.LBrace) break;
    }
    return comments;
  }

  parseFile(): Policy {
    const statements: Statement[] = [];
    const config: ConfigStatement[] = [];
    let pending: string[] = [];
    while (this.i < this.toks.length) {
      const t = this.peek();
      if (t === undefined) break;
      if (t.k === Tok.Newline) {
        this.i++;
        continue;
      }
      if (t.k === Tok.Comment) {
        pending.push(t.text);
        this.i++;
        continue;
      }
      if (t.k === Tok.RBrace || t.k === Tok.LBrace) {
        this.err('ATTLS002', `unexpected '${t.text}' outside a statement`, t.start, t.end);
        this.i++;
        continue;
      }
      // A word: the start of a statement.
      this.i++;
      const cfg = lookupConfigStatement(t.text);
      if (cfg !== undefined) {
        const ws = this.lineWords();
        const last = ws[ws.length - 1] ?? t;
        const trailingComment = this.trailing();
        config.push({
          type: cfg,
          values: ws.map((w) => w.text),
          span: this.span(t.start, last.end),
          leadingComments: pending,
          ...(trailingComment === undefined ? {} : { trailingComment }),
        });
        pending = [];
        continue;
      }
      const ws = this.lineWords();
      const trailingComment = this.trailing();
      const type = lookupStatementType(t.text);
      if (type === undefined) {
        const dym = didYouMean(t.text, STATEMENT_AND_CONFIG_NAMES);
        this.err(
          'ATTLS001',
          `unknown statement ${t.text}: Policy Agent rejects the whole file`,
          t.start,
          t.end,
          dym === undefined ? undefined : `did you mean ${dym}?`,
        );
      }
      if (!this.braceFollows()) {
        if (type !== undefined) this.err('ATTLS003', `expected '{' after ${type}${ws[0] === undefined ? '' : ' ' + ws[0].text}`, t.start, (ws[ws.length - 1] ?? t).end);
        pending = [];
        continue;
      }
      if (ws.length === 0) this.err('ATTLS004', `${type ?? t.text} at the top level needs a name`, t.start, t.end);
      for (const extra of ws.slice(1)) this.err('ATTLS005', `unexpected '${extra.text}' after the statement name`, extra.start, extra.end);
      const s = this.block(t, type, ws[0], pending, trailingComment);
      pending = [];
      statements.push(s);
    }
    return { statements, config, trailingComments: pending };
  }

  /** Parse `{ ... }` after the keyword (and name) of a statement. */
  private block(kw: Token, type: string | undefined, nameTok: Token | undefined, leadingComments: string[], trailingComment: string | undefined): Statement {
    let pending = this.openBrace();
    const params: Param[] = [];
    const spec = type === undefined ? undefined : statementSpec(lookupStatementType(type) ?? 'TTLSRule');
    let end = kw.end;
    let closed = false;
    while (this.i < this.toks.length) {
      const t = this.peek();
      if (t === undefined) break;
      if (t.k === Tok.Newline) {
        this.i++;
        continue;
      }
      if (t.k === Tok.Comment) {
        pending.push(t.text);
        this.i++;
        continue;
      }
      if (t.k === Tok.RBrace) {
        this.i++;
        end = t.end;
        closed = true;
        break;
      }
      if (t.k === Tok.LBrace) {
        this.err('ATTLS002', `unexpected '{'`, t.start, t.end);
        this.i++;
        continue;
      }
      this.i++;
      const ws = this.lineWords();
      const tc = this.trailing();
      if (ws.length <= 1 && this.braceFollows()) {
        const nestedType = lookupStatementType(t.text);
        if (nestedType === undefined) {
          const dym = didYouMean(t.text, STATEMENT_TYPES);
          this.err('ATTLS001', `unknown statement ${t.text}`, t.start, t.end, dym === undefined ? undefined : `did you mean ${dym}?`);
        }
        const nested = this.block(t, nestedType, ws[0], [], tc);
        params.push({ keyword: nested.type, values: [], nested, span: nested.span, leadingComments: pending });
        end = nested.span.end.offset;
      } else {
        const keyword = canonicalParam(t.text, spec?.byLower);
        const last = ws[ws.length - 1] ?? t;
        if (ws.length === 0) this.err('ATTLS006', `${keyword} needs a value`, t.start, t.end);
        params.push({
          keyword,
          values: ws.map((w) => w.text),
          span: this.span(t.start, last.end),
          leadingComments: pending,
          ...(tc === undefined ? {} : { trailingComment: tc }),
        });
        end = last.end;
      }
      pending = [];
    }
    if (!closed) this.err('ATTLS007', `missing '}' for ${type ?? kw.text}${nameTok === undefined ? '' : ' ' + nameTok.text}`, kw.start, kw.end);
    const anonymous = nameTok === undefined;
    const name = nameTok?.text ?? `~SYS_${this.source}_${++this.sys}`;
    return {
      type: type ?? kw.text,
      known: type !== undefined,
      name,
      anonymous,
      params,
      span: this.span(kw.start, end),
      leadingComments,
      ...(trailingComment === undefined ? {} : { trailingComment }),
      closingComments: pending,
    };
  }
}

const ALL_PARAMS_LOWER = new Map(ALL_PARAM_NAMES.map((n) => [n.toLowerCase(), n]));
const STATEMENT_LOWER = new Map(STATEMENT_TYPES.map((n) => [n.toLowerCase(), n]));
function canonicalParam(word: string, own: ReadonlyMap<string, { name: string }> | undefined): string {
  const l = word.toLowerCase();
  return own?.get(l)?.name ?? ALL_PARAMS_LOWER.get(l) ?? STATEMENT_LOWER.get(l) ?? word;
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
  const last = new Map<string, number>();
  policy.statements.forEach((s, i) => last.set(`${s.type.toLowerCase()}\u0000${s.name}`, i));
  if (last.size === policy.statements.length) return policy;
  const statements: Statement[] = [];
  policy.statements.forEach((s, i) => {
    const k = `${s.type.toLowerCase()}\u0000${s.name}`;
    const keep = last.get(k);
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
