/**
 * A persistent (immutable) string-keyed hash map: a hash array mapped trie with 32-way nodes.
 * `set`/`delete` copy only the path to the changed leaf (O(log32 n)), so applying one command never
 * copies a whole table. `TMap` is the transient (mutable draft) form used while a whole deck is
 * applied: it mutates nodes it created itself and path-copies shared ones; `freeze()` hands back a
 * `PMap` and makes the draft copy-on-write again, so frozen maps never change.
 */

import { StringTable, hashString } from './string-table';

/** Edit token: nodes whose `edit` is the draft's current token may be mutated in place. */
type Edit = object;

class Leaf<V> {
  readonly tag = 0 as const;
  constructor(
    readonly hash: number,
    readonly key: string,
    readonly value: V,
  ) {}
}
class Coll<V> {
  readonly tag = 1 as const;
  constructor(
    readonly hash: number,
    public leaves: Leaf<V>[],
    public edit: Edit | null,
  ) {}
}
class BNode<V> {
  readonly tag = 2 as const;
  constructor(
    public bitmap: number,
    public children: Node<V>[],
    public edit: Edit | null,
  ) {}
}
type Node<V> = Leaf<V> | Coll<V> | BNode<V>;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

interface Box {
  changed: number; // +1 added, -1 removed, 0 replaced/none
}

function merge<V>(shift: number, a: Leaf<V>, b: Leaf<V>, edit: Edit | null): Node<V> {
  if (shift > 30) return new Coll(a.hash, [a, b], edit);
  const ia = (a.hash >>> shift) & 31;
  const ib = (b.hash >>> shift) & 31;
  if (ia === ib) return new BNode(1 << ia, [merge(shift + 5, a, b, edit)], edit);
  return new BNode((1 << ia) | (1 << ib), ia < ib ? [a, b] : [b, a], edit);
}

function setIn<V>(node: Node<V>, shift: number, leaf: Leaf<V>, edit: Edit | null, box: Box): Node<V> {
  if (node.tag === 2) {
    const bit = 1 << ((leaf.hash >>> shift) & 31);
    const idx = popcount(node.bitmap & (bit - 1));
    if ((node.bitmap & bit) === 0) {
      box.changed = 1;
      if (edit !== null && node.edit === edit) {
        node.children.splice(idx, 0, leaf);
        node.bitmap |= bit;
        return node;
      }
      const ch = node.children.slice();
      ch.splice(idx, 0, leaf);
      return new BNode(node.bitmap | bit, ch, edit);
    }
    const child = node.children[idx];
    if (child === undefined) return node;
    const nc = setIn(child, shift + 5, leaf, edit, box);
    if (nc === child) return node;
    if (edit !== null && node.edit === edit) {
      node.children[idx] = nc;
      return node;
    }
    const ch = node.children.slice();
    ch[idx] = nc;
    return new BNode(node.bitmap, ch, edit);
  }
  if (node.tag === 0) {
    if (node.key === leaf.key) return node.value === leaf.value ? node : leaf;
    box.changed = 1;
    if (node.hash === leaf.hash) return new Coll(node.hash, [node, leaf], edit);
    return merge(shift, node, leaf, edit);
  }
  // collision node
  const i = node.leaves.findIndex((l) => l.key === leaf.key);
  if (i >= 0 && node.leaves[i]?.value === leaf.value) return node;
  if (i < 0) box.changed = 1;
  const leaves = edit !== null && node.edit === edit ? node.leaves : node.leaves.slice();
  if (i >= 0) leaves[i] = leaf;
  else leaves.push(leaf);
  if (leaves === node.leaves) return node;
  return new Coll(node.hash, leaves, edit);
}

