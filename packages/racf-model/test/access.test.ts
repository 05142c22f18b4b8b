import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '@ztwin/core';
import { isLeft, isRight } from 'fp-ts/Either';
import { AccessDecision, applyDeck, checkAccess, createState, type AccessLevel, type RacfState } from '@ztwin/racf-model';

const deckText = readFileSync(join(__dirname, 'fixtures', 'product-security.racf'), 'utf8');

function loadDeck(): { state: RacfState; codes: string[] } {
  const r = applyDeck(createState(), deckText, { random: seededRandom(3), source: 'product-security.racf' });
  return { state: r.state, codes: r.diagnostics.map((d) => `${d.line}:${d.code}`) };
}

describe('a product security deck', () => {
  const { state, codes } = loadDeck();
  test('only the deliberate error (** before SETROPTS EGN) is reported', () => {
    expect(codes).toEqual([expect.stringMatching(/^\d+:ZTW-RACF-INVALID-PROFILE$/)]);
  });

  const table: [string, string, string, AccessLevel, AccessDecision['decision'], string | null, Record<string, string>?][] = [
    // user, class, resource, access, decision, profile
    ['ZAPPSTC', 'FACILITY', 'BPX.SERVER', 'UPDATE', 'allowed', 'BPX.SERVER'],
    ['ZAPPSTC', 'FACILITY', 'BPX.SERVER', 'CONTROL', 'denied', 'BPX.SERVER'],
    ['OPER1', 'FACILITY', 'BPX.SERVER', 'READ', 'denied', 'BPX.SERVER'],
    // SPECIAL does not bypass resource checks
    ['IBMUSER', 'FACILITY', 'BPX.DAEMON', 'READ', 'allowed', 'BPX.DAEMON'], // IBMUSER created it: ALTER via ADDCREATOR
    ['AUDIT1', 'FACILITY', 'BPX.DAEMON', 'READ', 'denied', 'BPX.DAEMON'],
    // generic: ZAPP.** with WARNING, group entry via the default group
    ['ZAPPSTC', 'FACILITY', 'ZAPP.ADMIN.CMD', 'CONTROL', 'allowed', 'ZAPP.**'],
    ['AUDIT1', 'FACILITY', 'ZAPP.ADMIN.CMD', 'READ', 'warning', 'ZAPP.**'],
    // more specific generic wins; group entry NONE decides even though ID(*) has READ
    ['OPER1', 'FACILITY', 'ZAPP.SECRET.KEY', 'READ', 'denied', 'ZAPP.SECRET.*'],
    ['AUDIT1', 'FACILITY', 'ZAPP.SECRET.KEY', 'READ', 'allowed', 'ZAPP.SECRET.*'],
    // RESTRICTED users skip ID(*) and UACC
    // ZAPPXMEM's group ZAPPADM is not on ZAPP.SECRET.*'s list; ID(*) READ would allow others
    ['ZAPPXMEM', 'FACILITY', 'ZAPP.SECRET.KEY', 'READ', 'denied', 'ZAPP.SECRET.*'],
    ['PUBLIC1', 'APPL', 'ZAPPAPPL', 'READ', 'denied', 'ZAPPAPPL'],
    ['OPER1', 'APPL', 'ZAPPAPPL', 'READ', 'allowed', 'ZAPPAPPL'],
    // SURROGAT generic with leading *
    ['ZAPPSTC', 'SURROGAT', 'BPX.SRV.OPER1', 'READ', 'allowed', 'BPX.SRV.*'],
    ['OPER1', 'SURROGAT', 'ANYONE.ZAPPSTC', 'READ', 'denied', '*.ZAPPSTC'],
    // conditional access list
    ['OPER1', 'FACILITY', 'ZAPPX.VAULT', 'READ', 'denied', 'ZAPPX.VAULT'],
    ['OPER1', 'FACILITY', 'ZAPPX.VAULT', 'READ', 'allowed', 'ZAPPX.VAULT', { program: 'ZAPPMAIN' }],
    // data sets: EGN **, more specific generic, own HLQ
    ['ZAPPSTC', 'DATASET', 'ZAPPADM.PARMS.X', 'ALTER', 'allowed', 'ZAPPADM.**'],
    ['AUDIT1', 'DATASET', 'ZAPPADM.LOAD.LIB', 'READ', 'allowed', 'ZAPPADM.LOAD.*'],
    ['AUDIT1', 'DATASET', 'ZAPPADM.PARMS', 'READ', 'denied', 'ZAPPADM.**'],
    ['OPER1', 'DATASET', 'OPER1.ANY.DATA', 'ALTER', 'allowed', null],
    // IBMUSER has OPERATIONS: data sets allowed
    ['IBMUSER', 'DATASET', 'ZAPPADM.PARMS', 'ALTER', 'allowed', 'ZAPPADM.**'],
    // inactive class and undefined user
    ['OPER1', 'XFACILIT', 'ANY', 'READ', 'class-not-active', null],
    ['NOBODY', 'FACILITY', 'BPX.SERVER', 'READ', 'denied', null],
    ['OPER1', 'FACILITY', 'NOT.PROTECTED', 'READ', 'denied', null],
  ];
  // rows as one object each: jest treats an extra test-function parameter as a `done` callback
  test.each(table.map((r) => ({ title: `${r[0]} ${r[1]} ${r[2]} ${r[3]} -> ${r[4]} (${String(r[5])})`, row: r })))('$title', ({ row }) => {
    const [user, cls, resource, access, decision, profile, context] = row;
    const d = checkAccess(state, { user, class: cls, resource, access, context: context ?? {} });
    expect({ decision: d.decision, profile: d.profile?.name ?? null }).toEqual({ decision, profile });
    expect(d.reasons.length).toBeGreaterThan(0);
    expect(isRight(AccessDecision.decode(d))).toBe(true);
  });

  test('GRPLIST: the highest access of all connected groups', () => {
    const without = checkAccess(state, { user: 'OPER1', class: 'DATASET', resource: 'ZAPPADM.PARMS', access: 'READ' });
    expect(without.decision).toBe('allowed'); // current group ZAPPUSR has READ
    const r = applyDeck(state, "PERMIT 'ZAPPADM.**' ID(ZAPPADM) ACCESS(UPDATE)");
    expect(checkAccess(r.state, { user: 'OPER1', class: 'DATASET', resource: 'ZAPPADM.PARMS', access: 'UPDATE' }).decision).toBe('denied');
    const g = applyDeck(r.state, 'SETROPTS GRPLIST');
    expect(checkAccess(g.state, { user: 'OPER1', class: 'DATASET', resource: 'ZAPPADM.PARMS', access: 'UPDATE' }).decision).toBe('allowed');
    // the current connect group can be named
    expect(checkAccess(r.state, { user: 'OPER1', class: 'DATASET', resource: 'ZAPPADM.PARMS', access: 'UPDATE', context: { group: 'ZAPPADM' } }).decision).toBe('allowed');
  });

  test('a user entry decides even when lower than UACC', () => {
    const r = applyDeck(state, 'RDEFINE APPL LOWAPP UACC(READ)\nPERMIT LOWAPP CLASS(APPL) ID(OPER1) ACCESS(NONE)\nSETR RACLIST(APPL) REFRESH');
    expect(checkAccess(r.state, { user: 'OPER1', class: 'APPL', resource: 'LOWAPP', access: 'READ' }).decision).toBe('denied');
    expect(checkAccess(r.state, { user: 'AUDIT1', class: 'APPL', resource: 'LOWAPP', access: 'READ' }).decision).toBe('allowed');
  });

  test('generic profiles are ignored without SETROPTS GENERIC in a non-RACLISTed class', () => {
    const r = applyDeck(createState(), 'ADDUSER U\nSETROPTS CLASSACT(XCLASS) GENCMD(XCLASS)\nRDEFINE XCLASS A.* UACC(READ)');
    expect(checkAccess(r.state, { user: 'U', class: 'XCLASS', resource: 'A.B', access: 'READ' }).decision).toBe('denied');
    const g = applyDeck(r.state, 'SETROPTS GENERIC(XCLASS)');
    expect(checkAccess(g.state, { user: 'U', class: 'XCLASS', resource: 'A.B', access: 'READ' }).decision).toBe('allowed');
  });

  test('reasons are a plain own property for JSON, spreads and the codec', () => {
    const d = checkAccess(state, { user: 'AUDIT1', class: 'FACILITY', resource: 'ZAPP.ADMIN.CMD', access: 'READ' });
    const json = JSON.parse(JSON.stringify(d)) as AccessDecision;
    expect(json.reasons).toEqual(d.reasons);
    expect(json.reasons).toContain('the profile has WARNING: access is permitted and logged');
    expect({ ...d }).toEqual(json);
    expect(Object.keys(d)).toEqual(['decision', 'profile', 'reasons']);
  });

  test('AccessDecision codec rejects other shapes', () => {
    expect(isLeft(AccessDecision.decode({ decision: 'maybe', profile: null, reasons: [] }))).toBe(true);
  });
});

test('DATASET generic * as the last qualifier: one qualifier with EGN, one or more without', () => {
  const deck = "ADDUSER U\nADDGROUP PROJ\nSETROPTS GENERIC(DATASET)\nADDSD 'PROJ.*' UACC(READ)";
  const noEgn = applyDeck(createState(), deck).state;
  const req = (resource: string) => ({ user: 'U', class: 'DATASET', resource, access: 'READ' as const });
  expect(checkAccess(noEgn, req('PROJ.A')).decision).toBe('allowed');
  expect(checkAccess(noEgn, req('PROJ.A.B')).decision).toBe('allowed');
  const egn = applyDeck(noEgn, 'SETROPTS EGN').state;
  expect(checkAccess(egn, req('PROJ.A')).decision).toBe('allowed');
  expect(checkAccess(egn, req('PROJ.A.B')).decision).toBe('denied');
});
