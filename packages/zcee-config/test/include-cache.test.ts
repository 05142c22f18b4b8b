/**
 * One load reads each resolved file once, however many times it is included and from where; the
 * result (files, effective elements, diagnostics with their file/line) is what it was when every
 * include read its file again, cycles included.
 */
import { type FileReader, memoryFileReader, readServerConfig } from '@ztwin/zcee-config';

const DIR = '/u/zcee/servers/s1';

function counting(files: Record<string, string>): { reader: FileReader; reads: Map<string, number>; lists: Map<string, number> } {
  const inner = memoryFileReader(files, DIR);
  const reads = new Map<string, number>();
  const lists = new Map<string, number>();
  return {
    reads,
    lists,
    reader: {
      read: (f) => {
        reads.set(f, (reads.get(f) ?? 0) + 1);
        return inner.read(f);
      },
      list: (d) => {
        lists.set(d, (lists.get(d) ?? 0) + 1);
        return inner.list?.(d) ?? [];
      },
    },
  };
}

/** The same files through a reader that answers each read afresh and cannot be cached by identity. */
function fresh(files: Record<string, string>): FileReader {
  const inner = memoryFileReader(files, DIR);
  return { read: (f) => (inner.read(f) === undefined ? undefined : `${inner.read(f) ?? ''}`), list: (d) => inner.list?.(d) ?? [] };
}

const N = 7;
// common.xml is included N times: from server.xml directly (twice, once by a relative and once by
// an absolute location), from each of a.xml and b.xml, and from the directory include's files.
// It has a warning-level problem (an unknown attribute on <include>) so its diagnostics repeat.
const files: Record<string, string> = {
  'server.xml': [
    '<server>',
    '  <include location="common.xml"/>',
    '  <include location="a.xml"/>',
    '  <include location="b.xml"/>',
    '  <include location="${server.config.dir}/common.xml"/>',
    '  <include location="conf.d/"/>',
    '  <include location="missing.xml" optional="true"/>',
    '</server>',
  ].join('\n'),
  'a.xml': '<server>\n  <include location="common.xml"/>\n  <include location="b.xml" onConflict="REPLACE"/>\n</server>',
  'b.xml': '<server>\n  <include location="common.xml"/>\n</server>',
  'conf.d/1.xml': '<server>\n  <include location="../common.xml"/>\n</server>',
  'conf.d/2.xml': '<server>\n  <include location="../common.xml"/>\n</server>',
  'common.xml': '<server>\n  <variable name="v" value="1"/>\n  <include location="leaf.xml" optinal="true"/>\n  <keyStore id="k" location="safkeyring:///R" type="JCERACFKS" fileBased="false"/>\n</server>',
  'leaf.xml': '<server>\n  <include location="common.xml"/>\n</server>',
};

describe('include reads are cached within one load', () => {
  test(`a file included ${N} times is read once; every other file once too`, () => {
    const c = counting(files);
    const r = readServerConfig(`${DIR}/server.xml`, c.reader, { serverConfigDir: DIR });
    expect(r.files.filter((f) => f.path === `${DIR}/common.xml`)).toHaveLength(N);
    expect(c.reads.get(`${DIR}/common.xml`)).toBe(1);
    for (const [f, n] of c.reads) expect([f, n]).toEqual([f, 1]);
    // the missing optional include was looked for once per candidate, not read twice
    expect(c.reads.get(`${DIR}/missing.xml`)).toBe(1);
  });

  test('files, elements and diagnostics (file/line, cycles) are as without the cache', () => {
    const cached = readServerConfig(`${DIR}/server.xml`, counting(files).reader, { serverConfigDir: DIR });
    const uncached = readServerConfig(`${DIR}/server.xml`, fresh(files), { serverConfigDir: DIR });
    expect(cached.diagnostics).toEqual(uncached.diagnostics);
    expect(JSON.stringify(cached.files)).toEqual(JSON.stringify(uncached.files));
    expect(cached.elements).toEqual(uncached.elements);
    // leaf.xml includes common.xml back: a cycle each time common.xml is loaded, at leaf.xml:2
    const cycles = cached.diagnostics.filter((d) => d.code === 'ZCEE_INCLUDE_CYCLE');
    expect(cycles).toHaveLength(N);
    expect(cycles.every((d) => d.source === `${DIR}/leaf.xml` && d.line === 2)).toBe(true);
    // common.xml's own finding is reported where it is written, once per time it is read in
    const typo = cached.diagnostics.filter((d) => d.source === `${DIR}/common.xml` && d.line === 3);
    expect(typo.length).toBe(N);
  });

  test('a second load reads again (the cache lives for one load only)', () => {
    const c = counting(files);
    readServerConfig(`${DIR}/server.xml`, c.reader, { serverConfigDir: DIR });
    readServerConfig(`${DIR}/server.xml`, c.reader, { serverConfigDir: DIR });
    expect(c.reads.get(`${DIR}/common.xml`)).toBe(2);
  });
});
