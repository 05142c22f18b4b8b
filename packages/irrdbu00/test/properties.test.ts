import { fc, test } from '@fast-check/jest';
import * as E from 'fp-ts/Either';
import { type UnloadRecord, UnloadSplitter, generateRecords, generateUnload, parseUnload, renderRecord } from '@ztwin/irrdbu00';
import { recordArbitraries } from './arbitraries';

const arbitraries = recordArbitraries({ id: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#$@', profile: 'ABCXYZ019.*%&-¢', text: 'abc XYZ 01=.,/¢' });
/** Arbitrary records of every decoded type, within the documented field widths. */
const record: fc.Arbitrary<UnloadRecord> = fc.oneof(...Object.values(arbitraries));

describe('properties', () => {
  test.prop([record, fc.boolean(), fc.boolean()], { numRuns: 300 })('render → decode gives the record back (with or without trailing blanks, LF or CRLF)', (rec, pad, crlf) => {
    const l = renderRecord(rec, { trailingBlanks: pad });
    expect(E.isRight(l)).toBe(true);
    if (E.isLeft(l)) return;
    const r = parseUnload(`${l.right}${crlf ? '\r\n' : '\n'}`, 'P');
    expect(r.diagnostics).toEqual([]);
    expect(r.records).toEqual([{ line: 1, record: rec }]);
  });

  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), record.map((r) => E.getOrElse(() => '')(renderRecord(r)))), { maxLength: 20 })])(
    'the reader never throws; diagnostics point inside the input',
    (lines) => {
      const text = lines.join('\n');
      const r = parseUnload(text, 'ARB');
      const lineCount = text.split('\n').length;
      for (const d of r.diagnostics) {
        expect(d.source).toBe('ARB');
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.line).toBeLessThanOrEqual(lineCount);
        expect(d.column).toBeGreaterThanOrEqual(1);
      }
      for (const x of r.records) expect(x.line).toBeLessThanOrEqual(lineCount);
      expect(r.counts.records + r.counts.malformed + r.counts.blank + Object.values(r.counts.unknown).reduce((a, b) => a + b, 0)).toBe(r.counts.lines);
    },
  );

  test.prop([fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), fc.nat({ max: 1000 })])('chunk boundaries do not change what is read', (cuts, seed) => {
    const text = Buffer.from([...generateUnload({ users: 4, groups: 2, datasetProfiles: 3, profilesPerClass: 2, certificates: 2, seed })].join('\r\n'), 'utf8');
    const whole = parseUnload(text, 'C');
    const got: unknown[] = [];
    const splitter = new UnloadSplitter((record, line) => got.push({ line, record }), 'C');
    let at = 0;
    for (const c of [...cuts].sort((a, b) => a - b).map((c) => Math.floor((c / 400) * text.length))) {
      splitter.push(text.subarray(at, Math.max(at, c)));
      at = Math.max(at, c);
    }
    splitter.push(text.subarray(at));
    const end = splitter.end();
    expect(got).toEqual(whole.records);
    expect(end.counts).toEqual(whole.counts);
  });

  test.prop([fc.nat({ max: 10000 }), fc.integer({ min: 0, max: 30 }), fc.boolean()])('generator → reader round trip', (seed, users, pad) => {
    const opts = { users, groups: 3, datasetProfiles: 6, profilesPerClass: 4, certificates: Math.min(users, 3), seed, trailingBlanks: pad };
    const expected = [...generateRecords(opts)];
    const r = parseUnload([...generateUnload(opts)].join('\n'), 'GEN');
    expect(r.diagnostics).toEqual([]);
    expect(r.records.map((x) => x.record)).toEqual(expected);
  });
});

describe('renderer refuses what would read back differently', () => {
  test.each([
    [{ type: '0404', name: 'A'.repeat(45), volume: '', authId: 'X', access: 'READ' }, 'longer'],
    [{ type: '0404', name: 'A B', volume: '', authId: 'X', access: 'READ' }, 'blank'],
    [{ type: '0207', name: 'U', certName: 'C', label: 'trailing ' }, 'trailing'],
    [{ type: '0207', name: 'U', certName: 'C', label: 'two\nlines' }, 'line end'],
    [{ type: '0120', name: 'G', gid: -1 }, 'integer'],
  ] as [UnloadRecord, string][])('%j', (rec, why) => {
    const r = renderRecord(rec);
    expect(E.isLeft(r) && r.left.includes(why)).toBe(true);
  });
});
