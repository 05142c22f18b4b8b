/**
 * States handed out never change afterwards, although a deck's draft completes records it has just
 * created in place (CONNECT after ADDUSER, PERMIT after RDEFINE) and its RACLIST copies share the
 * draft's Map (undo log). Applying a deck in pieces, keeping every intermediate state, must give the
 * states that applying each prefix from scratch gives, and every earlier state must read the same
 * at the end as when it was made.
 */
import { test, fc } from '@fast-check/jest';
import {
  type RacfState,
  applyCommand,
  applyDeck,
  createState,
  getProfile,
  getUser,
  listConnects,
  parseDeck,
  pendingRefresh,
  serializeState,
} from '@ztwin/racf-model';

const view = (s: RacfState): string => JSON.stringify(serializeState(s));

// small name spaces, so that commands meet each other's records (re-CONNECT, PERMIT of a fresh profile, ...)
const user = fc.constantFrom('U1', 'U2', 'U3');
const group = fc.constantFrom('G1', 'G2', 'G3');
const prof = fc.constantFrom('A.ONE', 'A.TWO', 'B.*');
const acc = fc.constantFrom('READ', 'UPDATE', 'NONE');
const command = fc.oneof(
  group.map((g) => `ADDGROUP ${g}`),
  fc.tuple(user, group).map(([u, g]) => `ADDUSER ${u} DFLTGRP(${g}) NAME('N ${u}') OMVS(UID(1) HOME('/u/${u}'))`),
  fc.tuple(user, group).map(([u, g]) => `CONNECT ${u} GROUP(${g}) AUTHORITY(USE)`),
  fc.tuple(user, group).map(([u, g]) => `CONNECT ${u} GROUP(${g}) AUTHORITY(CREATE) UACC(READ)`),
  fc.tuple(user, group).map(([u, g]) => `REMOVE ${u} GROUP(${g})`),
  fc.tuple(user, group).map(([u, g]) => `ALTUSER ${u} DFLTGRP(${g}) NAME('X')`),
  user.map((u) => `DELUSER ${u}`),
  prof.map((p) => `RDEFINE FACILITY ${p} UACC(NONE) DATA('d')`),
  fc.tuple(prof, acc).map(([p, a]) => `RALTER FACILITY ${p} UACC(${a})`),
  prof.map((p) => `RDELETE FACILITY ${p}`),
  fc.tuple(prof, user, acc).map(([p, u, a]) => `PERMIT ${p} CLASS(FACILITY) ID(${u}) ACCESS(${a})`),
  fc.tuple(prof, group).map(([p, g]) => `PERMIT ${p} CLASS(FACILITY) ID(${g}) ACCESS(READ)`),
  fc.tuple(prof, user).map(([p, u]) => `PERMIT ${p} CLASS(FACILITY) ID(${u}) DELETE`),
  fc.tuple(prof, group).map(([p, g]) => `PERMIT ${p} CLASS(FACILITY) ID(${g}) ACCESS(READ) WHEN(PROGRAM(P1))`),
  fc.constant('SETROPTS CLASSACT(FACILITY) GENERIC(FACILITY) RACLIST(FACILITY)'),
  fc.constant('SETROPTS RACLIST(FACILITY) REFRESH'),
  fc.constant('SETROPTS NORACLIST(FACILITY)'),
  prof.map((p) => `RLIST FACILITY ${p}`),
  user.map((u) => `LISTUSER ${u}`),
  fc.constant('SEARCH CLASS(FACILITY)'),
);
const OPTS = { random: { bytes: (n: number) => new Uint8Array(n) } };
// most decks start with groups and a RACLISTed class, so that commands succeed and meet REFRESHes
const PROLOGUE = ['ADDGROUP G1', 'ADDGROUP G2', 'SETROPTS CLASSACT(FACILITY) GENERIC(FACILITY) RACLIST(FACILITY)'];
const deckOf = fc.tuple(fc.boolean(), fc.array(command, { minLength: 1, maxLength: 60 })).map(([pro, cmds]) => (pro ? [...PROLOGUE, ...cmds] : cmds));

test.prop([deckOf, fc.array(fc.nat(), { maxLength: 8 })], { numRuns: 150 })(
  'a deck applied in pieces gives the states of its prefixes applied from scratch, and earlier states never change',
  (cmds, cutSeeds) => {
    const cuts = [...new Set(cutSeeds.map((c) => c % (cmds.length + 1)))].sort((a, b) => a - b);
    if (cuts[cuts.length - 1] !== cmds.length) cuts.push(cmds.length);
    const states: { state: RacfState; at: number; seen: string }[] = [];
    let s = createState();
    let from = 0;
    for (const at of cuts) {
      s = applyDeck(s, cmds.slice(from, at).join('\n'), OPTS).state;
      from = at;
      states.push({ state: s, at, seen: view(s) });
    }
    for (const { state, at, seen } of states) {
      expect(view(state)).toBe(seen);
      expect(seen).toBe(view(applyDeck(createState(), cmds.slice(0, at).join('\n'), OPTS).state));
    }
  },
);

test.prop([deckOf], { numRuns: 300 })('applyCommand one by one matches applyDeck and never changes an earlier state', (cmds) => {
  const parsed = parseDeck(cmds.join('\n')).commands;
  const states: { state: RacfState; seen: string }[] = [];
  let s = createState();
  for (const c of parsed) {
    s = applyCommand(s, c, OPTS).state;
    states.push({ state: s, seen: view(s) });
  }
  for (const { state, seen } of states) expect(view(state)).toBe(seen);
  expect(view(s)).toBe(view(applyDeck(createState(), parsed, OPTS).state));
});

