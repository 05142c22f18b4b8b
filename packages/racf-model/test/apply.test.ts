import { seededRandom } from '@ztwin/core';
import {
  applyCommand,
  applyDeck,
  checkAccess,
  createState,
  getConnect,
  getGroup,
  getProfile,
  getUser,
  isClassActive,
  isRaclisted,
  listProfiles,
  parseDeck,
  pendingRefresh,
  verifyPassword,
  type RacfState,
} from '@ztwin/racf-model';

const random = seededRandom(7);
function run(deck: string, s: RacfState = createState(), issuer?: string) {
  return applyDeck(s, deck, issuer === undefined ? { random } : { random, issuer });
}
function ok(deck: string, s?: RacfState, issuer?: string): RacfState {
  const r = run(deck, s, issuer);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.state;
}

describe('fresh database', () => {
  test('IBMUSER and the IRRMIN00 groups exist', () => {
    const s = createState();
    expect(getUser(s, 'IBMUSER')).toMatchObject({ special: true, dfltgrp: 'SYS1' });
    for (const g of ['SYS1', 'SYSCTLG', 'VSAMDSET']) expect(getGroup(s, g)).toBeDefined();
    expect(isClassActive(s, 'DATASET')).toBe(true);
    expect(isClassActive(s, 'FACILITY')).toBe(false);
  });
});

describe('users, groups, connects', () => {
  test('ADDUSER connects to the default group; duplicates and missing groups are errors', () => {
    const r = run('ADDGROUP DEV\nADDUSER U1 DFLTGRP(DEV) OWNER(DEV)\nADDUSER U1\nADDUSER U2 DFLTGRP(NOPE)\nCONNECT U1 GROUP(NOGRP)');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZTW-RACF-ALREADY-DEFINED', 'ZTW-RACF-GROUP-NOT-DEFINED', 'ZTW-RACF-GROUP-NOT-DEFINED']);
    expect(getUser(r.state, 'u1')).toMatchObject({ dfltgrp: 'DEV', owner: 'DEV', groups: ['DEV'] });
    expect(getConnect(r.state, 'U1', 'DEV')).toMatchObject({ authority: 'USE' });
    expect(getUser(r.state, 'U2')).toBeUndefined();
  });
  test('CONNECT/REMOVE maintain the user groups; the default group cannot be removed', () => {
    const s = ok('ADDGROUP A\nADDGROUP B\nADDUSER U DFLTGRP(A)\nCONNECT U GROUP(B) AUTHORITY(CONNECT)');
    expect(getUser(s, 'U')?.groups).toEqual(['A', 'B']);
    const r = run('REMOVE U GROUP(B)\nREMOVE U GROUP(A)', s);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZTW-RACF-REMOVE-DFLTGRP']);
    expect(getUser(r.state, 'U')?.groups).toEqual(['A']);
  });
  test('CONNECT of a connected user changes only what it names; the earlier state keeps its connect', () => {
    const s = ok('ADDGROUP A\nADDGROUP B\nADDUSER U DFLTGRP(A)\nCONNECT U GROUP(B) AUTHORITY(CONNECT) UACC(READ) SPECIAL');
    const before = getConnect(s, 'U', 'B');
    expect(before).toMatchObject({ authority: 'CONNECT', uacc: 'READ', special: true, revoked: false, owner: 'IBMUSER' });
    const r = run('CONNECT U GROUP(B) REVOKE OWNER(A)\nCONNECT U GROUP(B) NOSPECIAL', s);
    expect(r.diagnostics).toEqual([]);
    expect(getConnect(r.state, 'U', 'B')).toEqual({ ...before, revoked: true, owner: 'A', special: false });
    expect(getConnect(s, 'U', 'B')).toEqual(before);
    expect(getUser(r.state, 'U')?.groups).toEqual(['A', 'B']);
    const back = run('CONNECT U GROUP(B) RESUME', r.state);
    expect(getConnect(back.state, 'U', 'B')).toMatchObject({ revoked: false, owner: 'A', authority: 'CONNECT' });
  });
  test('passwords are stored only as salted hashes', () => {
    const s = ok("ADDUSER U PASSWORD('abc123') PHRASE('a long pass phrase')");
    const u = getUser(s, 'U');
    expect(JSON.stringify(u)).not.toContain('abc123');
    expect(JSON.stringify(s)).not.toContain('hash');
    expect(verifyPassword(s, 'U', 'ABC123')).toBe('ok');
    expect(verifyPassword(s, 'U', 'abc123')).toBe('ok'); // folded to upper case without MIXEDCASE
    expect(verifyPassword(s, 'U', 'a long pass phrase')).toBe('ok');
    expect(verifyPassword(s, 'U', 'wrong')).toBe('invalid-password');
    expect(verifyPassword(s, 'NOBODY', 'x')).toBe('unknown-user');
    const rv = ok('ALTUSER U REVOKE', s);
    expect(verifyPassword(rv, 'U', 'abc123')).toBe('revoked');
    expect(verifyPassword(ok('ADDUSER P NOPASSWORD'), 'P', 'x')).toBe('no-password');
  });
  test('segments merge and NOxxx removes', () => {
    const s = ok("ADDUSER U OMVS(UID(5) HOME('/u/u'))\nALTUSER U OMVS(PROGRAM('/bin/sh'))");
    expect(getUser(s, 'U')?.segments['OMVS']).toEqual({ UID: 5, HOME: '/u/u', PROGRAM: '/bin/sh' });
    expect(getUser(ok('ALTUSER U NOOMVS', s), 'U')?.segments['OMVS']).toBeUndefined();
  });
  test('DELGROUP refuses a group with members', () => {
    const r = run('ADDGROUP G\nADDUSER U DFLTGRP(G)\nDELGROUP G');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZTW-RACF-GROUP-NOT-EMPTY']);
  });
});

