/**
 * StringTable against a native Map model: same answers, same iteration order (insertion order, a
 * replaced value keeps its place, a deleted key that comes back goes to the end), through growth,
 * deletes, compaction and clones.
 */
import { fc, test } from '@fast-check/jest';
import { PMap, StringTable } from '@ztwin/racf-model';

type Op = { k: 'set'; key: string; v: number } | { k: 'del'; key: string } | { k: 'clone' };

const key = fc.oneof(fc.constantFrom('A', 'B', '', 'USER1', 'G/1', 'SYS1.**'), fc.string({ maxLength: 5 }), fc.nat(300).map((n) => `K${n}`));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('set' as const), key, v: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('del' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ k: 'clone' as const }) },
);

function same(t: StringTable<number>, model: ReadonlyMap<string, number>): void {
  expect(t.size).toBe(model.size);
  expect([...t.entries()]).toEqual([...model.entries()]);
  expect([...t]).toEqual([...model]);
  expect([...t.keys()]).toEqual([...model.keys()]);
  expect([...t.values()]).toEqual([...model.values()]);
  const seen: [string, number][] = [];
  t.forEach((v, k) => seen.push([k, v]));
  expect(seen).toEqual([...model]);
  for (const [k, v] of model) {
    expect(t.get(k)).toBe(v);
    expect(t.has(k)).toBe(true);
  }
  expect(t.get('NOT-A-KEY')).toBeUndefined();
  expect(t.has('NOT-A-KEY')).toBe(false);
}

describe('StringTable', () => {
  test.prop([fc.array(op, { maxLength: 400 })])('behaves like a Map of strings (order included); clones are independent', (ops) => {
    const t = new StringTable<number>();
    const model = new Map<string, number>();
    const clones: [StringTable<number>, Map<string, number>][] = [];
    for (const o of ops) {
      if (o.k === 'set') {
        t.set(o.key, o.v);
        model.set(o.key, o.v);
      } else if (o.k === 'del') expect(t.delete(o.key)).toBe(model.delete(o.key));
      else clones.push([t.clone(), new Map(model)]);
    }
    same(t, model);
    for (const [c, m] of clones) same(c, m);
  });

  it('grows, deletes most entries, compacts and grows again, keeping Map order', () => {
    const t = new StringTable<number>();
    const model = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      t.set(`SYS${i}.DATA.**`, i);
      model.set(`SYS${i}.DATA.**`, i);
    }
    for (let i = 0; i < 5000; i += 3) {
      t.set(`SYS${i}.DATA.**`, -i);
      model.set(`SYS${i}.DATA.**`, -i);
    }
    for (let i = 0; i < 5000; i++)
      if (i % 5 !== 0) {
        expect(t.delete(`SYS${i}.DATA.**`)).toBe(true);
        model.delete(`SYS${i}.DATA.**`);
      }
    expect(t.delete('SYS1.DATA.**')).toBe(false);
    for (let i = 0; i < 3000; i++) {
      t.set(`NEW${i}`, i);
      model.set(`NEW${i}`, i);
    }
    t.set('SYS7.DATA.**', 7);
    model.set('SYS7.DATA.**', 7);
    same(t, model);
  });

  it('keys with the same 32-bit hash are told apart', () => {
    // find two keys with equal FNV-1a hashes (a birthday search: some 80 000 keys)
    const fnv = (s: string): number => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h >>> 0;
    };
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const k = `PROFILE.${i}`;
      const other = seen.get(fnv(k));
      if (other !== undefined) pair = [other, k];
      else seen.set(fnv(k), k);
    }
    const [a, b] = pair;
    const t = new StringTable<string>();
    t.set(a, 'a').set(b, 'b');
    expect([t.get(a), t.get(b), t.size]).toEqual(['a', 'b', 2]);
    expect(t.delete(a)).toBe(true);
    expect([t.get(a), t.get(b), t.size]).toEqual([undefined, 'b', 1]);
  });

  it('is what a built PMap reads, and a built map does not change when its builder goes on', () => {
    const b = PMap.builder<number>();
    b.set('A', 1).set('B', 2);
    const m = b.build();
    b.set('A', 3).delete('B').set('C', 4);
    expect(m.flatMap()).toBeInstanceOf(StringTable);
    expect([...m.entries()]).toEqual([['A', 1], ['B', 2]]);
    expect([...b.build().entries()]).toEqual([['A', 3], ['C', 4]]);
  });
});