describe('records completed in place stay private to the draft', () => {
  test('CONNECT after ADDUSER in the same deck: the user is complete, the earlier state is not touched', () => {
    const s0 = applyDeck(createState(), 'ADDGROUP G1\nADDGROUP G2\nADDUSER U1 DFLTGRP(G1)').state;
    const u0 = getUser(s0, 'U1');
    const s1 = applyDeck(s0, 'CONNECT U1 GROUP(G2)\nADDUSER U2 DFLTGRP(G1)\nCONNECT U2 GROUP(G2)').state;
    expect(getUser(s0, 'U1')).toBe(u0);
    expect(getUser(s0, 'U1')?.groups).toEqual(['G1']);
    expect(getUser(s1, 'U1')?.groups).toEqual(['G1', 'G2']);
    expect(getUser(s1, 'U2')?.groups).toEqual(['G1', 'G2']);
    expect(listConnects(s1, { user: 'U2' }).map((c) => c.group)).toEqual(['G1', 'G2']);
  });

  test('PERMIT after a RACLIST REFRESH does not reach the in-storage copy of a profile defined before it', () => {
    const deck = [
      'ADDGROUP G1',
      'ADDUSER U1 DFLTGRP(G1)',
      'SETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)',
      'RDEFINE FACILITY P.ONE UACC(NONE)',
      'SETROPTS RACLIST(FACILITY) REFRESH',
      'PERMIT P.ONE CLASS(FACILITY) ID(U1) ACCESS(READ)',
      'RDEFINE FACILITY P.TWO UACC(NONE)',
      'RLIST FACILITY P.TWO',
      'PERMIT P.TWO CLASS(FACILITY) ID(U1) ACCESS(UPDATE)',
    ].join('\n');
    const s = applyDeck(createState(), deck).state;
    expect(getProfile(s, 'FACILITY', 'P.ONE')?.accessList.map((e) => e.id)).toEqual(['IBMUSER', 'U1']);
    const copy = s.raclist.get('FACILITY');
    expect(copy?.discrete.get('P.ONE')?.accessList.map((e) => e.id)).toEqual(['IBMUSER']);
    expect(copy?.discrete.get('P.TWO')).toBeUndefined();
    expect(pendingRefresh(s, 'FACILITY')).toBe(true);
    // the same deck applied in two pieces around the REFRESH gives the same state
    const lines = deck.split('\n');
    const a = applyDeck(createState(), lines.slice(0, 5).join('\n')).state;
    const aSeen = view(a);
    const b = applyDeck(a, lines.slice(5).join('\n')).state;
    expect(view(b)).toBe(view(s));
    expect(view(a)).toBe(aSeen);
  });

  test('a profile defined and permitted in one deck keeps its earlier-state record when permitted again in the next', () => {
    const s0 = applyDeck(createState(), 'ADDGROUP G1\nADDUSER U1 DFLTGRP(G1)\nRDEFINE FACILITY P.ONE\nPERMIT P.ONE CLASS(FACILITY) ID(U1) ACCESS(READ)').state;
    const p0 = getProfile(s0, 'FACILITY', 'P.ONE');
    expect(p0?.accessList).toEqual([
      { id: 'IBMUSER', access: 'ALTER' },
      { id: 'U1', access: 'READ' },
    ]);
    const s1 = applyDeck(s0, 'PERMIT P.ONE CLASS(FACILITY) ID(G1) ACCESS(UPDATE)').state;
    expect(getProfile(s0, 'FACILITY', 'P.ONE')).toBe(p0);
    expect(p0?.accessList.map((e) => e.id)).toEqual(['IBMUSER', 'U1']);
    expect(getProfile(s1, 'FACILITY', 'P.ONE')?.accessList.map((e) => e.id)).toEqual(['IBMUSER', 'U1', 'G1']);
  });
});

describe('segment operands', () => {
  test('segments are stored in RACF order whatever the operand order, and NOxxx removes one', () => {
    const s0 = applyDeck(createState(), "ADDGROUP G1\nADDUSER U1 DFLTGRP(G1) TSO(PROC(P1)) NAME('X') OMVS(UID(5) HOME('/u/u1'))").state;
    const u0 = getUser(s0, 'U1');
    expect(Object.keys(u0?.segments ?? {})).toEqual(['OMVS', 'TSO']);
    expect(u0?.segments['OMVS']).toEqual({ UID: 5, HOME: '/u/u1' });
    const s1 = applyDeck(s0, 'ALTUSER U1 NOOMVS CICS(OPIDENT(AB))').state;
    expect(Object.keys(getUser(s1, 'U1')?.segments ?? {})).toEqual(['TSO', 'CICS']);
    expect(getUser(s0, 'U1')).toBe(u0);
    expect(Object.keys(u0?.segments ?? {})).toEqual(['OMVS', 'TSO']);
    // a command without segment operands keeps the record's segments object
    const s2 = applyDeck(s1, "ALTUSER U1 NAME('Y')").state;
    expect(getUser(s2, 'U1')?.segments).toBe(getUser(s1, 'U1')?.segments);
  });
});
