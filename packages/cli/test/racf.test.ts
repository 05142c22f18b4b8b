import { captureIo, run } from '@ztwin/cli';

// One bad line (line 3: an operand PERMIT does not have); everything else must still be applied.
const deck = [
  'ADDGROUP ZCEEUSRS',
  'RDEFINE FACILITY BBG.SECCLASS.X UACC(NONE)',
  'PERMIT BBG.SECCLASS.X CLASS(FACILITY) ID(USER1) ACCESS(READ) BOGUS(1)',
  'ADDUSER USER1 DFLTGRP(ZCEEUSRS)',
  'PERMIT BBG.SECCLASS.X CLASS(FACILITY) ID(USER1) ACCESS(UPDATE)',
  'RLIST FACILITY BBG.SECCLASS.X AUTHUSER',
  '',
].join('\n');

describe('ztwin racf apply', () => {
  it('reports exactly the bad line as FILE:LINE:COL, applies the rest, exits 1', async () => {
    const io = captureIo({ 'lab.racf': deck });
    const code = await run(['racf', 'apply', 'lab.racf'], io);
    expect(code).toBe(1);
    const errs = io.err().trimEnd().split('\n');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^lab\.racf:3:\d+: \S+ /);
    // Line 5's PERMIT (after the bad line) was applied: RLIST shows USER1 with UPDATE.
    expect(io.out()).toMatch(/USER1\s+UPDATE/);
  });

  it('--json: outputs and diagnostics in one document', async () => {
    const io = captureIo({ 'a.racf': 'ADDGROUP G1\n', 'b.racf': 'ADDUSER U1 DFLTGRP(G1)\nLISTUSER U1\n' });
    const code = await run(['racf', 'apply', 'a.racf', 'b.racf', '--json', '--issuer', 'SECADM', '--clock', '2026-11-24'], io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out()) as { commands: number; outputs: { source: string; line: number }[]; diagnostics: unknown[] };
    expect(doc.commands).toBe(3);
    expect(doc.outputs.map((o) => [o.source, o.line])).toEqual([['b.racf', 2]]);
    expect(doc.diagnostics).toEqual([]);
    expect(io.err()).toBe('');
  });

  it('usage errors: bad --clock, missing deck, bad --access', async () => {
    const io = captureIo({ 'a.racf': 'ADDGROUP G1\n' });
    expect(await run(['racf', 'apply', 'a.racf', '--clock', 'yesterday'], io)).toBe(2);
    expect(await run(['racf', 'apply'], io)).toBe(2);
    expect(await run(['racf', 'access', '--state', 's.json', '--user', 'U', '--class', 'FACILITY', '--resource', 'R', '--access', 'LOTS'], io)).toBe(2);
    expect(await run(['racf', 'access', '--user', 'U', '--class', 'FACILITY', '--resource', 'R', '--access', 'READ'], io)).toBe(2);
  });
});
