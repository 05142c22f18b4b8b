import type * as t from 'io-ts';
import { RacfAccessJson, RacfApplyJson, RacfDeckJson, UsageErrorJson, captureIo, run } from '@ztwin/cli';

const valid = (c: t.Mixed, text: string): boolean => c.is(JSON.parse(text));

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

  it('writes the state (also after a failed command); access and deck read it', async () => {
    const io = captureIo({ 'lab.racf': deck + 'SETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)\n' });
    expect(await run(['racf', 'apply', 'lab.racf', '--out', 's.json'], io)).toBe(1);
    expect(io.files.has('s.json')).toBe(true);
    const acc = captureIo(Object.fromEntries(io.files));
    const argv = ['racf', 'access', '--state', 's.json', '--user', 'USER1', '--class', 'FACILITY', '--resource', 'BBG.SECCLASS.X'];
    expect(await run([...argv, '--access', 'UPDATE', '--json'], acc)).toBe(0);
    expect(valid(RacfAccessJson, acc.out())).toBe(true);
    const d = JSON.parse(acc.out()) as { decision: string; profile: { name: string } | null; reasons: string[] };
    expect(d.decision).toBe('allowed');
    expect(d.profile?.name).toBe('BBG.SECCLASS.X');
    expect(d.reasons.length).toBeGreaterThan(0);
    const acc2 = captureIo(Object.fromEntries(io.files));
    expect(await run([...argv, '--access', 'ALTER'], acc2)).toBe(0);
    expect(acc2.out()).toMatch(/^denied: profile BBG\.SECCLASS\.X in class FACILITY\n/);
    const dk = captureIo(Object.fromEntries(io.files));
    expect(await run(['racf', 'deck', '--state', 's.json'], dk)).toBe(0);
    expect(dk.out()).toContain('PERMIT BBG.SECCLASS.X CLASS(FACILITY) ID(USER1) ACCESS(UPDATE)');
    // The canonical deck rebuilds the same state.
    const again = captureIo({ 'canon.racf': dk.out() });
    expect(await run(['racf', 'apply', 'canon.racf', '--out', 's2.json'], again)).toBe(0);
    const dk2 = captureIo(Object.fromEntries(again.files));
    expect(await run(['racf', 'deck', '--state', 's2.json'], dk2)).toBe(0);
    expect(dk2.out()).toBe(dk.out());
    const dj = captureIo(Object.fromEntries(io.files));
    expect(await run(['racf', 'deck', '--state', 's.json', '--json'], dj)).toBe(0);
    expect(valid(RacfDeckJson, dj.out())).toBe(true);
  });

  it('applies on top of --state; passwords stay out of output, and out of the file with --redact', async () => {
    const io = captureIo({ 'a.racf': 'ADDGROUP G1\n', 'b.racf': 'ADDUSER U1 DFLTGRP(G1) PASSWORD(S3CRETPW)\nLISTUSER U1\nADDUSER U1\n' });
    expect(await run(['racf', 'apply', 'a.racf', '--out', 'a.json'], io)).toBe(0);
    expect(await run(['racf', 'apply', 'b.racf', '--state', 'a.json', '--out', 'b.json', '--redact', '--json'], io)).toBe(1);
    expect(io.out() + io.err()).not.toMatch(/S3CRETPW/i);
    expect(io.files.get('b.json')).not.toMatch(/S3CRETPW/i);
    expect(io.files.get('b.json')).toContain('"passwordRedacted": true');
  });

  it('deck: a state value no RACF command can carry (a line break) is an error diagnostic, exit 1, not silently dropped', async () => {
    const io = captureIo({ 'a.racf': "ADDGROUP G1\nADDUSER U1 DFLTGRP(G1) NAME('ANN')\n" });
    expect(await run(['racf', 'apply', 'a.racf', '--out', 'a.json'], io)).toBe(0);
    const state = io.files.get('a.json') ?? '';
    expect(state).toContain('"ANN"');
    const bad = captureIo({ 'b.json': state.replace('"ANN"', '"ANN\\nSMITH"') });
    expect(await run(['racf', 'deck', '--state', 'b.json'], bad)).toBe(1);
    expect(bad.err()).toMatch(/ZTW-RACF-UNRENDERABLE/);
    const j = captureIo({ 'b.json': state.replace('"ANN"', '"ANN\\nSMITH"') });
    expect(await run(['racf', 'deck', '--state', 'b.json', '--json'], j)).toBe(1);
    expect(valid(RacfDeckJson, j.out())).toBe(true);
    expect(JSON.parse(j.out())).toMatchObject({ diagnostics: [expect.objectContaining({ code: 'ZTW-RACF-UNRENDERABLE', severity: 'error' })] });
  });

  it('a state file that is not JSON or not a state is an error diagnostic (exit 1)', async () => {
    const io = captureIo({ 'bad.json': '{\n  "format": ,\n}', 'shape.json': '{"format":"nope"}' });
    expect(await run(['racf', 'deck', '--state', 'bad.json'], io)).toBe(1);
    expect(io.err()).toMatch(/^bad\.json:\d+:\d+: ZTWIN-STATE-JSON state file is not JSON/);
    expect(await run(['racf', 'deck', '--state', 'shape.json'], io)).toBe(1);
    expect(io.err()).toContain('shape.json:1:1: ZTW-STATE-INVALID');
  });

  it('runs RACDCERT through @ztwin/keyring: GENCERT, ADDRING, CONNECT, LISTRING; a ring name in the wrong case is reported', async () => {
    const k = [
      'ADDUSER LIBSERV',
      "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Lab CA') O('Example')) WITHLABEL('Lab CA') NISTECC SIZE(256) NOTAFTER(DATE(2030/12/31))",
      'RACDCERT ID(LIBSERV) ADDRING(Liberty.KeyRing)',
      "RACDCERT ID(LIBSERV) CONNECT(RING(Liberty.KeyRing) LABEL('Lab CA') CERTAUTH USAGE(CERTAUTH))",
      'RACDCERT ID(LIBSERV) LISTRING(Liberty.KeyRing)',
      'RACDCERT ID(LIBSERV) LISTRING(Keyring.LIBERTY)',
      '',
    ].join('\n');
    const io = captureIo({ 'k.racf': k });
    expect(await run(['racf', 'apply', 'k.racf', '--clock', '2026-11-24', '--out', 'k.json'], io)).toBe(1);
    expect(io.out()).toMatch(/Lab CA\s+CERTAUTH\s+CERTAUTH/);
    expect(io.err()).toMatch(/^k\.racf:6:1: /);
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
    expect(io.out() + io.err()).not.toContain('PRIVATE KEY');
  });

  it('--json: outputs and diagnostics in one document', async () => {
    const io = captureIo({ 'a.racf': 'ADDGROUP G1\n', 'b.racf': 'ADDUSER U1 DFLTGRP(G1)\nLISTUSER U1\n' });
    const code = await run(['racf', 'apply', 'a.racf', 'b.racf', '--json', '--issuer', 'SECADM', '--clock', '2026-11-24'], io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out()) as { decks: string[]; outputs: { source: string; line: number }[]; diagnostics: unknown[] };
    expect(valid(RacfApplyJson, io.out())).toBe(true);
    expect(doc.decks).toEqual(['a.racf', 'b.racf']);
    expect(doc.outputs.map((o) => [o.source, o.line])).toEqual([['b.racf', 2]]);
    expect(doc.diagnostics).toEqual([]);
    expect(io.err()).toBe('');
  });

  it('usage errors: bad --clock, missing deck, bad --access', async () => {
    const io = captureIo({ 'a.racf': 'ADDGROUP G1\n' });
    expect(await run(['racf', 'apply', 'a.racf', '--clock', 'yesterday'], io)).toBe(2);
    const j = captureIo({ 'a.racf': 'ADDGROUP G1\n' });
    expect(await run(['racf', 'apply', 'a.racf', '--clock', 'yesterday', '--json'], j)).toBe(2);
    expect(valid(UsageErrorJson, j.out())).toBe(true);
    expect(await run(['racf', 'apply'], io)).toBe(2);
    expect(await run(['racf', 'access', '--state', 's.json', '--user', 'U', '--class', 'FACILITY', '--resource', 'R', '--access', 'LOTS'], io)).toBe(2);
    expect(await run(['racf', 'access', '--user', 'U', '--class', 'FACILITY', '--resource', 'R', '--access', 'READ'], io)).toBe(2);
  });
});
