/**
 * The parser builds the common `KEYWORD(value)` operand directly from the tokens (fast path) and
 * everything else through the general token → item stack. Both must give the same ASTs (spans and
 * texts included) and the same diagnostics, for the bench's commands written every way TSO allows:
 * odd spacing, commas, comments, continuations (`-` and `+`), quotes, abbreviations, unbalanced or
 * nested parentheses.
 */
import { fc, test } from '@fast-check/jest';
import { parseDeck } from '@ztwin/racf-model';
import { setLineFastPath, setOperandFastPath } from '../src/parser';

const plain = (r: object): unknown =>
  JSON.parse(JSON.stringify(r, (_k, v: unknown) => (v !== null && typeof v === 'object' && 'reveal' in v && typeof v.reveal === 'function' ? `secret:${String(v.reveal())}` : v)));

// the single-line fast path (fast-line.ts, its own differential test) is off here: it would take
// most one-line commands before the operand builder sees them
function both(text: string): [unknown, unknown] {
  setLineFastPath(false);
  setOperandFastPath(false);
  try {
    const general = plain(parseDeck(text, { source: 'D' }));
    setOperandFastPath(true);
    return [plain(parseDeck(text, { source: 'D' })), general];
  } finally {
    setOperandFastPath(true);
    setLineFastPath(true);
  }
}

// separators: blanks, commas, comments, continuations
const sep = fc.constantFrom(' ', '  ', ',', ' , ', '\t', ' /* c */ ', '/**/', ' -\n ', ' +\n   ', '-\n', '+\n/* x */ ');
// what may stand between a keyword and its '(' or inside the parentheses
const tight = fc.constantFrom('', '', '', ' ', '/* c */', '-\n', '+\n  ');
const word = fc.constantFrom('U1', 'g2', 'IBMUSER', 'APP1.RES22', 'APP12.res.*', 'X', '1', 'Q');
const quoted = fc.constantFrom("'USER 1'", "'it''s'", "''", "'/u/U1'", "'a -\n b'", "'open");
const value = fc.oneof(word, quoted, word.map((w) => `${w} ${w}`), word.map((w) => `(${w})`), fc.constant(''));
const keyword = fc.constantFrom('DFLTGRP', 'DFLTG', 'NAME', 'NA', 'OMVS', 'UID', 'HOME', 'GROUP', 'GR', 'AUTHORITY', 'AUTH', 'UACC', 'DATA', 'CLASS', 'CL', 'ID', 'ACCESS', 'ACC', 'GENERIC', 'RACLIST', 'CLASSACT', 'REFRESH', 'SPECIAL', 'BOGUS', 'PASSWORD', 'OMVS(UID(1) HOME', 'WHEN(PROGRAM');
const operand = fc.oneof(
  fc.tuple(keyword, tight, tight, value, tight).map(([k, a, b, v, c]) => `${k}${a}(${b}${v}${c})`),
  keyword,
  word,
  quoted,
  fc.constantFrom('(', ')', '))', 'OMVS(UID(7) HOME(\'/u\'))', 'WHEN(PROGRAM(P1))', 'ID(U1 U2)'),
);
const command = fc
  .tuple(fc.constantFrom('ADDUSER', 'AU', 'adduser', 'ADDGROUP', 'AG', 'CONNECT', 'CO', 'RDEFINE', 'RDEF', 'PERMIT', 'PE', 'SETROPTS', 'SETR', 'ALTUSER', 'RACDCERT'), fc.array(fc.tuple(sep, operand), { maxLength: 8 }))
  .map(([name, ops]) => name + ops.map(([s, o]) => s + o).join(''));
const deck = fc.array(command, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('\n'));

test.prop([deck], { numRuns: 1500 })('fast path and general path give the same commands and diagnostics', (text) => {
  const [fast, general] = both(text);
  expect(fast).toEqual(general);
});

test('the bench commands parse the same both ways', () => {
  const text = [
    "ADDUSER U4 DFLTGRP(G4) NAME('USER 4') OMVS(UID(4) HOME('/u/U4'))",
    'CONNECT U4 GROUP(G11) AUTHORITY(USE)',
    "RDEFINE FACILITY APP6.RES6 UACC(NONE) DATA('resource 6')",
    'PERMIT APP6.RES6 CLASS(FACILITY) ID(U4) ACCESS(READ)',
    'SETROPTS RACLIST(FACILITY) REFRESH',
  ].join('\n');
  const [fast, general] = both(text);
  expect(fast).toEqual(general);
  expect((fast as { commands: unknown[] }).commands).toHaveLength(5);
});