function delIn<V>(node: Node<V>, shift: number, hash: number, key: string, edit: Edit | null, box: Box): Node<V> | null {
  if (node.tag === 2) {
    const bit = 1 << ((hash >>> shift) & 31);
    if ((node.bitmap & bit) === 0) return node;
    const idx = popcount(node.bitmap & (bit - 1));
    const child = node.children[idx];
    if (child === undefined) return node;
    const nc = delIn(child, shift + 5, hash, key, edit, box);
    if (nc === child) return node;
    if (nc === null) {
      if (node.children.length === 1) return null;
      if (edit !== null && node.edit === edit) {
        node.children.splice(idx, 1);
        node.bitmap &= ~bit;
        return node;
      }
      const ch = node.children.slice();
      ch.splice(idx, 1);
      return new BNode(node.bitmap & ~bit, ch, edit);
    }
    if (edit !== null && node.edit === edit) {
      node.children[idx] = nc;
      return node;
    }
    const ch = node.children.slice();
    ch[idx] = nc;
    return new BNode(node.bitmap, ch, edit);
  }
  if (node.tag === 0) {
    if (node.key !== key) return node;
    box.changed = -1;
    return null;
  }
  const i = node.leaves.findIndex((l) => l.key === key);
  if (i < 0) return node;
  box.changed = -1;
  const leaves = node.leaves.filter((_, j) => j !== i);
  if (leaves.length === 1 && leaves[0] !== undefined) return leaves[0];
  return new Coll(node.hash, leaves, edit);
}

/**
 * Build a trie from n distinct keys at once: bucket the entries by 5 hash bits per level (a counting
 * sort of an index array) and create each node with its final children. The result has the shape
 * one `set` per key would give (single-child nodes where hashes share a chunk, collision nodes
 * below the last level), so lookups, deletes and iteration treat it like any other trie.
 */
function bulk<V>(keys: readonly string[], values: readonly V[], n: number): Node<V> {
  // hashes and entry indices are permuted together, so each level's counting sort reads them in order
  let hs = new Uint32Array(n);
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    hs[i] = hashString(keys[i]);
    idx[i] = i;
  }
  let hs2 = new Uint32Array(n);
  let idx2 = new Int32Array(n);
  // one bucket-count array per trie level (shifts 0, 5, ..., 30)
  const counts: Int32Array[] = [];
  for (let d = 0; d < 7; d++) counts.push(new Int32Array(33));
  const range = (lo: number, hi: number, shift: number, depth: number): Node<V> => {
    if (hi - lo === 1) return new Leaf(hs[lo], keys[idx[lo]], values[idx[lo]]);
    if (shift > 30) {
      // all 32 hash bits are equal: a collision node
      const leaves: Leaf<V>[] = [];
      for (let j = lo; j < hi; j++) leaves.push(new Leaf(hs[j], keys[idx[j]], values[idx[j]]));
      return new Coll(hs[lo], leaves, null);
    }
    const c = counts[depth];
    c.fill(0);
    for (let j = lo; j < hi; j++) c[((hs[j] >>> shift) & 31) + 1]++;
    for (let b = 0; b < 32; b++) c[b + 1] += c[b];
    for (let j = lo; j < hi; j++) {
      const h = hs[j];
      const at = lo + c[(h >>> shift) & 31]++;
      hs2[at] = h;
      idx2[at] = idx[j];
    }
    for (let j = lo; j < hi; j++) {
      hs[j] = hs2[j];
      idx[j] = idx2[j];
    }
    // c[b] is now the end of bucket b, relative to lo
    let bitmap = 0;
    const children: Node<V>[] = [];
    let start = lo;
    for (let b = 0; b < 32; b++) {
      const end = lo + c[b];
      if (end > start) {
        bitmap |= 1 << b;
        children.push(range(start, end, shift + 5, depth + 1));
        start = end;
      }
    }
    return new BNode(bitmap, children, null);
  };
  const root = range(0, n, 0, 0);
  hs = hs2 = new Uint32Array(0);
  idx = idx2 = new Int32Array(0);
  return root;
}