describe('profiles and PERMIT', () => {
  test('RDEFINE adds the issuer with ALTER unless NOADDCREATOR', () => {
    const s = ok('RDEFINE FACILITY A.B UACC(READ)');
    expect(getProfile(s, 'FACILITY', 'A.B')).toMatchObject({ uacc: 'READ', owner: 'IBMUSER', accessList: [{ id: 'IBMUSER', access: 'ALTER' }] });
    const s2 = ok('SETROPTS NOADDCREATOR\nRDEFINE FACILITY A.C');
    expect(getProfile(s2, 'FACILITY', 'A.C')?.accessList).toEqual([]);
  });
  test('PERMIT to an undefined profile is ICH06004I; fully qualified generic needs GENERIC', () => {
    const r = run('SETROPTS GENERIC(DATASET)\nPERMIT X.Y CLASS(FACILITY) ID(IBMUSER)\nADDSD \'SYS1.LINKLIB\' GENERIC\nPERMIT \'SYS1.LINKLIB\' ID(IBMUSER) ACC(READ)\nPERMIT \'SYS1.LINKLIB\' GENERIC ID(IBMUSER) ACC(READ)');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ICH06004I', 'ICH06004I']);
    expect(getProfile(r.state, 'DATASET', 'SYS1.LINKLIB', true)?.accessList).toContainEqual({ id: 'IBMUSER', access: 'READ' });
  });
  test('PERMIT DELETE, RESET and WHEN', () => {
    const s = ok('ADDUSER U\nRDEFINE FACILITY P\nPERMIT P CLASS(FACILITY) ID(U) ACCESS(UPDATE)\nPERMIT P CLASS(FACILITY) ID(U) ACCESS(READ) WHEN(PROGRAM(PGM1))');
    const p = getProfile(s, 'FACILITY', 'P');
    expect(p?.accessList).toContainEqual({ id: 'U', access: 'UPDATE' });
    expect(p?.conditionalAccessList).toEqual([{ id: 'U', access: 'READ', when: { kind: 'PROGRAM', value: 'PGM1' } }]);
    const s2 = ok('PERMIT P CLASS(FACILITY) DELETE ID(U)', s);
    expect(getProfile(s2, 'FACILITY', 'P')?.accessList.map((e) => e.id)).toEqual(['IBMUSER']);
    const s3 = ok('PERMIT P CLASS(FACILITY) RESET(ALL)', s);
    expect(getProfile(s3, 'FACILITY', 'P')).toMatchObject({ accessList: [], conditionalAccessList: [] });
  });
  test('unquoted data set names get the issuer prefix', () => {
    const s = ok('ADDUSER ALICE\nADDSD MY.DATA', createState(), undefined);
    expect(getProfile(s, 'DATASET', 'IBMUSER.MY.DATA')).toBeDefined();
    const s2 = ok('ADDSD MINE.DATA', s, 'ALICE');
    expect(getProfile(s2, 'DATASET', 'ALICE.MINE.DATA')).toBeDefined();
  });
  test('RDEFINE in DIGTCERT is refused (RACDCERT only)', () => {
    expect(run('RDEFINE DIGTCERT X').diagnostics.map((d) => d.code)).toEqual(['ZTW-RACF-RACDCERT-ONLY']);
  });
  test('RACDCERT is deferred to keyring and leaves the state unchanged', () => {
    const s = createState();
    const r = applyDeck(s, 'RACDCERT ID(IBMUSER) ADDRING(R1)');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'ZTW-RACDCERT-DEFERRED', severity: 'info' })]);
    expect(r.state.rings.size).toBe(0);
  });
  test('applyCommand does not change its input state', () => {
    const s = createState();
    const c = parseDeck('ADDGROUP G1').commands[0];
    if (c === undefined) throw new Error('parse');
    const r = applyCommand(s, c);
    expect(getGroup(r.state, 'G1')).toBeDefined();
    expect(getGroup(s, 'G1')).toBeUndefined();
  });
});

