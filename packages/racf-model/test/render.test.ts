import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { seededRandom } from '@ztwin/core';
import { isLeft, isRight } from 'fp-ts/Either';
import {
  applyDeck,
  checkAccess,
  createState,
  deserializeState,
  diffStates,
  getUser,
  verifyPassword,
  parseDeck,
  renderCommand,
  renderCommandChecked,
  renderState,
  serializeState,
  type Command,
  type RacfState,
} from '@ztwin/racf-model';

const fixture = readFileSync(join(__dirname, 'fixtures', 'product-security.racf'), 'utf8');
const random = seededRandom(11);

/** State JSON without what decks cannot carry (password hashes, expiry flags). */
function comparable(s: RacfState): unknown {
  const j = serializeState(s);
  return { ...j, users: j.users.map(({ passwordRedacted: _a, phraseRedacted: _b, passwordExpired: _c, ...u }) => u) };
}
function strip(c: Command): unknown {
  const { span: _s, text: _t, ...rest } = c;
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (v !== null && typeof v === 'object' && 'reveal' in v && typeof v.reveal === 'function' ? `secret:${String(v.reveal())}` : v)));
}

describe('renderCommand', () => {
  const commands = parseDeck(fixture).commands;
  test.each(commands.map((c) => ({ c, t: c.text.split('\n')[0] ?? '' })))('parse(render($t)) == ast', ({ c }) => {
    const text = renderCommand(c);
    const back = parseDeck(text);
    expect(back.diagnostics).toEqual([]);
    expect(back.commands.map(strip)).toEqual([strip(c)]);
    expect(renderCommand(back.commands[0] as Command)).toBe(text);
  });
  test('values are quoted so they read back identically', () => {
    const c = parseDeck("ALTUSER U NAME('O''Brien, Ann') DATA('a /* not a comment */ b') OMVS(HOME('/u/a b'))").commands[0] as Command;
    const text = renderCommand(c);
    expect(text).toBe("ALTUSER U NAME('O''Brien, Ann') DATA('a /* not a comment */ b') OMVS(HOME('/u/a b'))");
    expect(strip(parseDeck(text).commands[0] as Command)).toEqual(strip(c));
  });
  test('a value with a line break is refused with a diagnostic', () => {
    const c = parseDeck('ALTUSER U NAME(X)').commands[0] as Command;
    const bad = { ...c, name: 'a\nb' } as Command;
    expect(renderCommandChecked(bad).diagnostics.map((d) => d.code)).toEqual(['ZTW-RACF-UNRENDERABLE']);
  });
  test('RACDCERT functions render canonically (seed deck forms)', () => {
    const deck = [
      "racdcert id(libserv) gencert subjectsdn(cn('zCEE Client Cert') ou('ATS') o('IBM')) withlabel('zCEE Client Cert') signwith(certauth label('zCEE CA')) notafter(date(2022/12/31))",
      "racdcert id(libserv) connect(ring(zCEE.KeyRing) label('zCEE CA') certauth usage(certauth))",
      "RACDCERT ID(USER1) CONNECT(LABEL('USER1') RING(Liberty.KeyRing) DEFAULT)",
      "racdcert id(USER1) withlabel('USER1') add('USER1.USER1.P12') password('secret')",
      "RACDCERT CERTAUTH EXPORT(LABEL('Liberty CA')) DSN('USER1.CA.PEM') FORMAT(CERTB64)",
      'RACDCERT ID(U) LISTRING(*)',
      "RACDCERT SITE DELETE(LABEL('x'))",
      "RACDCERT ID(U) REMOVE(RING(R1) LABEL('L') CERTAUTH)",
    ];
    const rendered = deck.map((t) => renderCommand(parseDeck(t).commands[0] as Command));
    expect(rendered[0]).toBe("RACDCERT ID(LIBSERV) GENCERT WITHLABEL('zCEE Client Cert') SUBJECTSDN(CN('zCEE Client Cert') OU(ATS) O(IBM)) NOTAFTER(DATE(2022-12-31)) SIGNWITH(CERTAUTH LABEL('zCEE CA'))");
    expect(rendered[1]).toBe("RACDCERT ID(LIBSERV) CONNECT(CERTAUTH LABEL('zCEE CA') RING(zCEE.KeyRing) USAGE(CERTAUTH))");
    expect(rendered[3]).toBe("RACDCERT ID(USER1) ADD('USER1.USER1.P12') WITHLABEL(USER1) PASSWORD('secret')");
    for (const [i, t] of deck.entries()) {
      const again = parseDeck(rendered[i] ?? '');
      expect(again.diagnostics).toEqual([]);
      expect(strip(again.commands[0] as Command)).toEqual(strip(parseDeck(t).commands[0] as Command));
    }
  });
});

