/**
 * The package's public surface is its documented API, not every module's helpers: every value the
 * README's API table and docs/guides/attls-policy.md name is exported, and the internal helpers
 * are not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '@ztwin/attls-policy';

const exported = new Set(Object.keys(api));
const read = (...p: string[]): string => readFileSync(join(__dirname, ...p), 'utf8');

/** Backticked identifiers that start a call or stand alone (`check(...)`, `RuleMatcher`). */
function namesIn(md: string): string[] {
  return [...md.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)(?=[`(])/g)].map((m) => m[1] ?? '');
}

test('every value the README API table names is exported', () => {
  const readme = read('..', 'README.md');
  const table = readme.slice(readme.indexOf('## API'), readme.indexOf('## Facts'));
  // the first column of each row: the exports (values start lower case or are CONSTANTS/codecs)
  const firstColumns = table
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split('|')[1] ?? '');
  const names = firstColumns.flatMap(namesIn);
  expect(names.length).toBeGreaterThan(20);
  // types (interfaces) have no runtime value; everything else must be there
  const types = new Set(['KeyringFacts', 'TTLSRule', 'TTLSEnvironmentAction']);
  expect(names.filter((n) => !types.has(n) && !exported.has(n))).toEqual([]);
});

test('what the guide calls from the package is exported', () => {
  const guide = read('..', '..', '..', 'docs', 'guides', 'attls-policy.md');
  const imported = [...guide.matchAll(/import \{([^}]*)\} from '@ztwin\/attls-policy'/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((s) => s.trim().replace(/^type\s+/, ''))
      .filter((s) => s !== ''),
  );
  expect(imported.length).toBeGreaterThan(0);
  for (const n of imported) if (/^[a-z]/.test(n)) expect(exported).toContain(n);
});

test('internal helpers are not part of the public API', () => {
  for (const n of ['addrMatches', 'portMatches', 'nameMatches', 'timeMatches', 'parseTimeRange', 'parseTimeOfDay', 'parseIPv4', 'parseIPv6', 'formatIPv4', 'formatIPv6', 'inRange', 'rangeContains', 'mismatch', 'settingsOf', 'dedupe', 'protectSecret', 'isSecretParam', 'MASK', 'VALUE_COLUMN', 'unrenderableName', 'releaseIndex', 'statementsWithParam', 'subTarget', 'ALL_PARAM_NAMES', 'V2_CIPHER_CODES', 'subStatement', 'subStatements'])
    expect(exported).not.toContain(n);
});

test('the public shapes keep their io-ts codecs', () => {
  for (const codec of [api.MatchResult, api.MatchedRule, api.SkippedRule, api.Connection, api.EffectiveActions, api.PolicyJSON, api.StatementJSON, api.ParamJSON]) expect(typeof codec.is).toBe('function');
});
