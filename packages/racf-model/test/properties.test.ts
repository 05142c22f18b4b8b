import { test, fc } from '@fast-check/jest';
import { seededRandom } from '@ztwin/core';
import { applyDeck, createState, parseDeck, renderCommand, renderState, serializeState, type Command } from '@ztwin/racf-model';

const strip = (c: Command): unknown => {
  const { span: _s, text: _t, ...rest } = c;
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (v !== null && typeof v === 'object' && 'reveal' in v && typeof v.reveal === 'function' ? `secret:${String(v.reveal())}` : v)));
};

// text made of the characters that matter to the lexer
const deckChar = fc.constantFrom('A', 'b', ' ', '(', ')', "'", '/', '*', '-', '+', ',', '\n', '.', '1', 'X');
const deckText = fc.oneof(fc.string(), fc.array(deckChar, { maxLength: 200 }).map((a) => a.join('')));

test.prop([deckText])('parseDeck never throws and keeps spans and diagnostics inside the input', (text) => {
  const r = parseDeck(text);
  const lines = text.split('\n').length;
  for (const c of r.commands) {
    expect(c.span.start.offset).toBeGreaterThanOrEqual(0);
    expect(c.span.end.offset).toBeLessThanOrEqual(text.length);
    expect(c.span.start.offset).toBeLessThanOrEqual(c.span.end.offset);
  }
  for (const d of r.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines);
  }
});

const commandName = fc.constantFrom('ADDUSER', 'ALU', 'PERMIT', 'RDEFINE', 'RACDCERT', 'SETROPTS', 'ADDSD', 'CONNECT', 'SEARCH', 'RLIST', 'LU');
const operandChar = fc.constantFrom('A', 'ID', 'CONNECT', 'LABEL', 'OMVS', 'UID', '(', ')', "'", ' ', '*', '.', '1', 'WHEN', 'PROGRAM', 'GENCERT', 'SUBJECTSDN', 'CN', '-\n', '+\n');
test.prop([commandName, fc.array(operandChar, { maxLength: 40 })])('known commands with arbitrary operands never throw; apply never throws', (name, ops) => {
  const text = `${name} ${ops.join('')}`;
  const r = parseDeck(text);
  for (const c of r.commands) {
    expect(c.span.end.offset).toBeLessThanOrEqual(text.length);
    expect(() => renderCommand(c)).not.toThrow();
  }
  expect(() => applyDeck(createState(), r.commands)).not.toThrow();
});

const id = fc.stringMatching(/^[A-Z][A-Z0-9]{0,7}$/);
const value = fc.string({ maxLength: 20 }).filter((s) => !s.includes('\n') && !s.includes('\r'));
const access = fc.constantFrom('NONE', 'READ', 'UPDATE', 'CONTROL', 'ALTER');
const commandText = fc.oneof(
  fc.tuple(id, value, fc.boolean()).map(([u, n, sp]) => `ADDUSER ${u} NAME('${n.replace(/'/g, "''")}')${sp ? ' SPECIAL' : ''}`),
  fc.tuple(id, fc.nat(99999)).map(([g, gid]) => `ADDGROUP ${g} OMVS(GID(${gid}))`),
  fc.tuple(id, id, access).map(([p, u, a]) => `PERMIT ${p}.X CLASS(FACILITY) ID(${u}) ACCESS(${a})`),
  fc.tuple(id, value, access).map(([p, d, a]) => `RDEFINE FACILITY ${p}.* UACC(${a}) DATA('${d.replace(/'/g, "''")}')`),
  fc.tuple(id, value).map(([u, l]) => `RACDCERT ID(${u}) CONNECT(LABEL('${l.replace(/'/g, "''")}') RING(R.${u}) CERTAUTH USAGE(CERTAUTH))`),
  fc.constantFrom('SETROPTS CLASSACT(FACILITY) GENERIC(FACILITY)', 'SETR RACLIST(FACILITY) REFRESH', 'SETROPTS GRPLIST NOEGN'),
);

test.prop([commandText])('render -> parse -> render is stable and keeps the AST', (text) => {
  const p = parseDeck(text);
  expect(p.diagnostics).toEqual([]);
  const c = p.commands[0] as Command;
  const r1 = renderCommand(c);
  const back = parseDeck(r1);
  expect(back.diagnostics).toEqual([]);
  expect(strip(back.commands[0] as Command)).toEqual(strip(c));
  expect(renderCommand(back.commands[0] as Command)).toBe(r1);
});

test.prop([fc.array(commandText, { maxLength: 25 })], { numRuns: 60 })('apply(renderState(s)) reproduces s', (lines) => {
  const random = seededRandom(1);
  const s = applyDeck(createState(), `SETROPTS GENERIC(FACILITY)\n${lines.join('\n')}\nSETR RACLIST(FACILITY) REFRESH`, { random }).state;
  const again = applyDeck(createState(), renderState(s), { random }).state;
  expect(serializeState(again)).toEqual(serializeState(s));
});

// a password or phrase, however malformed its operand, never reaches a diagnostic, a command's text or its JSON
const secretShape = fc.constantFrom('(S)', '(S S)', "('S')", '(S(X))', '((S))', "('S'(X))", '(S', "('S", '(S -\n S)', '(S)(S)', '(S,S)');
test.prop([fc.constantFrom('ADDUSER U1', 'ALTUSER U1', "RACDCERT ID(U1) ADD('A.B')", "RACDCERT CHECKCERT('A.B')"), fc.constantFrom('PASSWORD', 'PHRASE', 'PASS'), secretShape])(
  'secrets never reach diagnostics, text or JSON',
  (head, kw, shape) => {
    const text = `${head} ${kw}${shape.replace(/S/g, 'Zq9SecretValue')}`;
    const r = parseDeck(text);
    const applied = applyDeck(createState(), r.commands);
    const seen = JSON.stringify([r, r.commands.map((c) => c.text), applied.diagnostics, serializeState(applied.state)]);
    expect(seen).not.toContain('Zq9SecretValue');
  },
);
