/**
 * RACDCERT GENCERT NOTBEFORE/NOTAFTER(DATE(yyyy/mm/dd) TIME(hh:mm:ss)): the year must be 1950 to
 * 2049 (the range of an X.509 UTCTime, which RACF writes); a NOTBEFORE in 2049 without NOTAFTER
 * fails too, because the default NOTAFTER (one year later) is outside the range; NOTBEFORE not
 * earlier than NOTAFTER is IRRD133I. Nothing is created in any of these cases.
 */
import { fixedClock } from '@ztwin/core';
import { createState, getDataSet } from '@ztwin/racf-model';
import { applyDeck, gencert, seededKeySource, type GencertParams } from '@ztwin/keyring';
import { ctx } from './helpers';

const base: GencertParams = { owner: { kind: 'ID', id: 'U' }, label: 'x', subject: { CN: 'x' }, keyType: 'NISTECC', size: 256 };
const run = async (p: Partial<GencertParams>, at?: string) => gencert({ ...base, ...p }, at === undefined ? ctx() : ctx('test', at));
const codes = async (p: Partial<GencertParams>, at?: string): Promise<string[]> => (await run(p, at)).diagnostics.map((d) => d.code);

describe('GENCERT validity dates', () => {
  test('years 1950 to 2049 are accepted, at both ends', async () => {
    const r = await run({ notBefore: { date: '1950/01/01' }, notAfter: { date: '2049/12/31', time: '23:59:59' } });
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.certificate.notBefore).toBe('1950-01-01T00:00:00.000Z');
    expect(r.value?.certificate.notAfter).toBe('2049-12-31T23:59:59.000Z');
  });

  test('a year outside 1950..2049 is KR-DATE-RANGE, naming the operand', async () => {
    for (const [p, which] of [
      [{ notAfter: { date: '2050/01/01' } }, 'NOTAFTER'],
      [{ notAfter: { date: '9999/12/31' } }, 'NOTAFTER'],
      [{ notBefore: { date: '1949/12/31' } }, 'NOTBEFORE'],
      [{ notBefore: { date: '0001/01/01' }, notAfter: { date: '2030/01/01' } }, 'NOTBEFORE'],
    ] as const) {
      const r = await run(p);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['KR-DATE-RANGE']);
      expect(r.diagnostics[0]?.severity).toBe('error');
      expect(r.diagnostics[0]?.message).toContain(which);
      expect(r.value).toBeUndefined();
    }
  });

  test('NOTBEFORE in 2049 without NOTAFTER: the default NOTAFTER (2050) is out of range', async () => {
    const r = await run({ notBefore: { date: '2049/06/01' } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KR-DATE-RANGE']);
    expect(r.diagnostics[0]?.hint).toMatch(/NOTAFTER/);
    // ... and the same at a clock in 2049 with neither given
    expect(await codes({}, '2049-03-01T00:00:00Z')).toEqual(['KR-DATE-RANGE']);
    expect(await codes({ notBefore: { date: '2048/06/01' } })).toEqual([]);
  });

  test('NOTAFTER before (or equal to) NOTBEFORE is IRRD133I', async () => {
    expect(await codes({ notBefore: { date: '2030/01/02' }, notAfter: { date: '2030/01/01' } })).toEqual(['IRRD133I']);
    expect(await codes({ notBefore: { date: '2030/01/01', time: '12:00:00' }, notAfter: { date: '2030/01/01', time: '12:00:00' } })).toEqual(['IRRD133I']);
  });

  test('through a deck: the out-of-range GENCERT creates no certificate, and the data set is untouched', async () => {
    const r = await applyDeck(createState(), ['ADDUSER U', "RACDCERT ID(U) GENCERT SUBJECTSDN(CN('x')) WITHLABEL('x') NISTECC SIZE(256) NOTAFTER(DATE(2099/12/31))"].join('\n'), {
      clock: fixedClock('2026-11-24T12:00:00Z'),
      keySource: seededKeySource('dates'),
    });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['KR-DATE-RANGE', 2]]);
    expect(r.state.certificates.size).toBe(0);
    expect(getDataSet(r.state, 'U.X')).toBeUndefined();
  });
});
