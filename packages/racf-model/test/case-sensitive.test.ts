/**
 * Case-sensitive classes (CDT CASE(ASIS): EJBROLE, RDATALIB, ...): a profile name keeps its case in
 * every command, also where the class is named only after the profile (PERMIT ... CLASS(EJBROLE),
 * SEARCH CLASS(EJBROLE) MASK(...), FROM/FCLASS), and in access checks. Regression: PERMIT used to
 * fold the name before CLASS(...) was known, so the lab's EJBROLE PERMIT failed with ICH06004I.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors } from '@ztwin/core';
import { applyDeck, checkAccess, createState, getProfile, getSetropts, parseDeck, renderCommand } from '@ztwin/racf-model';

const ROLE = 'BBGZDFLT.zos.connect.access.roles.zosConnectAccess';
const BASE = `
ADDGROUP ZCEEUSRS
ADDUSER FRED DFLTGRP(ZCEEUSRS)
ADDUSER BOB DFLTGRP(SYS1)
SETROPTS CLASSACT(EJBROLE FACILITY) GENERIC(EJBROLE)
RDEFINE EJBROLE ${ROLE} UACC(NONE)
`;

const errors = (ds: readonly { severity: string; code: string; message: string }[]): string[] => ds.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);

describe('case-sensitive classes', () => {
  it('PERMIT keeps the case of an EJBROLE profile named before CLASS(...)', () => {
    const r = applyDeck(createState(), `${BASE}PERMIT ${ROLE} CLASS(EJBROLE) ID(ZCEEUSRS) ACCESS(READ)\n`);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(getProfile(r.state, 'EJBROLE', ROLE)?.accessList.map((e) => `${e.id}:${e.access}`)).toContain('ZCEEUSRS:READ');
    expect(checkAccess(r.state, { user: 'FRED', class: 'EJBROLE', resource: ROLE, access: 'READ' }).decision).toBe('allowed');
    expect(checkAccess(r.state, { user: 'BOB', class: 'EJBROLE', resource: ROLE, access: 'READ' }).decision).toBe('denied');
    // the resource name is not folded: the upper-case name is another (undefined) resource
    const upper = checkAccess(r.state, { user: 'FRED', class: 'EJBROLE', resource: ROLE.toUpperCase(), access: 'READ' });
    expect(upper.profile).toBeNull();
    expect(upper.decision).toBe('denied');
  });

  it('PERMIT of the upper-cased name in EJBROLE is a different, undefined profile', () => {
    const r = applyDeck(createState(), `${BASE}PERMIT ${ROLE.toUpperCase()} CLASS(EJBROLE) ID(ZCEEUSRS) ACCESS(READ)\n`);
    expect(errors(r.diagnostics).map((e) => e.split(' ')[0])).toEqual(['ICH06004I']);
  });

  it('quoted and parenthesised forms, lower-case class names, and non-case-sensitive classes', () => {
    const deck = `${BASE}permit ('${ROLE}') class(ejbrole) id(fred) access(update)
RDEFINE FACILITY bpx.server UACC(NONE)
PERMIT bpx.server CLASS(facility) ID(FRED) ACCESS(READ)
PERMIT 'bpx.server' CLASS(FACILITY) ID(BOB) ACCESS(READ)
`;
    const r = applyDeck(createState(), deck);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(getProfile(r.state, 'EJBROLE', ROLE)?.accessList.find((e) => e.id === 'FRED')?.access).toBe('UPDATE');
    expect(getProfile(r.state, 'FACILITY', 'BPX.SERVER')?.accessList.map((e) => e.id)).toEqual(['IBMUSER', 'FRED', 'BOB']);
  });

  it('RALTER, RLIST, RDELETE and SEARCH keep the case; PERMIT FROM/FCLASS folds as the FROM class does', () => {
    const deck = `${BASE}RALTER EJBROLE ${ROLE} UACC(READ)
RLIST EJBROLE ${ROLE}
SEARCH CLASS(EJBROLE) MASK(BBGZDFLT.zos)
SEARCH CLASS(EJBROLE) MASK(BBGZDFLT.ZOS)
RDEFINE EJBROLE BBGZDFLT.zos.connect.access.roles.other UACC(NONE) FROM(${ROLE})
RDEFINE FACILITY BPX.SERVER
PERMIT BPX.SERVER CLASS(FACILITY) ID(BOB) ACCESS(READ)
PERMIT BBGZDFLT.zos.connect.access.roles.other CLASS(EJBROLE) FROM(bpx.server) FCLASS(FACILITY)
RDEFINE FACILITY BPX.OTHER FROM(bpx.server)
RDELETE EJBROLE ${ROLE}
`;
    const r = applyDeck(createState(), deck);
    expect(errors(r.diagnostics)).toEqual([]);
    const outs = r.outputs.map((o) => [o.command.kind, o.output.join('\n')] as const);
    expect(outs.filter(([k]) => k === 'RLIST').map(([, o]) => o).join('')).toContain(ROLE);
    const searches = outs.filter(([k]) => k === 'SEARCH').map(([, o]) => o);
    expect(searches[0]).toContain(ROLE);
    expect(searches).toHaveLength(1); // the upper-case MASK finds nothing, so it prints nothing
    expect(getProfile(r.state, 'EJBROLE', ROLE)).toBeUndefined();
    const other = getProfile(r.state, 'EJBROLE', 'BBGZDFLT.zos.connect.access.roles.other');
    expect(other?.accessList.map((e) => e.id)).toEqual(['IBMUSER', 'BOB']);
    expect(getProfile(r.state, 'FACILITY', 'BPX.OTHER')?.accessList.map((e) => e.id)).toEqual(['IBMUSER', 'BOB']);
  });

  it('a rendered PERMIT of a mixed-case EJBROLE profile reads back the same', () => {
    const parsed = parseDeck(`PERMIT ${ROLE} CLASS(EJBROLE) ID(ZCEEUSRS) ACCESS(READ)`);
    expect(parsed.diagnostics).toEqual([]);
    const cmd = parsed.commands[0];
    if (cmd === undefined || cmd.kind !== 'PERMIT') throw new Error('expected a PERMIT');
    expect(cmd.profiles).toEqual([ROLE]);
    const again = parseDeck(renderCommand(cmd)).commands[0];
    expect(again?.kind === 'PERMIT' ? again.profiles : null).toEqual([ROLE]);
  });

  it('the lab deck ZCEERACF applies with no error diagnostics and its EJBROLE grant works', () => {
    const file = join(__dirname, '../../../examples/zcee-attls-lab/fixtures/racf/ZCEERACF.racf');
    const r = applyDeck(createState(), readFileSync(file, 'utf8'), { source: 'ZCEERACF.racf' });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(hasErrors(r.diagnostics)).toBe(false);
    // the grant is to ZCEEUSRS; USER1's default group is SYS1, so without GRPLIST only the
    // ZCEEUSRS connect counts (the fixture may set GRPLIST: then any current group does)
    expect(checkAccess(r.state, { user: 'USER1', class: 'EJBROLE', resource: ROLE, access: 'READ', context: { group: 'ZCEEUSRS' } }).decision).toBe('allowed');
    expect(checkAccess(r.state, { user: 'USER1', class: 'EJBROLE', resource: ROLE, access: 'READ', context: { group: 'SYS1' } }).decision).toBe(getSetropts(r.state).grplist ? 'allowed' : 'denied');
    expect(checkAccess(r.state, { user: 'WSGUEST', class: 'EJBROLE', resource: ROLE, access: 'READ' }).decision).toBe('denied');
  });
});
