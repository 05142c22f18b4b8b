import { type Diagnostic, diagnostic } from '@ztwin/core';
import { type RacfState, createState, deserializeState, serializeState } from '@ztwin/racf-model';
import { stringFlag } from './args';
import { type Invocation, UsageError } from './command';

/** Stable code for a state file that is not JSON at all (shape errors come from racf-model). */
export const STATE_JSON_CODE = 'ZTWIN-STATE-JSON';

/** Position of a JSON.parse error ("... at position N" in V8 messages) as line/column. */
function jsonErrorAt(text: string, message: string): { line: number; column: number } {
  const m = /position (\d+)/.exec(message);
  if (m === null) return { line: 1, column: 1 };
  const off = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, off);
  const line = before.split('\n').length;
  return { line, column: off - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Read a state file written by `ztwin racf apply --out` (racf-model's JSON form). */
export function readStateText(text: string, source: string): { state?: RacfState; diagnostics: Diagnostic[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      diagnostics: [diagnostic({ code: STATE_JSON_CODE, message: `state file is not JSON: ${message}` }, { source, ...jsonErrorAt(text, message) })],
    };
  }
  const r = deserializeState(json, source);
  return r._tag === 'Right' ? { state: r.right, diagnostics: [] } : { diagnostics: r.left };
}

/**
 * The state file text. The user asked for this file, so by default it carries what later
 * commands need (password hashes, private keys: racf-model's `includeSecrets`); `redact` leaves
 * them out. Nothing else the CLI prints ever includes them.
 */
export function stateText(state: RacfState, options: { redact?: boolean } = {}): string {
  return JSON.stringify(serializeState(state, { includeSecrets: options.redact !== true }), null, 2) + '\n';
}

/**
 * The state named by `--state FILE` (for any command that takes one): an empty RACF database when
 * the flag is absent and not `required`; `state` undefined (with error diagnostics) when the file
 * is not a state. An unreadable file is a UsageError (exit 2).
 */
export async function loadState(inv: Invocation, required: boolean, flag = 'state'): Promise<{ state?: RacfState; diagnostics: Diagnostic[] }> {
  const path = stringFlag(inv.args, flag);
  if (path === undefined) {
    if (required) throw new UsageError(`option '--${flag}' is required`);
    return { state: createState(), diagnostics: [] };
  }
  return readStateText(await inv.readInput(path), path);
}
