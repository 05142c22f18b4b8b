/**
 * A bounded memo from words *as written in the deck* to what they resolve to, matched in place:
 * the fast path (fast-line.ts) looks a keyword up by its offsets into the deck text and a hash it
 * computed while scanning the word, so no substring is made (and hashed again) per keyword.
 */
import { flatCopy } from './keyword-memo';

/** The hash of a word, extended by one character: `h = wordHashStep(h, c)` over its characters from 0. */
export function wordHashStep(h: number, c: number): number {
  return (h * 31 + c) | 0;
}

/** The hash of a whole word (the same as the scanner computes character by character). */
export function wordHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = wordHashStep(h, s.charCodeAt(i));
  return h;
}

interface Entry<V> {
  readonly word: string;
  /** The word's code units (compared with the deck's without a string access per character). */
  readonly units: Uint16Array;
  readonly hash: number;
  readonly value: V;
  readonly next: Entry<V> | undefined;
}

const BUCKETS = 256;

export class WrittenWords<V> {
  private readonly buckets: (Entry<V> | undefined)[] = new Array<Entry<V> | undefined>(BUCKETS).fill(undefined);
  private size = 0;
  constructor(private readonly limit: number) {}

  /** The value remembered for the word of `n` code units at units[from...] whose hash is `hash`. */
  get(units: Uint16Array, from: number, n: number, hash: number): V | undefined {
    for (let e = this.buckets[hash & (BUCKETS - 1)]; e !== undefined; e = e.next) {
      const w = e.units;
      if (e.hash !== hash || w.length !== n) continue;
      let k = 0;
      while (k < n && w[k] === units[from + k]) k++;
      if (k === n) return e.value;
    }
    return undefined;
  }

  /** Remember `value` for `word` (ignored once `limit` words are kept, or when already known). */
  set(word: string, value: V): void {
    if (this.size >= this.limit) return;
    const hash = wordHash(word);
    const b = hash & (BUCKETS - 1);
    for (let e = this.buckets[b]; e !== undefined; e = e.next) if (e.hash === hash && e.word === word) return;
    // a flat copy of a long word: a sliced string would keep the whole deck text alive
    const codes = new Uint16Array(word.length);
    for (let i = 0; i < word.length; i++) codes[i] = word.charCodeAt(i);
    this.buckets[b] = { word: word.length < 13 ? word : flatCopy(word), units: codes, hash, value, next: this.buckets[b] };
    this.size++;
  }
}
