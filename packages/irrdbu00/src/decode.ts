/**
 * Decoding of single IRRDBU00 lines into typed records. This is the hot path of the importer: it
 * works on bytes of a Buffer (no per-line string), reads the 4-character record type from the first
 * bytes and decodes only the fields the twin needs. Bad input produces diagnostics, never exceptions.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { type Diagnostic } from '@ztwin/core';
import {
  CERTN,
  CERTR,
  type Columns,
  DSACC,
  DSBD,
  DSCACC,
  GPBD,
  GPMEM,
  GPOMVS,
  GPSGRP,
  GRACC,
  GRBD,
  GRCACC,
  GRCERT,
  GRST,
  KEYR,
  RECORD_TYPES,
  type RecordType,
  USBD,
  USCERT,
  USCLA,
  USCON,
  USGCON,
  USOMVS,
  USTSO,
} from './layout';
import {
  type AccessLevel,
  type ConnectAuthority,
  type DatasetBasic,
  type GeneralBasic,
  type GroupMember,
  type KeyringUsage,
  type UnloadRecord,
  type StartedData,
  type UserBasic,
  type UserConnect,
  type UserGroupConnection,
  type UserOmvs,
  type WhenType,
} from './records';

/** Stable diagnostic codes of the reader. */
export const DiagnosticCodes = {
  shortRecord: 'IRRDBU00-SHORT-RECORD',
  badSeparator: 'IRRDBU00-BAD-SEPARATOR',
  badRecordType: 'IRRDBU00-BAD-RECORD-TYPE',
  ebcdic: 'IRRDBU00-EBCDIC',
  badFlag: 'IRRDBU00-BAD-FLAG',
  badAccess: 'IRRDBU00-BAD-ACCESS',
  badNumber: 'IRRDBU00-BAD-NUMBER',
  badDate: 'IRRDBU00-BAD-DATE',
  badValue: 'IRRDBU00-BAD-VALUE',
  missingName: 'IRRDBU00-MISSING-NAME',
  tooManyDiagnostics: 'IRRDBU00-TOO-MANY-DIAGNOSTICS',
} as const;

/** Record counts of a read. */
export interface ReadCounts {
  /** Bytes consumed. */
  bytes: number;
  /** Lines seen (including blank and bad lines). */
  lines: number;
  /** Records decoded into typed records. */
  records: number;
  /** Decoded records per known type. */
  byType: Record<string, number>;
  /** Records of types this package does not decode (counted and skipped), per type. */
  unknown: Record<string, number>;
  /** Lines that produced an error diagnostic and were skipped. */
  malformed: number;
  /** Blank lines. */
  blank: number;
}

/** Record type → index into RECORD_TYPES: a 16-bit hash table (no Map on the hot path), verified on hit. */
const TYPE_SLOT = new Int8Array(1 << 16).fill(-1);
const TYPE_CODES = RECORD_TYPES.map((rt) => typeCode(rt.charCodeAt(0), rt.charCodeAt(1), rt.charCodeAt(2), rt.charCodeAt(3)));
function typeHash(code: number): number {
  return (Math.imul(code, 0x9e3779b1) >>> 16) & 0xffff;
}
TYPE_CODES.forEach((code, i) => {
  const h = typeHash(code);
  if (TYPE_SLOT[h] !== -1) throw new Error('irrdbu00: record type hash collision'); // module invariant, checked at load
  TYPE_SLOT[h] = i;
});
function typeIndex(code: number): number | undefined {
  const i = TYPE_SLOT[typeHash(code)] ?? -1;
  return i >= 0 && TYPE_CODES[i] === code ? i : undefined;
}

function typeCode(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}
const T0404 = typeCode(48, 52, 48, 52);
const T0505 = typeCode(48, 53, 48, 53);
const I0404 = RECORD_TYPES.indexOf('0404');
const I0505 = RECORD_TYPES.indexOf('0505');
const I0400 = RECORD_TYPES.indexOf('0400');
const I0500 = RECORD_TYPES.indexOf('0500');
const I0102 = RECORD_TYPES.indexOf('0102');
const I0203 = RECORD_TYPES.indexOf('0203');
const I0205 = RECORD_TYPES.indexOf('0205');
const I0200 = RECORD_TYPES.indexOf('0200');
const I0270 = RECORD_TYPES.indexOf('0270');
const I0540 = RECORD_TYPES.indexOf('0540');

