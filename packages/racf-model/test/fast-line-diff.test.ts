/**
 * The single-line fast path (src/fast-line.ts) must give exactly what the general path (lexer →
 * tokens → items → operand builders) gives: the same commands (every field, spans, texts, secrets,
 * even the order of the fields) and the same diagnostics, for any deck. Decks here are built from a
 * grammar of the commands the fast path handles, written every way TSO allows, plus slightly broken
 * ones and arbitrary text; each deck is parsed with the fast path on (before and after the general
 * path has seen its command spellings) and off.
 */
import { fc, test } from '@fast-check/jest';
import { parseDeck } from '@ztwin/racf-model';
import { fastText, parseLineFast } from '../src/fast-line';
import { setLineFastPath } from '../src/parser';

/** The parse result as JSON text: fields in order, secrets revealed (so they are compared too). */
const json = (r: object): string => JSON.stringify(r, (_k, v: unknown) => (v !== null && typeof v === 'object' && 'reveal' in v && typeof v.reveal === 'function' ? `secret:${String(v.reveal())}` : v));

function parseWith(fast: boolean, text: string): string {
  setLineFastPath(fast);
  try {
    return json(parseDeck(text, { source: 'D' }));
  } finally {
    setLineFastPath(true);
  }
}

function expectSame(text: string): void {
  const cold = parseWith(true, text); // spellings the general path has not seen yet go to it
  const general = parseWith(false, text);
  const warm = parseWith(true, text);
  expect(JSON.parse(warm)).toEqual(JSON.parse(general));
  expect(warm).toBe(general);
  expect(cold).toBe(general);
}

