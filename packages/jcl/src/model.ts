import * as t from 'io-ts';
import { SourceSpan } from '@ztwin/core';

/**
 * The typed result of reading JCL. Every shape here is an io-ts codec so that `--json` output
 * and fixtures can be validated; the TypeScript types are derived from the codecs.
 */

/** A parameter value: a plain token (`SHR`, `USER1.CNTL`), a quoted string (`'A B'`) or a list `(a,b,...)`. */
export interface JclText {
  readonly kind: 'text';
  /** The value as the program sees it: quotes removed and `''` turned into `'` when `quoted`. */
  readonly text: string;
  readonly quoted: boolean;
  /** Exactly as written (after continuation records are joined). */
  readonly raw: string;
  readonly span: SourceSpan;
}
export interface JclList {
  readonly kind: 'list';
  readonly items: readonly JclValue[];
  readonly raw: string;
  readonly span: SourceSpan;
}
export type JclValue = JclText | JclList;

export const JclValue: t.Type<JclValue> = t.recursion('JclValue', () =>
  t.union([
    t.readonly(t.type({ kind: t.literal('text'), text: t.string, quoted: t.boolean, raw: t.string, span: SourceSpan })),
    t.readonly(t.type({ kind: t.literal('list'), items: t.readonlyArray(JclValue), raw: t.string, span: SourceSpan })),
  ]),
);

export const Parameter = t.union([
  t.readonly(t.type({ kind: t.literal('positional'), value: JclValue, span: SourceSpan })),
  t.readonly(t.type({ kind: t.literal('keyword'), keyword: t.string, value: JclValue, span: SourceSpan })),
]);
/** One parameter of the operand field: positional (`*`, `(0)`) or keyword (`DISP=SHR`). */
export type Parameter = t.TypeOf<typeof Parameter>;

/** The JCL statement operations this reader recognises (z/OS MVS JCL Reference, "JCL statements"). */
export const Operation = t.keyof({
  JOB: null,
  EXEC: null,
  DD: null,
  PROC: null,
  PEND: null,
  SET: null,
  INCLUDE: null,
  JCLLIB: null,
  IF: null,
  ELSE: null,
  ENDIF: null,
  OUTPUT: null,
  CNTL: null,
  ENDCNTL: null,
  EXPORT: null,
  SCHEDULE: null,
  XMIT: null,
  COMMAND: null,
  NOTIFY: null,
  JOBGROUP: null,
  ENDGROUP: null,
  GJOB: null,
  SJOB: null,
  JOBSET: null,
  ENDSET: null,
  BEFORE: null,
  AFTER: null,
  CONCURRENT: null,
});
export type Operation = t.TypeOf<typeof Operation>;

export const Statement = t.readonly(
  t.intersection([
    t.type({
      operation: Operation,
      parameters: t.readonlyArray(Parameter),
      /** 1-based line numbers of the records that make up the statement (first + continuations). */
      lines: t.readonlyArray(t.number),
      span: SourceSpan,
    }),
    t.partial({
      /** The name field (columns 3..), absent when column 3 is blank. */
      name: t.string,
      /** For IF: the relational expression between IF and THEN, as written. */
      expression: t.string,
      comments: t.string,
    }),
  ]),
);
/** A JCL statement after joining its continuation records. */
export type Statement = t.TypeOf<typeof Statement>;

export const DataLine = t.readonly(t.type({ text: t.string, line: t.number }));
/** One in-stream data record as written (the reader does not pad to 80 columns). */
export type DataLine = t.TypeOf<typeof DataLine>;

export const InlineData = t.readonly(
  t.intersection([
    t.type({
      /** `*`: ends at `/*` (or DLM) or at the next `//` record; `DATA`: ends only at `/*` or DLM. */
      mode: t.keyof({ '*': null, DATA: null }),
      lines: t.readonlyArray(DataLine),
      /** How the data ended: a delimiter record, a following JCL statement, or end of input. */
      end: t.keyof({ delimiter: null, statement: null, 'end-of-input': null }),
    }),
    t.partial({ dlm: t.string, delimiterLine: t.number, generated: t.boolean }),
  ]),
);
export type InlineData = t.TypeOf<typeof InlineData>;

export interface DdStatement {
  /** The ddname, `SYSIN` or `STEP.SYSIN` (procedure override); absent for a concatenated DD. */
  readonly name?: string;
  readonly statement: Statement;
  readonly inline?: InlineData;
  /** Unnamed DD statements that follow this one: a concatenation. */
  readonly concatenation: readonly DdStatement[];
}
export const DdStatement: t.Type<DdStatement> = t.recursion('DdStatement', () =>
  t.readonly(
    t.intersection([
      t.type({ statement: Statement, concatenation: t.readonlyArray(DdStatement) }),
      t.partial({ name: t.string, inline: InlineData }),
    ]),
  ),
);

export const Step = t.readonly(
  t.intersection([t.type({ exec: Statement, dds: t.readonlyArray(DdStatement) }), t.partial({ name: t.string })]),
);
/** An EXEC statement and the DD statements that follow it. */
export type Step = t.TypeOf<typeof Step>;

export const Procedure = t.readonly(
  t.intersection([t.type({ statement: Statement, steps: t.readonlyArray(Step) }), t.partial({ name: t.string })]),
);
/** An in-stream procedure (PROC ... PEND). */
export type Procedure = t.TypeOf<typeof Procedure>;

export const Job = t.readonly(
  t.intersection([
    t.type({
      steps: t.readonlyArray(Step),
      /** DDs before the first EXEC (JOBLIB, JOBCAT). */
      dds: t.readonlyArray(DdStatement),
      procedures: t.readonlyArray(Procedure),
      /** Every statement of the job in order (JOB, SET, IF, OUTPUT, ...). */
      statements: t.readonlyArray(Statement),
    }),
    t.partial({ name: t.string, job: Statement }),
  ]),
);
/** A job: its JOB statement (absent for a member that is only steps or a procedure) and steps. */
export type Job = t.TypeOf<typeof Job>;

export const JclFile = t.readonly(t.type({ source: t.string, jobs: t.readonlyArray(Job) }));
export type JclFile = t.TypeOf<typeof JclFile>;
