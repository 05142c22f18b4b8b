/** IP addresses, prefixes and ranges as AT-TLS conditions use them. */

export type IpAddress = { readonly family: 4; readonly value: number } | { readonly family: 6; readonly value: bigint };

/** An inclusive range of one family. */
export type AddrRange = { readonly family: 4; readonly lo: number; readonly hi: number } | { readonly family: 6; readonly lo: bigint; readonly hi: bigint };

export function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return v;
}

export function parseIPv6(s: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || !s.includes(':')) return undefined;
  let head = s;
  let v4tail: number | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    v4tail = parseIPv4(s.slice(lastColon + 1));
    if (v4tail === undefined) return undefined;
    head = s.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = head.split('::');
  if (dbl.length > 2) return undefined;
  const left = dbl[0] === '' || dbl[0] === undefined ? [] : dbl[0].split(':');
  const right = dbl.length === 2 ? (dbl[1] === '' || dbl[1] === undefined ? [] : dbl[1].split(':')) : [];
  const groups = dbl.length === 2 ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  if (groups.length !== 8 || (dbl.length === 2 && left.length + right.length > 7)) return undefined;
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4tail !== undefined) v = (v & ~0xffffffffn) | BigInt(v4tail);
  return v;
}

/** Parse an address; IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) become IPv4. */
export function parseIp(s: string): IpAddress | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIPv6(s);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: Number(v6 & 0xffffffffn) };
  return { family: 6, value: v6 };
}

function prefixRange(a: IpAddress, bits: number): AddrRange | undefined {
  if (a.family === 4) {
    if (bits < 0 || bits > 32) return undefined;
    const size = 2 ** (32 - bits);
    const lo = Math.floor(a.value / size) * size;
    return { family: 4, lo, hi: lo + size - 1 };
  }
  if (bits < 0 || bits > 128) return undefined;
  const host = (1n << BigInt(128 - bits)) - 1n;
  const lo = a.value & ~host & ((1n << 128n) - 1n);
  return { family: 6, lo, hi: lo | host };
}

export type AddrSpec = { readonly all: true } | { readonly all: false; readonly range: AddrRange };

/**
 * `All`, `ip`, `ip/prefix` or `ip-ip` (the forms of LocalAddr/RemoteAddr; IpAddrSet uses one form
 * per keyword). Returns undefined when not well formed.
 */
export function parseAddrSpec(s: string, form: 'any' | 'single' | 'prefix' | 'range', allowAll: boolean): AddrSpec | undefined {
  if (s.toLowerCase() === 'all') return allowAll ? { all: true } : undefined;
  const slash = s.indexOf('/');
  const dash = s.indexOf('-');
  if (slash >= 0) {
    if (form !== 'any' && form !== 'prefix') return undefined;
    const a = parseIp(s.slice(0, slash));
    const bitsText = s.slice(slash + 1);
    if (a === undefined || !/^\d{1,3}$/.test(bitsText)) return undefined;
    // an IPv4-mapped v6 prefix is not supported: family must match what was written
    if (a.family === 4 && s.slice(0, slash).includes(':')) return undefined;
    const r = prefixRange(a, Number(bitsText));
    return r === undefined ? undefined : { all: false, range: r };
  }
  if (dash >= 0) {
    if (form !== 'any' && form !== 'range') return undefined;
    const a = parseIp(s.slice(0, dash));
    const b = parseIp(s.slice(dash + 1));
    if (a === undefined || b === undefined || a.family !== b.family) return undefined;
    if (a.family === 4 && b.family === 4) return a.value <= b.value ? { all: false, range: { family: 4, lo: a.value, hi: b.value } } : undefined;
    if (a.family === 6 && b.family === 6) return a.value <= b.value ? { all: false, range: { family: 6, lo: a.value, hi: b.value } } : undefined;
    return undefined;
  }
  if (form === 'prefix' || form === 'range') return undefined;
  const a = parseIp(s);
  if (a === undefined) return undefined;
  return a.family === 4 ? { all: false, range: { family: 4, lo: a.value, hi: a.value } } : { all: false, range: { family: 6, lo: a.value, hi: a.value } };
}

export function inRange(a: IpAddress, r: AddrRange): boolean {
  if (a.family === 4) return r.family === 4 && a.value >= r.lo && a.value <= r.hi;
  return r.family === 6 && a.value >= r.lo && a.value <= r.hi;
}

/** Does range `outer` contain range `inner`? */
export function rangeContains(outer: AddrRange, inner: AddrRange): boolean {
  if (outer.family === 4 && inner.family === 4) return outer.lo <= inner.lo && inner.hi <= outer.hi;
  if (outer.family === 6 && inner.family === 6) return outer.lo <= inner.lo && inner.hi <= outer.hi;
  return false;
}

export function formatIPv4(v: number): string {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}
export function formatIPv6(v: bigint): string {
  const g: string[] = [];
  for (let i = 7; i >= 0; i--) g.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
  return g.join(':');
}
export function formatIp(a: IpAddress): string {
  return a.family === 4 ? formatIPv4(a.value) : formatIPv6(a.value);
}

/** A port or `n-m`, 0..65535. */
export function parsePortSpec(s: string): { lo: number; hi: number } | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(s);
  if (m === null) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo > 65535 || hi > 65535 || lo > hi) return undefined;
  return { lo, hi };
}