// ---- a grammar of deck lines ---------------------------------------------------------------------
const sep = fc.constantFrom(' ', ' ', ' ', '  ', ',', ' , ', '\t', '\r', ' /* c */ ', ' -\n ', ' +\n ');
const inner = fc.constantFrom('', '', '', ' ', '  ', ',', '\t');
const name = fc.constantFrom('U1', 'u2', 'IBMUSER', 'G1', 'g2', 'X', '1', '12', '007', 'A.B', 'app1.res.*', 'APP1.RES2', 'Ünï', 'straße', 'µ', '\u0128', '\u{1F600}', 'a/b', 'a/*b', '*', '**', 'FACILITY', 'EJBROLE', 'ejbrole', 'DATASET', 'NONE', 'READ', 'read', 'USE', 'ALTER', 'ID');
const str = fc.constantFrom("'\u{1F600} \uDC00'", "'USER 1'", "'it''s'", "''", "''''", "'/u/U1'", "'a,b (c)'", "'x /* y */'", "'open", "'Ünï'", "'read'", "'12'", "'a''");
const val = fc.oneof(name, name, str);
const vals = fc.array(fc.tuple(inner, val), { maxLength: 3 }).map((a) => a.map(([s, v]) => s + v).join(' '));
const kwWord = fc.constantFrom(
  'DFLTGRP', 'dfltgrp', 'DFLTG', 'NAME', 'NA', 'OWNER', 'DATA', 'NODATA', 'PASSWORD', 'PHRASE', 'SPECIAL', 'NOSPECIAL', 'OPERATIONS', 'AUTHORITY', 'AUTH', 'UACC', 'uacc',
  'CLAUTH', 'OMVS', 'NOOMVS', 'TSO', 'WORKATTR', 'CSDATA', 'KERB', 'WHEN', 'GROUP', 'GR', 'REVOKE', 'RESUME', 'CLASS', 'CL', 'ID', 'ACCESS', 'ACC', 'FROM', 'FCLASS', 'RESET',
  'DELETE', 'GENERIC', 'VOLUME', 'SUPGROUP', 'TERMUACC', 'UNIVERSAL', 'CLASSACT', 'RACLIST', 'REFRESH', 'NOGENERIC', 'PROTECTALL', 'PREFIX', 'SESSIONINTERVAL', 'TERMINAL',
  'LEVEL', 'APPLDATA', 'ADDMEM', 'STDATA', 'NOTIFY', 'AUDIT', 'BOGUS', 'N', 'NO', 'R', 'LABEL', 'WITHLABEL', 'RING', 'ADDRING', 'CONNECT', 'LIST', 'NORACF', 'SIZE',
);
const subWord = fc.constantFrom('UID', 'uid', 'HOME', 'PROGRAM', 'GID', 'AUTOUID', 'SHARED', 'NOUID', 'PROC', 'SIZE', 'ACCTNUM', 'WANAME', 'DAYS', 'TIME', 'USER', 'TRUSTED', 'LABEL', 'BOGUS', 'U', 'X');
const subOperand = fc.oneof(
  fc.tuple(subWord, inner, inner, vals, inner).map(([k, a, b, v, c]) => `${k}${a}(${b}${v}${c})`),
  subWord,
  str,
  fc.constant('(X)'),
);
const segBody = fc.array(fc.tuple(inner, subOperand), { maxLength: 3 }).map((a) => a.map(([s, o]) => s + o).join(' '));
const operand = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(kwWord, inner, inner, vals, inner).map(([k, a, b, v, c]) => `${k}${a}(${b}${v}${c})`) },
  { weight: 3, arbitrary: fc.tuple(kwWord, inner, segBody, inner).map(([k, a, s, c]) => `${k}${a}(${s}${c})`) },
  { weight: 3, arbitrary: kwWord },
  { weight: 2, arbitrary: val },
  { weight: 1, arbitrary: fc.constantFrom('(', ')', '(X Y)', 'ID(U1)(U2)', 'NAME(A(1))', "ID('x'(y))", 'OMVS(UID(1) HOME', 'X(', '/**/') },
);
const command = fc.constantFrom(
  'ADDUSER', 'adduser', 'AU', 'ALTUSER', 'ALU', 'LISTUSER', 'LU', 'DELUSER', 'ADDGROUP', 'AG', 'ALTGROUP', 'LISTGRP', 'CONNECT', 'CO', 'REMOVE',
  'RDEFINE', 'RDEF', 'rdef', 'RALTER', 'RDELETE', 'RLIST', 'PERMIT', 'PE', 'ADDSD', 'AD', 'ALTDSD', 'LISTDSD', 'SETROPTS', 'SETR', 'SEARCH', 'RACDCERT', 'RVARY', 'ADDUSR', 'X',
);
const line = fc
  .tuple(fc.constantFrom('', '', '', ' ', '  ', ',', '\t'), command, fc.array(fc.tuple(sep, operand), { maxLength: 7 }), fc.constantFrom('', '', '', ' ', ',', '\r', ' -', ' +', '-', '/* c */'))
  .map(([lead, c, ops, tail]) => lead + c + ops.map(([s, o]) => s + o).join('') + tail);

