/**
 * checkAccess decides on a fast path (one pass over the access list, no reasons);
 * checkAccessExplained takes the explaining path of every step. On random databases and requests
 * they must agree, in every class kind (DATASET with OPERATIONS, RESTRICTED users, ID(*), GRPLIST,
 * current connect group, conditional entries).
 */
import { fc, test } from '@fast-check/jest';
import { type AccessLevel, applyDeck, checkAccess, checkAccessExplained, createState } from '@ztwin/racf-model';

const users = ['U1', 'U2', 'U3'];
const groups = ['G1', 'G2'];
const levels: AccessLevel[] = ['NONE', 'EXECUTE', 'READ', 'UPDATE', 'CONTROL', 'ALTER'];
const who = fc.constantFrom(...users, ...groups, '*');
const level = fc.constantFrom(...levels);
const resource = fc.constantFrom('APP.A', 'APP.B', 'APP.B.C', 'OTHER', 'G1.DATA', 'U1.X');
const profile = fc.constantFrom('APP.A', 'APP.*', 'APP.B.**', 'OTHER', 'G1.DATA', 'G1.*');
const cmd = fc.oneof(
  fc.tuple(profile, level, fc.boolean()).map(([p, u, w]) => `RDEFINE FACILITY ${p} UACC(${u})${w ? ' WARNING' : ''}\nADDSD '${p.startsWith('G1') ? p : `G1.${p}`}' UACC(${u})`),
  fc.tuple(profile, who, level).map(([p, i, a]) => `PERMIT ${p} CLASS(FACILITY) ID(${i}) ACCESS(${a})\nPERMIT '${p.startsWith('G1') ? p : `G1.${p}`}' ID(${i}) ACCESS(${a})`),
  fc.tuple(profile, who, level).map(([p, i, a]) => `PERMIT ${p} CLASS(FACILITY) ID(${i}) ACCESS(${a}) WHEN(PROGRAM(PGM1))`),
  fc.constantFrom('ALTUSER U2 RESTRICTED', 'ALTUSER U3 OPERATIONS', 'CONNECT U1 GROUP(G2) OPERATIONS', 'SETROPTS GRPLIST', 'SETROPTS NOGRPLIST', 'CONNECT U3 GROUP(G1)', 'PERMIT APP.A CLASS(FACILITY) ID(U1) DELETE'),
);
const base = `ADDGROUP G1
ADDGROUP G2
ADDUSER U1 DFLTGRP(G1)
ADDUSER U2 DFLTGRP(G2)
ADDUSER U3 DFLTGRP(G1)
CONNECT U2 GROUP(G1)
SETROPTS CLASSACT(FACILITY) GENERIC(FACILITY DATASET) EGN
`;

test.prop([fc.array(cmd, { maxLength: 25 }), fc.array(fc.tuple(fc.constantFrom(...users), fc.constantFrom('FACILITY', 'DATASET'), resource, level, fc.option(fc.constantFrom('G1', 'G2')), fc.boolean()), { minLength: 1, maxLength: 20 })])(
  'checkAccess and checkAccessExplained agree',
  (cmds, reqs) => {
    const state = applyDeck(createState(), base + cmds.join('\n')).state;
    for (const [user, cls, res, access, group, program] of reqs) {
      const context = group === null && !program ? undefined : { ...(group === null ? {} : { group }), ...(program ? { program: 'PGM1' } : {}) };
      const req = { user, class: cls, resource: cls === 'DATASET' ? `G1.${res}` : res, access, ...(context === undefined ? {} : { context }) };
      const fast = checkAccess(state, req);
      const full = checkAccessExplained(state, req);
      expect({ decision: fast.decision, profile: fast.profile }).toEqual({ decision: full.decision, profile: full.profile });
      expect(fast.reasons).toEqual(full.reasons);
    }
  },
);
