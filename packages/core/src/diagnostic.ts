import * as t from 'io-ts';

/** How bad a diagnostic is. `error` makes the CLI exit 1. */
export const Severity = t.keyof({ error: null, warning: null, info: null });
export type Severity = t.TypeOf<typeof Severity>;

/**
 * A problem found in input, as a value (never an exception).
 * `source` is the file (or a logical name such as `<deck>`), `line` and `column` are 1-based.
 * `code` is stable across releases; RACF/IBM message ids are used where IBM has one.
 */
export const Diagnostic = t.intersection([
  t.type({
    code: t.string,
    severity: Severity,
    message: t.string,
    source: t.string,
    line: t.number,
    column: t.number,
  }),
  t.partial({
    endLine: t.number,
    endColumn: t.number,
    /** Extra human hints, e.g. a did-you-mean. */
    hint: t.string,
  }),
]);
export type Diagnostic = t.TypeOf<typeof Diagnostic>;

/** A position in a named input. 1-based line and column; `offset` is 0-based into the text. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export const SourceSpan = t.type({
  source: t.string,
  start: t.type({ line: t.number, column: t.number, offset: t.number }),
  end: t.type({ line: t.number, column: t.number, offset: t.number }),
});
/** A half-open range [start, end) of a named input. */
export type SourceSpan = t.TypeOf<typeof SourceSpan>;

export interface DiagnosticInit {
  readonly code: string;
  readonly message: string;
  readonly severity?: Severity;
  readonly hint?: string;
}

/** Build a diagnostic located at a span (or at line 1 column 1 of `source` when no span is known). */
export function diagnostic(init: DiagnosticInit, at: SourceSpan | { source: string; line?: number; column?: number }): Diagnostic {
  const d: Diagnostic =
    'start' in at
      ? {
          code: init.code,
          severity: init.severity ?? 'error',
          message: init.message,
          source: at.source,
          line: at.start.line,
          column: at.start.column,
          endLine: at.end.line,
          endColumn: at.end.column,
        }
      : {
          code: init.code,
          severity: init.severity ?? 'error',
          message: init.message,
          source: at.source,
          line: at.line ?? 1,
          column: at.column ?? 1,
        };
  if (init.hint !== undefined) d.hint = init.hint;
  return d;
}

/** `FILE:LINE:COL: CODE message` — the CLI contract's one-line form. */
export function formatDiagnostic(d: Diagnostic): string {
  const sev = d.severity === 'error' ? '' : ` (${d.severity})`;
  const hint = d.hint !== undefined ? ` (${d.hint})` : '';
  return `${d.source}:${d.line}:${d.column}: ${d.code} ${d.message}${hint}${sev}`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Order diagnostics by source, line, column (stable for equal positions). */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) =>
      a.d.source < b.d.source ? -1 : a.d.source > b.d.source ? 1 : a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i,
    )
    .map((x) => x.d);
}
