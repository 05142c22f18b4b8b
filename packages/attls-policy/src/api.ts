import * as t from 'io-ts';
import { type Diagnostic, diagnostic, hasErrors, sortDiagnostics } from '@ztwin/core';
import { EffectiveActions, effectiveActions } from './effective';
import { type FileReader, loadPolicy } from './load';
import { type Connection, matchNaive, type MatchOptions, prepareConnection, SkippedRule } from './match';
import { indexPolicy, type Policy } from './model';
import { parsePolicy } from './parse';
import { renderPolicy } from './render';
import { DEFAULT_RELEASE } from './schema';
import { compileRules, type CompiledRule } from './conditions';
import { validatePolicy, type ValidateOptions } from './validate';

/** Where a policy comes from: one file's text, or a main pagent.conf resolved through a reader. */
export type PolicyInput =
  | { readonly text: string; readonly source: string }
  | { readonly main: string; readonly read: FileReader; readonly stack?: string };

export interface CheckResult {
  readonly policy: Policy;
  /** Sorted by file, line, column. */
  readonly diagnostics: Diagnostic[];
  readonly ok: boolean;
}

function load(input: PolicyInput): { policy: Policy; diagnostics: Diagnostic[] } {
  if ('text' in input) return parsePolicy(input.text, input.source);
  return loadPolicy(input.main, input.read, input.stack === undefined ? {} : { stack: input.stack });
}

/** `ztwin attls check`: parse (following pagent.conf when given one) and validate. */
export function check(input: PolicyInput, opts: ValidateOptions = {}): CheckResult {
  const { policy, diagnostics } = load(input);
  const all = [...diagnostics, ...validatePolicy(policy, opts)];
  const sorted = sortDiagnostics(all);
  return { policy, diagnostics: sorted, ok: !hasErrors(sorted) };
}

/**
 * `ztwin attls check FILE`: FILE may be a policy file or a Policy Agent main/image configuration
 * file (one with TcpImage, TTLSConfig or CommonTTLSConfig statements), which is then followed
 * through `read` to the stack's policy.
 */
export function checkPath(path: string, read: FileReader, opts: ValidateOptions & { readonly stack?: string } = {}): CheckResult {
  const text = read(path);
  if (text === undefined) {
    const d = diagnostic({ code: 'ATTLS020', message: `cannot read ${path}` }, { source: path });
    return { policy: { statements: [], config: [], trailingComments: [] }, diagnostics: [d], ok: false };
  }
  const isConfig = /^[ \t]*(TcpImage|TTLSConfig|CommonTTLSConfig)\b/im.test(text);
  const input: PolicyInput = isConfig
    ? { main: path, read: (p) => (p === path ? text : read(p)), ...(opts.stack === undefined ? {} : { stack: opts.stack }) }
    : { text, source: path };
  return check(input, opts);
}

/**
 * `ztwin attls fmt`: the canonical text of one file. Refuses (text undefined) when the file does
 * not parse cleanly, since reformatting a broken file could change what it means.
 */
export function fmt(text: string, source = '<policy>'): { text: string | undefined; diagnostics: Diagnostic[] } {
  const r = parsePolicy(text, source);
  const parseErrors = r.diagnostics.filter((d) => d.severity === 'error');
  if (parseErrors.length > 0) return { text: undefined, diagnostics: sortDiagnostics(r.diagnostics) };
  const out = renderPolicy(r.policy);
  return { text: out.text, diagnostics: sortDiagnostics([...r.diagnostics, ...out.diagnostics]) };
}

export const MatchedRule = t.intersection([
  t.type({ name: t.string, priority: t.number, direction: t.string, source: t.string, line: t.number }),
  t.partial({
    jobname: t.string,
    userid: t.string,
    localAddr: t.string,
    remoteAddr: t.string,
    localPort: t.string,
    remotePort: t.string,
  }),
]);
export type MatchedRule = t.TypeOf<typeof MatchedRule>;

/** The `ztwin attls match --json` shape. */
export const MatchResult = t.type({
  rule: t.union([MatchedRule, t.null]),
  actions: t.union([EffectiveActions, t.null]),
  skipped: t.array(SkippedRule),
});
export type MatchResult = t.TypeOf<typeof MatchResult>;

function ruleJSON(r: CompiledRule): MatchedRule {
  return {
    name: r.name,
    priority: r.priority,
    direction: r.direction,
    source: r.statement.span.source,
    line: r.statement.span.start.line,
    ...(r.jobname === undefined ? {} : { jobname: r.jobname.text }),
    ...(r.userid === undefined ? {} : { userid: r.userid.text }),
    ...(r.localAddr === undefined ? {} : { localAddr: r.localAddr.text }),
    ...(r.remoteAddr === undefined ? {} : { remoteAddr: r.remoteAddr.text }),
    ...(r.localPort === undefined ? {} : { localPort: r.localPort.text }),
    ...(r.remotePort === undefined ? {} : { remotePort: r.remotePort.text }),
  };
}

/**
 * `ztwin attls match`: which rule AT-TLS maps the connection to (or none: the connection stays
 * clear text), its effective actions, and why each higher rule was skipped.
 */
export function match(policy: Policy, connection: Connection, opts: MatchOptions & { release?: ValidateOptions['release'] } = {}): MatchResult {
  const idx = indexPolicy(policy);
  const rules = compileRules(policy, idx);
  const { rule, skipped } = matchNaive(rules, prepareConnection(connection, opts), opts.localOffsetMinutes ?? 0);
  if (rule === undefined) return { rule: null, actions: null, skipped };
  return { rule: ruleJSON(rule), actions: effectiveActions(rule.statement, idx, { release: opts.release ?? DEFAULT_RELEASE }), skipped };
}

/** Parse `ADDR:PORT` as the CLI takes it (`[v6]:port` for IPv6). */
export function parseEndpoint(s: string, source = '<args>'): { addr: string; port: number } | Diagnostic {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(s) ?? /^([^:]+):(\d{1,5})$/.exec(s);
  if (m === null || m[1] === undefined || m[2] === undefined || Number(m[2]) > 65535)
    return diagnostic({ code: 'ATTLS200', message: `not ADDR:PORT: ${s}` }, { source });
  return { addr: m[1], port: Number(m[2]) };
}
