import { Readable } from 'node:stream';
import type * as t from 'io-ts';
import { generateUnload, importUnload } from '@ztwin/irrdbu00';
import { checkAccess } from '@ztwin/racf-model';
import { RacfAccessJson, RacfImportJson, RingListJson, captureIo, run } from '@ztwin/cli';

const valid = (c: t.Mixed, text: string): boolean => c.is(JSON.parse(text));
const unload = [...generateUnload({ users: 6, groups: 2, datasetProfiles: 5, profilesPerClass: 2, certificates: 2, seed: 7 })].join('\n') + '\n';

describe('ztwin racf import', () => {
  it('imports a generated unload into a state that racf access and ring list read', async () => {
    const io = captureIo({ 'SYS1.UNLOAD': unload });
    const argv = ['racf', 'import', 'SYS1.UNLOAD', '--out', 'u.json', '--classact', 'FACILITY,STARTED', '--generic', 'all', '--egn', '--json'];
    expect(await run(argv, io)).toBe(0);
    expect(valid(RacfImportJson, io.out())).toBe(true);
    const doc = JSON.parse(io.out()) as { counts: { records: number; malformed: number }; users: number; certificates: number; rings: number; out: string };
    expect(doc.counts.records).toBe(unload.trimEnd().split('\n').length);
    expect(doc.counts.malformed).toBe(0);
    expect(doc.users).toBeGreaterThanOrEqual(6);
    expect(doc.certificates).toBeGreaterThan(0);
    expect(doc.out).toBe('u.json');
    expect(io.err()).toBe(''); // not a terminal: no progress bar

    // The same import through the API gives the same access decisions as the CLI's state file.
    const api = await importUnload(Readable.from([unload]), { classes: { active: ['FACILITY', 'STARTED'], generic: 'all' }, setropts: { egn: true } });
    const files = Object.fromEntries(io.files);
    for (const [user, resource] of [
      ['U0000003', 'U0000000.D0000000.PAYROLL'],
      ['U0000001', 'U0000001.D0000002.DATA'],
      ['IBMUSER', 'SYS1.PARMLIB'],
    ] as const) {
      const a = captureIo(files);
      expect(await run(['racf', 'access', '--state', 'u.json', '--user', user, '--class', 'DATASET', '--resource', resource, '--access', 'READ', '--json'], a)).toBe(0);
      expect(valid(RacfAccessJson, a.out())).toBe(true);
      const want = checkAccess(api.state, { user, class: 'DATASET', resource, access: 'READ' });
      expect(JSON.parse(a.out())).toMatchObject({ decision: want.decision, profile: want.profile });
    }
    // Rings came in too (certificates as metadata only).
    const ring = [...api.state.rings.values()][0];
    expect(ring).toBeDefined();
    if (ring === undefined) return;
    const l = captureIo(files);
    expect(await run(['ring', 'list', '--state', 'u.json', '--owner', ring.owner, '--ring', ring.name, '--json'], l)).toBe(0);
    expect(valid(RingListJson, l.out())).toBe(true);
    expect((JSON.parse(l.out()) as { rows: unknown[] }).rows).toHaveLength(ring.connections.length);
    const first = ring.connections[0];
    if (first === undefined) throw new Error(`ring ${ring.owner}/${ring.name} came in without connections`);
    const owner = first.certOwner.kind === 'ID' ? first.certOwner.id : first.certOwner.kind;
    const x = captureIo(files);
    expect(await run(['ring', 'export', '--state', 'u.json', '--owner', owner, '--label', first.label, '--format', 'pem'], x)).toBe(1);
    expect(x.err()).toMatch(/^u\.json:1:1: KR-METADATA-ONLY /);
  });

  it('draws a progress bar on stderr when it is a terminal, and says what it read', async () => {
    const io = captureIo({ 'u.txt': unload }, { tty: { columns: 100 } });
    expect(await run(['racf', 'import', 'u.txt'], io)).toBe(0);
    expect(io.err()).toMatch(/\r\[#+\] 100% /);
    expect(io.err().endsWith('\n')).toBe(true);
    expect(io.out()).toMatch(/^u\.txt: \d+ records in \d+ lines\nimported \d+ users, \d+ groups, \d+ profiles, \d+ certificates, \d+ key rings\n$/);
  });

  it('a malformed record is reported with its line and skipped; the state is still written (exit 1)', async () => {
    const lines = unload.split('\n');
    lines.splice(3, 0, '0404 SYS1.**'.padEnd(57) + 'IBMUSER'.padEnd(9) + 'WRITE');
    const io = captureIo({ 'bad.unload': lines.join('\n') });
    expect(await run(['racf', 'import', 'bad.unload', '--out', 'b.json'], io)).toBe(1);
    expect(io.err()).toMatch(/^bad\.unload:4:67: IRRDBU00-BAD-ACCESS /m);
    expect(io.files.has('b.json')).toBe(true);
  });

  it('usage errors: unreadable unload, a bad class name, all where it makes no sense', async () => {
    expect(await run(['racf', 'import', 'missing.unload'], captureIo())).toBe(2);
    expect(await run(['racf', 'import', 'u', '--classact', 'FACILITY,TOOLONGCLASS'], captureIo({ u: unload }))).toBe(2);
    expect(await run(['racf', 'import', 'u', '--raclist', 'all'], captureIo({ u: unload }))).toBe(2);
    expect(await run(['racf', 'import'], captureIo())).toBe(2);
  });
});