describe('RACLIST', () => {
  test('changes take effect in a RACLISTed class only at REFRESH', () => {
    const s0 = ok('ADDUSER U\nSETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)\nRDEFINE FACILITY BPX.SERVER\nPERMIT BPX.SERVER CLASS(FACILITY) ID(U) ACCESS(READ)');
    expect(isRaclisted(s0, 'FACILITY')).toBe(true);
    expect(pendingRefresh(s0, 'FACILITY')).toBe(true);
    const req = { user: 'U', class: 'FACILITY', resource: 'BPX.SERVER', access: 'READ' as const };
    expect(checkAccess(s0, req).decision).toBe('denied');
    const s1 = ok('SETROPTS RACLIST(FACILITY) REFRESH', s0);
    expect(pendingRefresh(s1, 'FACILITY')).toBe(false);
    expect(checkAccess(s1, req).decision).toBe('allowed');
    const s2 = ok('RDELETE FACILITY BPX.SERVER', s1);
    expect(checkAccess(s2, req).decision).toBe('allowed');
    expect(checkAccess(ok('SETR RACLIST(FACILITY) REFRESH', s2), req).decision).toBe('denied');
  });
});

describe('listing output', () => {
  test('LISTUSER, LISTGRP, RLIST, SEARCH', () => {
    const r = run("ADDGROUP G\nADDUSER U DFLTGRP(G) NAME('Ann') SPECIAL\nLISTUSER U\nLG G\nRDEFINE FACILITY A.B\nRLIST FACILITY A.B ALL\nSEARCH CLASS(FACILITY) MASK(A.)\nLU NOBODY");
    const out = r.outputs.map((o) => o.output.join('\n'));
    expect(r.outputs.map((o) => o.command.kind)).toEqual(['LISTUSER', 'LISTGRP', 'RLIST', 'SEARCH']);
    expect(out[0]).toContain('USER=U  NAME=Ann  OWNER=IBMUSER');
    expect(out[0]).toContain('ATTRIBUTES=SPECIAL');
    expect(out[1]).toContain('INFORMATION FOR GROUP G');
    expect(out[2]).toContain('IBMUSER   ALTER');
    expect(out[3]).toBe('A.B');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ICH30001I']);
  });
});

test('listProfiles is sorted by class and name', () => {
  const s = ok('RDEFINE FACILITY B\nRDEFINE FACILITY A\nRDEFINE APPL Z');
  expect(listProfiles(s).map((p) => `${p.class}:${p.name}`)).toEqual(['APPL:Z', 'FACILITY:A', 'FACILITY:B']);
});
