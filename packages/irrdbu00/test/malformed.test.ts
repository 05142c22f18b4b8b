import { Readable } from 'node:stream';
import { DiagnosticCodes, importUnload, parseUnload } from '@ztwin/irrdbu00';
import { line } from './helpers';

const good = line('0203', [6, 'ALICE'], [15, 'PAYROLL']);

function diagsOf(bad: string, code: string, column?: number) {
  const r = parseUnload([good, bad, good].join('\n'), 'PROD.UNLOAD');
  expect(r.records.map((x) => x.line)).toEqual([1, 3]);
  expect(r.counts.malformed).toBe(1);
  expect(r.diagnostics).toHaveLength(1);
  const d = r.diagnostics[0];
  expect(d).toMatchObject({ code, severity: 'error', source: 'PROD.UNLOAD', line: 2 });
  if (column !== undefined) expect(d?.column).toBe(column);
  return d;
}

describe('malformed records become diagnostics with line numbers', () => {
  test('bad access level', () => {
    const d = diagsOf(line('0404', [6, 'PAY.**'], [58, 'ALICE'], [67, 'WRITE']), DiagnosticCodes.badAccess, 67);
    expect(d?.message).toContain("'WRITE'");
  });
  test('bad YES/NO flag', () => {
    diagsOf(line('0400', [6, 'PAY.**'], [58, 'MAYBE'], [129, 'NONE']), DiagnosticCodes.badFlag, 58);
  });
  test('bad number', () => {
    diagsOf(line('0270', [6, 'ALICE'], [15, '12AB']), DiagnosticCodes.badNumber, 15);
  });
  test('bad date in a certificate record', () => {
    diagsOf(line('0560', [6, '01.CN=X'], [253, 'DIGTCERT'], [262, '2022/12/31'], [273, '00:00:00'], [282, '2023-12-31'], [293, '23:59:59']), DiagnosticCodes.badDate, 262);
  });
  test('record cut short before a mandatory field', () => {
    diagsOf(line('0404', [6, 'PAY.**'], [58, 'ALICE']), DiagnosticCodes.shortRecord);
  });
  test('missing profile name', () => {
    diagsOf(line('0404', [58, 'ALICE'], [67, 'READ']), DiagnosticCodes.missingName, 6);
  });
  test('unknown connect authority and ring usage', () => {
    diagsOf(line('0102', [6, 'PAYROLL'], [15, 'ALICE'], [24, 'OWNER']), DiagnosticCodes.badValue, 24);
    diagsOf(line('0562', [6, 'U.R'], [253, 'DIGTRING'], [262, '01.CN=X'], [509, 'PRIVATE'], [518, 'NO'], [523, 'L']), DiagnosticCodes.badValue, 509);
  });
  test('shifted record (column 5 not blank), e.g. transferred with its RDW', () => {
    diagsOf(`0404X${line('', [2, 'PAY.**'])}`, DiagnosticCodes.badSeparator, 5);
  });
  test('garbage that is not a record', () => {
    diagsOf('<html>', DiagnosticCodes.badRecordType, 1);
    diagsOf('01', DiagnosticCodes.shortRecord, 1);
  });
  test('an EBCDIC (binary) transfer is recognised', () => {
    const ebcdic = Buffer.from([0xf0, 0xf4, 0xf0, 0xf4, 0x40, 0xd7, 0xc1, 0xe8]);
    const r = parseUnload(Buffer.concat([Buffer.from(`${good}\n`), ebcdic, Buffer.from(`\n${good}`)]), 'BIN.UNLOAD');
    expect(r.records.map((x) => x.line)).toEqual([1, 3]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: DiagnosticCodes.ebcdic, line: 2, column: 1, source: 'BIN.UNLOAD' })]);
  });
  test('blank lines are counted, not reported', () => {
    const r = parseUnload(`${good}\n\n   \n${good}\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.counts).toMatchObject({ lines: 4, blank: 2, records: 2 });
  });
  test('diagnostics are capped; the rest are counted in a final warning', () => {
    const bad = line('0404', [6, 'PAY.**'], [58, 'ALICE'], [67, 'WRITE']);
    const r = parseUnload(Array.from({ length: 1005 }, () => bad).join('\n'));
    expect(r.counts.malformed).toBe(1005);
    expect(r.diagnostics).toHaveLength(1001);
    expect(r.diagnostics[1000]).toMatchObject({ code: DiagnosticCodes.tooManyDiagnostics, severity: 'warning' });
    expect(r.diagnostics[999]?.line).toBe(1000);
  });
});

describe('the import decodes frequent records into reused objects: same diagnostics, same profiles', () => {
  test('bad creation dates are reported with their lines; good records after them are not overwritten', async () => {
    const text = [
      line('0400', [6, 'PAY.**'], [58, 'YES'], [63, '2024/03/01'], [74, 'ALICE'], [129, 'NONE']),
      line('0400', [6, 'HR.**'], [58, 'YES'], [63, '2024-03-01'], [74, 'BOB'], [129, 'READ']),
      line('0500', [6, 'BPX.SERVER'], [253, 'FACILITY'], [262, 'NO'], [271, '2024-13-1x']),
      line('0205', [6, 'ALICE'], [15, 'PAYROLL'], [24, '24-03-01']),
    ].join('\n');
    const r = await importUnload(Readable.from([Buffer.from(text)]), { source: 'PROD.UNLOAD' });
    const bad = r.diagnostics.filter((d) => d.code === DiagnosticCodes.badDate);
    expect(bad.map((d) => d.line)).toEqual([1, 3, 4]);
    const hr = r.state.profiles.get('DATASET')?.generic.get('HR.**');
    expect(hr).toMatchObject({ owner: 'BOB', uacc: 'READ', generic: true });
    expect(r.state.profiles.get('DATASET')?.generic.get('PAY.**')).toBeUndefined();
  });
});