function getIn<V>(root: Node<V> | null, hash: number, key: string): V | undefined {
  let node = root;
  let shift = 0;
  while (node !== null) {
    if (node.tag === 2) {
      const bit = 1 << ((hash >>> shift) & 31);
      if ((node.bitmap & bit) === 0) return undefined;
      node = node.children[popcount(node.bitmap & (bit - 1))] ?? null;
      shift += 5;
    } else if (node.tag === 0) {
      return node.key === key ? node.value : undefined;
    } else {
      for (const l of node.leaves) if (l.key === key) return l.value;
      return undefined;
    }
  }
  return undefined;
}

function* walk<V>(node: Node<V> | null): Generator<Leaf<V>> {
  if (node === null) return;
  if (node.tag === 0) yield node;
  else if (node.tag === 1) yield* node.leaves;
  else for (const c of node.children) yield* walk(c);
}

/**
 * Lookup that gets faster when one map version is queried many times (access checks on a fixed
 * state): after about size/8 lookups the map is copied once into a native Map (flat keys). Amortised
 * O(1). A flat map's StringTable is used as it is.
 */
const hot = new WeakMap<object, { hits: number; map: FlatTable<unknown> | null }>();
export function hotGet<V>(m: PMap<V>, key: string): V | undefined {
  let h = hot.get(m);
  if (h === undefined) hot.set(m, (h = { hits: 0, map: null }));
  if (h.map !== null) return h.map.get(key) as V | undefined;
  if (++h.hits > 64 + (m.size >>> 3)) {
    h.map = toNative(m);
    return h.map.get(key) as V | undefined;
  }
  return m.get(key);
}

/**
 * A flat copy of a long string. Keys parsed from a deck are V8 "sliced strings" (views into the
 * whole deck text) and compare several times slower as Map keys; a property key is internalised,
 * i.e. copied into a flat string, which `for in` hands back. Too slow to do per token in a deck
 * (about 80 ns, more as the string table grows), so it is done once, for the lookup maps of checks.
 */
export function flatString(s: string): string {
  if (s.length < 13) return s;
  const o: Record<string, true> = {};
  o[s] = true;
  for (const k in o) return k;
  return s;
}

/** A native Map with flat keys for lookups on one map version (see HotMap). */
function toNative<V>(m: PMap<V>): FlatTable<V> {
  // A StringTable hashes and compares in JavaScript: a sliced key costs it nothing extra.
  const f = m.flatMap();
  if (f instanceof StringTable) return f;
  const nm = new Map<string, V>();
  m.forEach((v, k) => nm.set(flatString(k), v));
  return nm;
}

/**
 * A lookup view of one map version that switches to its own native Map (flat keys) once it is
 * queried often: after about size/8 lookups, so the copy is amortised.
 */
export class HotMap<V> {
  private hits = 0;
  private map: FlatTable<V> | null = null;
  constructor(private readonly m: PMap<V>) {}
  get(key: string): V | undefined {
    if (this.map !== null) return this.map.get(key);
    if (++this.hits > 64 + (this.m.size >>> 3)) {
      this.map = toNative(this.m);
      return this.map.get(key);
    }
    return this.m.get(key);
  }
}

/**
 * The content of a flat PMap: a native Map (a deck's draft hands its Map over) or a StringTable (a
 * builder's; see string-table.ts). Never changed once a PMap holds it.
 */
export type FlatTable<V> = ReadonlyMap<string, V> | StringTable<V>;

const ABSENT: unique symbol = Symbol('absent');
/**
 * @internal The tie between a snapshot of a draft's native Map and the draft. The draft keeps
 * changing `live`; before it changes a key for the first time after the snapshot it records the old
 * value (or ABSENT) in `undo`. A later snapshot of the same Map becomes `next`: an older snapshot
 * reads its own undo records, then the next snapshot's. So a snapshot costs O(changes after it),
 * not a copy of the Map (the RACLIST REFRESH pattern: in-storage copy taken, database changed on).
 */
