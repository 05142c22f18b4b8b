/**
 * PMap's representations (trie, flat native Map, bulk-built trie), the builder and the deck draft
 * (DraftMap) against a plain Map model: same content after any sequence of operations and freezes,
 * and frozen maps never change afterwards.
 */
import { fc, test } from '@fast-check/jest';
import { DraftMap, PMap } from '@ztwin/racf-model';

type Op = { k: 'set'; key: string; v: number } | { k: 'del'; key: string } | { k: 'freeze' } | { k: 'final' } | { k: 'pset'; key: string; v: number } | { k: 'pdel'; key: string };

// few distinct keys so that sets, overwrites and deletes of the same key happen often
const key = fc.oneof(fc.constantFrom('A', 'B', 'C', 'USER1', 'G/1', ''), fc.string({ maxLength: 4 }), fc.nat(600).map((n) => `K${n}`));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('set' as const), key, v: fc.integer() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('del' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ k: 'freeze' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'final' as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('pset' as const), key, v: fc.integer() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('pdel' as const), key }) },
);

const sorted = (it: Iterable<readonly [string, number]>): [string, number][] => [...it].map(([k, v]): [string, number] => [k, v]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

function check(m: PMap<number>, model: ReadonlyMap<string, number>): void {
  // gets first: a snapshot of a draft's Map answers them through its undo records, entries() copies
  for (const [k, v] of model) expect(m.get(k)).toBe(v);
  expect(m.get('NOT-A-KEY')).toBe(model.get('NOT-A-KEY'));
  expect(m.size).toBe(model.size);
  expect(sorted(m.entries())).toEqual(sorted(model));
  for (const [k, v] of model) expect(m.get(k)).toBe(v);
}

/** Keys where `m` and the model differ (gets first, then the entries), for large maps. */
function differences(m: PMap<number>, model: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < 3600; i++) if (m.get(`P${i}`) !== model.get(`P${i}`)) out.push(`get P${i}`);
  if (m.size !== model.size) out.push(`size ${m.size} ${model.size}`);
  let n = 0;
  for (const [k, v] of m.entries()) if (model.get(k) !== v || ++n < 0) out.push(`entry ${k}`);
  if (n !== model.size) out.push(`entries ${n}`);
  return out;
}

