/**
 * Lexer for the TSO command language as RACF decks use it (SYSTSIN of IKJEFT01, TSO READY).
 *
 * Rules (TSO/E User's Guide "continuing a command", TSO/E Command Reference "comments"):
 * - One command per logical line. A line whose last non-blank character is `-` or `+` continues on
 *   the next line. `-` keeps the next line's leading blanks; `+` deletes the leading delimiters
 *   (blanks, commas, comments) of the next line. Either way a token may continue across the break.
 * - `/* ... *\/` stands wherever a blank may stand. A comment that is still open at the end of a
 *   logical line is reported (ZTW-RACF-UNTERMINATED-COMMENT) and closed there.
 * - Quoted strings use `'...'`; `''` is a quote inside. An open quote at the end of the logical line
 *   is reported (IKJ56712I-style, code ZTW-RACF-UNTERMINATED-QUOTE) and closed there.
 * - Delimiters: blank, tab, comma. `(` and `)` are their own tokens.
 *
 * Hand-written charCode loop, no regex per token: the 1M-command bench depends on it.
 */
import { type Diagnostic, type Position, type SourceSpan, diagnostic } from '@ztwin/core';

export const enum Tok {
  Word = 0,
  String = 1,
  LParen = 2,
  RParen = 3,
}

export interface Token {
  readonly type: Tok;
  /** Word text as written, or the string's value with `''` undoubled. */
  readonly text: string;
  /** 0-based offsets into the whole input, [start, end). */
  readonly start: number;
  readonly end: number;
  /** True when the token was preceded by a delimiter (or is the first of its command). */
  readonly spaced: boolean;
}

export interface LogicalCommand {
  readonly tokens: Token[];
  /** Offsets of the first and one-past-last significant characters. */
  readonly start: number;
  readonly end: number;
  /** Segments of the input that make up this command, with the secret-free original text later. */
  readonly span: SourceSpan;
}

export interface LexResult {
  readonly commands: LogicalCommand[];
  readonly diagnostics: Diagnostic[];
}

const SP = 32;
const TAB = 9;
const CR = 13;
const COMMA = 44;
const LP = 40;
const RP = 41;
const QUOTE = 39;
const SLASH = 47;
const STAR = 42;
const MINUS = 45;
const PLUS = 43;

const enum St {
  Normal,
  Word,
  Quote,
  Comment,
}

/** Split a deck into logical commands of tokens. Never throws. */
export function lex(text: string, source = '<deck>'): LexResult {
  const commands: LogicalCommand[] = [];
  const diagnostics: Diagnostic[] = [];
  lexEach(text, source, (c) => commands.push(c), diagnostics);
  return { commands, diagnostics };
}

const P = (line: number, lineStart: number, offset: number): Position => ({ line, column: offset - lineStart + 1, offset });

/** Where a FastLines shortcut starts, and (when it returns) the first line it did not take. */
export interface LineCursor {
  /** Offset of the line's first character (text.length + 1 once the last line is taken). */
  offset: number;
  /** Its 1-based number. */
  line: number;
}

/**
 * A caller's shortcut for lines that each hold a whole command: it takes lines from the cursor on,
 * as many as it deals with completely, and moves the cursor past them; the lexer lexes the line it
 * stopped at as usual. A line the shortcut takes must be one the lexer would read as one command
 * on its own: not ending with a continuation character.
 */
export type FastLines = (cursor: LineCursor) => void;

/**
 * Streaming form of `lex`: calls `onCommand` for each logical command as soon as it is complete,
 * so a caller that applies and drops commands keeps no token arrays alive (the 1M-command bench).
 * `fastLines`, when given, is offered the lines from each line that does not continue a command (no
 * continuation before it, nothing pending); the lexer skips the lines it takes.
 */
