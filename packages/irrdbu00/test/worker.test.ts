import { fc, test as propTest } from '@fast-check/jest';
import * as E from 'fp-ts/Either';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReadResult, type StateOptions, type UnloadRecord, UnloadDatabaseBuilder, UnloadSplitter, generateUnload, importUnload, readUnload, renderRecord, toRacfState } from '@ztwin/irrdbu00';
import { sortDiagnostics } from '@ztwin/core';
import { type RacfState, renderState } from '@ztwin/racf-model';
import { readWithWorker } from '../src/prescan';
import { recordArbitraries } from './arbitraries';
import { line } from './helpers';

// The worker path (a thread finds the lines of a large file) must give exactly what the
// single-threaded reader gives: records, line numbers, counts, diagnostics and the imported state.

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'irrdbu00-worker-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const generated = [...generateUnload({ users: 40, groups: 4, datasetProfiles: 60, profilesPerClass: 12, certificates: 3, seed: 3 })];
// Malformed, blank, CRLF, non-ASCII (UTF-8 ¢) and unknown-type lines among good ones.
const messy = [
  ...generated.slice(0, 30),
  '',
  line('0102', [6, 'PAYROLL'], [15, 'ALICE'], [24, 'OWNER']),
  `${generated[30] ?? ''}\r`,
  '   ',
  line('0999', [6, 'X']),
  line('0404', [6, 'SYS1.¢¢.**'], [58, 'IBMUSER'], [67, 'READ']),
  '0404X',
  ...generated.slice(31),
];

async function single(path: string): Promise<{ records: { line: number; record: UnloadRecord }[]; result: ReadResult }> {
  const records: { line: number; record: UnloadRecord }[] = [];
  const result = await readUnload(path, (record, l) => records.push({ line: l, record }), { workerThreshold: Infinity });
  return { records, result };
}

async function viaWorker(path: string, sizes?: { slotBytes: number; slotLines: number; tokenBits?: number }): Promise<{ records: { line: number; record: UnloadRecord }[]; result: ReadResult; progress: number[] }> {
  const records: { line: number; record: UnloadRecord }[] = [];
  const progress: number[] = [];
  if (sizes === undefined) {
    const result = await readUnload(path, (record, l) => records.push({ line: l, record }), { workerThreshold: 0, onProgress: (b) => progress.push(b) });
    return { records, result, progress };
  }
  const splitter = new UnloadSplitter((record, l) => records.push({ line: l, record }), path);
  const failure = await readWithWorker(path, splitter.lineTarget((b) => progress.push(b)), sizes);
  expect(failure).toBeUndefined();
  return { records, result: splitter.end(), progress };
}

/** importUnload's builder fed by the worker with `slotBytes` slots (small slots: many of them). */
async function importViaWorker(path: string, slotBytes: number, options: StateOptions): Promise<{ state: RacfState; diagnostics: readonly unknown[] }> {
  const builder = new UnloadDatabaseBuilder(path, true);
  const splitter = new UnloadSplitter((rec, l, id) => builder.add(rec, l, id), path, undefined, builder.addAccess, true);
  const failure = await readWithWorker(path, splitter.lineTarget(), { slotBytes, slotLines: Math.floor(slotBytes / 16) });
  expect(failure).toBeUndefined();
  const read = splitter.end();
  const built = builder.build();
  const mapped = toRacfState(built.database, options, built.tables);
  return { state: mapped.state, diagnostics: sortDiagnostics([...read.diagnostics, ...built.diagnostics, ...mapped.diagnostics]) };
}

