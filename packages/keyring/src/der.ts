/**
 * A minimal DER writer and reader (X.690). We build TBSCertificate, CSR, PKCS#7 and PKCS#12
 * structures directly: it is several times faster than building them through decorator-based
 * schema objects, and it gives byte-exact control (needed for deterministic output).
 * The reader never throws: malformed input gives `undefined`.
 */

/** A DER-encoded element (already complete TLV bytes). */
export type Der = Uint8Array;

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  let v = n;
  while (v > 0) {
    out.unshift(v & 0xff);
    v = Math.floor(v / 256);
  }
  return [0x80 | out.length, ...out];
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Tag + length + content. */
export function tlv(tag: number, content: Uint8Array): Der {
  const lb = lengthBytes(content.length);
  const out = new Uint8Array(1 + lb.length + content.length);
  out[0] = tag;
  out.set(lb, 1);
  out.set(content, 1 + lb.length);
  return out;
}

export const seq = (...items: Der[]): Der => tlv(0x30, concat(items));
export const set = (...items: Der[]): Der => {
  // DER SET OF: elements sorted by their encodings.
  const sorted = [...items].sort(compareBytes);
  return tlv(0x31, concat(sorted));
};
/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | n, inner);
/** [n] IMPLICIT primitive. */
export const implicitPrim = (n: number, content: Uint8Array): Der => tlv(0x80 | n, content);
export const nullDer = (): Der => new Uint8Array([0x05, 0x00]);
export const bool = (v: boolean): Der => new Uint8Array([0x01, 0x01, v ? 0xff : 0x00]);
export const octets = (b: Uint8Array): Der => tlv(0x04, b);
export const utf8 = (s: string): Der => tlv(0x0c, new TextEncoder().encode(s));
export const printable = (s: string): Der => tlv(0x13, ascii(s));
export const ia5 = (s: string): Der => tlv(0x16, ascii(s));
export const bmp = (s: string): Der => {
  const b = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    b[2 * i] = s.charCodeAt(i) >> 8;
    b[2 * i + 1] = s.charCodeAt(i) & 0xff;
  }
  return tlv(0x1e, b);
};
export function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0x7f;
  return b;
}
export const bitString = (b: Uint8Array, unused = 0): Der => tlv(0x03, concat([new Uint8Array([unused]), b]));

