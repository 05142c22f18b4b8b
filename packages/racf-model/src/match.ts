/**
 * RACF generic profile matching and "most specific" ordering.
 *
 * Generic characters (RACF Security Administrator's Guide, "Generic profile rules"):
 * `%` one character; `*` zero or more characters within a qualifier, or, as a whole qualifier,
 * exactly one qualifier; `**` zero or more qualifiers. In general resource classes a `*` that ends
 * the profile name matches the rest of the resource name (any characters, any qualifiers).
 * In DATASET, `**` needs SETROPTS EGN (checked when the profile is defined); without EGN a `*`
 * that is the whole last qualifier matches one or more qualifiers (the pre-EGN rule), with EGN
 * exactly one.
 */

function charMatch(p: string, pi: number, s: string, si: number, starCrossesDots: boolean): boolean {
  while (pi < p.length) {
    const c = p.charCodeAt(pi);
    if (c === 42 /* * */) {
      const last = pi === p.length - 1;
      for (let k = si; k <= s.length; k++) {
        if (charMatch(p, pi + 1, s, k, starCrossesDots)) return true;
        if (k < s.length && s.charCodeAt(k) === 46 && !(last && starCrossesDots)) return false;
      }
      return false;
    }
    if (si >= s.length) return false;
    const sc = s.charCodeAt(si);
    if (c === 37 /* % */) {
      if (sc === 46) return false;
    } else if (c !== sc) return false;
    pi++;
    si++;
  }
  return si === s.length;
}

function qualMatch(P: readonly string[], pi: number, N: readonly string[], ni: number, dataset: boolean, egn = true): boolean {
  if (pi === P.length) return ni === N.length;
  const q = P[pi] ?? '';
  if (dataset && !egn && q === '*' && pi === P.length - 1) return ni < N.length;
  if (q === '**') {
    for (let k = ni; k <= N.length; k++) if (qualMatch(P, pi + 1, N, k, dataset, egn)) return true;
    return false;
  }
  if (!dataset && pi === P.length - 1 && q.endsWith('*')) {
    if (ni >= N.length) return false;
    return charMatch(q, 0, N.slice(ni).join('.'), 0, true);
  }
  const n = N[ni];
  if (n === undefined) return false;
  if (q === '*') return qualMatch(P, pi + 1, N, ni + 1, dataset, egn);
  if (!charMatch(q, 0, n, 0, false)) return false;
  return qualMatch(P, pi + 1, N, ni + 1, dataset, egn);
}

/** `genericMatches` on names already split into qualifiers (a profile's pattern is split once). */
export function genericMatchesQualifiers(pattern: readonly string[], name: readonly string[], dataset: boolean, egn = true): boolean {
  return qualMatch(pattern, 0, name, 0, dataset, egn);
}

/** Does generic profile `pattern` cover resource `name`? Both upper-case as stored. */
export function genericMatches(pattern: string, name: string, dataset: boolean, egn = true): boolean {
  return qualMatch(pattern.split('.'), 0, name.split('.'), 0, dataset, egn);
}

function rank(c: number): number {
  return c === 42 ? 2 : c === 37 ? 1 : 0;
}
/**
 * Order generic names most specific first: position by position a literal character beats `%`,
 * which beats `*`; when one name is a prefix of the other the longer one is more specific.
 */
export function compareSpecificity(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const d = rank(ca) - rank(cb);
    if (d !== 0) return d;
    return ca - cb;
  }
  return b.length - a.length;
}