describe('reading with a worker thread', () => {
  const inputs: [string, string | Buffer][] = [
    ['generated, newline at the end', generated.join('\n') + '\n'],
    ['generated, no newline at the end', generated.join('\n')],
    ['messy lines, EOF byte at the end', messy.join('\n') + '\n\u001a'],
    ['messy lines, CRLF', messy.join('\r\n')],
    ['empty', ''],
  ];
  test.each(inputs)('%s: same records, counts and diagnostics as the single-threaded reader', async (name, content) => {
    const path = file(`${name.replace(/\W+/g, '-')}.txt`, content);
    const want = await single(path);
    // real sizes (one slot), and tiny slots: many slots, lines carried over, lines longer than a slot
    // (tokenBits 1: the worker's token table starts with 2 slots and grows again and again)
    for (const sizes of [undefined, { slotBytes: 4096, slotLines: 7, tokenBits: 1 }, { slotBytes: 1000, slotLines: 1000 }, { slotBytes: 200, slotLines: 2 }]) {
      const got = await viaWorker(path, sizes);
      expect(got.records).toEqual(want.records);
      expect(got.result).toEqual(want.result);
      expect(got.progress.at(-1) ?? 0).toBe(Buffer.byteLength(content));
    }
  });

  test('the imported state is the same with and without the worker', async () => {
    const path = file('import.txt', messy.join('\n') + '\n');
    const options = { classes: { active: 'all' as const, generic: 'all' as const } };
    const a = await importUnload(path, { ...options, workerThreshold: Infinity });
    const b = await importUnload(path, { ...options, workerThreshold: 0 });
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(b.counts).toEqual(a.counts);
    expect(a.state.users.size).toBeGreaterThan(10);
    expect(renderState(b.state)).toEqual(renderState(a.state));
  });

  test('user records decoded on either thread (with and without id numbers) join into the same state', async () => {
    // Non-ASCII lines here and there: the slots holding one are decoded by this thread (no ids), the
    // others by the worker (ids), so the builder's per-id shortcuts meet records found by name.
    const base = [...generateUnload({ users: 60, groups: 4, datasetProfiles: 20, profilesPerClass: 4, certificates: 1, seed: 11 })];
    const mixed = base.flatMap((l, i) => (i % 40 === 17 ? [line('0404', [6, 'SYS1.\u00a2X.**'], [58, 'IBMUSER'], [67, 'READ']), l] : [l]));
    const path = file('mixed-ids.txt', mixed.join('\n') + '\n');
    const options = { classes: { active: 'all' as const, generic: 'all' as const } };
    const want = await importUnload(path, { ...options, workerThreshold: Infinity });
    for (const slotBytes of [1500, 4000, 1 << 20]) {
      const got = await importViaWorker(path, slotBytes, options);
      expect(renderState(got.state)).toEqual(renderState(want.state));
      expect(got.state.connects.size).toBe(want.state.connects.size);
      expect([...got.state.users.keys()]).toEqual([...want.state.users.keys()]);
    }
  });

  // Users, groups, member and connect records in any order, repeated, some in slots the main thread
  // decodes itself (a non-ASCII line in the slot): the builder's per-id shortcuts must give the
  // one-thread state, authorities and group order included.
  const uid = fc.constantFrom('U1', 'U2', 'U3', 'USER0004', 'X');
  const gid = fc.constantFrom('G1', 'G2', 'GROUP003', 'SYS1');
  const userRecord: fc.Arbitrary<UnloadRecord | 'non-ascii'> = fc.oneof(
    fc.record({ type: fc.constant('0100' as const), name: gid, supgroup: fc.constant('SYS1'), createDate: fc.constant('2024-01-01'), owner: fc.constant('SYS1'), uacc: fc.constant('NONE'), installData: fc.constant(''), universal: fc.boolean() }),
    fc.record({ type: fc.constant('0102' as const), name: gid, member: uid, authority: fc.constantFrom('USE', 'CREATE', 'CONNECT', 'JOIN' as const) }),
    fc.record({
      type: fc.constant('0200' as const),
      name: uid,
      createDate: fc.constant('2024-01-01'),
      owner: fc.constant('SYS1'),
      adsp: fc.boolean(),
      special: fc.boolean(),
      operations: fc.constant(false),
      revoked: fc.constant(false),
      grpacc: fc.constant(false),
      programmer: fc.constantFrom('', 'A NAME'),
      defaultGroup: fc.oneof(fc.constant(''), gid),
      installData: fc.constant(''),
      uaudit: fc.constant(false),
      auditor: fc.constant(false),
      protectedUser: fc.boolean(),
      revokeDate: fc.constant(''),
      resumeDate: fc.constant(''),
      restricted: fc.constant(false),
    }),
    fc.record({ type: fc.constant('0203' as const), name: uid, group: gid }),
    fc.record({
      type: fc.constant('0205' as const),
      name: uid,
      group: gid,
      connectDate: fc.constant('2024-01-01'),
      owner: fc.constant('SYS1'),
      uacc: fc.constantFrom('NONE', 'READ'),
      adsp: fc.constant(false),
      special: fc.boolean(),
      operations: fc.constant(false),
      revoked: fc.constant(false),
      grpacc: fc.constant(false),
      auditor: fc.constant(false),
    }),
    fc.record({ type: fc.constant('0270' as const), name: uid, uid: fc.nat(99), home: fc.constant('/u/x'), program: fc.constant('/bin/sh') }),
    fc.constant('non-ascii' as const),
  );
  let m = 0;
  propTest.prop([fc.array(userRecord, { minLength: 1, maxLength: 40 }), fc.constantFrom(1200, 2500, 6000)], { numRuns: 60 })(
    'user, group and connect records in any order import the same through the worker (ids) and on one thread',
    async (recs, slotBytes) => {
      const lines = recs.map((r) => (r === 'non-ascii' ? line('0404', [6, 'SYS1.\u00a2.**'], [58, 'U1'], [67, 'READ']) : E.getOrElse(() => '')(renderRecord(r))));
      const path = file(`users-${m++}.txt`, lines.join('\n') + '\n');
      const options = { classes: { active: 'all' as const, generic: 'all' as const } };
      const want = await importUnload(path, { ...options, workerThreshold: Infinity });
      const got = await importViaWorker(path, slotBytes, options);
      expect(renderState(got.state)).toEqual(renderState(want.state));
      expect([...got.state.connects.values()]).toEqual([...want.state.connects.values()]);
      expect(got.diagnostics).toEqual(want.diagnostics);
    },
  );

  test("a user's basic record read on this thread, then again through the worker, is still a duplicate", async () => {
    // slot 1 (non-ASCII: decoded here, no ids) has U1's first 0200; slot 2 (ASCII: the worker, ids) the second
    const u = (programmer: string): string =>
      E.getOrElse(() => '')(
        renderRecord({ type: '0200', name: 'U1', createDate: '2024-01-01', owner: 'SYS1', adsp: false, special: false, operations: false, revoked: false, grpacc: false, programmer, defaultGroup: 'G1', installData: '', uaudit: false, auditor: false, protectedUser: false, revokeDate: '', resumeDate: '', restricted: false }),
      );
    // (filler that no user-keyed table sees: subgroup records)
    const filler = line('0101', [6, 'G1'], [15, 'G2']);
    const lines = [line('0100', [6, 'G1']), u('FIRST'), line('0404', [6, 'SYS1.\u00a2.**'], [58, 'U1'], [67, 'READ']), ...Array.from({ length: 25 }, () => filler), u('SECOND')];
    const path = file('dup-user.txt', lines.join('\n') + '\n');
    const options = { classes: { active: 'all' as const, generic: 'all' as const } };
    const want = await importUnload(path, { ...options, workerThreshold: Infinity });
    expect(want.diagnostics.map((d) => d.code)).toContain('IRRDBU00-DUPLICATE');
    const got = await importViaWorker(path, 1200, options);
    expect(got.diagnostics).toEqual(want.diagnostics);
    expect(renderState(got.state)).toEqual(renderState(want.state));
    expect(got.state.users.get('U1')?.name).toBe('SECOND');
  });

  test('a missing file is the same diagnostic on both paths', async () => {
    const path = join(dir, 'missing.txt');
    const a = await readUnload(path, () => undefined, { workerThreshold: Infinity });
    const b = await readUnload(path, () => undefined, { workerThreshold: 0 });
    expect(b).toEqual(a);
    expect(a.diagnostics[0]?.code).toBe('IRRDBU00-READ-FAILED');
  });

  // The worker decodes well-formed access-list, basic data, connect, user, OMVS and STDATA lines (0404, 0505, 0400, 0500, 0102, 0203, 0205, 0200, 0270, 0540) itself: any line it accepts must give what
  // RecordDecoder gives, and any line RecordDecoder reports must reach RecordDecoder.
  // the record types the worker decodes, over ASCII only (a non-ASCII slot is decoded by RecordDecoder)
  const arbitraries = recordArbitraries({ id: 'ABCXYZ019#$@*', profile: 'ABZ09.*%&-', text: 'ab XY 01=.,/' });
  const workerTypes = ['0404', '0505', '0400', '0500', '0102', '0203', '0205', '0200', '0270', '0540'] as const;
  const accessRecord: fc.Arbitrary<UnloadRecord> = fc.oneof(
    ...workerTypes.map((t): fc.Arbitrary<UnloadRecord> => arbitraries[t]),
    // a uid beyond 2^31 - 1, which the worker leaves to RecordDecoder
    arbitraries['0270'].map((r) => ({ ...r, uid: 4294967295 })),
  );
  const mutation = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: 1010 }) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: 1010 }), ch: fc.constantFrom(' ', 'x', 'R', 'E', '0', 'y', 'N', '-', '\r', 'é') }),
    fc.record({ kind: fc.constant('pad' as const), n: fc.nat({ max: 40 }) }),
  );
  const accessLine = fc.tuple(accessRecord, mutation).map(([r, m]) => {
    const l = E.getOrElse(() => '0404')(renderRecord(r));
    // positions within the line, whatever its length (short 0203 lines as well as 1008-column 0500 ones)
    if (m.kind === 'cut') return l.slice(0, m.at % (l.length + 1));
    if (m.kind === 'set') return l.slice(0, m.at % (l.length + 1)) + m.ch + l.slice((m.at % (l.length + 1)) + 1);
    if (m.kind === 'pad') return l + ' '.repeat(m.n);
    return l;
  });
  let n = 0;
  propTest.prop([fc.array(accessLine, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n')], { numRuns: 60 })(
    'access-list, basic data, connect, user, OMVS and STDATA lines, well formed or not, read the same through the worker',
    async (lines, eol) => {
      const path = file(`prop-${n++}.txt`, lines.join(eol) + eol);
      const want = await single(path);
      for (const sizes of [undefined, { slotBytes: 700, slotLines: 3, tokenBits: 1 }]) {
        const got = await viaWorker(path, sizes);
        expect(got.records).toEqual(want.records);
        expect(got.result).toEqual(want.result);
      }
    },
  );
});
