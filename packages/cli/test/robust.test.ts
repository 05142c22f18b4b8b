import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, fc } from '@fast-check/jest';
import { X509Certificate } from 'node:crypto';
import { builtinCommands, captureIo, run } from '@ztwin/cli';

// Inputs that are present but wrong in every way a command may meet them.
const files = {
  's.json': '{"format":"ztwin-racf-state"}',
  'bad.json': '{',
  'p.policy': 'TTLSRule R { Jobname',
  'server.xml': '<server><include location="x.xml"/><keyStore id="k" location="safkeyring:///R"/>',
  'j.jcl': '//J JOB\n//S EXEC PGM=X\n//CEEOPTS DD *\n ENVAR("BAQURI=h",\n/*\n',
  'u.unload': '0100 ???\n0200\n',
  'd.racf': 'ADDUSER (\nPERMIT\n',
};
const words = [...new Set(builtinCommands.flatMap((c) => c.path))];
const flagNames = [...new Set(builtinCommands.flatMap((c) => c.flags.map((f) => `--${f.name}`)))];
const values = [...Object.keys(files), 'missing.txt', '-', '*', 'USER1', 'CERTAUTH', '1.2.3.4:80', '[::1]:443', 'inbound', 'p12', '2026-11-24', 'a=b', '', 'é', '--json'];

describe('every command, any argv', () => {
  const token = fc.oneof(fc.constantFrom(...flagNames, ...words, ...values), fc.string({ maxLength: 6 }));
  // The command with its required flags (so that runs get past the argument parser), plus noise.
  const argv = fc.constantFrom(...builtinCommands).chain((c) =>
    fc
      .tuple(
        fc.tuple(...c.flags.filter((f) => f.required === true).map((f) => fc.constantFrom(...values).map((v) => [`--${f.name}`, v]))),
        fc.array(fc.constantFrom(...values), { maxLength: c.positionals.max ?? 2 }),
        fc.array(token, { maxLength: 4 }),
      )
      .map(([req, pos, noise]) => [...c.path, ...pos, ...req.flat(), ...noise]),
  );
  test.prop([argv], { numRuns: 300 })('exits 0, 1 or 2, never with an internal error', async (args) => {
    const rest = args;
    const io = captureIo(files, '');
    const code = await run(args, io);
    expect([0, 1, 2]).toContain(code);
    expect(io.err()).not.toContain('internal error');
    if (rest.includes('--json') && io.out() !== '') expect(() => JSON.parse(io.out()) as unknown).not.toThrow();
  });
});

describe('the built bin', () => {
  it('writes binary DER to a real stdout unchanged', () => {
    const bin = join(__dirname, '..', 'dist', 'main.js');
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first`);
    const dir = mkdtempSync(join(tmpdir(), 'ztwin-bin-'));
    const deck = "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Bin CA')) WITHLABEL('Bin CA') NISTECC SIZE(256) NOTAFTER(DATE(2035/12/31))\n";
    writeFileSync(join(dir, 'd.racf'), deck);
    execFileSync(process.execPath, [bin, 'racf', 'apply', join(dir, 'd.racf'), '--out', join(dir, 's.json')]);
    const der = execFileSync(process.execPath, [bin, 'ring', 'export', '--state', join(dir, 's.json'), '--owner', 'CERTAUTH', '--label', 'Bin CA', '--format', 'der']);
    expect(new X509Certificate(der).subject).toBe('CN=Bin CA');
  });
});