export function lexEach(text: string, source: string, onCommand: (c: LogicalCommand) => void, diagnostics: Diagnostic[], fastLines?: FastLines): void {
  const n = text.length;
  let tokens: Token[] = [];
  let cmdStart = -1;
  let cmdLine = 0;
  let cmdLineStart = 0;
  let lastEnd = -1;
  let lastLine = 0;
  let lastLineStart = 0;

  let st: St = St.Normal;
  let seg = 0; // where the not-yet-buffered part of the current word/string starts
  let tokStart = 0;
  let tokLine = 0;
  let tokLineStart = 0;
  let buf = ''; // accumulated text of a token that crosses a continuation
  let spaced = true;
  let commentStart = 0;
  let commentLine = 0;
  let commentLineStart = 0;
  let skipLeading = false; // after `+`
  let continued = false;
  let continuedAt = 0;
  let continuedLine = 0;
  let continuedLineStart = 0;

  let lineStart = 0;
  let lineNo = 1;

  const spanOf = (sl: number, sls: number, so: number, el: number, els: number, eo: number): SourceSpan => ({ source, start: P(sl, sls, so), end: P(el, els, eo) });
  const mark = (start: number): void => {
    if (cmdStart < 0) {
      cmdStart = start;
      cmdLine = lineNo;
      cmdLineStart = lineStart;
    }
  };
  const markTok = (start: number): void => {
    tokStart = start;
    tokLine = lineNo;
    tokLineStart = lineStart;
    if (cmdStart < 0) {
      cmdStart = start;
      cmdLine = lineNo;
      cmdLineStart = lineStart;
    }
  };
  const push = (type: Tok, t: string, start: number, end: number): void => {
    mark(start);
    tokens.push({ type, text: t, start, end, spaced });
    spaced = false;
    lastEnd = end;
    lastLine = lineNo;
    lastLineStart = lineStart;
  };
  const endCommand = (): void => {
    if (tokens.length > 0) {
      onCommand({ tokens, start: cmdStart, end: lastEnd, span: spanOf(cmdLine, cmdLineStart, cmdStart, lastLine, lastLineStart, lastEnd) });
    }
    tokens = [];
    cmdStart = -1;
    spaced = true;
  };
  const closeOpen = (at: number): void => {
    if (st === St.Word) {
      push(Tok.Word, buf + text.slice(seg, Math.max(seg, at)), tokStart, at);
    } else if (st === St.Quote) {
      diagnostics.push(
        diagnostic(
          { code: 'ZTW-RACF-UNTERMINATED-QUOTE', message: 'quoted string is not closed before the end of the command', hint: "close it with ' (write '' for a quote inside)" },
          spanOf(tokLine, tokLineStart, tokStart, lineNo, lineStart, at),
        ),
      );
      push(Tok.String, buf + text.slice(seg, Math.max(seg, at)), tokStart, at);
    } else if (st === St.Comment) {
      diagnostics.push(
        diagnostic(
          { code: 'ZTW-RACF-UNTERMINATED-COMMENT', message: 'comment is not closed with */ before the end of the command', hint: 'end the comment with */ (put a continuation character after it to continue the command)' },
          spanOf(commentLine, commentLineStart, commentStart, lineNo, lineStart, at),
        ),
      );
    }
    st = St.Normal;
  };

  const cursor: LineCursor = { offset: 0, line: 1 };
  while (lineStart <= n) {
    if (fastLines !== undefined && !continued && !skipLeading && st === St.Normal && tokens.length === 0) {
      cursor.offset = lineStart;
      cursor.line = lineNo;
      fastLines(cursor);
      lineStart = cursor.offset;
      lineNo = cursor.line;
      if (lineStart > n) break; // it took the last line
    }
    let lineEnd = text.indexOf('\n', lineStart);
    const hasNl = lineEnd >= 0;
    if (!hasNl) lineEnd = n;
    // the last non-blank character decides continuation
    let p = lineEnd - 1;
    while (p >= lineStart) {
      const c = text.charCodeAt(p);
      if (c === SP || c === TAB || c === CR) p--;
      else break;
    }
    let contentEnd = p + 1;
    let cont: 0 | 1 | 2 = 0; // 1 = '-', 2 = '+'
    if (p >= lineStart) {
      const c = text.charCodeAt(p);
      if (c === MINUS || c === PLUS) {
        cont = c === MINUS ? 1 : 2;
        contentEnd = p;
      }
    }
    let i = lineStart;
    if (skipLeading) {
      // `+`: delete leading delimiters (blanks, commas, comments) of this line
      for (;;) {
        while (i < contentEnd) {
          const c = text.charCodeAt(i);
          if (c === SP || c === TAB || c === COMMA || c === CR) i++;
          else break;
        }
        if (st !== St.Comment && i + 1 < contentEnd && text.charCodeAt(i) === SLASH && text.charCodeAt(i + 1) === STAR) {
          const close = text.indexOf('*/', i + 2);
          if (close >= 0 && close + 2 <= contentEnd) {
            i = close + 2;
            continue;
          }
        }
        break;
      }
      if (i < contentEnd) skipLeading = false;
    }
    for (; i < contentEnd; i++) {
      const c = text.charCodeAt(i);
      switch (st) {
        case St.Normal:
          if (c === SP || c === TAB || c === COMMA || c === CR) {
            spaced = true;
          } else if (c === SLASH && i + 1 < contentEnd && text.charCodeAt(i + 1) === STAR) {
            st = St.Comment;
            commentStart = i;
            commentLine = lineNo;
            commentLineStart = lineStart;
            spaced = true;
            i++;
          } else if (c === LP) {
            push(Tok.LParen, '(', i, i + 1);
          } else if (c === RP) {
            push(Tok.RParen, ')', i, i + 1);
          } else if (c === QUOTE) {
            st = St.Quote;
            seg = i + 1;
            buf = '';
            markTok(i);
            // fast path: closed on this line with no '' inside (else the Quote state goes on from i+1)
            const q = text.indexOf("'", i + 1);
            if (q >= 0 && q < contentEnd && !(q + 1 < contentEnd && text.charCodeAt(q + 1) === QUOTE)) {
              push(Tok.String, text.slice(i + 1, q), i, q + 1);
              st = St.Normal;
              i = q;
            }
          } else {
            st = St.Word;
            seg = i;
            buf = '';
            markTok(i);
            // scan the word in a tight loop; one that reaches the end of the line's content stays
            // open (St.Word) for the continuation logic below
            let j = i + 1;
            while (j < contentEnd) {
              const d = text.charCodeAt(j);
              if (d === SP || d === TAB || d === COMMA || d === CR || d === LP || d === RP || d === QUOTE || (d === SLASH && j + 1 < contentEnd && text.charCodeAt(j + 1) === STAR)) break;
              j++;
            }
            if (j < contentEnd) {
              push(Tok.Word, text.slice(i, j), i, j);
              st = St.Normal;
            }
            i = j - 1;
          }
          break;
        case St.Word:
          if (c === SP || c === TAB || c === COMMA || c === CR || c === LP || c === RP || c === QUOTE || (c === SLASH && i + 1 < contentEnd && text.charCodeAt(i + 1) === STAR)) {
            push(Tok.Word, buf.length === 0 ? text.slice(seg, i) : buf + text.slice(seg, i), tokStart, i);
            st = St.Normal;
            i--; // reprocess the delimiter in Normal state
          }
          break;
        case St.Quote:
          if (c === QUOTE) {
            if (i + 1 < contentEnd && text.charCodeAt(i + 1) === QUOTE) {
              buf += text.slice(seg, i) + "'";
              seg = i + 2;
              i++;
            } else {
              push(Tok.String, buf + text.slice(seg, i), tokStart, i + 1);
              st = St.Normal;
            }
          }
          break;
        case St.Comment:
          if (c === STAR && i + 1 < contentEnd && text.charCodeAt(i + 1) === SLASH) {
            st = St.Normal;
            i++;
          }
          break;
      }
    }
    // end of the physical line's content
    if (cont !== 0) {
      if (st === St.Word || st === St.Quote) {
        buf += text.slice(seg, contentEnd);
        seg = hasNl ? lineEnd + 1 : n;
      } else if (st === St.Normal && cont === 1) {
        spaced = true;
      }
      if (cont === 2) {
        skipLeading = true;
        if (st === St.Normal) spaced = true;
      }
      continued = true;
      continuedAt = p;
      continuedLine = lineNo;
      continuedLineStart = lineStart;
      if (!hasNl) {
        diagnostics.push(
          diagnostic(
            { code: 'ZTW-RACF-CONTINUATION-EOF', message: 'the last command ends with a continuation character but no line follows' },
            spanOf(lineNo, lineStart, p, lineNo, lineStart, p + 1),
          ),
        );
        closeOpen(lineEnd);
        endCommand();
        continued = false;
      }
    } else {
      if (continued && !hasNl && contentEnd <= lineStart && tokens.length > 0) {
        diagnostics.push(diagnostic({ code: 'ZTW-RACF-CONTINUATION-EOF', message: 'input ends inside a continued command' }, spanOf(continuedLine, continuedLineStart, continuedAt, continuedLine, continuedLineStart, continuedAt + 1)));
      }
      continued = false;
      closeOpen(contentEnd);
      endCommand();
      skipLeading = false;
    }
    if (!hasNl) break;
    lineStart = lineEnd + 1;
    lineNo++;
  }
  if (continued && tokens.length > 0) {
    diagnostics.push(diagnostic({ code: 'ZTW-RACF-CONTINUATION-EOF', message: 'input ends inside a continued command' }, spanOf(continuedLine, continuedLineStart, continuedAt, continuedLine, continuedLineStart, continuedAt + 1)));
    closeOpen(n);
    endCommand();
  }
}
