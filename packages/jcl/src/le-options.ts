import * as t from 'io-ts';
import { type Diagnostic, diagnostic, didYouMean } from '@ztwin/core';
import type { DataLine } from './model';
import type { ReadResult } from './reader';

/**
 * Language Environment runtime options as written in CEEOPTS in-stream data, e.g.
 * `POSIX(ON),` and `ENVAR("BAQURI=host","BAQPORT=9080")` (z/OS Language Environment Programming
 * Guide, "Using the CEEOPTS DD statement": F/FB records, only the first 3K excluding comment lines
 * are read). Options are separated by commas or blanks and may continue onto following records.
 */

export const LeOption = t.readonly(
  t.type({ name: t.string, suboptions: t.readonlyArray(t.string), line: t.number, column: t.number }),
);
/** One runtime option: upper-cased name and its suboptions (quotes removed). */
export type LeOption = t.TypeOf<typeof LeOption>;

export const EnvVar = t.readonly(t.type({ name: t.string, value: t.string, line: t.number, column: t.number }));
/** One `NAME=value` of ENVAR. */
export type EnvVar = t.TypeOf<typeof EnvVar>;

export const LeOptions = t.readonly(t.type({ options: t.readonlyArray(LeOption), envar: t.readonlyArray(EnvVar) }));
export type LeOptions = t.TypeOf<typeof LeOptions>;

/** Environment variables read by the z/OS Connect EE API requester communication stub (BAQCSTUB). */
export const ZCEE_REQUESTER_ENVARS: readonly string[] = ['BAQURI', 'BAQPORT', 'BAQUSERNAME', 'BAQPASSWORD'];

/** Names whose values are secrets: never printed in diagnostics or redacted output. */
export function isSecretName(name: string): boolean {
  return /PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|TOKEN/i.test(name);
}

export const LeCodes = {
  unterminatedQuote: 'LE001',
  unbalancedParentheses: 'LE002',
  envarWithoutEquals: 'LE003',
  pastThreeK: 'LE004',
  envarNearMiss: 'LE005',
  syntax: 'LE006',
} as const;

/** The value of the last ENVAR setting of `name`, if any. */
export function envarValue(o: LeOptions, name: string): string | undefined {
  let v: string | undefined;
  for (const e of o.envar) if (e.name === name) v = e.value;
  return v;
}

/** A copy safe to print: secret ENVAR values replaced by `********`. */
export function redactLeOptions(o: LeOptions): LeOptions {
  const red = (s: string): string => {
    const eq = s.indexOf('=');
    return eq > 0 && isSecretName(s.slice(0, eq)) ? `${s.slice(0, eq + 1)}********` : s;
  };
  return {
    options: o.options.map((op) => (op.name === 'ENVAR' ? { ...op, suboptions: op.suboptions.map(red) } : op)),
    envar: o.envar.map((e) => (isSecretName(e.name) ? { ...e, value: '********' } : e)),
  };
}

interface Ch {
  c: string;
  line: number;
  column: number;
}

