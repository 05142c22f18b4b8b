/**
 * Value conversions and per-command finishing shared by the general parser (parser.ts) and the
 * single-line fast path (fast-line.ts): one definition, so both build the same ASTs.
 */
import type { CommandName } from './schema';

type Rec = Record<string, unknown>;

/** Classes whose profile names are case-sensitive (CDT CASE(ASIS)); others are upper-cased. */
export const CASE_SENSITIVE_CLASSES: ReadonlySet<string> = new Set(['EJBROLE', 'GEJBROLE', 'KERBLINK', 'IDIDMAP', 'ZMFAPLA', 'RDATALIB']);

/** A decimal number of up to 15 digits (RACF numbers are small); null when not all digits. */
export function parseDecimal(s: string): number | null {
  if (s.length === 0 || s.length > 15) return null;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return n;
}

/** TSO data-set-name form: quoted names keep their quotes (fully qualified). Upper-cased. */
export function dsnForm(text: string, quoted: boolean): string {
  return quoted ? `'${text.toUpperCase()}'` : text.toUpperCase();
}

/** The command text with the characters of secret values ([start, end) offsets into the deck) masked. */
export function maskSecrets(s: string, base: number, secrets: readonly [number, number][]): string {
  if (secrets.length === 0) return s;
  let r = s;
  for (const [a, b] of secrets) {
    const from = a - base;
    const to = b - base;
    if (from >= 0 && to <= r.length && to > from) r = r.slice(0, from) + '*'.repeat(to - from) + r.slice(to);
  }
  return r;
}

/**
 * Case folding of profile names once the class is known, for every command but RACDCERT.
 * `rawProfiles` is PERMIT's profile positional as written (PERMIT names its class only in CLASS(...)
 * after the profile).
 */
export function finishProfiles(kind: CommandName, rec: Rec, rawProfiles: readonly { readonly text: string }[] | null): Rec {
  switch (kind) {
    case 'RDEFINE':
    case 'RALTER':
    case 'RDELETE':
    case 'RLIST': {
      const cls = typeof rec['class'] === 'string' ? rec['class'] : '';
      const profiles = Array.isArray(rec['profiles']) ? (rec['profiles'] as string[]) : [];
      rec['profiles'] = CASE_SENSITIVE_CLASSES.has(cls) ? profiles : profiles.map((p) => p.toUpperCase());
      if (kind === 'RDEFINE') foldFrom(rec, cls);
      return rec;
    }
    case 'PERMIT': {
      const cls = typeof rec['class'] === 'string' ? rec['class'] : 'DATASET';
      if (cls !== 'DATASET') {
        // A resource name is one name whether or not it was quoted. In a case-sensitive class
        // (CDT CASE(ASIS), e.g. EJBROLE) it keeps its case: the positional was read before
        // CLASS(...) told which class it is, so take it from the operand as written.
        const raw = rawProfiles ?? [];
        rec['profiles'] = CASE_SENSITIVE_CLASSES.has(cls) ? raw.map((it) => it.text) : raw.map((it) => it.text.toUpperCase());
      }
      foldFrom(rec, cls);
      return rec;
    }
    case 'ADDSD':
      foldFrom(rec, 'DATASET');
      return rec;
    default:
      return rec;
  }
}

/** FROM(profile) names a profile of FCLASS (default: the command's class); fold it as that class does. */
export function foldFrom(rec: Rec, cls: string): void {
  const from = rec['from'];
  if (typeof from !== 'string') return;
  const fcls = typeof rec['fclass'] === 'string' ? rec['fclass'] : cls;
  if (!CASE_SENSITIVE_CLASSES.has(fcls)) rec['from'] = from.toUpperCase();
}