/** The record types the reading worker may decode itself (see prescan.ts), as decodeLine would. */
export type WorkerDecoded = DatasetBasic | GeneralBasic | GroupMember | UserGroupConnection | UserConnect | UserBasic | UserOmvs | StartedData;
const WORKER_TYPE_INDEX: Readonly<Record<WorkerDecoded['type'], number>> = {
  '0400': I0400,
  '0500': I0500,
  '0102': I0102,
  '0203': I0203,
  '0205': I0205,
  '0200': I0200,
  '0270': I0270,
  '0540': I0540,
};
function isTypeChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Optional fast path for access-list records (0404, 0505), most of an unload: the fields are handed
 * over directly instead of as a record object. `className` is DATASET for 0404. `pair`, when given
 * (≥ 0), is a small number that stands for this (authId, access) pair throughout one read: a sink
 * may index what it keeps per pair by it instead of looking the strings up.
 */
export type AccessSink = (className: string, name: string, volume: string, authId: string, access: AccessLevel, line: number, pair?: number) => void;

/** Returned by decodeLine when the record went to the AccessSink. */
export const DELIVERED: unique symbol = Symbol('delivered');

/** Thrown internally to abandon a malformed record; never escapes this module. */
class Malformed {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly column: number,
  ) {}
}

const SPACE = 32;
const INTERN_SLOTS = 1 << 14;

/**
 * Buffer#latin1Slice is what Buffer#toString('latin1', a, b) calls after normalising its arguments;
 * calling it directly saves a quarter of the decoding time. Fall back when a runtime lacks it.
 */
type Latin1Slicer = (buf: Buffer, a: number, b: number) => string;
const proto = Buffer.prototype as unknown as { latin1Slice?: (this: Buffer, a: number, b: number) => string };
const direct = proto.latin1Slice;
const latin1: Latin1Slicer = typeof direct === 'function' ? (buf, a, b) => direct.call(buf, a, b) : (buf, a, b) => buf.toString('latin1', a, b);
/** Enough blanks to compare the widest field against. */
const BLANKS = Buffer.alloc(2100, SPACE);

/**
 * Decodes lines and keeps counts and diagnostics. One instance per input; not re-entrant.
 */
