/**
 * StringTable: an insertion-ordered, string-keyed hash table in plain JavaScript (open addressing,
 * linear probing, the 32-bit FNV-1a hash of each key kept in a typed array). It has a Map's
 * semantics for string keys (insertion order, a replaced value keeps its place, a deleted key that
 * comes back goes to the end) and is what PMap's builder fills and a flat PMap reads.
 *
 * Why not a native Map: the keys of a large RACF table are fresh strings (profile names read from a
 * deck or an unload). A native Map has to have V8 hash each new string in its runtime and compare it
 * with the stored key's string; here the hash is a short JavaScript loop over the characters, a probe
 * compares the stored 32-bit hashes first (typed array, no string touched), and growing the table
 * rehashes from the stored hashes without reading a key. On 1.3 million profile names that is about
 * 0.13 s to insert instead of 0.75 s, and a lookup of a fresh string about 4x faster (docs/performance.md).
 */

/** FNV-1a, 32 bits, over the UTF-16 code units (as an unsigned number). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const MIN_CAPACITY = 16;

export class StringTable<V> {
  /** Entry keys in insertion order; undefined where an entry was deleted. */
  private ks: (string | undefined)[] = [];
  private vs: (V | undefined)[] = [];
  /** Hash of each entry's key. */
  private hs = new Uint32Array(8);
  /** Open-addressing index: 0 empty, -1 a deleted entry's slot, else entry index + 1. */
  private ix = new Int32Array(MIN_CAPACITY);
  /** 32 - log2(capacity): the slot of hash h is the top bits of h times the golden ratio. */
  private shift = 32 - Math.log2(MIN_CAPACITY);
  private live = 0;
  private tombs = 0;

  get size(): number {
    return this.live;
  }

  /** Entry index of `key` (hash `h`), or -1. */
  private find(key: string, h: number): number {
    const ix = this.ix;
    const mask = ix.length - 1;
    const hs = this.hs;
    for (let s = Math.imul(h, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & mask) {
      const e = ix[s] ?? 0;
      if (e === 0) return -1;
      if (e > 0 && hs[e - 1] === h && this.ks[e - 1] === key) return e - 1;
    }
  }

  get(key: string): V | undefined {
    const i = this.find(key, hashString(key));
    return i < 0 ? undefined : this.vs[i];
  }

  has(key: string): boolean {
    return this.find(key, hashString(key)) >= 0;
  }

  set(key: string, value: V): this {
    const h = hashString(key);
    if ((this.live + this.tombs + 1) * 2 > this.ix.length) this.rehash(this.live + 1);
    const ix = this.ix;
    const mask = ix.length - 1;
    const hs = this.hs;
    let tomb = -1;
    let s = Math.imul(h, 0x9e3779b1) >>> this.shift;
    for (; ; s = (s + 1) & mask) {
      const e = ix[s] ?? 0;
      if (e === 0) break;
      if (e > 0) {
        if (hs[e - 1] === h && this.ks[e - 1] === key) {
          this.vs[e - 1] = value;
          return this;
        }
      } else if (tomb < 0) tomb = s;
    }
    if (tomb >= 0) {
      s = tomb;
      this.tombs--;
    }
    const n = this.ks.length;
    if (n === this.hs.length) {
      const grown = new Uint32Array(n * 2);
      grown.set(this.hs);
      this.hs = grown;
    }
    this.hs[n] = h;
    this.ks.push(key);
    this.vs.push(value);
    ix[s] = n + 1;
    this.live++;
    return this;
  }

  delete(key: string): boolean {
    const h = hashString(key);
    const ix = this.ix;
    const mask = ix.length - 1;
    for (let s = Math.imul(h, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & mask) {
      const e = ix[s] ?? 0;
      if (e === 0) return false;
      if (e > 0 && this.hs[e - 1] === h && this.ks[e - 1] === key) {
        ix[s] = -1;
        this.ks[e - 1] = undefined;
        this.vs[e - 1] = undefined;
        this.live--;
        this.tombs++;
        // mostly deleted entries: compact (amortised over the deletes that made them)
        if (this.ks.length > 64 && this.live * 2 < this.ks.length) this.rehash(this.live);
        return true;
      }
    }
  }

  /** A new index for `n` entries (load at most 1/4 after it), dropping deleted entries. */
  private rehash(n: number): void {
    if (this.ks.length > this.live) this.compact();
    let cap = MIN_CAPACITY;
    while (cap < n * 4) cap *= 2;
    const ix = new Int32Array(cap);
    const mask = cap - 1;
    const shift = 32 - Math.log2(cap);
    const hs = this.hs;
    for (let i = 0; i < this.ks.length; i++) {
      let s = Math.imul(hs[i] ?? 0, 0x9e3779b1) >>> shift;
      while (ix[s] !== 0) s = (s + 1) & mask;
      ix[s] = i + 1;
    }
    this.ix = ix;
    this.shift = shift;
    this.tombs = 0;
  }

  /** Drop deleted entries from the entry arrays (order kept). */
  private compact(): void {
    const ks: (string | undefined)[] = [];
    const vs: (V | undefined)[] = [];
    const hs = new Uint32Array(Math.max(8, this.live));
    for (let i = 0; i < this.ks.length; i++) {
      const k = this.ks[i];
      if (k === undefined) continue;
      hs[ks.length] = this.hs[i] ?? 0;
      ks.push(k);
      vs.push(this.vs[i]);
    }
    this.ks = ks;
    this.vs = vs;
    this.hs = hs;
  }

  /** An independent copy (same order). */
  clone(): StringTable<V> {
    const c = new StringTable<V>();
    c.ks = this.ks.slice();
    c.vs = this.vs.slice();
    c.hs = this.hs.slice();
    c.ix = this.ix.slice();
    c.shift = this.shift;
    c.live = this.live;
    c.tombs = this.tombs;
    return c;
  }

  forEach(f: (value: V, key: string, table: this) => void): void {
    const ks = this.ks;
    const vs = this.vs;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      if (k !== undefined) f(vs[i] as V, k, this);
    }
  }

  *entries(): Generator<[string, V], undefined, unknown> {
    const ks = this.ks;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      if (k !== undefined) yield [k, this.vs[i] as V];
    }
    return undefined;
  }

  *keys(): Generator<string, undefined, unknown> {
    for (const k of this.ks) if (k !== undefined) yield k;
    return undefined;
  }

  *values(): Generator<V, undefined, unknown> {
    const ks = this.ks;
    for (let i = 0; i < ks.length; i++) if (ks[i] !== undefined) yield this.vs[i] as V;
    return undefined;
  }

  [Symbol.iterator](): Generator<[string, V], undefined, unknown> {
    return this.entries();
  }
}
