import { parseDeck, type Command, type RacdcertCommand } from '@ztwin/racf-model';

function one(text: string): Command {
  const r = parseDeck(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(r.commands).toHaveLength(1);
  const c = r.commands[0];
  if (c === undefined) throw new Error('no command');
  return c;
}
function codes(text: string): string[] {
  return parseDeck(text).diagnostics.map((d) => d.code);
}

describe('lexer rules', () => {
  test('- continuation keeps, + strips leading delimiters', () => {
    const a = one('ADDUSER USER1 -\n   NAME(BOB)');
    expect(a).toMatchObject({ kind: 'ADDUSER', userids: ['USER1'], name: 'BOB' });
    const b = one('ADDUSER USER1 +\n  ,, /* c */ NAME(BOB)');
    expect(b).toMatchObject({ userids: ['USER1'], name: 'BOB' });
    // a token continues across the break when no blank separates it
    const c = one('ADDUSER US-\nER1');
    expect(c).toMatchObject({ userids: ['USER1'] });
  });
  test('comments stand where a blank may', () => {
    expect(one('PERMIT/*x*/A.B CLASS(FACILITY)/* y */ID(U) ACCESS(READ)')).toMatchObject({ kind: 'PERMIT', profiles: ['A.B'], ids: ['U'] });
  });
  test('quotes with doubled quote keep case', () => {
    expect(one("ALTUSER X DATA('it''s Mixed')")).toMatchObject({ data: "it's Mixed" });
  });
  test('errors: unterminated quote, comment, continuation at end, parens', () => {
    expect(codes("ALU X DATA('abc")).toContain('ZTW-RACF-UNTERMINATED-QUOTE');
    expect(codes('ALU X /* abc')).toContain('ZTW-RACF-UNTERMINATED-COMMENT');
    expect(codes('ALU X -')).toContain('ZTW-RACF-CONTINUATION-EOF');
    expect(codes('ALU X -\n')).toContain('ZTW-RACF-CONTINUATION-EOF');
    expect(codes('ALU X NAME(A')).toContain('ZTW-RACF-UNBALANCED-PARENS');
    expect(codes('ALU X NAME(A))')).toContain('ZTW-RACF-UNBALANCED-PARENS');
  });
});

describe('parser rules', () => {
  test('aliases, case-insensitive keywords and unique-prefix abbreviation', () => {
    expect(one('pe irr.x cl(facility) acc(read) id(bob)')).toMatchObject({ kind: 'PERMIT', profiles: ['IRR.X'], class: 'FACILITY', access: 'READ', ids: ['BOB'] });
    expect(one('SETR CLASSACT(FACILITY)').kind).toBe('SETROPTS');
    expect(codes('ADDUSER X NO')).toContain('ZTW-RACF-AMBIGUOUS-KEYWORD');
  });
  test('bad values, unknown keywords and commands are diagnosed; other commands survive', () => {
    const r = parseDeck('RDEFINE FACILITY X UACC(SOMETIMES)\nFOO BAR\nADDUSER U1 BOGUS\nADDGROUP G1');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['IKJ56702I', 'IKJ56500I', 'IKJ56712I']);
    expect(r.commands.map((c) => c.kind)).toEqual(['ADDGROUP']);
    expect(r.diagnostics[0]).toMatchObject({ line: 1, column: 25 });
  });
  test('operands in any order give the same RACDCERT AST', () => {
    const a = one('RACDCERT ADDRING(Ring.One) ID(u1)') as RacdcertCommand;
    const b = one('racdcert id(U1) addring(Ring.One)') as RacdcertCommand;
    expect(a.owner).toEqual({ kind: 'ID', id: 'U1' });
    expect(a.function).toEqual(b.function);
    expect(a.function).toEqual({ function: 'ADDRING', ring: 'Ring.One' });
  });
  test('secrets are masked in text and never serialised', () => {
    const c = one("ADDUSER X PASSWORD('s3cret')");
    expect(c.text).not.toContain('s3cret');
    expect(JSON.stringify(c)).not.toContain('s3cret');
  });
  test('a malformed secret value is reported without quoting it', () => {
    for (const text of ['ADDUSER X PASSWORD(S3CRET(Q))', "ALU X PHRASE('pass phrase s3cret'(Q))", "RACDCERT ID(X) ADD('A.B') PASSWORD(S3CRET(Q))"]) {
      const r = parseDeck(text);
      expect(r.diagnostics.map((d) => d.code)).toContain('IKJ56702I');
      expect(JSON.stringify(r)).not.toMatch(/s3cret/i);
    }
    // a non-secret keyword still names the offending value
    expect(parseDeck('ADDUSER X NAME(BOB(Q))').diagnostics.map((d) => d.message)).toContain('INVALID NAME VALUE, BOB(...)');
  });
});

describe('conflicting keywords', () => {
  const warnings = (text: string): [string, string, number][] => parseDeck(text).diagnostics.map((d) => [d.code, d.message, d.column]);
  it('warns when a later keyword overrides another that sets the same field, per command and per segment', () => {
    expect(warnings('ALTUSER U1 SPECIAL NOSPECIAL')).toEqual([['ZTW-RACF-CONFLICTING-KEYWORDS', 'NOSPECIAL overrides SPECIAL given earlier in the same command', 20]]);
    expect(warnings('ALTUSER U1 OMVS(UID(1) NOUID) SPECIAL NOSPECIAL SPECIAL')).toEqual([
      ['ZTW-RACF-CONFLICTING-KEYWORDS', 'NOUID overrides UID given earlier in the same command', 24],
      ['ZTW-RACF-CONFLICTING-KEYWORDS', 'NOSPECIAL overrides SPECIAL given earlier in the same command', 39],
      ['ZTW-RACF-CONFLICTING-KEYWORDS', 'SPECIAL overrides NOSPECIAL given earlier in the same command', 49],
    ]);
  });
  it('does not warn for a repeated keyword, or for a segment keyword named like a command keyword', () => {
    expect(warnings('ALTUSER U1 OMVS(HOME(A) HOME(B)) NAME(X) NAME(Y) OMVS(UID(2))')).toEqual([]);
    expect(warnings('ALTUSER U1 NOSPECIAL OMVS(UID(1))\nALTUSER U2 SPECIAL OMVS(NOUID)')).toEqual([]);
  });
});
