/**
 * The README's example, run. The code between the markers is also in README.md (checked below), so the
 * documented example cannot drift from working code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { checkAccess } from '@ztwin/racf-model';
import { generateUnload, importUnload, parseUnload, progressReporter } from '@ztwin/irrdbu00';

test('README example', async () => {
  // README-BEGIN
  // A synthetic unload (any IRRDBU00 output transferred as text works the same; pass a path or a stream).
  const unload = [...generateUnload({ users: 5, groups: 2, datasetProfiles: 4, profilesPerClass: 2, certificates: 1, seed: 1 })].join('\n');

  const progress = progressReporter(); // a one-line bar on stderr when it is a TTY
  const { state, diagnostics, counts } = await importUnload(Readable.from([unload]), {
    source: 'SYS1.IRRDBU00',
    onProgress: progress.update,
    // SETROPTS options are not in an unload: say which classes are active and generic.
    classes: { active: ['FACILITY', 'STARTED'], generic: ['DATASET', 'FACILITY', 'STARTED'] },
    setropts: { egn: true },
  });
  progress.done();

  const decision = checkAccess(state, { user: 'U0000003', class: 'DATASET', resource: 'U0000000.D0000000.PAYROLL', access: 'READ' });
  // decision.decision is 'allowed' | 'denied' | 'warning' | 'class-not-active', with the profile and reasons

  // Bad records are diagnostics with line numbers, never exceptions:
  const bad = parseUnload('0404 SYS1.**'.padEnd(57) + 'IBMUSER'.padEnd(9) + 'WRITE', 'BAD.UNLOAD');
  // bad.diagnostics[0]: { code: 'IRRDBU00-BAD-ACCESS', source: 'BAD.UNLOAD', line: 1, column: 67, ... }
  // README-END

  expect(diagnostics).toEqual([]);
  expect(counts.records).toBe(unload.split('\n').length);
  expect(decision.profile).toEqual({ class: 'DATASET', name: 'U0000000.D0000000.**', generic: true });
  // The decision follows from the unload itself: the generated 0404 (data set access) record for the
  // profile gives U0000003 NONE, so READ is denied through the access list, not by UACC.
  const acl = unload.split('\n').filter((l) => l.startsWith('0404 U0000000.D0000000.** ') && l.slice(57, 65) === 'U0000003');
  expect(acl.map((l) => l.slice(66, 74).trim())).toEqual(['NONE']);
  expect(decision.decision).toBe('denied');
  expect(decision.reasons).toContain('access list: U0000003 NONE');
  expect(bad.diagnostics[0]).toMatchObject({ code: 'IRRDBU00-BAD-ACCESS', source: 'BAD.UNLOAD', line: 1, column: 67 });

  const src = readFileSync(__filename, 'utf8');
  const example = src.slice(src.indexOf('// README-BEGIN') + '// README-BEGIN\n'.length, src.indexOf('  // README-END'));
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const dedent = example
    .split('\n')
    .map((l) => l.replace(/^ {2}/, ''))
    .join('\n');
  expect(readme).toContain(dedent.trim());
});