export interface SnapLink<V> {
  readonly undo: Map<string, V | typeof ABSENT>;
  readonly live: ReadonlyMap<string, V>;
  next: PMap<V> | null;
  /** The snapshot copied its content (it no longer reads `live`): stop recording. */
  detached: boolean;
}

/**
 * Immutable map. All "updating" methods return a new map sharing structure with this one.
 *
 * Two representations: a hash array mapped trie (`root`), or — for a map built in bulk (a builder,
 * `fromEntries`, a deck's draft) — "flat", a native Map or StringTable that nothing changes any
 * more. A flat map answers `get` with one probe; the first persistent update (`set`, `delete`, `transient`)
 * builds its trie once in bulk (memoised), and the updated maps are tries sharing its leaves.
 */
export class PMap<V> {
  private static readonly EMPTY = new PMap<never>(null, 0, null, null);
  private constructor(
    private trie: Node<V> | null,
    readonly size: number,
    private flat: FlatTable<V> | null,
    /** A snapshot of a draft's native Map that the draft keeps changing (see SnapLink). */
    private link: SnapLink<V> | null,
  ) {}
  static empty<V>(): PMap<V> {
    return PMap.EMPTY as PMap<V>;
  }
  /** A map of the entries (a later entry with the same key wins). Same as `fromEntries`. */
  static from<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
    return PMap.fromEntries(entries);
  }
  /**
   * Bulk construction (a later entry with the same key wins): no trie is built entry by entry, so
   * this costs about one StringTable insert per entry.
   */
  static fromEntries<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
    const b = new PMapBuilder<V>();
    for (const [k, v] of entries) b.set(k, v);
    return b.build();
  }
  /** Bulk construction from a native Map (copied: later changes of `m` do not affect the result). */
  static fromMap<V>(m: ReadonlyMap<string, V>): PMap<V> {
    return m.size === 0 ? PMap.empty<V>() : new PMap<V>(null, m.size, new Map(m), null);
  }
  /** A builder: set/delete entries, then `build()` once (bulk construction). */
  static builder<V>(): PMapBuilder<V> {
    return new PMapBuilder<V>();
  }
  /** @internal Wrap a native Map or StringTable that the caller will never change again. */
  static adopt<V>(m: FlatTable<V>): PMap<V> {
    return m.size === 0 ? PMap.empty<V>() : new PMap<V>(null, m.size, m, null);
  }
  /** @internal A snapshot of `link.live` that DraftMap keeps valid by recording old values in `link.undo`. */
  static snapshot<V>(link: SnapLink<V>, size: number): PMap<V> {
    return new PMap<V>(null, size, null, link);
  }
  /** @internal */
  static of<V>(root: Node<V> | null, size: number): PMap<V> {
    return size === 0 ? PMap.empty<V>() : new PMap(root, size, null, null);
  }
  /** @internal The trie (built once, in bulk, for a flat map). */
  get root(): Node<V> | null {
    if (this.link !== null) this.materialize();
    if (this.trie === null && this.flat !== null && this.size > 0) this.trie = bulk([...this.flat.keys()], [...this.flat.values()], this.size);
    return this.trie;
  }
  /** @internal The native Map or StringTable of a flat map, else null. Never change it. */
  flatMap(): FlatTable<V> | null {
    if (this.link !== null) this.materialize();
    return this.flat;
  }
  /**
   * A snapshot becomes an ordinary flat map of its own: the live Map with the undo records of it
   * and of the later snapshots applied, latest first (the earliest record of a key wins).
   */
  private materialize(): void {
    const first = this.link;
    if (first === null) return;
    const undos: Map<string, V | typeof ABSENT>[] = [];
    let l = first;
    let m: Map<string, V>;
    for (;;) {
      undos.push(l.undo);
      const n = l.next;
      if (n === null) {
        m = new Map(l.live);
        break;
      }
      const nl = n.link;
      if (nl === null) {
        const into = (m = new Map<string, V>());
        n.forEach((v, k) => into.set(k, v));
        break;
      }
      l = nl;
    }
    for (let i = undos.length - 1; i >= 0; i--) {
      for (const [k, u] of undos[i] as Map<string, V | typeof ABSENT>) {
        if (u === ABSENT) m.delete(k);
        else m.set(k, u);
      }
    }
    first.detached = true;
    this.flat = m;
    this.link = null;
  }
  private linkGet(key: string, first: SnapLink<V>): V | undefined {
    let l = first;
    for (let hops = 0; ; hops++) {
      const u = l.undo.get(key);
      if (u !== undefined) return u === ABSENT ? undefined : u;
      const n = l.next;
      if (n === null) return l.live.get(key);
      const nl = n.link;
      if (nl === null) return n.get(key);
      if (hops >= 8) {
        // a snapshot read through many later ones: make it flat
        this.materialize();
        return this.get(key);
      }
      l = nl;
    }
  }
  /**
   * @internal The draft that changes this snapshot's Map is done and nothing changed since the
   * snapshot: read the Map directly (the draft copies it before any later change).
   */
  seal(): void {
    const l = this.link;
    if (l === null || l.undo.size !== 0 || l.next !== null) return;
    l.detached = true;
    this.flat = l.live;
    this.link = null;
  }
  get(key: string): V | undefined {
    const l = this.link;
    if (l !== null) return this.linkGet(key, l);
    if (this.flat !== null) return this.flat.get(key);
    return this.trie === null ? undefined : getIn(this.trie, hashString(key), key);
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  set(key: string, value: V): PMap<V> {
    const box: Box = { changed: 0 };
    const leaf = new Leaf(hashString(key), key, value);
    const r0 = this.root;
    const root = r0 === null ? (box.changed = 1, leaf) : setIn(r0, 0, leaf, null, box);
    return root === r0 ? this : new PMap(root, this.size + box.changed, null, null);
  }
  delete(key: string): PMap<V> {
    if (this.size === 0 || ((this.flat !== null || this.link !== null) && this.get(key) === undefined)) return this;
    const r0 = this.root;
    if (r0 === null) return this;
    const box: Box = { changed: 0 };
    const root = delIn(r0, 0, hashString(key), key, null, box);
    return root === r0 ? this : PMap.of(root, this.size + box.changed);
  }
  /** A mutable draft starting from this map (O(1) for a trie). */
  transient(): TMap<V> {
    return new TMap(this.root, this.size);
  }
  *entries(): Generator<[string, V]> {
    if (this.link !== null) this.materialize();
    if (this.flat !== null) yield* this.flat.entries();
    else for (const l of walk(this.trie)) yield [l.key, l.value];
  }
  *keys(): Generator<string> {
    if (this.link !== null) this.materialize();
    if (this.flat !== null) yield* this.flat.keys();
    else for (const l of walk(this.trie)) yield l.key;
  }
  *values(): Generator<V> {
    if (this.link !== null) this.materialize();
    if (this.flat !== null) yield* this.flat.values();
    else for (const l of walk(this.trie)) yield l.value;
  }
  forEach(f: (value: V, key: string) => void): void {
    if (this.link !== null) this.materialize();
    if (this.flat !== null) this.flat.forEach(f);
    else for (const l of walk(this.trie)) f(l.value, l.key);
  }
  [Symbol.iterator](): Generator<[string, V]> {
    return this.entries();
  }
}

