/**
 * A persistent (immutable) string-keyed hash map: a hash array mapped trie with 32-way nodes.
 * `set`/`delete` copy only the path to the changed leaf (O(log32 n)), so applying one command never
 * copies a whole table. `TMap` is the transient (mutable draft) form used while a whole deck is
 * applied: it mutates nodes it created itself and path-copies shared ones; `freeze()` hands back a
 * `PMap` and makes the draft copy-on-write again, so frozen maps never change.
 */

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

function hashString(s: string): number {
  // FNV-1a 32-bit
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
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
 * state): after about size/8 lookups the map is copied once into a native Map. Amortised O(1).
 */
const hot = new WeakMap<object, { hits: number; map: Map<string, unknown> | null }>();
export function hotGet<V>(m: PMap<V>, key: string): V | undefined {
  let h = hot.get(m);
  if (h === undefined) hot.set(m, (h = { hits: 0, map: null }));
  if (h.map !== null) return h.map.get(key) as V | undefined;
  if (++h.hits > 64 + (m.size >>> 3)) {
    const nm = new Map<string, unknown>();
    for (const l of walk(m.root)) nm.set(l.key, l.value);
    h.map = nm;
    return nm.get(key) as V | undefined;
  }
  return m.get(key);
}

/** A lookup view of one map version that switches to a native Map once it is queried often. */
export class HotMap<V> {
  private hits = 0;
  private map: Map<string, V> | null = null;
  constructor(private readonly m: PMap<V>) {}
  get(key: string): V | undefined {
    if (this.map !== null) return this.map.get(key);
    if (++this.hits > 64 + (this.m.size >>> 3)) {
      const nm = new Map<string, V>();
      for (const l of walk(this.m.root)) nm.set(l.key, l.value);
      this.map = nm;
      return nm.get(key);
    }
    return this.m.get(key);
  }
}

/** Immutable map. All "updating" methods return a new map sharing structure with this one. */
export class PMap<V> {
  private static readonly EMPTY = new PMap<never>(null, 0);
  private constructor(
    /** @internal */ readonly root: Node<V> | null,
    readonly size: number,
  ) {}
  static empty<V>(): PMap<V> {
    return PMap.EMPTY as PMap<V>;
  }
  static from<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
    const t = PMap.empty<V>().transient();
    for (const [k, v] of entries) t.set(k, v);
    return t.freeze();
  }
  /** @internal */
  static of<V>(root: Node<V> | null, size: number): PMap<V> {
    return size === 0 ? PMap.empty<V>() : new PMap(root, size);
  }
  get(key: string): V | undefined {
    return getIn(this.root, hashString(key), key);
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  set(key: string, value: V): PMap<V> {
    const box: Box = { changed: 0 };
    const leaf = new Leaf(hashString(key), key, value);
    const root = this.root === null ? (box.changed = 1, leaf) : setIn(this.root, 0, leaf, null, box);
    return root === this.root ? this : new PMap(root, this.size + box.changed);
  }
  delete(key: string): PMap<V> {
    if (this.root === null) return this;
    const box: Box = { changed: 0 };
    const root = delIn(this.root, 0, hashString(key), key, null, box);
    return root === this.root ? this : PMap.of(root, this.size + box.changed);
  }
  /** A mutable draft starting from this map (O(1)). */
  transient(): TMap<V> {
    return new TMap(this.root, this.size);
  }
  *entries(): Generator<[string, V]> {
    for (const l of walk(this.root)) yield [l.key, l.value];
  }
  *keys(): Generator<string> {
    for (const l of walk(this.root)) yield l.key;
  }
  *values(): Generator<V> {
    for (const l of walk(this.root)) yield l.value;
  }
  [Symbol.iterator](): Generator<[string, V]> {
    return this.entries();
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
