import { test as ptest, fc } from '@fast-check/jest';
import { diagnostic, didYouMean, editDistance, fixedClock, formatDiagnostic, LineIndex, parseClock, seededRandom, sortDiagnostics } from '../src';

describe('LineIndex', () => {
  const idx = new LineIndex('ab\r\ncd\nef', 'x.txt');
  it('maps offsets to 1-based line/column', () => {
    expect(idx.position(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(idx.position(4)).toEqual({ line: 2, column: 1, offset: 4 });
    expect(idx.position(8)).toEqual({ line: 3, column: 2, offset: 8 });
  });
  ptest.prop([fc.string(), fc.nat()])('positions stay inside the text', (text, off) => {
    const li = new LineIndex(text, 's');
    const p = li.position(off);
    expect(p.offset).toBeLessThanOrEqual(text.length);
    expect(li.lineStart(p.line) + p.column - 1).toBe(p.offset);
  });
});

describe('diagnostics', () => {
  it('formats as FILE:LINE:COL: CODE message', () => {
    const d = diagnostic({ code: 'RACF001', message: 'bad' }, { source: 'deck.racf', line: 3, column: 7 });
    expect(formatDiagnostic(d)).toBe('deck.racf:3:7: RACF001 bad');
    expect(formatDiagnostic({ ...d, severity: 'warning' })).toBe('deck.racf:3:7: RACF001 bad (warning)');
  });
  it('sorts by source, line, column', () => {
    const a = diagnostic({ code: 'A', message: '' }, { source: 'a', line: 2, column: 1 });
    const b = diagnostic({ code: 'B', message: '' }, { source: 'a', line: 1, column: 5 });
    expect(sortDiagnostics([a, b]).map((d) => d.code)).toEqual(['B', 'A']);
  });
});

describe('did-you-mean', () => {
  it('finds the seed typo', () => {
    expect(didYouMean('zoscconnect_apiRequesters', ['zosconnect_apiRequesters', 'keyStore'])).toBe('zosconnect_apiRequesters');
    expect(didYouMean('banana', ['keyStore'])).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('sources', () => {
  it('fixed clock and seeded random are deterministic', () => {
    expect(fixedClock('2020-12-11T00:00:00Z').now().toISOString()).toBe('2020-12-11T00:00:00.000Z');
    expect(seededRandom(7).bytes(8)).toEqual(seededRandom(7).bytes(8));
    expect(parseClock('2026-11-24')?.now().toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(parseClock('yesterday')).toBeUndefined();
  });
});