// lines that are mostly valid commands (what the fast path is for), with each command's own operands
const plainSep = fc.constantFrom(' ', ' ', ' ', '  ', ',', ' , ', '\t');
const kw = (k: string, v: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(inner, inner, v, inner).map(([a, b, x, c]) => `${k}${a}(${b}${x}${c})`);
const num = fc.constantFrom('0', '7', '1007', '00', '123456789012345', '1234567890123456', 'x1');
const users = fc.array(name, { minLength: 1, maxLength: 3 }).map((a) => a.join(' '));
const segment = (k: string, subs: fc.Arbitrary<string>[]): fc.Arbitrary<string> =>
  fc.array(fc.oneof(...subs), { maxLength: 3 }).chain((a) => fc.tuple(inner, inner).map(([x, y]) => `${k}${x}(${a.join(' ')}${y})`));
const userKws = [
  kw('DFLTGRP', name), kw('DFLTG', name), kw('NAME', str), kw('OWNER', name), kw('DATA', fc.oneof(str, name)), fc.constantFrom('SPECIAL', 'NOSPECIAL', 'special', 'NODATA', 'NOOMVS', 'OMVS'),
  kw('AUTHORITY', fc.constantFrom('USE', 'use', 'JOIN', 'BAD', 'uſe', 'US')), kw('UACC', fc.constantFrom('READ', 'none', 'Alter', 'R')), kw('CLAUTH', users), kw('PASSWORD', fc.oneof(name, str)), kw('PHRASE', str),
  segment('OMVS', [kw('UID', num), kw('HOME', fc.oneof(str, name)), kw('PROGRAM', str), fc.constantFrom('AUTOUID', 'NOHOME', 'SHARED')]),
  segment('TSO', [kw('PROC', name), kw('SIZE', num), kw('ACCTNUM', name)]),
  segment('WHEN', [kw('DAYS', fc.constantFrom('MON TUE', 'weekdays', 'ANYDAY')), kw('TIME', name)]),
  segment('CSDATA', [kw('X', name)]),
];
const valid = fc.oneof(
  fc.tuple(fc.constantFrom('ADDUSER', 'AU', 'adduser', 'ALTUSER', 'ALU'), name, fc.array(fc.oneof(...userKws), { maxLength: 5 })).map(([c, u, k]) => [c, u, ...k]),
  fc.tuple(fc.constantFrom('ADDGROUP', 'AG', 'ALTGROUP'), name, fc.array(fc.oneof(kw('SUPGROUP', name), kw('OWNER', name), kw('DATA', str), segment('OMVS', [kw('GID', num), fc.constant('AUTOGID')]), fc.constantFrom('TERMUACC', 'NOTERMUACC', 'UNIVERSAL')), { maxLength: 4 })).map(([c, g, k]) => [c, g, ...k]),
  fc.tuple(fc.constantFrom('CONNECT', 'CO'), name, fc.array(fc.oneof(kw('GROUP', name), kw('GR', name), kw('AUTHORITY', fc.constantFrom('USE', 'CREATE', 'X')), kw('UACC', fc.constantFrom('READ', 'NONE')), kw('REVOKE', name), fc.constantFrom('REVOKE', 'SPECIAL', 'NORESUME')), { maxLength: 4 })).map(([c, u, k]) => [c, u, ...k]),
  fc.tuple(fc.constantFrom('RDEFINE', 'RDEF', 'RALTER', 'RDELETE', 'RLIST'), fc.constantFrom('FACILITY', 'facility', 'EJBROLE', 'STARTED', 'Xfac'), fc.oneof(name, str), fc.array(fc.oneof(kw('UACC', fc.constantFrom('NONE', 'READ')), kw('DATA', str), kw('OWNER', name), kw('APPLDATA', str), kw('FROM', name), kw('FCLASS', fc.constantFrom('EJBROLE', 'FACILITY')), kw('LEVEL', num), kw('ADDMEM', users), fc.constantFrom('WARNING', 'NOTIFY', 'GENERIC', 'NODATA'), segment('STDATA', [kw('USER', name), kw('GROUP', name), kw('TRUSTED', fc.constantFrom('YES', 'NO'))])), { maxLength: 4 })).map(([c, cl, p, k]) => [c, cl, p, ...k]),
  fc.tuple(fc.constantFrom('PERMIT', 'PE'), fc.oneof(name, str), fc.array(fc.oneof(kw('CLASS', fc.constantFrom('FACILITY', 'ejbrole', 'EJBROLE', 'DATASET')), kw('ID', users), kw('ACCESS', fc.constantFrom('READ', 'read', 'rEaD', 'UPDATE', 'NONE', 'RD', "'READ'", 'READS')), kw('FROM', name), kw('FCLASS', fc.constantFrom('EJBROLE', 'FACILITY')), kw('RESET', users), fc.constantFrom('DELETE', 'RESET', 'GENERIC'), segment('WHEN', [kw('PROGRAM', users), kw('CONSOLE', name)])), { maxLength: 4 })).map(([c, p, k]) => [c, p, ...k]),
  fc.tuple(fc.constantFrom('SETROPTS', 'SETR'), fc.array(fc.oneof(kw('CLASSACT', users), kw('RACLIST', users), kw('GENERIC', users), kw('NOGENERIC', users), kw('PROTECTALL', fc.constantFrom('FAIL', 'WARNING')), kw('SESSIONINTERVAL', num), kw('TERMINAL', fc.constantFrom('READ', 'NONE', 'X')), fc.constantFrom('REFRESH', 'LIST', 'PROTECTALL', 'NOPROTECTALL', 'GRPLIST'), segment('WHEN', [fc.constant('PROGRAM')])), { maxLength: 4 })).map(([c, k]) => [c, ...k]),
  fc.tuple(fc.constantFrom('LISTUSER', 'LU', 'LISTGRP', 'LG', 'LISTDSD'), fc.array(fc.oneof(name, fc.constantFrom('OMVS', 'NORACF', 'TSO', '*')), { maxLength: 3 })).map(([c, k]) => [c, ...k]),
  fc.tuple(fc.constantFrom('ADDSD', 'AD', 'ALTDSD', 'DELDSD'), fc.oneof(name, str), fc.array(fc.oneof(kw('UACC', fc.constantFrom('READ', 'NONE')), kw('OWNER', name), kw('FROM', fc.oneof(name, str)), kw('VOLUME', users), fc.constantFrom('GENERIC', 'SET', 'NOSET')), { maxLength: 3 })).map(([c, p, k]) => [c, p, ...k]),
  fc.tuple(fc.constantFrom('DELUSER', 'DELGROUP', 'REMOVE', 'SEARCH'), fc.array(fc.oneof(name, kw('GROUP', name), kw('CLASS', name), kw('MASK', name)), { maxLength: 3 })).map(([c, k]) => [c, ...k]),
).chain((words) => fc.array(plainSep, { minLength: words.length, maxLength: words.length }).map((seps) => words.map((w, i) => (i === 0 ? w : seps[i] + w)).join('')));

const deck = fc
  .array(fc.oneof({ weight: 10, arbitrary: valid }, { weight: 6, arbitrary: line }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: fc.constant('') }), { minLength: 1, maxLength: 5 })
  .map((ls) => ls.join('\n'));