describe('renderState / diffStates', () => {
  const s = applyDeck(createState(), fixture, { random }).state;
  test('apply(renderState(s)) reproduces s (passwords excepted, as documented)', () => {
    const deck = renderState(s);
    expect(deck).toContain('passwords are not carried');
    const r = applyDeck(createState(), deck, { random });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(comparable(r.state)).toEqual(comparable(s));
  });
  test('diffStates turns a into b, including removals', () => {
    const b = applyDeck(s, "RDELETE FACILITY BPX.DAEMON\nPERMIT BPX.SERVER CLASS(FACILITY) DELETE ID(ZAPPSTC)\nDELUSER PUBLIC1\nALTUSER OPER1 NOOMVS SPECIAL\nADDGROUP NEWG OMVS(GID(9))\nCONNECT AUDIT1 GROUP(NEWG)\nSETROPTS GRPLIST RACLIST(FACILITY) REFRESH", { random }).state;
    const cmds = diffStates(s, b);
    const r = applyDeck(s, cmds.join('\n'), { random });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(comparable(r.state)).toEqual(comparable(b));
    expect(diffStates(b, b)).toEqual([]);
    expect(checkAccess(r.state, { user: 'ZAPPSTC', class: 'FACILITY', resource: 'BPX.SERVER', access: 'UPDATE' }).decision).toBe('denied');
  });
});

describe('serializeState / deserializeState', () => {
  const s = applyDeck(createState(), `${fixture}\nALTUSER OPER1 PHRASE('the long phrase')\nRDEFINE FACILITY PENDING.CHANGE`, { random }).state;
  test('round trip with secrets keeps password hashes and pending RACLIST changes', () => {
    const j = JSON.parse(JSON.stringify(serializeState(s, { includeSecrets: true }))) as unknown;
    const back = deserializeState(j);
    expect(isRight(back)).toBe(true);
    if (isRight(back)) {
      expect(serializeState(back.right, { includeSecrets: true })).toEqual(serializeState(s, { includeSecrets: true }));
      expect(checkAccess(back.right, { user: 'IBMUSER', class: 'FACILITY', resource: 'PENDING.CHANGE', access: 'READ' }).decision).toBe('denied');
    }
  });
  test('default serialisation and toJSON carry no secrets', () => {
    const text = JSON.stringify(s);
    expect(text).toContain('"passwordRedacted":true');
    expect(text).not.toMatch(/"hash"|"salt"/);
    expect(JSON.stringify(serializeState(s))).toBe(text);
  });
  test('a user record holding hashes prints them as <redacted>; only includeSecrets writes them', () => {
    const secretFields = /"hash"|"salt"|pbkdf2/;
    const withSecrets = serializeState(s, { includeSecrets: true });
    expect(JSON.stringify(withSecrets)).toMatch(secretFields);
    const back = deserializeState(JSON.parse(JSON.stringify(withSecrets)));
    if (isLeft(back)) throw new Error('state did not read back');
    for (const st of [s, back.right]) {
      const oper1 = getUser(st, 'OPER1');
      expect(oper1?.phrase).not.toBeNull();
      expect(JSON.stringify(oper1)).not.toMatch(secretFields);
      expect(JSON.stringify(oper1)).toContain('"phrase":"<redacted>"');
      expect(inspect(oper1, { depth: 5 })).not.toMatch(/hash|salt/);
      expect(verifyPassword(st, 'OPER1', 'the long phrase')).toBe('ok');
      expect(verifyPassword(st, 'OPER1', 'the wrong phrase')).toBe('invalid-password');
    }
    expect(serializeState(back.right, { includeSecrets: true })).toEqual(withSecrets);
  });
  test('diffStates still sees a changed password (hashes compared by value, not by their JSON)', () => {
    const changed = applyDeck(s, "ALTUSER OPER1 PHRASE('another long phrase')", { random }).state;
    expect(diffStates(s, changed)).toEqual(['/* ztwin: passwords are not carried by decks; set them again for: OPER1 */']);
    expect(diffStates(s, s)).toEqual([]);
  });
  test('a bad secret in a state file is not quoted in the diagnostic', () => {
    const j = JSON.parse(JSON.stringify(serializeState(s, { includeSecrets: true }))) as { users: { id: string; phrase: unknown }[] };
    for (const u of j.users) if (u.id === 'OPER1') u.phrase = 'clear text phrase S3CRET';
    const r = deserializeState(j);
    if (!isLeft(r)) throw new Error('a phrase given as text was accepted');
    expect(r.left.map((d) => d.code)).toContain('ZTW-STATE-INVALID');
    expect(JSON.stringify(r.left)).not.toContain('S3CRET');
  });
  test('bad JSON gives diagnostics, not exceptions', () => {
    const r = deserializeState({ format: 'ztwin-racf-state', version: 1, users: [{ id: 1 }] });
    expect(isLeft(r)).toBe(true);
    if (isLeft(r)) expect(r.left[0]?.code).toBe('ZTW-STATE-INVALID');
  });
});
