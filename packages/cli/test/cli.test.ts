import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { test, fc } from '@fast-check/jest';
import { type Command, CommandRegistry, JclCheckJson, JclDeckJson, JclRacfJson, captureIo, parseArgs, run } from '@ztwin/cli';
import { readRacfJob } from '@ztwin/jcl';

const deck = ['/* ring for USER1 */', 'RACDCERT ID(USER1) ADDRING(Liberty.KeyRing)', 'SETR RACLIST(DIGTCERT) REFRESH', ''].join('\n');

describe('parseArgs', () => {
  const flags = [
    { name: 'state', type: 'string', description: '' },
    { name: 'tag', type: 'string', repeatable: true, description: '' },
    { name: 'quiet', type: 'boolean', description: '' },
  ] as const;
  const pos = { name: 'DECK', description: '', min: 1 };

  it('takes --flag value, --flag=value, repeated flags and positionals', () => {
    const r = parseArgs(['a.txt', '--state', 's.json', '--tag=x', '--tag', 'y', 'b.txt', '--quiet', '--', '--not-a-flag'], flags, pos);
    expect(r).toEqual(
      E.right({ flags: { state: 's.json', tag: ['x', 'y'], quiet: true }, positionals: ['a.txt', 'b.txt', '--not-a-flag'] }),
    );
  });

  it('refuses unknown flags (with a suggestion), missing values, duplicates and missing positionals', () => {
    expect(parseArgs(['x', '--stat', 'a'], flags, pos)).toEqual(E.left("unknown option '--stat' (did you mean --state?)"));
    expect(parseArgs(['x', '--state'], flags, pos)).toEqual(E.left("option '--state' needs a value"));
    expect(parseArgs(['x', '--state', 'a', '--state=b'], flags, pos)).toEqual(E.left("option '--state' given more than once"));
    expect(parseArgs([], flags, pos)).toEqual(E.left('missing DECK'));
    expect(parseArgs(['x', '-q'], flags, pos)).toEqual(E.left("unknown option '-q'"));
  });

  test.prop([fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 })])('never throws', (argv) => {
    const r = parseArgs(argv, flags, { name: 'X', description: '', min: 0 });
    expect(E.isLeft(r) || E.isRight(r)).toBe(true);
  });
});

describe('run', () => {
  it('jcl racf writes an IKJEFT01 job to stdout that reads back to the deck', async () => {
    const io = captureIo({ 'deck.txt': deck });
    const code = await run(['jcl', 'racf', 'deck.txt', '--job', 'MVSTLS', '--user', 'USER1'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out().split("\n").slice(0, 2)).toEqual(["//MVSTLS   JOB NOTIFY=&SYSUID,USER=USER1", "//RACF     EXEC PGM=IKJEFT01"]);
    expect(readRacfJob(io.out()).value).toBe(deck);
  });

  it('--json gives one document with the diagnostics array; error diagnostics exit 1', async () => {
    const io = captureIo({ 'deck.txt': deck });
    const code = await run(['jcl', 'racf', 'deck.txt', '--job', 'J', '--user=&SYSUID', '--json'], io);
    expect(code).toBe(1);
    expect(JclRacfJson.is(JSON.parse(io.out()))).toBe(true);
    const doc = JSON.parse(io.out()) as { jcl: unknown; diagnostics: { code: string }[] };
    expect(doc.jcl).toBeNull();
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['JCLB003']);
  });

  it('prints diagnostics as FILE:LINE:COL: CODE message on stderr', async () => {
    const jcl = ['//J JOB', '//S EXEC PGM=X', '//CEEOPS DD *', 'POSIX(ON)', '//S EXEX PGM=Y'].join('\n');
    const io = captureIo({ 'j.jcl': jcl });
    const code = await run(['jcl', 'check', 'j.jcl'], io);
    expect(code).toBe(1);
    const jio = captureIo({ 'j.jcl': jcl });
    expect(await run(['jcl', 'check', 'j.jcl', '--json'], jio)).toBe(1);
    expect(JclCheckJson.is(JSON.parse(jio.out()))).toBe(true);
    const dio = captureIo({ 'j.jcl': jcl });
    expect(await run(['jcl', 'deck', 'j.jcl', '--json'], dio)).toBe(1);
    expect(JclDeckJson.is(JSON.parse(dio.out()))).toBe(true);
    expect(io.err().split('\n')).toEqual([
      "j.jcl:3:1: JCLL001 DD CEEOPS is not CEEOPTS: Language Environment reads CEEOPTS and ignores this DD (did you mean CEEOPTS?) (warning)",
      "j.jcl:5:5: JCL007 unknown JCL statement 'EXEX' (did you mean EXEC?)",
      '',
    ]);
  });

  it('usage errors exit 2: unknown flag, unknown command, missing required flag, unreadable file', async () => {
    for (const argv of [
      ['jcl', 'racf', 'deck.txt', '--job', 'J', '--bogus'],
      ['jcl', 'nope'],
      ['nope'],
      ['jcl', 'racf', 'deck.txt'],
      ['jcl', 'racf', 'missing.txt', '--job', 'J'],
      [],
    ]) {
      const io = captureIo({ 'deck.txt': deck });
      expect(await run(argv, io)).toBe(2);
      expect(io.err()).toMatch(/^ztwin: /);
      expect(io.out()).toBe('');
    }
  });

  it('--help per command and globally exits 0', async () => {
    const io = captureIo();
    expect(await run(['jcl', 'racf', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: ztwin jcl racf DECK --job NAME');
    const io2 = captureIo();
    expect(await run(['--help'], io2)).toBe(0);
    expect(io2.out()).toContain('jcl racf');
  });

  it('takes commands from a registry; a throwing command is an internal error, not a crash', async () => {
    const boom: Command = {
      path: ['x', 'boom'],
      summary: 'throws',
      flags: [],
      positionals: { name: 'A', description: '', min: 0, max: 0 },
      run: () => Promise.reject(new Error('kaput')),
    };
    const reg = new CommandRegistry().register(boom);
    const io = captureIo();
    expect(await run(['x', 'boom'], io, reg)).toBe(1);
    expect(io.err()).toContain('internal error');
    expect(() => reg.register(boom)).toThrow();
  });

  it('smoke: the built bin runs as a child process', () => {
    const bin = join(__dirname, '..', 'dist', 'main.js');
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first`);
    const dir = mkdtempSync(join(tmpdir(), 'ztwin-cli-'));
    writeFileSync(join(dir, 'deck.txt'), deck);
    const out = execFileSync(process.execPath, [bin, 'jcl', 'racf', join(dir, 'deck.txt'), '--job', 'SMOKE'], { encoding: 'utf8' });
    expect(out.split('\n')[0]).toBe('//SMOKE    JOB NOTIFY=&SYSUID');
    const bad = spawnSync(process.execPath, [bin, 'jcl', 'racf'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