test.prop([deck], { numRuns: Number(process.env.FAST_LINE_RUNS ?? 3000) })('fast path on and off give the same commands and diagnostics', (text) => {
  expectSame(text);
});

test.prop([fc.string({ maxLength: 80 })], { numRuns: 1000 })('arbitrary text parses the same with the fast path on and off', (text) => {
  expectSame(text);
});

test.prop([fc.array(fc.constantFrom('ADDUSER ', 'PERMIT ', 'A', 'b', ' ', '(', ')', "'", '/', '*', '-', '+', ',', '\n', '\r', '\t', '.', '1', 'ß'), { maxLength: 60 }).map((a) => a.join(''))], { numRuns: 1000 })(
  'odd characters parse the same with the fast path on and off',
  (text) => {
    expectSame(text);
  },
);

test('the grammar reaches the fast path (else the properties above would prove little)', () => {
  let lines = 0;
  let taken = 0;
  for (const text of fc.sample(deck, { numRuns: 400, seed: 7 })) {
    parseDeck(text); // the general path learns the command spellings
    let at = 0;
    for (const l of text.split('\n')) {
      lines++;
      if (parseLineFast(fastText(text), at, at + l.length, 1, at, 'D') !== null) taken++;
      at += l.length + 1;
    }
  }
  expect(taken / lines).toBeGreaterThan(0.15);
  expect(taken / lines).toBeLessThan(0.9);
});