export class RecordDecoder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly typeCounts = new Uint32Array(RECORD_TYPES.length);
  private readonly unknown = new Map<string, number>();
  private suppressed = 0;
  lines = 0;
  records = 0;
  malformed = 0;
  blank = 0;
  bytes = 0;

  // The line being decoded (set by decodeLine; fields read relative to them).
  private buf: Buffer = Buffer.alloc(0);
  private ls = 0;
  private le = 0;

  /**
   * With `reuseRecords`, the most frequent record types after access lists (0102, 0203, 0205, 0400,
   * 0500: ~3.5 of 7 million records) are decoded into one scratch object per type that the next
   * record of the type overwrites, and their creation dates are checked but not kept (''): for a sink
   * that copies the fields it needs at once (the import's database builder), not for one that keeps
   * records.
   */
  private readonly scratch: Scratch | undefined;

  constructor(
    readonly source: string,
    readonly maxDiagnostics = 1000,
    private readonly accessSink?: AccessSink,
    reuseRecords = false,
  ) {
    this.scratch = reuseRecords ? newScratch() : undefined;
  }

  counts(): ReadCounts {
    const byType: Record<string, number> = {};
    RECORD_TYPES.forEach((rt, i) => {
      const n = this.typeCounts[i] ?? 0;
      if (n > 0) byType[rt] = n;
    });
    const unknown: Record<string, number> = {};
    for (const [k, v] of [...this.unknown.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) unknown[k] = v;
    return { bytes: this.bytes, lines: this.lines, records: this.records, byType, unknown, malformed: this.malformed, blank: this.blank };
  }

  /** Diagnostics, with a final note when some were suppressed. */
  allDiagnostics(): Diagnostic[] {
    if (this.suppressed === 0) return this.diagnostics;
    return [
      ...this.diagnostics,
      {
        code: DiagnosticCodes.tooManyDiagnostics,
        severity: 'warning',
        message: `${this.suppressed} further diagnostic(s) were not reported (limit ${this.maxDiagnostics})`,
        source: this.source,
        line: this.lines,
        column: 1,
      },
    ];
  }

  report(d: Diagnostic): void {
    if (this.diagnostics.length < this.maxDiagnostics) this.diagnostics.push(d);
    else this.suppressed++;
  }

  /**
   * Decode the line `buf[start, end)` (without its line end) as line number `lineNo`.
   * Returns the record, or undefined for blank, unknown-type and malformed lines.
   */
  decodeLine(buf: Buffer, start: number, end: number, lineNo: number, ascii = false): UnloadRecord | typeof DELIVERED | undefined {
    this.lines++;
    let le = end;
    if (le > start && buf[le - 1] === 13) le--;
    // Blank line (or only blanks): nothing to decode.
    let firstNonBlank = start;
    while (firstNonBlank < le && buf[firstNonBlank] === SPACE) firstNonBlank++;
    if (firstNonBlank === le) {
      this.blank++;
      return undefined;
    }
    if (le - start < 4) {
      this.malformedLine(lineNo, DiagnosticCodes.shortRecord, `record of ${le - start} byte(s) is too short to carry a record type`, 1);
      return undefined;
    }
    const a = buf[start] ?? 0;
    const b = buf[start + 1] ?? 0;
    const c = buf[start + 2] ?? 0;
    const d = buf[start + 3] ?? 0;
    if (!isTypeChar(a) || !isTypeChar(b) || !isTypeChar(c) || !isTypeChar(d)) {
      // EBCDIC digits are X'F0'-X'F9': the data set was transferred in binary, not as text.
      if (a >= 0xf0 && a <= 0xf9 && b >= 0xf0 && b <= 0xf9)
        this.malformedLine(lineNo, DiagnosticCodes.ebcdic, 'the record is EBCDIC: transfer the unload as text (ASCII), not in binary', 1);
      else this.malformedLine(lineNo, DiagnosticCodes.badRecordType, 'line does not start with a 4-character IRRDBU00 record type', 1);
      return undefined;
    }
    const rt = typeCode(a, b, c, d);
    const idx = typeIndex(rt);
    if (idx === undefined) {
      const rt = String.fromCharCode(a, b, c, d).toUpperCase();
      this.unknown.set(rt, (this.unknown.get(rt) ?? 0) + 1);
      return undefined;
    }
    if (le - start > 4 && buf[start + 4] !== SPACE) {
      this.malformedLine(lineNo, DiagnosticCodes.badSeparator, 'column 5 must be blank after the record type (is the file shifted, or transferred with its RDW?)', 5);
      return undefined;
    }
    // Non-ASCII line: a text transfer may have produced UTF-8 (e.g. ¢ for blanks in DIGTCERT names),
    // which would shift byte columns. Re-encode to one byte per character so columns hold again
    // (EBCDIC code pages map into Latin-1; a character beyond U+00FF keeps its column, not its value).
    // A line that is not valid UTF-8 is a single-byte transfer and is read as it is.
    if (!ascii && !isAscii(buf.subarray(start, le))) {
      const sub = buf.subarray(start, le);
      if (isUtf8(sub)) {
        buf = Buffer.from(sub.toString('utf8'), 'latin1');
        le = buf.length;
        start = 0;
      }
    }
    this.buf = buf;
    this.ls = start;
    this.le = le;
    try {
      const rec = this.accessSink !== undefined && (rt === T0404 || rt === T0505) ? this.deliverAccess(rt, lineNo, this.accessSink) : this.decode(idx);
      this.records++;
      this.typeCounts[idx] = (this.typeCounts[idx] ?? 0) + 1;
      return rec;
    } catch (e) {
      if (e instanceof Malformed) {
        this.malformedLine(lineNo, e.code, `${RECORD_TYPES[idx] ?? ''} record: ${e.message}`, e.column);
        return undefined;
      }
      throw e;
    }
  }

  /**
   * An access-list line (0404 or 0505) whose fields another thread has already found and checked (see
   * prescan.ts): counted like a decoded line, then handed to the AccessSink, or returned as the record
   * `decodeLine` would have made. `nameOrClass` is the volume for 0404, the class for 0505.
   */
  decodedAccess(dataset: boolean, name: string, volumeOrClass: string, authId: string, access: AccessLevel, lineNo: number, pair = -1): UnloadRecord | typeof DELIVERED {
    this.lines++;
    this.records++;
    const idx = dataset ? I0404 : I0505;
    this.typeCounts[idx] = (this.typeCounts[idx] ?? 0) + 1;
    const sink = this.accessSink;
    if (sink !== undefined) {
      sink(dataset ? 'DATASET' : volumeOrClass, name, dataset ? volumeOrClass : '', authId, access, lineNo, pair);
      return DELIVERED;
    }
    return dataset ? { type: '0404', name, volume: volumeOrClass, authId, access } : { type: '0505', name, className: volumeOrClass, authId, access };
  }

  /**
   * The object for a line another thread has decoded (see prescan.ts): the scratch object with
   * `reuseRecords` (whose dates stay ''), else a new one. Count it with `countDecoded`.
   */
  datasetRecord(): DatasetBasic {
    return this.scratch?.dataset ?? newDataset();
  }
  generalRecord(): GeneralBasic {
    return this.scratch?.general ?? newGeneral();
  }
  memberRecord(): GroupMember {
    return this.scratch?.member ?? newMember();
  }
  groupConnectionRecord(): UserGroupConnection {
    return this.scratch?.groupConnection ?? newGroupConnection();
  }
  connectRecord(): UserConnect {
    return this.scratch?.connect ?? newConnect();
  }
  /** Whether the records keep their creation dates (not with `reuseRecords`). */
  get keepsDates(): boolean {
    return this.scratch === undefined;
  }
  /** Count a line decoded elsewhere, as decodeLine counts one. */
  countDecoded(type: WorkerDecoded['type']): void {
    this.lines++;
    this.records++;
    const idx = WORKER_TYPE_INDEX[type];
    this.typeCounts[idx] = (this.typeCounts[idx] ?? 0) + 1;
  }

  /** Mark the current input as fully counted (bytes). */
  addBytes(n: number): void {
    this.bytes += n;
  }

  private malformedLine(line: number, code: string, message: string, column: number): void {
    this.malformed++;
    this.report({ code, severity: 'error', message, source: this.source, line, column });
  }

  // ---- field access -------------------------------------------------------------------------

  /** A field without embedded blanks (ids, profile and class names): up to the first blank. */
  private tok(cols: Columns): string {
    const a = this.ls + cols[0] - 1;
    const lim = Math.min(this.ls + cols[1], this.le);
    if (a >= lim) return '';
    const buf = this.buf;
    let b: number;
    if (lim - a <= 8) {
      // Short fields: a loop is cheaper than a native indexOf call.
      b = a;
      while (b < lim && buf[b] !== SPACE) b++;
    } else {
      b = buf.indexOf(SPACE, a);
      if (b < 0 || b > lim) b = lim;
    }
    if (b === a) return '';
    return b - a <= 8 ? this.intern(a, b) : latin1(buf, a, b);
  }

  // Short tokens (user ids, group and class names) repeat millions of times in an unload: one shared
  // string per distinct value (a direct-mapped cache, no Map) keeps garbage and retained state small.
  private readonly interned: string[] = new Array<string>(INTERN_SLOTS).fill('');
  private intern(a: number, b: number): string {
    const buf = this.buf;
    let h = b - a;
    for (let i = a; i < b; i++) h = Math.imul(h ^ (buf[i] ?? 0), 0x01000193);
    const slot = (h ^ (h >>> 15)) & (INTERN_SLOTS - 1);
    const hit = this.interned[slot] ?? '';
    if (hit.length === b - a) {
      let i = 0;
      while (i < hit.length && hit.charCodeAt(i) === buf[a + i]) i++;
      if (i === hit.length) return hit;
    }
    const s = latin1(buf, a, b);
    this.interned[slot] = s;
    return s;
  }

  /** Bytes [a, a+len) equal the previous name (a JS loop for typical names; native compare for long ones). */
  private sameAsLastName(a: number, len: number): boolean {
    const buf = this.buf;
    const last = this.lastNameBytes;
    if (len > 64) return buf.compare(last, 0, len, a, a + len) === 0;
    for (let i = len - 1; i >= 0; i--) if (buf[a + i] !== last[i]) return false;
    return true;
  }

  // The profile name of the previous record: access list records repeat it line after line.
  private readonly lastNameBytes = Buffer.alloc(2100);
  private lastNameLength = -1;
  private lastName = '';
  /** A free-text field (may contain blanks): trailing blanks removed. */
  private txt(cols: Columns): string {
    const a = this.ls + cols[0] - 1;
    let b = Math.min(this.ls + cols[1], this.le);
    if (b <= a) return '';
    const buf = this.buf;
    // Wide fields (installation data, APPLDATA, paths) are mostly all blank: one native compare.
    if (b - a > 16 && buf[a] === SPACE && buf.compare(BLANKS, 0, b - a, a, b) === 0) return '';
    while (b > a && buf[b - 1] === SPACE) b--;
    return b <= a ? '' : latin1(buf, a, b);
  }
  /** The name field: mandatory. */
  private name(cols: Columns): string {
    const a = this.ls + cols[0] - 1;
    const lim = Math.min(this.ls + cols[1], this.le);
    let b: number;
    if (lim - a <= 8) {
      b = a;
      while (b < lim && this.buf[b] !== SPACE) b++;
    } else {
      b = this.buf.indexOf(SPACE, a);
      if (b < 0 || b > lim) b = lim;
    }
    if (b <= a) throw new Malformed(DiagnosticCodes.missingName, 'the profile name field is blank', cols[0]);
    const len = b - a;
    if (len <= 8) return this.intern(a, b);
    if (len === this.lastNameLength && this.sameAsLastName(a, len)) return this.lastName;
    const n = latin1(this.buf, a, b);
    if (len <= this.lastNameBytes.length) {
      this.buf.copy(this.lastNameBytes, 0, a, b);
      this.lastNameLength = len;
      this.lastName = n;
    }
    return n;
  }
  /** A Yes/No field: YES/NO in any case; blank or absent counts as NO. */
  private flag(cols: Columns): boolean {
    const a = this.ls + cols[0] - 1;
    if (a >= this.le) return false;
    const ch = this.buf[a] ?? SPACE;
    if (ch === 89 || ch === 121) return true; // Y y
    if (ch === 78 || ch === 110 || ch === SPACE) return false; // N n blank
    throw new Malformed(DiagnosticCodes.badFlag, `expected YES or NO at column ${cols[0]}, found '${this.txt(cols)}'`, cols[0]);
  }
  /** An integer field; blank is undefined. */
  private num(cols: Columns): number | undefined {
    const a = this.ls + cols[0] - 1;
    const lim = Math.min(this.ls + cols[1], this.le);
    let v = 0;
    let seen = false;
    for (let i = a; i < lim; i++) {
      const ch = this.buf[i] ?? SPACE;
      if (ch >= 48 && ch <= 57) {
        v = v * 10 + (ch - 48);
        seen = true;
      } else if (ch !== SPACE) {
        throw new Malformed(DiagnosticCodes.badNumber, `expected a number at column ${cols[0]}, found '${this.txt(cols)}'`, cols[0]);
      }
    }
    return seen ? v : undefined;
  }
  /** Does the field hold exactly `word` (then blanks)? */
  private is(a: number, lim: number, word: string): boolean {
    const n = word.length;
    if (a + n > lim) return false;
    for (let i = 0; i < n; i++) if (this.buf[a + i] !== word.charCodeAt(i)) return false;
    return a + n === lim || this.buf[a + n] === SPACE;
  }
  /** An access level (NONE ... ALTER). */
  private access(cols: Columns): AccessLevel {
    const a = this.ls + cols[0] - 1;
    const lim = Math.min(this.ls + cols[1], this.le);
    switch (this.buf[a]) {
      case 78:
        if (this.is(a, lim, 'NONE')) return 'NONE';
        break;
      case 69:
        if (this.is(a, lim, 'EXECUTE')) return 'EXECUTE';
        break;
      case 82:
        if (this.is(a, lim, 'READ')) return 'READ';
        break;
      case 85:
        if (this.is(a, lim, 'UPDATE')) return 'UPDATE';
        break;
      case 67:
        if (this.is(a, lim, 'CONTROL')) return 'CONTROL';
        break;
      case 65:
        if (this.is(a, lim, 'ALTER')) return 'ALTER';
        break;
    }
    const found = a < this.le ? this.txt(cols) : '';
    throw new Malformed(DiagnosticCodes.badAccess, `expected an access level (NONE, EXECUTE, READ, UPDATE, CONTROL, ALTER) at column ${cols[0]}, found '${found}'`, cols[0]);
  }
  private oneOf<T extends string>(cols: Columns, values: readonly T[], what: string, allowBlank: boolean): T | '' {
    const v = this.tok(cols);
    if (v === '' && allowBlank) return '';
    for (const x of values) if (x === v) return x;
    throw new Malformed(DiagnosticCodes.badValue, `expected ${what} (${values.join(', ')}) at column ${cols[0]}, found '${v}'`, cols[0]);
  }
  /** A date field yyyy-mm-dd (blank allowed). */
  private date(cols: Columns): string {
    const v = this.tok(cols);
    if (v !== '' && !isDate(v)) throw new Malformed(DiagnosticCodes.badDate, `expected a date yyyy-mm-dd at column ${cols[0]}, found '${v}'`, cols[0]);
    return v;
  }
  /** Check a date field yyyy-mm-dd (blank allowed) without making a string of it. */
  private checkDate(cols: Columns): void {
    const a = this.ls + cols[0] - 1;
    const lim = Math.min(this.ls + cols[1], this.le);
    if (a >= lim) return;
    const buf = this.buf;
    const c0 = buf[a] ?? SPACE;
    if (c0 === SPACE) return;
    if (lim - a === 10 && buf[a + 4] === 45 && buf[a + 7] === 45) {
      let ok = true;
      for (let i = a; i < lim; i++) {
        const c = buf[i] ?? SPACE;
        if (i !== a + 4 && i !== a + 7 && (c < 48 || c > 57)) {
          ok = false;
          break;
        }
      }
      if (ok) return;
    }
    this.date(cols); // reports the malformed value
  }
  private time(cols: Columns): string {
    const v = this.tok(cols);
    if (v !== '' && !/^\d{2}:\d{2}:\d{2}$/.test(v)) throw new Malformed(DiagnosticCodes.badDate, `expected a time hh:mm:ss at column ${cols[0]}, found '${v}'`, cols[0]);
    return v;
  }
  /** The record must reach at least column `col` (a mandatory, never blank field starts there). */
  private need(col: number): void {
    if (this.le - this.ls < col) throw new Malformed(DiagnosticCodes.shortRecord, `record ends at column ${this.le - this.ls}, before column ${col}`, this.le - this.ls + 1);
  }

  private deliverAccess(rt: number, lineNo: number, sink: AccessSink): typeof DELIVERED {
    if (rt === T0404) {
      this.need(DSACC.access[0]);
      sink('DATASET', this.name(DSACC.name), this.tok(DSACC.vol), this.name(DSACC.authId), this.access(DSACC.access), lineNo);
    } else {
      this.need(GRACC.access[0]);
      sink(this.name(GRACC.className), this.name(GRACC.name), '', this.name(GRACC.authId), this.access(GRACC.access), lineNo);
    }
    return DELIVERED;
  }

  /** The reusable decoding of the frequent record types (see `scratch`); undefined for the others. */
  private decodeInto(rt: RecordType, k: Scratch): UnloadRecord | undefined {
    switch (rt) {
      case '0102': {
        this.need(GPMEM.auth[0]);
        const r = k.member;
        r.name = this.name(GPMEM.name);
        r.member = this.name(GPMEM.member);
        r.authority = this.oneOf<ConnectAuthority>(GPMEM.auth, CONNECT_AUTHORITIES, 'a connect authority', false) as ConnectAuthority;
        return r;
      }
      case '0203': {
        const r = k.groupConnection;
        r.name = this.name(USGCON.name);
        r.group = this.name(USGCON.group);
        return r;
      }
      case '0205': {
        const r = k.connect;
        r.name = this.name(USCON.name);
        r.group = this.name(USCON.group);
        this.checkDate(USCON.connectDate);
        r.owner = this.tok(USCON.owner);
        r.uacc = this.tok(USCON.uacc);
        r.adsp = this.flag(USCON.adsp);
        r.special = this.flag(USCON.special);
        r.operations = this.flag(USCON.oper);
        r.revoked = this.flag(USCON.revoke);
        r.grpacc = this.flag(USCON.grpacc);
        r.auditor = this.flag(USCON.audit);
        return r;
      }
      case '0400': {
        this.need(DSBD.uacc[0]);
        const r = k.dataset;
        r.name = this.name(DSBD.name);
        r.volume = this.tok(DSBD.vol);
        r.generic = this.flag(DSBD.generic);
        this.checkDate(DSBD.createDate);
        r.owner = this.tok(DSBD.owner);
        r.uacc = this.access(DSBD.uacc);
        r.level = this.num(DSBD.level);
        r.auditLevel = this.tok(DSBD.auditLevel);
        r.installData = this.txt(DSBD.installData);
        r.warning = this.flag(DSBD.warning);
        r.notify = this.tok(DSBD.notify);
        r.erase = this.flag(DSBD.erase);
        return r;
      }
      case '0500': {
        const r = k.general;
        r.name = this.name(GRBD.name);
        r.className = this.name(GRBD.className);
        r.generic = this.flag(GRBD.generic);
        this.checkDate(GRBD.createDate);
        r.owner = this.tok(GRBD.owner);
        r.uacc = this.tok(GRBD.uacc);
        r.auditLevel = this.tok(GRBD.auditLevel);
        r.level = this.num(GRBD.level);
        r.installData = this.txt(GRBD.installData);
        r.warning = this.flag(GRBD.warning);
        r.notify = this.tok(GRBD.notify);
        r.applData = this.txt(GRBD.applData);
        return r;
      }
      default:
        return undefined;
    }
  }

  private decode(idx: number): UnloadRecord {
    const rt = RECORD_TYPES[idx] as RecordType;
    const scratch = this.scratch;
    if (scratch !== undefined) {
      const r = this.decodeInto(rt, scratch);
      if (r !== undefined) return r;
    }
    switch (rt) {
      case '0100':
        return {
          type: '0100',
          name: this.name(GPBD.name),
          supgroup: this.tok(GPBD.supgroup),
          createDate: this.date(GPBD.createDate),
          owner: this.tok(GPBD.owner),
          uacc: this.tok(GPBD.uacc),
          installData: this.txt(GPBD.installData),
          universal: this.flag(GPBD.universal),
        };
      case '0101':
        return { type: '0101', name: this.name(GPSGRP.name), subgroup: this.name(GPSGRP.subgroup) };
      case '0102': {
        this.need(GPMEM.auth[0]);
        const name = this.name(GPMEM.name);
        const member = this.name(GPMEM.member);
        const authority = this.oneOf<ConnectAuthority>(GPMEM.auth, CONNECT_AUTHORITIES, 'a connect authority', false) as ConnectAuthority;
        return { type: '0102', name, member, authority };
      }
      case '0120':
        return { type: '0120', name: this.name(GPOMVS.name), gid: this.num(GPOMVS.gid) };
      case '0200': {
        const attribs = this.txt(USBD.attribs);
        return {
          type: '0200',
          name: this.name(USBD.name),
          createDate: this.date(USBD.createDate),
          owner: this.tok(USBD.owner),
          adsp: this.flag(USBD.adsp),
          special: this.flag(USBD.special),
          operations: this.flag(USBD.oper),
          revoked: this.flag(USBD.revoke),
          grpacc: this.flag(USBD.grpacc),
          programmer: this.txt(USBD.programmer),
          defaultGroup: this.tok(USBD.defgrp),
          installData: this.txt(USBD.installData),
          uaudit: this.flag(USBD.uaudit),
          auditor: this.flag(USBD.auditor),
          protectedUser: this.tok(USBD.nopwd) === 'PRO',
          revokeDate: this.date(USBD.revokeDate),
          resumeDate: this.date(USBD.resumeDate),
          restricted: attribs.includes('RSTD'),
        };
      }
      case '0202':
        return { type: '0202', name: this.name(USCLA.name), className: this.name(USCLA.className) };
      case '0203':
        return { type: '0203', name: this.name(USGCON.name), group: this.name(USGCON.group) };
      case '0205':
        return {
          type: '0205',
          name: this.name(USCON.name),
          group: this.name(USCON.group),
          connectDate: this.date(USCON.connectDate),
          owner: this.tok(USCON.owner),
          uacc: this.tok(USCON.uacc),
          adsp: this.flag(USCON.adsp),
          special: this.flag(USCON.special),
          operations: this.flag(USCON.oper),
          revoked: this.flag(USCON.revoke),
          grpacc: this.flag(USCON.grpacc),
          auditor: this.flag(USCON.audit),
        };
      case '0207':
        return { type: '0207', name: this.name(USCERT.name), certName: this.name(USCERT.certName), label: this.txt(USCERT.label) };
      case '0220':
        return {
          type: '0220',
          name: this.name(USTSO.name),
          account: this.txt(USTSO.account),
          command: this.txt(USTSO.command),
          proc: this.tok(USTSO.proc),
          size: this.num(USTSO.size),
          maxSize: this.num(USTSO.maxSize),
          jobClass: this.tok(USTSO.jobClass),
          msgClass: this.tok(USTSO.msgClass),
          sysoutClass: this.tok(USTSO.sysoutClass),
          holdClass: this.tok(USTSO.holdClass),
          unit: this.tok(USTSO.unit),
        };
      case '0270':
        return { type: '0270', name: this.name(USOMVS.name), uid: this.num(USOMVS.uid), home: this.txt(USOMVS.home), program: this.txt(USOMVS.program) };
      case '0400':
        this.need(DSBD.uacc[0]);
        return {
          type: '0400',
          name: this.name(DSBD.name),
          volume: this.tok(DSBD.vol),
          generic: this.flag(DSBD.generic),
          createDate: this.date(DSBD.createDate),
          owner: this.tok(DSBD.owner),
          uacc: this.access(DSBD.uacc),
          level: this.num(DSBD.level),
          auditLevel: this.tok(DSBD.auditLevel),
          installData: this.txt(DSBD.installData),
          warning: this.flag(DSBD.warning),
          notify: this.tok(DSBD.notify),
          erase: this.flag(DSBD.erase),
        };
      case '0402':
        this.need(DSCACC.access[0]);
        return {
          type: '0402',
          name: this.name(DSCACC.name),
          volume: this.tok(DSCACC.vol),
          whenType: this.oneOf<WhenType>(DSCACC.catype, WHEN_TYPES, 'a conditional access type', false) as WhenType,
          whenName: this.tok(DSCACC.caname),
          authId: this.name(DSCACC.authId),
          access: this.access(DSCACC.access),
          netId: this.tok(DSCACC.netId),
          criteria: this.txt(DSCACC.criteria),
        };
      case '0404':
        this.need(DSACC.access[0]);
        return { type: '0404', name: this.name(DSACC.name), volume: this.tok(DSACC.vol), authId: this.name(DSACC.authId), access: this.access(DSACC.access) };
      case '0500':
        return {
          type: '0500',
          name: this.name(GRBD.name),
          className: this.name(GRBD.className),
          generic: this.flag(GRBD.generic),
          createDate: this.date(GRBD.createDate),
          owner: this.tok(GRBD.owner),
          uacc: this.tok(GRBD.uacc),
          auditLevel: this.tok(GRBD.auditLevel),
          level: this.num(GRBD.level),
          installData: this.txt(GRBD.installData),
          warning: this.flag(GRBD.warning),
          notify: this.tok(GRBD.notify),
          applData: this.txt(GRBD.applData),
        };
      case '0505':
        this.need(GRACC.access[0]);
        return { type: '0505', name: this.name(GRACC.name), className: this.name(GRACC.className), authId: this.name(GRACC.authId), access: this.access(GRACC.access) };
      case '0507':
        this.need(GRCACC.access[0]);
        return {
          type: '0507',
          name: this.name(GRCACC.name),
          className: this.name(GRCACC.className),
          whenType: this.oneOf<WhenType>(GRCACC.catype, WHEN_TYPES, 'a conditional access type', false) as WhenType,
          whenName: this.tok(GRCACC.caname),
          authId: this.name(GRCACC.authId),
          access: this.access(GRCACC.access),
          netId: this.tok(GRCACC.netId),
          criteria: this.txt(GRCACC.criteria),
        };
      case '0540':
        return {
          type: '0540',
          name: this.name(GRST.name),
          className: this.name(GRST.className),
          user: this.tok(GRST.user),
          group: this.tok(GRST.group),
          trusted: this.flag(GRST.trusted),
          privileged: this.flag(GRST.privileged),
          trace: this.flag(GRST.trace),
        };
      case '0560':
        return {
          type: '0560',
          name: this.name(GRCERT.name),
          className: this.name(GRCERT.className),
          startDate: this.date(GRCERT.startDate),
          startTime: this.time(GRCERT.startTime),
          endDate: this.date(GRCERT.endDate),
          endTime: this.time(GRCERT.endTime),
          keyType: this.tok(GRCERT.keyType),
          keySize: this.num(GRCERT.keySize),
          lastSerial: this.tok(GRCERT.lastSerial),
        };
      case '1560':
        return {
          type: '1560',
          name: this.name(CERTN.name),
          className: this.name(CERTN.className),
          issuerDn: this.txt(CERTN.issuerDn),
          subjectDn: this.txt(CERTN.subjectDn),
          sigAlg: this.tok(CERTN.sigAlg),
        };
      case '0561':
        return { type: '0561', name: this.name(CERTR.name), className: this.name(CERTR.className), ringName: this.name(CERTR.ringName) };
      case '0562': {
        const certName = this.tok(KEYR.certName);
        return {
          type: '0562',
          name: this.name(KEYR.name),
          className: this.name(KEYR.className),
          certName,
          usage: this.oneOf<KeyringUsage>(KEYR.usage, ['PERSONAL', 'CERTAUTH', 'SITE'], 'a ring usage', certName === ''),
          isDefault: this.flag(KEYR.isDefault),
          label: this.txt(KEYR.label),
        };
      }
    }
  }
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
/** yyyy-mm-dd (without a regular expression: this runs for most records). */
function isDate(s: string): boolean {
  return s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && isDigits(s, 0, 4) && isDigits(s, 5, 7) && isDigits(s, 8, 10);
}

const WHEN_TYPES: readonly WhenType[] = ['APPCPORT', 'PROGRAM', 'CONSOLE', 'TERMINAL', 'JESINPUT', 'SERVAUTH', 'SYSID', 'CRITERIA'];

/** GPMEM_AUTH values, in this order (the reading worker numbers them so). */
export const CONNECT_AUTHORITIES: readonly ConnectAuthority[] = ['USE', 'CREATE', 'CONNECT', 'JOIN'];

/** One reusable record object per frequent type (see RecordDecoder's `scratch`). */
interface Scratch {
  readonly member: GroupMember;
  readonly groupConnection: UserGroupConnection;
  readonly connect: UserConnect;
  readonly dataset: DatasetBasic;
  readonly general: GeneralBasic;
}
const newMember = (): GroupMember => ({ type: '0102', name: '', member: '', authority: 'USE' });
const newGroupConnection = (): UserGroupConnection => ({ type: '0203', name: '', group: '' });
const newConnect = (): UserConnect => ({
  type: '0205',
  name: '',
  group: '',
  connectDate: '',
  owner: '',
  uacc: '',
  adsp: false,
  special: false,
  operations: false,
  revoked: false,
  grpacc: false,
  auditor: false,
});
const newDataset = (): DatasetBasic => ({
  type: '0400',
  name: '',
  volume: '',
  generic: false,
  createDate: '',
  owner: '',
  uacc: 'NONE',
  level: undefined,
  auditLevel: '',
  installData: '',
  warning: false,
  notify: '',
  erase: false,
});
const newGeneral = (): GeneralBasic => ({
  type: '0500',
  name: '',
  className: '',
  generic: false,
  createDate: '',
  owner: '',
  uacc: '',
  auditLevel: '',
  level: undefined,
  installData: '',
  warning: false,
  notify: '',
  applData: '',
});
function newScratch(): Scratch {
  return { member: newMember(), groupConnection: newGroupConnection(), connect: newConnect(), dataset: newDataset(), general: newGeneral() };
}