/** Parse CEEOPTS records (`*` in column 1 is a comment line). Never throws. */
export function parseCeeOpts(lines: readonly DataLine[], source = '<CEEOPTS>'): ReadResult<LeOptions> {
  const diags: Diagnostic[] = [];
  const chars: Ch[] = [];
  let bytes = 0;
  let warned3k = false;
  for (const l of lines) {
    if (l.text.startsWith('*')) continue;
    // Records are read as 80-byte card images; count toward the 3K limit.
    bytes += 80;
    if (bytes > 3072 && !warned3k) {
      warned3k = true;
      diags.push(
        diagnostic(
          { code: LeCodes.pastThreeK, severity: 'warning', message: 'LE reads only the first 3K of CEEOPTS: options from here on are ignored' },
          { source, line: l.line, column: 1 },
        ),
      );
    }
    if (bytes > 3072) break;
    const text = l.text.slice(0, 80).replace(/\s+$/, '');
    for (let i = 0; i < text.length; i++) chars.push({ c: text.charAt(i), line: l.line, column: i + 1 });
    // A record end separates like a blank, except inside a quoted string where it joins.
    chars.push({ c: '\n', line: l.line, column: text.length + 1 });
  }
  const options: LeOption[] = [];
  const envar: EnvVar[] = [];
  let i = 0;
  const at = (k: number): Ch | undefined => chars[k];
  const err = (code: string, message: string, ch: Ch | undefined, severity: Diagnostic['severity'] = 'error'): void => {
    diags.push(diagnostic({ code, message, severity }, { source, line: ch?.line ?? 1, column: ch?.column ?? 1 }));
  };
  const isSep = (c: string): boolean => c === ',' || c === ' ' || c === '\n';
  while (i < chars.length) {
    const cur = at(i);
    if (cur === undefined) break;
    if (isSep(cur.c)) {
      i++;
      continue;
    }
    const start = cur;
    let name = '';
    while (i < chars.length && /[A-Za-z0-9_@#$]/.test(at(i)?.c ?? '')) name += at(i++)?.c ?? '';
    if (name === '') {
      err(LeCodes.syntax, `unexpected '${cur.c}' where a runtime option name belongs`, cur);
      i++;
      continue;
    }
    const subs: { text: string; ch: Ch | undefined }[] = [];
    if (at(i)?.c === '(') {
      i++;
      let depth = 1;
      let buf = '';
      let bufStart: Ch | undefined;
      let quote: string | undefined;
      let ok = false;
      while (i < chars.length) {
        const ch = at(i);
        if (ch === undefined) break;
        if (quote !== undefined) {
          if (ch.c === quote) {
            if (at(i + 1)?.c === quote) {
              buf += quote;
              i += 2;
              continue;
            }
            quote = undefined;
          } else if (ch.c !== '\n') buf += ch.c;
          i++;
          continue;
        }
        if (ch.c === '"' || ch.c === "'") {
          quote = ch.c;
          bufStart ??= ch;
          i++;
          continue;
        }
        if (ch.c === '(') depth++;
        if (ch.c === ')') {
          depth--;
          if (depth === 0) {
            subs.push({ text: buf, ch: bufStart });
            i++;
            ok = true;
            break;
          }
        }
        if (ch.c === ',' && depth === 1) {
          subs.push({ text: buf, ch: bufStart });
          buf = '';
          bufStart = undefined;
          i++;
          continue;
        }
        // Blanks and record ends outside quotes separate nothing inside a suboption list.
        if (ch.c !== '\n' && ch.c !== ' ') {
          bufStart ??= ch;
          buf += ch.c;
        }
        i++;
      }
      if (!ok) {
        if (quote !== undefined) err(LeCodes.unterminatedQuote, `option ${name.toUpperCase()}: quoted string not closed`, start);
        else err(LeCodes.unbalancedParentheses, `option ${name.toUpperCase()}: missing ')'`, start);
      }
    }
    const upper = name.toUpperCase();
    options.push({ name: upper, suboptions: subs.map((s) => s.text), line: start.line, column: start.column });
    if (upper === 'ENVAR') {
      for (const s of subs) {
        if (s.text === '') continue;
        const eq = s.text.indexOf('=');
        if (eq <= 0) {
          err(LeCodes.envarWithoutEquals, `ENVAR entry is not NAME=value`, s.ch ?? start);
          continue;
        }
        const vname = s.text.slice(0, eq);
        envar.push({ name: vname, value: s.text.slice(eq + 1), line: s.ch?.line ?? start.line, column: s.ch?.column ?? start.column });
        if (vname.toUpperCase().startsWith('BAQ') && !ZCEE_REQUESTER_ENVARS.includes(vname)) {
          const guess = didYouMean(vname, ZCEE_REQUESTER_ENVARS);
          if (guess !== undefined)
            err(
              LeCodes.envarNearMiss,
              `ENVAR ${vname} is not read by the z/OS Connect EE communication stub (did you mean ${guess}?)`,
              s.ch ?? start,
              'warning',
            );
        }
      }
    }
  }
  return { value: { options, envar }, diagnostics: diags };
}

/** The widest CEEOPTS line the renderer writes (LE's record is 80; 72 keeps columns 73-80 free). */
export const CEEOPTS_WIDTH = 72;

function suboption(s: string): string {
  return /^[A-Za-z0-9_.*+-]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`;
}

/**
 * CEEOPTS records for options, one option per line (suboptions continue on indented lines), so
 * that `parseCeeOpts` reads back the same names and suboptions. A quoted suboption that cannot fit
 * on one record is refused (LE's rule for strings split across records is not modelled).
 */
export function renderCeeOpts(options: readonly { readonly name: string; readonly suboptions: readonly string[] }[]): {
  value?: string[];
  diagnostics: Diagnostic[];
} {
  const diags: Diagnostic[] = [];
  const out: string[] = [];
  options.forEach((o, oi) => {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(o.name)) {
      diags.push(diagnostic({ code: LeCodes.syntax, message: `'${o.name}' is not a runtime option name` }, { source: '<CEEOPTS>' }));
      return;
    }
    const sep = oi < options.length - 1 ? ',' : '';
    if (o.suboptions.length === 0) {
      out.push(o.name.toUpperCase() + sep);
      return;
    }
    let line = `${o.name.toUpperCase()}(`;
    o.suboptions.forEach((s, si) => {
      if (!/^[\x20-\x7e]*$/.test(s)) {
        diags.push(diagnostic({ code: LeCodes.syntax, message: `option ${o.name}: suboption has a character that cannot be written` }, { source: '<CEEOPTS>' }));
        return;
      }
      const piece = suboption(s) + (si < o.suboptions.length - 1 ? ',' : `)${sep}`);
      if (line.length + piece.length > CEEOPTS_WIDTH && line.trim() !== '') {
        out.push(line);
        line = '  ';
      }
      if (line.length + piece.length > CEEOPTS_WIDTH) {
        diags.push(
          diagnostic(
            { code: LeCodes.syntax, message: `option ${o.name}: a suboption of ${s.length} characters does not fit a ${CEEOPTS_WIDTH}-column record` },
            { source: '<CEEOPTS>' },
          ),
        );
        return;
      }
      line += piece;
    });
    out.push(line);
  });
  return diags.length > 0 ? { diagnostics: diags } : { value: out, diagnostics: diags };
}