/** INTEGER from unsigned big-endian magnitude bytes (adds a 0x00 when the top bit is set). */
export function uintBytes(mag: Uint8Array): Der {
  let i = 0;
  while (i < mag.length - 1 && mag[i] === 0) i++;
  let m = mag.subarray(i);
  if (m.length === 0) m = new Uint8Array([0]);
  if ((m[0] ?? 0) & 0x80) m = concat([new Uint8Array([0]), m]);
  return tlv(0x02, m);
}
export function int(n: number): Der {
  if (n < 0 || !Number.isSafeInteger(n)) throw new RangeError('int: only non-negative safe integers');
  const b: number[] = [];
  let v = n;
  do {
    b.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  return uintBytes(new Uint8Array(b));
}

const oidCache = new Map<string, Der>();
export function oid(dotted: string): Der {
  const hit = oidCache.get(dotted);
  if (hit) return hit;
  const arcs = dotted.split('.').map((x) => Number(x));
  const bytes: number[] = [];
  const first = (arcs[0] ?? 0) * 40 + (arcs[1] ?? 0);
  const push = (v: number): void => {
    const tmp: number[] = [v & 0x7f];
    let x = Math.floor(v / 128);
    while (x > 0) {
      tmp.unshift((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    bytes.push(...tmp);
  };
  push(first);
  for (const a of arcs.slice(2)) push(a);
  const d = tlv(0x06, new Uint8Array(bytes));
  oidCache.set(dotted, d);
  return d;
}

/** UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5). Seconds precision. */
export function time(d: Date): Der {
  const y = d.getUTCFullYear();
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const rest = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y <= 2049) return tlv(0x17, ascii(`${p2(y % 100)}${rest}`));
  return tlv(0x18, ascii(`${String(y).padStart(4, '0')}${rest}`));
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

// ---------------------------------------------------------------- reader

/** One parsed TLV: `bytes` is the whole element, `content` its value. */
export interface Node {
  readonly tag: number;
  readonly bytes: Uint8Array;
  readonly content: Uint8Array;
}

/** Read one TLV at `offset`; undefined when malformed or truncated. Only definite lengths (DER/BER-definite). */
export function readNode(buf: Uint8Array, offset = 0): Node | undefined {
  if (offset + 2 > buf.length) return undefined;
  const tag = buf[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers: not used by the structures we read
  let p = offset + 1;
  const l0 = buf[p++] ?? 0;
  let len = l0;
  if (l0 & 0x80) {
    const n = l0 & 0x7f;
    if (n === 0 || n > 4 || p + n > buf.length) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[p++] ?? 0);
  }
  if (p + len > buf.length) return undefined;
  return { tag, bytes: buf.subarray(offset, p + len), content: buf.subarray(p, p + len) };
}

/** Children of a constructed node; undefined when the content is not a clean TLV list. */
export function children(n: Node): Node[] | undefined {
  const out: Node[] = [];
  let o = 0;
  while (o < n.content.length) {
    const c = readNode(n.content, o);
    if (!c) return undefined;
    out.push(c);
    o += c.bytes.length;
  }
  return out;
}

/** Parse a whole buffer as exactly one element. */
export function parseDer(buf: Uint8Array): Node | undefined {
  const n = readNode(buf, 0);
  return n && n.bytes.length === buf.length ? n : undefined;
}

export function readOid(n: Node): string | undefined {
  if (n.tag !== 0x06 || n.content.length === 0) return undefined;
  const arcs: number[] = [];
  let v = 0;
  for (const b of n.content) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (arcs.length === 0) {
        const a0 = v < 40 ? 0 : v < 80 ? 1 : 2;
        arcs.push(a0, v - a0 * 40);
      } else arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}

export function readString(n: Node): string | undefined {
  switch (n.tag) {
    case 0x0c: // UTF8String
      return new TextDecoder('utf-8', { fatal: false }).decode(n.content);
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x14: // TeletexString (treated as Latin-1)
    case 0x1a: // VisibleString
      return String.fromCharCode(...n.content);
    case 0x1e: {
      // BMPString
      let s = '';
      for (let i = 0; i + 1 < n.content.length; i += 2) s += String.fromCharCode(((n.content[i] ?? 0) << 8) | (n.content[i + 1] ?? 0));
      return s;
    }
    case 0x1c: {
      // UniversalString
      let s = '';
      for (let i = 0; i + 3 < n.content.length; i += 4) {
        const cp = (((n.content[i] ?? 0) << 24) | ((n.content[i + 1] ?? 0) << 16) | ((n.content[i + 2] ?? 0) << 8) | (n.content[i + 3] ?? 0)) >>> 0;
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return s;
    }
    default:
      return undefined;
  }
}

export function readTime(n: Node): Date | undefined {
  const s = String.fromCharCode(...n.content);
  let m: RegExpMatchArray | null;
  if (n.tag === 0x17 && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s))) {
    const yy = Number(m[1]);
    return mk(yy < 50 ? 2000 + yy : 1900 + yy, m.slice(2));
  }
  if (n.tag === 0x18 && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s))) return mk(Number(m[1]), m.slice(2));
  return undefined;
}
function mk(y: number, r: (string | undefined)[]): Date | undefined {
  const d = new Date(Date.UTC(y, Number(r[0]) - 1, Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4] ?? '0')));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Unsigned INTEGER magnitude bytes (leading zero bytes removed). */
export function readUint(n: Node): Uint8Array | undefined {
  if (n.tag !== 0x02 || n.content.length === 0) return undefined;
  let i = 0;
  while (i < n.content.length - 1 && n.content[i] === 0) i++;
  return n.content.subarray(i);
}
export function readSmallInt(n: Node): number | undefined {
  const b = readUint(n);
  if (!b || b.length > 6) return undefined;
  let v = 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s.toUpperCase();
}
export function fromHex(h: string): Uint8Array {
  const s = h.length % 2 ? `0${h}` : h;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
export const b64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
export const unb64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