describe('PMap bulk construction and DraftMap', () => {
  test.prop([fc.array(fc.tuple(key, fc.integer()), { maxLength: 700 })])('fromEntries equals a Map of the entries (last wins); updates of a flat map are persistent', (entries) => {
    const model = new Map(entries);
    const m = PMap.fromEntries(entries);
    check(m, model);
    const first = entries[0];
    if (first !== undefined) {
      const m2 = m.set(first[0], 12345).delete('K1');
      const model2 = new Map(model).set(first[0], 12345);
      model2.delete('K1');
      check(m2, model2);
      check(m, model); // unchanged
      // the trie built from the flat map answers like it
      const t = m.transient();
      t.set('NEW', 1);
      check(t.freeze(), new Map(model).set('NEW', 1));
    }
  });

  test.prop([fc.array(fc.tuple(key, fc.integer()), { maxLength: 900 }), fc.array(op, { maxLength: 400 }), fc.boolean()])('DraftMap follows a Map model; frozen snapshots never change', (init, ops, flatBase) => {
    let base = flatBase ? PMap.fromEntries(init) : PMap.empty<number>();
    if (!flatBase) for (const [k, v] of init) base = base.set(k, v);
    const model = new Map(init);
    const d = new DraftMap(base);
    const snapshots: [PMap<number>, Map<string, number>][] = [[base, new Map(model)]];
    for (const o of ops) {
      if (o.k === 'set') {
        d.set(o.key, o.v);
        model.set(o.key, o.v);
      } else if (o.k === 'del') {
        d.delete(o.key);
        model.delete(o.key);
      } else if (o.k === 'freeze' || o.k === 'final') {
        snapshots.push([d.freeze(o.k === 'final'), new Map(model)]);
      } else {
        // persistent updates of the last snapshot do not touch the draft or the snapshot
        const last = snapshots[snapshots.length - 1];
        if (last !== undefined) {
          const m2 = o.k === 'pset' ? last[0].set(o.key, o.v) : last[0].delete(o.key);
          const model2 = new Map(last[1]);
          if (o.k === 'pset') model2.set(o.key, o.v);
          else model2.delete(o.key);
          check(m2, model2);
        }
      }
      expect(d.size).toBe(model.size);
      if (o.k !== 'freeze' && o.k !== 'final') expect(d.get(o.key)).toBe(model.get(o.key));
    }
    expect(sorted(d.entries())).toEqual(sorted(model));
    check(d.freeze(), model);
    for (const [m, mm] of snapshots) check(m, mm);
  });

  it('snapshots of a large draft (RACLIST REFRESH pattern) keep their content through many later changes and snapshots', () => {
    const d = new DraftMap(PMap.empty<number>());
    const model = new Map<string, number>();
    const snapshots: [PMap<number>, Map<string, number>][] = [];
    for (let i = 0; i < 3000; i++) {
      d.set(`P${i}`, i);
      model.set(`P${i}`, i);
    }
    for (let round = 0; round < 14; round++) {
      snapshots.push([d.freeze(), new Map(model)]);
      // few changes in most rounds (undo records), many in two (the draft copies its Map)
      const n = round === 11 ? 2600 : 40 + round;
      for (let j = 0; j < n; j++) {
        const k = `P${(j * 7 + round * 131) % 3500}`;
        if (j % 5 === 4) {
          d.delete(k);
          model.delete(k);
        } else {
          d.set(k, round * 10000 + j);
          model.set(k, round * 10000 + j);
        }
      }
      if (round === 8) expect(differences(snapshots[2]?.[0] ?? PMap.empty(), snapshots[2]?.[1] ?? new Map())).toEqual([]); // read an old one mid-way
    }
    const last = d.freeze(true);
    expect(differences(last, model)).toEqual([]);
    // oldest first: reads go through up to 12 later snapshots
    for (const [m, mm] of snapshots) expect(differences(m, mm)).toEqual([]);
    d.set('AFTER', 1); // after a final freeze the draft copies its Map
    expect(differences(last, model)).toEqual([]);
  });

  test.prop([fc.array(fc.tuple(fc.constantFrom('set', 'set', 'add', 'add', 'add', 'del', 'del', 'freeze', 'final'), fc.nat(24), fc.integer()), { minLength: 1, maxLength: 150 }), fc.nat(1500)], { numRuns: 25 })(
    'add (of a key found absent) answers like set; snapshots taken between adds, sets and deletes never change',
    (ops, prefill) => {
      const d = new DraftMap(PMap.empty<number>());
      const model = new Map<string, number>();
      const snapshots: [PMap<number>, Map<string, number>][] = [];
      for (let i = 0; i < prefill; i++) {
        d.add(`P${i}`, i);
        model.set(`P${i}`, i);
      }
      for (const [o, n, v] of ops) {
        const k = `K${n}`;
        if (o === 'set') {
          d.set(k, v);
          model.set(k, v);
        } else if (o === 'add') {
          if (d.get(k) === undefined) {
            d.add(k, v);
            model.set(k, v);
          }
        } else if (o === 'del') {
          d.delete(k);
          model.delete(k);
        } else snapshots.push([d.freeze(o === 'final'), new Map(model)]);
        expect(d.get(k)).toBe(model.get(k));
        expect(d.size).toBe(model.size);
      }
      check(d.freeze(), model);
      // each snapshot: the size and every key the operations touched (and one prefilled key)
      for (const [m, mm] of snapshots) {
        expect(m.size).toBe(mm.size);
        for (let n = 0; n <= 24; n++) expect(m.get(`K${n}`)).toBe(mm.get(`K${n}`));
        expect(m.get('P0')).toBe(mm.get('P0'));
      }
    },
  );

  test.prop([fc.array(fc.tuple(fc.constantFrom('set', 'add', 'add', 'del', 'freeze', 'final'), fc.nat(11999), fc.integer()), { minLength: 1, maxLength: 120 }), fc.integer({ min: 3000, max: 7000 })], { numRuns: 10 })(
    'probe answers like get on a large draft (filter built at 4096 keys, grown, kept through copies and snapshots)',
    (ops, prefill) => {
      const d = new DraftMap(PMap.empty<number>());
      const model = new Map<string, number>();
      for (let i = 0; i < prefill; i++) {
        const k = `K${(i * 7919) % 12000}`;
        if (d.probe(k) === undefined) d.add(k, i);
        else d.set(k, i);
        model.set(k, i);
      }
      for (const [o, n, v] of ops) {
        const k = `K${n}`;
        if (o === 'set') {
          d.set(k, v);
          model.set(k, v);
        } else if (o === 'add') {
          if (d.probe(k) === undefined) {
            d.add(k, v);
            model.set(k, v);
          }
        } else if (o === 'del') {
          d.delete(k);
          model.delete(k);
        } else d.freeze(o === 'final');
        expect(d.probe(k)).toBe(model.get(k));
        expect(d.probe(`K${(n * 31) % 12000}`)).toBe(model.get(`K${(n * 31) % 12000}`));
      }
      for (let i = 0; i < 12000; i += 7) expect(d.probe(`K${i}`)).toBe(model.get(`K${i}`));
      expect(d.probe('ABSENT')).toBeUndefined();
    },
  );

  it('a key deleted after a snapshot and added again keeps its old value in the snapshot', () => {
    const d = new DraftMap(PMap.empty<number>());
    d.set('K1', 1);
    d.set('K2', 2);
    const s = d.freeze();
    d.delete('K1');
    d.add('K1', 10);
    d.add('K3', 3);
    expect([s.get('K1'), s.get('K2'), s.get('K3'), s.size]).toEqual([1, 2, undefined, 2]);
    expect([d.get('K1'), d.get('K3'), d.size]).toEqual([10, 3, 3]);
    const s2 = d.freeze();
    d.add('K4', 4);
    expect([s2.get('K4'), s.get('K4'), s2.get('K1')]).toEqual([undefined, undefined, 10]);
  });

  it('a draft without changes freezes to its base (identity), a builder copies after build', () => {
    const base = PMap.fromEntries([['A', 1]]);
    const d = new DraftMap(base);
    expect(d.get('A')).toBe(1);
    expect(d.freeze()).toBe(base);
    const b = PMap.builder<number>();
    b.set('X', 1);
    const m1 = b.build();
    b.set('Y', 2).delete('X');
    const m2 = b.build();
    check(m1, new Map([['X', 1]]));
    check(m2, new Map([['Y', 2]]));
  });

  it('bulk-built tries of many keys answer every key', () => {
    const entries: [string, number][] = [];
    for (let i = 0; i < 5000; i++) entries.push([`U${i}/G${i % 97}`, i]);
    const flat = PMap.fromEntries(entries);
    const trie = flat.set('EXTRA', -1); // forces the bulk trie of the flat map
    for (const [k, v] of entries) expect(trie.get(k)).toBe(v);
    expect(trie.size).toBe(5001);
    expect(trie.delete('U5/G5').get('U5/G5')).toBeUndefined();
  });
});