describe('fast path', () => {
  const bench = [
    'ADDGROUP G7 OMVS(GID(1007))',
    'SETROPTS CLASSACT(FACILITY) GENERIC(FACILITY) RACLIST(FACILITY)',
    "ADDUSER U4 DFLTGRP(G4) NAME('USER 4') OMVS(UID(4) HOME('/u/U4'))",
    'CONNECT U4 GROUP(G11) AUTHORITY(USE)',
    "RDEFINE FACILITY APP6.RES6 UACC(NONE) DATA('resource 6')",
    'PERMIT APP6.RES6 CLASS(FACILITY) ID(U4) ACCESS(READ)',
    'SETROPTS RACLIST(FACILITY) REFRESH',
  ];

  test('takes every line of the bench deck once the general path has seen the command names', () => {
    const text = bench.join('\n');
    expectSame(text);
    let at = 0;
    bench.forEach((l, i) => {
      expect(parseLineFast(fastText(text), at, at + l.length, i + 1, at, 'D')).not.toBeNull();
      at += l.length + 1;
    });
  });

  test('leaves continued, commented, broken and RACDCERT lines to the general path', () => {
    parseDeck('RACDCERT LIST\nADDUSER X');
    for (const l of ['ADDUSER X NAME(', 'ADDUSER X /* c */', "ADDUSER X NAME('a", 'ADDUSER X SPECIAL SPECIAL', 'ADDUSER X BOGUS(1)', 'RACDCERT LIST', 'ADDUSER (X)', 'ADDUSER X CSDATA(A(1))']) {
      expect(parseLineFast(fastText(l), 0, l.length, 1, 0, 'D')).toBeNull();
    }
  });

  test('reads lines across unit-window borders, and lines longer than a window, as the general path does', () => {
    // the fast path reads a text through 65536-unit windows (src/unit-window.ts)
    const lines: string[] = [];
    for (let i = 0; lines.join('\n').length < 200_000; i++) {
      lines.push(i % 7 === 0 ? `ADDUSER U${i} NAME('${'x'.repeat(i % 300)}') OMVS(UID(${i}) HOME('/u/\u{1F600}\uD800é'))` : `PERMIT P.${i} CLASS(FACILITY) ID(U${i}) ACCESS(READ)`);
    }
    lines.splice(50, 0, `ADDUSER LONG DATA('${'y'.repeat(70_000)}')`);
    expectSame(lines.join('\n'));
    expect(parseDeck(lines.join('\n')).commands).toHaveLength(lines.length);
  });

  test('masks secrets in the text as the general path does', () => {
    const text = "ALTUSER U1 PASSWORD(S3CRET) PHRASE('a ''b'' c')\nALU u2 PHRASE('x')";
    expectSame(text);
    expect(parseWith(true, text)).not.toContain('S3CRET"');
    const r = parseDeck(text);
    expect(r.commands.map((c) => c.text)).toEqual(["ALTUSER U1 PASSWORD(******) PHRASE('*********')", "ALU u2 PHRASE('*')"]);
  });

  test('folds profile names as their class says (case-sensitive classes keep the case)', () => {
    const text = ['RDEFINE EJBROLE App.Role UACC(NONE)', 'RDEFINE facility app.x', "PERMIT 'App.Role' CLASS(EJBROLE) ID(u1) ACCESS(READ)", 'PERMIT app.x CLASS(facility) ID(U1)', "PERMIT 'sys1.x' ID(U1)", 'RDEFINE FACILITY A FROM(b) FCLASS(EJBROLE)', 'ADDSD x.y FROM(z.*)'].join('\n');
    expectSame(text);
    const r = parseDeck(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.commands.map((c) => ('profiles' in c ? c.profiles : null))).toEqual([['App.Role'], ['APP.X'], ['App.Role'], ['APP.X'], ["'SYS1.X'"], ['A'], ['X.Y']]);
    expect(r.commands.map((c) => ('from' in c ? c.from : null))).toEqual([null, null, null, null, null, 'b', 'Z.*']);
  });
});