/**
 * Builds a PMap in bulk: entries go to a StringTable, `build()` hands it over as a flat PMap (no
 * copy). Changing the builder after `build()` works on a copy, so built maps never change.
 */
export class PMapBuilder<V> {
  private m = new StringTable<V>();
  private shared = false;
  get size(): number {
    return this.m.size;
  }
  private own(): StringTable<V> {
    if (this.shared) {
      this.m = this.m.clone();
      this.shared = false;
    }
    return this.m;
  }
  get(key: string): V | undefined {
    return this.m.get(key);
  }
  has(key: string): boolean {
    return this.m.has(key);
  }
  set(key: string, value: V): this {
    this.own().set(key, value);
    return this;
  }
  delete(key: string): this {
    if (this.m.has(key)) this.own().delete(key);
    return this;
  }
  build(): PMap<V> {
    this.shared = true;
    return PMap.adopt(this.m);
  }
}

/** Mutable draft of a PMap (see module comment). */
export class TMap<V> {
  private edit: Edit = {};
  constructor(
    private root: Node<V> | null,
    private count: number,
  ) {}
  get size(): number {
    return this.count;
  }
  get(key: string): V | undefined {
    return getIn(this.root, hashString(key), key);
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  set(key: string, value: V): this {
    const leaf = new Leaf(hashString(key), key, value);
    if (this.root === null) {
      this.root = leaf;
      this.count = 1;
      return this;
    }
    const box: Box = { changed: 0 };
    this.root = setIn(this.root, 0, leaf, this.edit, box);
    this.count += box.changed;
    return this;
  }
  delete(key: string): this {
    if (this.root === null) return this;
    const box: Box = { changed: 0 };
    this.root = delIn(this.root, 0, hashString(key), key, this.edit, box);
    this.count += box.changed;
    return this;
  }
  /** The current content as an immutable map; later edits of this draft do not affect it. */
  freeze(): PMap<V> {
    this.edit = {};
    return PMap.of(this.root, this.count);
  }
  *values(): Generator<V> {
    for (const l of walk(this.root)) yield l.value;
  }
  *entries(): Generator<[string, V]> {
    for (const l of walk(this.root)) yield [l.key, l.value];
  }
  *keys(): Generator<string> {
    for (const l of walk(this.root)) yield l.key;
  }
}

const DELETED: unique symbol = Symbol('deleted');
/** Maps smaller than this answer `probe` from the Map itself. */
const BLOOM_MIN = 4096;
/** Bases up to this size are copied into the draft's native Map on first use. */
const SMALL_BASE = 256;

/**
 * Mutable working copy of a PMap for a whole deck. Reads and writes go to a native Map: at first an
 * overlay of the changes over the unchanged base map; once the base is small or the changes are a
 * good part of it (≥ 1/8), a complete copy. `freeze()` then hands that Map over as a flat PMap (no
 * trie is built while a deck is applied: trie inserts and their garbage were most of a large
 * deck's time); the next change copies it. A few changes over a large base (an overlay) are
 * inserted into the base's trie with a transient instead (O(changes · log n), what one command on
 * a large state costs; a flat base builds its trie once, memoised). A draft with no changes
 * freezes to its base itself (identity is kept: `pendingRefresh` relies on it).
 */
export class DraftMap<V> {
  private map: Map<string, V | typeof DELETED> | null = null;
  /** `map` holds the whole content, without DELETED markers (else it is an overlay over `base`). */
  private full = false;
  /** `map` was handed to a frozen PMap: copy it before the next change. */
  private shared = false;
  /** Overlay mode: keys set or deleted since `base` (repeats allowed). */
  private changes: string[] = [];
  /** Changed since `base` (full mode keeps no list of keys: the Map is handed over whole). */
  private dirty = false;
  private count: number;
  /** Full mode: the latest snapshot of `map` (frozen and then changed in place, see SnapLink). */
  private snap: SnapLink<V> | null = null;
  private snapMap: PMap<V> | null = null;
  /**
   * A key was deleted since `snap` was taken. Until then a key absent now was absent at the
   * snapshot and never set since, so it has no undo record yet (`add` skips that lookup).
   */
  private snapDeleted = false;
  /**
   * Full mode, built on the first `probe` of a large map: one bit per hash of every key of `map` (a
   * Bloom filter with one hash function). A clear bit proves a key absent without the Map lookup,
   * which on a large Map in a cold cache is several misses (the bucket, then each chained entry and
   * its key string). Keys only ever set bits (a delete leaves its bit: a false positive only costs
   * the Map lookup).
   */
  private bloom: Int32Array | null = null;
  constructor(private base: PMap<V>) {
    this.count = base.size;
  }
  get size(): number {
    return this.count;
  }
  private goFull(): Map<string, V | typeof DELETED> {
    const flat = this.base.flatMap();
    const m = flat instanceof Map ? new Map<string, V | typeof DELETED>(flat) : new Map<string, V | typeof DELETED>();
    if (!(flat instanceof Map)) this.base.forEach((v, k) => m.set(k, v));
    if (this.map !== null) {
      for (const [k, v] of this.map) {
        if (v === DELETED) m.delete(k);
        else m.set(k, v);
      }
    }
    this.map = m;
    this.full = true;
    this.shared = false;
    this.bloom = null;
    return m;
  }
  /** The full map, ready to be changed. */
  private writable(): Map<string, V | typeof DELETED> | null {
    const m = this.map;
    if (this.full && m !== null) {
      if (!this.shared) return m;
      this.shared = false;
      this.snap = this.snapMap = null;
      return (this.map = new Map(m));
    }
    if (m === null ? this.base.size <= SMALL_BASE : m.size * 8 >= this.base.size) return this.goFull();
    return null;
  }
  get(key: string): V | undefined {
    const m = this.map;
    if (m !== null) {
      const v = m.get(key);
      if (v !== undefined) return v === DELETED ? undefined : v;
      if (this.full) return undefined;
    }
    const bs = this.base.size;
    if (bs === 0) return undefined;
    if (bs <= SMALL_BASE) return this.goFull().get(key) as V | undefined;
    return this.base.get(key);
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  /**
   * `get` for a key that is probably absent and will not be stored in this map next: the name
   * check across users and groups (RACF's one name space). A large full map answers most such
   * lookups from its filter (see `bloom`). Not for a lookup before a `set`/`add` of the same key:
   * the insert walks the same Map chain, so the filter would only move the misses there.
   */
  probe(key: string): V | undefined {
    const m = this.map;
    if (m === null || !this.full || m.size < BLOOM_MIN) return this.get(key);
    let b = this.bloom;
    if (b === null || m.size * 8 > b.length * 32) b = this.buildBloom(m);
    const i = hashString(key) & (b.length * 32 - 1);
    if ((b[i >>> 5] & (1 << (i & 31))) === 0) return undefined;
    const v = m.get(key);
    return v === DELETED ? undefined : v;
  }
  /** A filter of 32 bits per key of `m` (rebuilt when it is down to 8: amortised O(1) per key). */
  private buildBloom(m: Map<string, V | typeof DELETED>): Int32Array {
    let bits = 1 << 16;
    while (bits < m.size * 32) bits *= 2;
    const b = new Int32Array(bits >>> 5);
    const mask = bits - 1;
    for (const k of m.keys()) {
      const i = hashString(k) & mask;
      b[i >>> 5] |= 1 << (i & 31);
    }
    return (this.bloom = b);
  }
  private bloomAdd(key: string): void {
    const b = this.bloom;
    if (b === null) return;
    const i = hashString(key) & (b.length * 32 - 1);
    b[i >>> 5] |= 1 << (i & 31);
  }
  set(key: string, value: V): this {
    this.dirty = true;
    const w0 = this.writable();
    if (w0 !== null) {
      const w = this.snap === null ? w0 : this.record(w0, key);
      w.set(key, value);
      this.count = w.size;
      if (this.bloom !== null) this.bloomAdd(key);
      return this;
    }
    if (this.get(key) === undefined) this.count++;
    this.changes.push(key);
    (this.map ??= new Map()).set(key, value);
    return this;
  }
  /**
   * `set` of a key the caller has just found absent (`get` gave undefined): the same result, without
   * a second lookup of the old value (for the count, or for the undo record of a live snapshot).
   */
  add(key: string, value: V): this {
    this.dirty = true;
    const w0 = this.writable();
    if (w0 !== null) {
      const w = this.snap === null ? w0 : this.record(w0, key, true);
      w.set(key, value);
      this.count = w.size;
      if (this.bloom !== null) this.bloomAdd(key);
      return this;
    }
    this.count++;
    this.changes.push(key);
    (this.map ??= new Map()).set(key, value);
    return this;
  }
  delete(key: string): this {
    if (this.get(key) === undefined) return this;
    this.dirty = true;
    const w0 = this.writable();
    if (w0 !== null) {
      if (this.snap !== null) this.snapDeleted = true;
      const w = this.snap === null ? w0 : this.record(w0, key);
      w.delete(key);
      this.count = w.size;
      return this;
    }
    this.count--;
    this.changes.push(key);
    (this.map ??= new Map()).set(key, DELETED);
    return this;
  }
  /** Full mode, a snapshot of the Map is live: keep the old value of `key` for it. */
  private record(w: Map<string, V | typeof DELETED>, key: string, absent = false): Map<string, V | typeof DELETED> {
    const sn = this.snap;
    if (sn === null) return w;
    if (sn.detached) {
      this.snap = this.snapMap = null;
      return w;
    }
    // an added key (absent now) has an undo record only if some key was deleted since the snapshot
    if ((!absent || this.snapDeleted) && sn.undo.has(key)) return w;
    if (sn.undo.size * 2 >= w.size + 1024) {
      // changed a good part since the snapshot: the snapshot keeps the Map (no more changes of it
      // are recorded) and the draft goes on with a copy
      this.snap = this.snapMap = null;
      return (this.map = new Map(w));
    }
    const old = absent ? undefined : w.get(key);
    sn.undo.set(key, old === undefined ? ABSENT : (old as V));
    return w;
  }
  /**
   * The current content as an immutable map; the draft continues from it. `final`: the draft will
   * not be changed again (or, if it is, copies its Map first), so the map reads the Map directly.
   */
  freeze(final = false): PMap<V> {
    const m = this.map;
    if (!this.dirty || m === null) {
      if (final && this.snapMap !== null) {
        this.snapMap.seal();
        this.shared = true;
        this.snap = this.snapMap = null;
      }
      return this.base;
    }
    let out: PMap<V>;
    if (this.full) {
      // the Map holds everything. Final: hand it over (copied if the draft changes again). Else a
      // snapshot that the draft keeps valid by recording the old values of what it changes next.
      const prev = this.snap;
      if (final) {
        out = PMap.adopt(m as Map<string, V>);
        this.shared = true;
        this.snap = this.snapMap = null;
      } else {
        const link: SnapLink<V> = { undo: new Map(), live: m as Map<string, V>, next: null, detached: false };
        out = PMap.snapshot(link, this.count);
        this.snap = link;
        this.snapMap = out;
        this.snapDeleted = false;
      }
      if (prev !== null && !prev.detached) prev.next = out;
    } else {
      const t = this.base.transient();
      for (const k of this.changes) {
        const v = m.get(k);
        if (v === undefined || v === DELETED) t.delete(k);
        else t.set(k, v);
      }
      out = t.freeze();
    }
    this.base = out;
    this.changes = [];
    this.dirty = false;
    if (!this.full) this.map = null;
    return out;
  }
  *entries(): Generator<[string, V]> {
    const m = this.map;
    if (m !== null) for (const [k, v] of m) if (v !== DELETED) yield [k, v];
    if (this.full) return;
    for (const [k, v] of this.base.entries()) if (m === null || !m.has(k)) yield [k, v];
  }
  *keys(): Generator<string> {
    for (const e of this.entries()) yield e[0];
  }
  *values(): Generator<V> {
    for (const e of this.entries()) yield e[1];
  }
}
