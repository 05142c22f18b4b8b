/**
 * Reading a large unload file with a second thread: a worker reads the file and finds the line ends
 * (and whether the bytes are ASCII) into shared memory, while this thread decodes the lines with the
 * same RecordDecoder as the single-threaded reader and builds whatever the sink builds.
 *
 * The most frequent record types (access lists 0404 and 0505, basic data 0400 and 0500, group members
 * 0102, user group connections 0203 and connect data 0205: 6.6 of 7 million records of the benchmark's
 * unload) the worker also decodes, when they are well formed: it finds the fields, checks flags, dates
 * and access levels and numbers the short tokens (user ids, groups, classes, volumes) so that this
 * thread makes each distinct one once and then only indexes an array. Any line the worker does not fully accept (another type, non-ASCII, anything that would be a
 * diagnostic) is decoded here by RecordDecoder. Records, line numbers, counts and diagnostics are
 * therefore the same as `readUnload` on a stream of the file (test/worker.test.ts).
 *
 * Only used for a regular file of at least `WORKER_THRESHOLD` bytes: starting a worker costs tens of
 * milliseconds, which a small file must not pay.
 *
 * Memory: up to `MAX_SLOTS` slots of `SLOT_BYTES` bytes plus their line tables (at most about 205 MiB;
 * fewer slots for a file that fits in fewer), whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { type AccessLevel } from './records';
import { CONNECT_AUTHORITIES, type RecordDecoder, type WorkerDecoded } from './decode';

/** Files smaller than this are read on the calling thread. */
export const WORKER_THRESHOLD = 32 * 2 ** 20;

/**
 * Up to 32 slots: the worker gets up to 128 MiB ahead while this thread is in a long garbage
 * collection of the growing state, or in a stretch of records that take it longer than the worker,
 * so that this thread then finds the next slots full instead of waiting on the worker slot by slot
 * (4 slots: this thread waited on 396 of 398 slots of a 7M-record unload; 32 slots against 16: the
 * 7M-record import ~0.1 s faster). A file needs no more slots than it fills.
 */
const MAX_SLOTS = 32;
const SLOT_BYTES = 4 * 2 ** 20;
/** Most lines per slot (a slot of lines shorter than 128 bytes on average is published before it is full). */
const SLOT_LINES = SLOT_BYTES / 128;
/** Int32 words per line in a slot's line table: see `prescanWorkerMain`. */
const LINE_WORDS = 16;
/** Row kind flag (with the record kind 1-10 in the low 4 bits): the profile name is the previous row's. */
const SAME_NAME = 16;
/** The access levels as the worker numbers them. */
const ACCESS_LEVELS: readonly AccessLevel[] = ['NONE', 'EXECUTE', 'READ', 'UPDATE', 'CONTROL', 'ALTER'];

// Control words per slot (Int32Array `control`, slot s at s * CONTROL_WORDS).
const CONTROL_WORDS = 8;
const STATE = 0;
const LINES = 1;
const BYTES = 2;
const ASCII = 3;
/** END: byte length of a last line without a newline (0: none). */
const FINAL = 4;
/** HANDOFF: file offset (low and high 24 bits) where this thread continues reading itself. */
const OFFSET_LO = 5;
const OFFSET_HI = 6;
/** Token definitions (id, start, end) in the slot's definition table: made before its lines use them. */
const DEFS = 7;

// Slot states.
const EMPTY = 0;
const FULL = 1;
/** The end of the file: LINES lines, then FINAL bytes of a line without a newline. */
const END = 2;
/** A line longer than a slot: after this slot's lines the caller reads the file on from OFFSET. */
const HANDOFF = 3;
/** The worker failed (its message says why): after this slot's lines, a read error. */
const FAILED = 4;


/** What the worker is given (all shared memory: nothing is copied per slot). */
interface PrescanData {
  readonly path: string;
  readonly control: SharedArrayBuffer;
  readonly data: readonly SharedArrayBuffer[];
  readonly lines: readonly SharedArrayBuffer[];
  readonly defs: readonly SharedArrayBuffer[];
  /** Whether the main thread keeps creation dates: if not, the worker checks them but numbers none. */
  readonly keepDates: boolean;
  readonly layout: {
    readonly lineWords: number;
    readonly defsWord: number;
    readonly slots: number;
    readonly slotBytes: number;
    readonly slotLines: number;
    /** log2 of the token table's first capacity. */
    readonly tokenBits: number;
    readonly controlWords: number;
    readonly state: number;
    readonly lines: number;
    readonly bytes: number;
    readonly ascii: number;
    readonly final: number;
    readonly offsetLo: number;
    readonly offsetHi: number;
    readonly empty: number;
    readonly full: number;
    readonly end: number;
    readonly handoff: number;
    readonly failed: number;
  };
}

/**
 * The worker's program. It runs in the worker from its source text (`new Worker(source, { eval: true })`,
 * the same in the built package and under a TypeScript test runner), so it must not refer to anything
 * outside itself: modules come from `process.getBuiltinModule`, constants from `workerData`.
 */
export function prescanWorkerMain(): void {
  const wt = process.getBuiltinModule('node:worker_threads');
  const fs = process.getBuiltinModule('node:fs');
  const { isAscii } = process.getBuiltinModule('node:buffer');
  const port = wt.parentPort;
  const d = wt.workerData as PrescanData;
  const L = d.layout;
  const control = new Int32Array(d.control);
  const datas = d.data.map((b) => Buffer.from(b));
  const tables = d.lines.map((b) => new Int32Array(b));
  const defTables = d.defs.map((b) => new Int32Array(b));
  const W = L.lineWords;
  const SPACE = 32;
  /** Row kind flag: the profile name is the previous row's. */
  const SAME_NAME = 16;

  // Tokens are numbered once (id 0 = ''). A token of up to 8 bytes (ids, classes, volumes: nearly
  // all) is looked up by its bytes packed into two 32-bit words in an open-addressing table of
  // 4-word slots [lo, hi, length, id]: one cache line per probe, no string. Longer ones (dates, when
  // the main thread keeps them) go through a Map of strings.
  let tokenCap = 2 ** L.tokenBits;
  let tokenTab = new Int32Array(tokenCap * 4);
  let tokenShift = 32 - L.tokenBits;
  let tokenCount = 0;
  const longIds = new Map<string, number>();
  let nextId = 1;
  let defs: Int32Array<ArrayBufferLike> = new Int32Array(0);
  let nDefs = 0;
  /** Number a new token buf[a, b) and define it in this slot's table; -1 when that table is full. */
  const define = (a: number, b: number): number => {
    if (3 * nDefs + 3 > defs.length) return -1;
    const id = nextId++;
    defs[3 * nDefs] = id;
    defs[3 * nDefs + 1] = a;
    defs[3 * nDefs + 2] = b;
    nDefs++;
    return id;
  };
  const tokenSlot = (lo: number, hi: number, n: number): number => Math.imul(lo ^ Math.imul(hi ^ n, 0x85ebca6b), 0x9e3779b1) >>> tokenShift;
  const growTokens = (): void => {
    const old = tokenTab;
    tokenCap *= 2;
    tokenShift--;
    tokenTab = new Int32Array(tokenCap * 4);
    const mask = tokenCap - 1;
    for (let o = 0; o < old.length; o += 4) {
      const n = old[o + 2] ?? 0;
      if (n === 0) continue;
      let s = tokenSlot(old[o] ?? 0, old[o + 1] ?? 0, n);
      while (tokenTab[s * 4 + 2] !== 0) s = (s + 1) & mask;
      tokenTab.set(old.subarray(o, o + 4), s * 4);
    }
  };
  /** The id of buf[a, b), defining it in this slot if new; -1 when the slot's table is full. */
  const intern = (buf: Buffer, a: number, b: number): number => {
    const n = b - a;
    if (n === 0) return 0;
    if (n > 8) {
      const str = buf.toString('latin1', a, b);
      let id = longIds.get(str);
      if (id === undefined) {
        id = define(a, b);
        if (id < 0) return -1;
        longIds.set(str, id);
      }
      return id;
    }
    let lo = 0;
    let hi = 0;
    const m = n < 4 ? n : 4;
    for (let i = 0; i < m; i++) lo |= (buf[a + i] ?? 0) << (8 * i);
    for (let i = 4; i < n; i++) hi |= (buf[a + i] ?? 0) << (8 * (i - 4));
    const tab = tokenTab;
    const mask = tokenCap - 1;
    let s = tokenSlot(lo, hi, n);
    for (;;) {
      const o = s * 4;
      const len = tab[o + 2] ?? 0;
      if (len === 0) break;
      if (len === n && tab[o] === lo && tab[o + 1] === hi) return tab[o + 3] ?? -1;
      s = (s + 1) & mask;
    }
    const id = define(a, b);
    if (id < 0) return -1;
    const o = s * 4;
    tab[o] = lo;
    tab[o + 1] = hi;
    tab[o + 2] = n;
    tab[o + 3] = id;
    if (++tokenCount * 2 > tokenCap) growTokens();
    return id;
  };
  /** End of the blank-free token starting at a, within [a, lim). */
  const tokenEnd = (buf: Buffer, a: number, lim: number): number => {
    let b = a;
    while (b < lim && buf[b] !== SPACE) b++;
    return b;
  };
  /** Does buf[a, lim) hold exactly `word` (then blanks or the end)? */
  const is = (buf: Buffer, a: number, lim: number, word: string): boolean => {
    const n = word.length;
    if (a + n > lim) return false;
    for (let i = 0; i < n; i++) if (buf[a + i] !== word.charCodeAt(i)) return false;
    return a + n === lim || buf[a + n] === SPACE;
  };
  // In RecordDecoder.access's order: NONE EXECUTE READ UPDATE CONTROL ALTER = 0..5.
  const accessIndex = (buf: Buffer, a: number, lim: number): number => {
    switch (buf[a]) {
      case 78:
        return is(buf, a, lim, 'NONE') ? 0 : -1;
      case 69:
        return is(buf, a, lim, 'EXECUTE') ? 1 : -1;
      case 82:
        return is(buf, a, lim, 'READ') ? 2 : -1;
      case 85:
        return is(buf, a, lim, 'UPDATE') ? 3 : -1;
      case 67:
        return is(buf, a, lim, 'CONTROL') ? 4 : -1;
      case 65:
        return is(buf, a, lim, 'ALTER') ? 5 : -1;
      default:
        return -1;
    }
  };
  // The previous accepted line's profile name (access lists repeat it line after line).
  const lastName = Buffer.alloc(256);
  let lastNameLength = -1;

  /**
   * Decode an access-list line [ls, le) into table row r, as RecordDecoder would (layout.ts DSACC and
   * GRACC: name 6-49 / 6-251, volume 51-56 / class 253-260, auth id 58-65 / 262-269, access 67-74 /
   * 271-278). Returns false (row left generic) for anything RecordDecoder would report or treat
   * specially.
   */
  const access = (buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    if (buf[ls] !== 48 || buf[ls + 4] !== SPACE) return false;
    // the type's last three characters as one number, e.g. '404' = 0x343034
    switch (((buf[ls + 1] ?? 0) << 16) | ((buf[ls + 2] ?? 0) << 8) | (buf[ls + 3] ?? 0)) {
      case 0x343034:
        return accessLine(true, buf, ls, le, table, r); // 0404
      case 0x353035:
        return accessLine(false, buf, ls, le, table, r); // 0505
      case 0x343030:
        return basicLine(true, buf, ls, le, table, r); // 0400
      case 0x353030:
        return basicLine(false, buf, ls, le, table, r); // 0500
      case 0x313032:
        return memberLine(buf, ls, le, table, r); // 0102
      case 0x323033:
        return groupConnectionLine(buf, ls, le, table, r); // 0203
      case 0x323035:
        return connectLine(buf, ls, le, table, r); // 0205
      case 0x323030:
        return userLine(buf, ls, le, table, r); // 0200
      case 0x323730:
        return omvsLine(buf, ls, le, table, r); // 0270
      case 0x353430:
        return stdataLine(buf, ls, le, table, r); // 0540
      default:
        return false;
    }
  };
  /** The profile name [na, nb) (mandatory): its id (short names) or -1, and whether it repeats the last one. */
  let nameId = -1;
  let sameName = false;
  const profileName = (buf: Buffer, na: number, nb: number): boolean => {
    const len = nb - na;
    nameId = len <= 8 ? intern(buf, na, nb) : -1;
    if (len <= 8 && nameId < 0) return false;
    let same = len === lastNameLength;
    if (same) for (let i = 0; i < len; i++) if (buf[na + i] !== lastName[i]) { same = false; break; }
    if (!same) {
      if (len <= 64) {
        // a JS loop: Buffer#copy's native call costs more than copying a typical name
        for (let i = 0; i < len; i++) lastName[i] = buf[na + i] ?? 0;
        lastNameLength = len;
      } else if (len <= lastName.length) {
        buf.copy(lastName, 0, na, nb);
        lastNameLength = len;
      } else lastNameLength = -1;
    }
    sameName = same;
    return true;
  };
  const accessLine = (dataset: boolean, buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    const accessCol = dataset ? 67 : 271;
    if (le - ls < accessCol) return false;
    // name: mandatory, up to the first blank
    const na = ls + 5;
    const nb = tokenEnd(buf, na, Math.min(ls + (dataset ? 49 : 251), le));
    if (nb === na) return false;
    // volume (0404, may be blank) or class (0505, mandatory)
    const va = ls + (dataset ? 50 : 252);
    const vb = tokenEnd(buf, va, Math.min(ls + (dataset ? 56 : 260), le));
    if (!dataset && vb === va) return false;
    // auth id: mandatory
    const aa = ls + (dataset ? 57 : 261);
    const ab = tokenEnd(buf, aa, Math.min(ls + (dataset ? 65 : 269), le));
    if (ab === aa) return false;
    const level = accessIndex(buf, ls + accessCol - 1, Math.min(ls + accessCol + 7, le));
    if (level < 0) return false;
    const vol = intern(buf, va, vb);
    const auth = intern(buf, aa, ab);
    if (vol < 0 || auth < 0 || !profileName(buf, na, nb)) return false;
    const o = r * W;
    table[o + 2] = (dataset ? 1 : 2) | (sameName ? SAME_NAME : 0);
    table[o + 3] = level;
    table[o + 4] = nameId;
    table[o + 5] = nb;
    table[o + 6] = auth;
    table[o + 7] = vol;
    return true;
  };
  // Field readers of the basic records; each returns -2 for what RecordDecoder would report.
  /** A Yes/No flag at column col: 1, 0, or -2. */
  const flagAt = (buf: Buffer, ls: number, le: number, col: number): number => {
    const a = ls + col - 1;
    if (a >= le) return 0;
    const ch = buf[a];
    if (ch === 89 || ch === 121) return 1;
    if (ch === 78 || ch === 110 || ch === SPACE) return 0;
    return -2;
  };
  /** A short token's id (0 = blank), -2 when longer than 8 bytes (RecordDecoder slices those), -1 when the table is full. */
  const tokAt = (buf: Buffer, ls: number, le: number, from: number, to: number): number => {
    const a = ls + from - 1;
    const lim = Math.min(ls + to, le);
    if (a >= lim) return 0;
    const b = tokenEnd(buf, a, lim);
    if (b - a > 8) return -2;
    return intern(buf, a, b);
  };
  /** A date yyyy-mm-dd or blank: its id (0 when the main thread does not keep it and `always` is not set), or -2. */
  const dateAt = (buf: Buffer, ls: number, le: number, from: number, to: number, always = false): number => {
    const a = ls + from - 1;
    const lim = Math.min(ls + to, le);
    if (a >= lim || buf[a] === SPACE) return 0;
    if (lim - a !== 10 || buf[a + 4] !== 45 || buf[a + 7] !== 45) return -2;
    for (let i = a; i < lim; i++) {
      const ch = buf[i] ?? 0;
      if (i !== a + 4 && i !== a + 7 && (ch < 48 || ch > 57)) return -2;
    }
    // A checked date the main thread does not keep: no token (no string, no definition to send).
    return d.keepDates || always ? intern(buf, a, lim) : 0;
  };
  /** A number field: its value, -1 when blank, -2 when not digits. */
  const numAt = (buf: Buffer, ls: number, le: number, from: number, to: number): number => {
    const a = ls + from - 1;
    const lim = Math.min(ls + to, le);
    let v = 0;
    let seen = false;
    for (let i = a; i < lim; i++) {
      const ch = buf[i] ?? SPACE;
      if (ch >= 48 && ch <= 57) {
        v = v * 10 + (ch - 48);
        seen = true;
      } else if (ch !== SPACE) return -2;
    }
    return seen ? v : -1;
  };
  /** Blanks: a blank free-text field (up to 1100 bytes: OMVS paths) is recognised by one native compare. */
  const BLANKS = Buffer.alloc(1100, SPACE);
  /** End of a free-text field without its trailing blanks (== its start when blank). */
  const txtEnd = (buf: Buffer, ls: number, le: number, from: number, to: number): number => {
    const a = ls + from - 1;
    let b = Math.min(ls + to, le);
    if (b <= a) return a;
    if (buf[b - 1] !== SPACE) return b;
    // Mostly blank (the installation data of most profiles): one memcmp instead of a loop over 255 bytes.
    if (b - a <= BLANKS.length && buf.compare(BLANKS, 0, b - a, a, b) === 0) return a;
    while (b > a && buf[b - 1] === SPACE) b--;
    return b;
  };
  /**
   * A data set (0400, layout.ts DSBD) or general resource (0500, GRBD) basic data record, as
   * RecordDecoder reads it; false for anything it would report.
   */
  const basicLine = (dataset: boolean, buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    if (dataset && le - ls < 129) return false; // RecordDecoder: need(DSBD.uacc)
    const na = ls + 5;
    const nb = tokenEnd(buf, na, Math.min(ls + (dataset ? 49 : 251), le));
    if (nb === na) return false;
    let volOrClass: number;
    if (dataset) volOrClass = tokAt(buf, ls, le, 51, 56);
    else {
      // the class is mandatory
      const ca = ls + 252;
      const cb = tokenEnd(buf, ca, Math.min(ls + 260, le));
      if (cb === ca) return false;
      volOrClass = intern(buf, ca, cb);
    }
    const generic = flagAt(buf, ls, le, dataset ? 58 : 262);
    const date = dataset ? dateAt(buf, ls, le, 63, 72) : dateAt(buf, ls, le, 271, 280);
    const owner = dataset ? tokAt(buf, ls, le, 74, 81) : tokAt(buf, ls, le, 282, 289);
    const uacc = dataset ? accessIndex(buf, ls + 128, Math.min(ls + 136, le)) : tokAt(buf, ls, le, 337, 344);
    const audit = dataset ? tokAt(buf, ls, le, 143, 150) : tokAt(buf, ls, le, 346, 353);
    const level = dataset ? numAt(buf, ls, le, 170, 172) : numAt(buf, ls, le, 355, 357);
    const installEnd = dataset ? txtEnd(buf, ls, le, 192, 446) : txtEnd(buf, ls, le, 368, 622);
    const warning = flagAt(buf, ls, le, dataset ? 484 : 660);
    const notify = dataset ? tokAt(buf, ls, le, 493, 500) : tokAt(buf, ls, le, 680, 687);
    const erase = dataset ? flagAt(buf, ls, le, 508) : 0;
    const applEnd = dataset ? 0 : txtEnd(buf, ls, le, 754, 1008);
    if (volOrClass < 0 || generic < 0 || date < 0 || owner < 0 || uacc < 0 || audit < 0 || level < -1 || warning < 0 || notify < 0 || erase < 0) return false;
    if (!profileName(buf, na, nb)) return false;
    const o = r * W;
    table[o + 2] = (dataset ? 3 : 4) | (sameName ? SAME_NAME : 0);
    table[o + 3] = uacc;
    table[o + 4] = nameId;
    table[o + 5] = nb;
    table[o + 6] = owner;
    table[o + 7] = volOrClass;
    table[o + 8] = date;
    table[o + 9] = audit;
    table[o + 10] = level;
    table[o + 11] = installEnd;
    table[o + 12] = notify;
    table[o + 13] = applEnd;
    table[o + 14] = generic | (warning << 1) | (erase << 2);
    return true;
  };
  /** A mandatory 8-byte id field [from, to] (layout columns): its id, or -1 when blank. */
  const idAt = (buf: Buffer, ls: number, le: number, from: number, to: number): number => {
    const a = ls + from - 1;
    const b = tokenEnd(buf, a, Math.min(ls + to, le));
    return b > a ? intern(buf, a, b) : -1;
  };
  /** Group member (0102, layout.ts GPMEM: group 6-13, member 15-22, authority 24-31), as RecordDecoder reads it. */
  const memberLine = (buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    if (le - ls < 24) return false;
    const group = idAt(buf, ls, le, 6, 13);
    const member = idAt(buf, ls, le, 15, 22);
    const a = ls + 23;
    const lim = Math.min(ls + 31, le);
    // USE CREATE CONNECT JOIN = 0..3 (CONNECT_AUTHORITIES)
    const auth = is(buf, a, lim, 'USE') ? 0 : is(buf, a, lim, 'CREATE') ? 1 : is(buf, a, lim, 'CONNECT') ? 2 : is(buf, a, lim, 'JOIN') ? 3 : -1;
    if (group < 0 || member < 0 || auth < 0) return false;
    const o = r * W;
    table[o + 2] = 5;
    table[o + 3] = auth;
    table[o + 4] = group;
    table[o + 6] = member;
    return true;
  };
  /** User group connection (0203, USGCON: user 6-13, group 15-22). */
  const groupConnectionLine = (buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    const user = idAt(buf, ls, le, 6, 13);
    const group = idAt(buf, ls, le, 15, 22);
    if (user < 0 || group < 0) return false;
    const o = r * W;
    table[o + 2] = 6;
    table[o + 4] = user;
    table[o + 6] = group;
    return true;
  };
  /** User connect data (0205, USCON: user, group, connect date 24-33, owner 35-42, uacc 64-71, flags). */
  const connectLine = (buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    const user = idAt(buf, ls, le, 6, 13);
    const group = idAt(buf, ls, le, 15, 22);
    const date = dateAt(buf, ls, le, 24, 33);
    const owner = tokAt(buf, ls, le, 35, 42);
    const uacc = tokAt(buf, ls, le, 64, 71);
    const adsp = flagAt(buf, ls, le, 79);
    const special = flagAt(buf, ls, le, 84);
    const oper = flagAt(buf, ls, le, 89);
    const revoke = flagAt(buf, ls, le, 94);
    const grpacc = flagAt(buf, ls, le, 99);
    const audit = flagAt(buf, ls, le, 109);
    if (user < 0 || group < 0 || date < 0 || owner < 0 || uacc < 0 || adsp < 0 || special < 0 || oper < 0 || revoke < 0 || grpacc < 0 || audit < 0) return false;
    const o = r * W;
    table[o + 2] = 7;
    table[o + 3] = uacc;
    table[o + 4] = user;
    table[o + 6] = group;
    table[o + 7] = owner;
    table[o + 8] = date;
    table[o + 14] = adsp | (special << 1) | (oper << 2) | (revoke << 3) | (grpacc << 4) | (audit << 5);
    return true;
  };
  /** Does buf[a, lim) contain `word`? */
  const contains = (buf: Buffer, a: number, lim: number, word: string): boolean => {
    for (let i = a; i + word.length <= lim; i++) {
      let j = 0;
      while (j < word.length && buf[i + j] === word.charCodeAt(j)) j++;
      if (j === word.length) return true;
    }
    return false;
  };
  /** User basic data (0200, layout.ts USBD), as RecordDecoder reads it: ids, dates (always kept), texts, flags. */
  const userLine = (buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    const user = idAt(buf, ls, le, 6, 13);
    const created = dateAt(buf, ls, le, 15, 24, true);
    const owner = tokAt(buf, ls, le, 26, 33);
    const adsp = flagAt(buf, ls, le, 35);
    const special = flagAt(buf, ls, le, 40);
    const oper = flagAt(buf, ls, le, 45);
    const revoke = flagAt(buf, ls, le, 50);
    const grpacc = flagAt(buf, ls, le, 55);
    const programmerEnd = txtEnd(buf, ls, le, 75, 94);
    const defgrp = tokAt(buf, ls, le, 96, 103);
    const installEnd = txtEnd(buf, ls, le, 125, 379);
    const uaudit = flagAt(buf, ls, le, 381);
    const auditor = flagAt(buf, ls, le, 386);
    const protectedUser = is(buf, ls + 390, Math.min(ls + 394, le), 'PRO') ? 1 : 0;
    const revokeDate = dateAt(buf, ls, le, 458, 467, true);
    const resumeDate = dateAt(buf, ls, le, 469, 478, true);
    const restricted = contains(buf, ls + 541, Math.min(ls + 549, le), 'RSTD') ? 1 : 0;
    if (user < 0 || created < 0 || owner < 0 || adsp < 0 || special < 0 || oper < 0 || revoke < 0 || grpacc < 0 || defgrp < 0 || uaudit < 0 || auditor < 0 || revokeDate < 0 || resumeDate < 0)
      return false;
    const o = r * W;
    table[o + 2] = 8;
    table[o + 3] = created;
    table[o + 4] = user;
    table[o + 5] = programmerEnd;
    table[o + 6] = owner;
    table[o + 7] = defgrp;
    table[o + 8] = installEnd;
    table[o + 9] = revokeDate;
    table[o + 10] = resumeDate;
    table[o + 14] = adsp | (special << 1) | (oper << 2) | (revoke << 3) | (grpacc << 4) | (uaudit << 5) | (auditor << 6) | (protectedUser << 7) | (restricted << 8);
    return true;
  };
  /** User OMVS data (0270, USOMVS: user 6-13, uid 15-24, home 26-1048, program 1050-2072). */
  const omvsLine = (buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    const user = idAt(buf, ls, le, 6, 13);
    const uid = numAt(buf, ls, le, 15, 24);
    // (a uid above 2^31 - 1 does not fit the table: RecordDecoder reads it)
    if (user < 0 || uid < -1 || uid > 0x7fffffff) return false;
    const o = r * W;
    table[o + 2] = 9;
    table[o + 3] = uid;
    table[o + 4] = user;
    table[o + 5] = txtEnd(buf, ls, le, 26, 1048);
    table[o + 6] = txtEnd(buf, ls, le, 1050, 2072);
    return true;
  };
  /** STARTED class data (0540, GRST: name 6-251, class 253-260, user, group, TRUSTED, PRIVILEGED, TRACE). */
  const stdataLine = (buf: Buffer, ls: number, le: number, table: Int32Array, r: number): boolean => {
    const na = ls + 5;
    const nb = tokenEnd(buf, na, Math.min(ls + 251, le));
    if (nb === na) return false;
    const cls = idAt(buf, ls, le, 253, 260);
    const user = tokAt(buf, ls, le, 262, 269);
    const group = tokAt(buf, ls, le, 271, 278);
    const trusted = flagAt(buf, ls, le, 280);
    const privileged = flagAt(buf, ls, le, 285);
    const trace = flagAt(buf, ls, le, 290);
    if (cls < 0 || user < 0 || group < 0 || trusted < 0 || privileged < 0 || trace < 0) return false;
    if (!profileName(buf, na, nb)) return false;
    const o = r * W;
    table[o + 2] = 10 | (sameName ? SAME_NAME : 0);
    table[o + 4] = nameId;
    table[o + 5] = nb;
    table[o + 6] = user;
    table[o + 7] = cls;
    table[o + 8] = group;
    table[o + 14] = trusted | (privileged << 1) | (trace << 2);
    return true;
  };
  let fd = -1;
  let slot = 0;
  let fileOffset = 0; // file offset of the current slot's first byte
  let tail: Buffer = Buffer.alloc(0);
  // The reader learns of a published slot from a message, not Atomics.waitAsync: a waitAsync promise
  // does not keep Node's event loop awake, and its resolution can wait indefinitely for some other
  // event (nodejs/node issues 44729, 61941).
  const publish = (s: number, state: number): void => {
    Atomics.store(control, s * L.controlWords + L.state, state);
    port?.postMessage(0);
  };
  try {
    fd = fs.openSync(d.path, 'r');
    for (;;) {
      const c = slot * L.controlWords;
      // Wait on the value seen: a second load could already read EMPTY and then sleep past the notify.
      for (let v = Atomics.load(control, c + L.state); v !== L.empty; v = Atomics.load(control, c + L.state)) Atomics.wait(control, c + L.state, v);
      const data = datas[slot] ?? Buffer.alloc(0);
      const table = tables[slot] ?? new Int32Array(0);
      defs = defTables[slot] ?? new Int32Array(0);
      nDefs = 0;
      tail.copy(data, 0);
      let filled = tail.length;
      while (filled < data.length) {
        const n = fs.readSync(fd, data, filled, data.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
      const eof = filled < data.length;
      const view = data.subarray(0, filled);
      // Only an all-ASCII slot has its access lines decoded here (RecordDecoder re-encodes UTF-8 lines).
      const ascii = isAscii(view);
      let pos = 0;
      let n = 0;
      while (n < L.slotLines) {
        const nl = view.indexOf(10, pos);
        if (nl < 0) break;
        const o = n * W;
        table[o] = pos;
        table[o + 1] = nl;
        const le = nl > pos && data[nl - 1] === 13 ? nl - 1 : nl;
        if (!ascii || !access(data, pos, le, table, n)) table[o + 2] = 0;
        n++;
        pos = nl + 1;
      }
      control[c + L.lines] = n;
      control[c + L.bytes] = pos;
      control[c + L.ascii] = ascii ? 1 : 0;
      control[c + L.defsWord] = nDefs;
      if (eof && n < L.slotLines) {
        // The rest (no newline in it) is the last line.
        control[c + L.final] = filled - pos;
        publish(slot, L.end);
        return;
      }
      if (n === 0) {
        // A line longer than a slot: the caller reads on from here itself.
        const at = fileOffset + pos;
        control[c + L.offsetLo] = at % 2 ** 24;
        control[c + L.offsetHi] = Math.floor(at / 2 ** 24);
        publish(slot, L.handoff);
        return;
      }
      tail = Buffer.from(data.subarray(pos, filled));
      fileOffset += pos;
      publish(slot, L.full);
      slot = (slot + 1) % L.slots;
    }
  } catch (e) {
    // Nothing of this slot is valid: report at its start (the caller has every line before it).
    const c = slot * L.controlWords;
    control[c + L.lines] = 0;
    control[c + L.bytes] = 0;
    control[c + L.defsWord] = 0;
    port?.postMessage(e instanceof Error ? e.message : String(e));
    publish(slot, L.failed);
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}

/** Buffer#latin1Slice directly (what toString('latin1', a, b) calls after checking its arguments). */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (this: Buffer, a: number, b: number) => string }).latin1Slice;
const latin1 = (buf: Buffer, a: number, b: number): string => (latin1Slice !== undefined ? latin1Slice.call(buf, a, b) : buf.toString('latin1', a, b));

/** Receives the lines of the file, in order: the decoding side (UnloadSplitter). */
export interface LineTarget {
  /** A complete line `buf[start, end)` (newline excluded); `ascii`: the slot is pure ASCII. */
  takeLine(buf: Buffer, start: number, end: number, ascii: boolean): void;
  /** An access-list line the worker decoded (RecordDecoder.decodedAccess). */
  takeAccess(dataset: boolean, name: string, volumeOrClass: string, authId: string, access: AccessLevel, pair: number): void;
  /** A record the worker decoded, written into one of the decoder's record objects (`decoder.datasetRecord()` ...). */
  takeDecoded(rec: WorkerDecoded, id?: number): void;
  /** Where the basic data records' objects come from. */
  readonly decoder: Pick<RecordDecoder, 'datasetRecord' | 'generalRecord' | 'memberRecord' | 'groupConnectionRecord' | 'connectRecord' | 'keepsDates'>;
  /** The file's last line, which has no newline. */
  finalLine(buf: Buffer, start: number, end: number): void;
  /** Bytes consumed (line ends included). */
  addBytes(n: number): void;
  /** Bytes read from a stream (the rest of the file after a handoff), split as readUnload does. */
  push(chunk: Buffer): void;
  /** Called after each slot. */
  progress(): void;
}

/**
 * Read the file at `path` into `target` with a worker finding the lines. Resolves to undefined when the
 * file was read, or to the error message of a failed read (the lines before it were delivered).
 */
export async function readWithWorker(
  path: string,
  target: LineTarget,
  sizes: { slotBytes: number; slotLines: number; tokenBits?: number } = { slotBytes: SLOT_BYTES, slotLines: SLOT_LINES },
): Promise<string | undefined> {
  const { slotBytes, slotLines } = sizes;
  let fileBytes = Infinity;
  try {
    fileBytes = (await stat(path)).size;
  } catch {
    // the worker reports the error when it opens the file
  }
  const slotCount = Math.max(2, Math.min(MAX_SLOTS, Math.ceil(fileBytes / slotBytes)));
  const control = new SharedArrayBuffer(slotCount * CONTROL_WORDS * 4);
  const data = Array.from({ length: slotCount }, () => new SharedArrayBuffer(slotBytes));
  const lines = Array.from({ length: slotCount }, () => new SharedArrayBuffer(slotLines * LINE_WORDS * 4));
  const defs = Array.from({ length: slotCount }, () => new SharedArrayBuffer(slotLines * 3 * 4));
  const workerData: PrescanData = {
    path,
    control,
    data,
    lines,
    defs,
    keepDates: target.decoder.keepsDates,
    layout: {
      lineWords: LINE_WORDS,
      defsWord: DEFS,
      slots: slotCount,
      slotBytes,
      slotLines,
      tokenBits: sizes.tokenBits ?? 16,
      controlWords: CONTROL_WORDS,
      state: STATE,
      lines: LINES,
      bytes: BYTES,
      ascii: ASCII,
      final: FINAL,
      offsetLo: OFFSET_LO,
      offsetHi: OFFSET_HI,
      empty: EMPTY,
      full: FULL,
      end: END,
      handoff: HANDOFF,
      failed: FAILED,
    },
  };
  const ctl = new Int32Array(control);
  const bufs = data.map((b) => Buffer.from(b));
  const tables = lines.map((b) => new Int32Array(b));
  const defTables = defs.map((b) => new Int32Array(b));
  /** Token id → string (made once per distinct token). */
  const tokens: string[] = [''];
  let lastName = '';
  const dec = target.decoder;
  const dates = dec.keepsDates;
  /** A free-text field [a, b) the worker trimmed ('' when blank). */
  const text = (buf: Buffer, a: number, b: number): string => (b > a ? latin1(buf, a, b) : '');
  const worker = new Worker(`(${prescanWorkerMain.toString()})()`, { eval: true, workerData });
  // A number: a slot was published; a string: why the worker failed.
  let wake: (() => void) | undefined;
  let failure: string | undefined;
  const failed = new Promise<string>((resolve) => {
    worker.on('message', (m: unknown) => {
      if (typeof m === 'string') resolve(m);
      const w = wake;
      wake = undefined;
      if (w !== undefined) w();
    });
    worker.once('error', (e: Error) => resolve(e.message));
    worker.once('exit', () => resolve('the reading thread ended before the end of the file'));
  });
  void failed.then((m) => {
    failure = m;
    const w = wake;
    wake = undefined;
    if (w !== undefined) w();
  });
  try {
    for (let s = 0; ; s = (s + 1) % slotCount) {
      const c = s * CONTROL_WORDS;
      let state = Atomics.load(ctl, c + STATE);
      while (state === EMPTY) {
        // The worker stores the state before it posts its message: checked again after the wait is
        // set up (on this thread), no message can be missed.
        if (failure !== undefined) return failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (Atomics.load(ctl, c + STATE) !== EMPTY || failure !== undefined) {
            wake = undefined;
            resolve();
          }
        });
        state = Atomics.load(ctl, c + STATE);
      }
      const buf = bufs[s] ?? Buffer.alloc(0);
      const table = tables[s] ?? new Int32Array(0);
      const n = ctl[c + LINES] ?? 0;
      const ascii = ctl[c + ASCII] === 1;
      target.addBytes(ctl[c + BYTES] ?? 0);
      const dt = defTables[s] ?? new Int32Array(0);
      const nd = ctl[c + DEFS] ?? 0;
      for (let j = 0; j < nd; j++) tokens[dt[3 * j] ?? 0] = latin1(buf, dt[3 * j + 1] ?? 0, dt[3 * j + 2] ?? 0);
      for (let i = 0, o = 0; i < n; i++, o += LINE_WORDS) {
        const kind = table[o + 2] ?? 0;
        if (kind === 0) {
          target.takeLine(buf, table[o] ?? 0, table[o + 1] ?? 0, ascii);
          continue;
        }
        const type = kind & 15;
        if (type >= 5 && type <= 9) {
          // user and group records: only ids (no profile name)
          if (type === 5) {
            const r = dec.memberRecord();
            r.name = tokens[table[o + 4] ?? 0] ?? '';
            r.member = tokens[table[o + 6] ?? 0] ?? '';
            r.authority = CONNECT_AUTHORITIES[table[o + 3] ?? 0] ?? 'USE';
            // a token id stands for the member's user id (see RecordSink)
            target.takeDecoded(r, table[o + 6] ?? -1);
          } else if (type === 6) {
            const r = dec.groupConnectionRecord();
            r.name = tokens[table[o + 4] ?? 0] ?? '';
            r.group = tokens[table[o + 6] ?? 0] ?? '';
            target.takeDecoded(r, table[o + 4] ?? -1);
          } else if (type === 7) {
            const r = dec.connectRecord();
            const flags = table[o + 14] ?? 0;
            r.name = tokens[table[o + 4] ?? 0] ?? '';
            r.group = tokens[table[o + 6] ?? 0] ?? '';
            if (dates) r.connectDate = tokens[table[o + 8] ?? 0] ?? '';
            r.owner = tokens[table[o + 7] ?? 0] ?? '';
            r.uacc = tokens[table[o + 3] ?? 0] ?? '';
            r.adsp = (flags & 1) !== 0;
            r.special = (flags & 2) !== 0;
            r.operations = (flags & 4) !== 0;
            r.revoked = (flags & 8) !== 0;
            r.grpacc = (flags & 16) !== 0;
            r.auditor = (flags & 32) !== 0;
            target.takeDecoded(r, table[o + 4] ?? -1);
          } else if (type === 8) {
            const ls = table[o] ?? 0;
            const flags = table[o + 14] ?? 0;
            target.takeDecoded(
              {
                type: '0200',
                name: tokens[table[o + 4] ?? 0] ?? '',
                createDate: tokens[table[o + 3] ?? 0] ?? '',
                owner: tokens[table[o + 6] ?? 0] ?? '',
                adsp: (flags & 1) !== 0,
                special: (flags & 2) !== 0,
                operations: (flags & 4) !== 0,
                revoked: (flags & 8) !== 0,
                grpacc: (flags & 16) !== 0,
                programmer: text(buf, ls + 74, table[o + 5] ?? 0),
                defaultGroup: tokens[table[o + 7] ?? 0] ?? '',
                installData: text(buf, ls + 124, table[o + 8] ?? 0),
                uaudit: (flags & 32) !== 0,
                auditor: (flags & 64) !== 0,
                protectedUser: (flags & 128) !== 0,
                revokeDate: tokens[table[o + 9] ?? 0] ?? '',
                resumeDate: tokens[table[o + 10] ?? 0] ?? '',
                restricted: (flags & 256) !== 0,
              },
              table[o + 4] ?? -1,
            );
          } else {
            const ls = table[o] ?? 0;
            const uid = table[o + 3] ?? -1;
            target.takeDecoded(
              {
                type: '0270',
                name: tokens[table[o + 4] ?? 0] ?? '',
                uid: uid >= 0 ? uid : undefined,
                home: text(buf, ls + 25, table[o + 5] ?? 0),
                program: text(buf, ls + 1049, table[o + 6] ?? 0),
              },
              table[o + 4] ?? -1,
            );
          }
          continue;
        }
        const ls = table[o] ?? 0;
        const nameId = table[o + 4] ?? -1;
        const name = nameId >= 0 ? (tokens[nameId] ?? '') : (kind & SAME_NAME) !== 0 ? lastName : latin1(buf, ls + 5, table[o + 5] ?? 0);
        lastName = name;
        if (type === 10) {
          const flags = table[o + 14] ?? 0;
          target.takeDecoded({
            type: '0540',
            name,
            className: tokens[table[o + 7] ?? 0] ?? '',
            user: tokens[table[o + 6] ?? 0] ?? '',
            group: tokens[table[o + 8] ?? 0] ?? '',
            trusted: (flags & 1) !== 0,
            privileged: (flags & 2) !== 0,
            trace: (flags & 4) !== 0,
          });
          continue;
        }
        if (type <= 2) {
          const auth = table[o + 6] ?? 0;
          const level = table[o + 3] ?? 0;
          // (auth id token, access level) numbers the pair for the sink (see AccessSink)
          target.takeAccess(type === 1, name, tokens[table[o + 7] ?? 0] ?? '', tokens[auth] ?? '', ACCESS_LEVELS[level] ?? 'NONE', auth * 8 + level);
          continue;
        }
        const flags = table[o + 14] ?? 0;
        const level = table[o + 10] ?? -1;
        const install = text(buf, ls + (type === 3 ? 191 : 367), table[o + 11] ?? 0);
        if (type === 3) {
          const r = dec.datasetRecord();
          r.name = name;
          r.volume = tokens[table[o + 7] ?? 0] ?? '';
          r.generic = (flags & 1) !== 0;
          if (dates) r.createDate = tokens[table[o + 8] ?? 0] ?? '';
          r.owner = tokens[table[o + 6] ?? 0] ?? '';
          r.uacc = ACCESS_LEVELS[table[o + 3] ?? 0] ?? 'NONE';
          r.level = level >= 0 ? level : undefined;
          r.auditLevel = tokens[table[o + 9] ?? 0] ?? '';
          r.installData = install;
          r.warning = (flags & 2) !== 0;
          r.notify = tokens[table[o + 12] ?? 0] ?? '';
          r.erase = (flags & 4) !== 0;
          target.takeDecoded(r);
        } else {
          const r = dec.generalRecord();
          r.name = name;
          r.className = tokens[table[o + 7] ?? 0] ?? '';
          r.generic = (flags & 1) !== 0;
          if (dates) r.createDate = tokens[table[o + 8] ?? 0] ?? '';
          r.owner = tokens[table[o + 6] ?? 0] ?? '';
          r.uacc = tokens[table[o + 3] ?? 0] ?? '';
          r.auditLevel = tokens[table[o + 9] ?? 0] ?? '';
          r.level = level >= 0 ? level : undefined;
          r.installData = install;
          r.warning = (flags & 2) !== 0;
          r.notify = tokens[table[o + 12] ?? 0] ?? '';
          r.applData = text(buf, ls + 753, table[o + 13] ?? 0);
          target.takeDecoded(r);
        }
      }
      if (state === FULL) {
        Atomics.store(ctl, c + STATE, EMPTY);
        Atomics.notify(ctl, c + STATE); // the worker waits with Atomics.wait (blocking is fine there)
        target.progress();
        continue;
      }
      if (state === END) {
        const bytes = ctl[c + BYTES] ?? 0;
        const fin = ctl[c + FINAL] ?? 0;
        if (fin > 0) {
          target.addBytes(fin);
          target.finalLine(buf, bytes, bytes + fin);
        }
        target.progress();
        return undefined;
      }
      if (state === HANDOFF) {
        target.progress();
        const start = (ctl[c + OFFSET_LO] ?? 0) + (ctl[c + OFFSET_HI] ?? 0) * 2 ** 24;
        for await (const chunk of createReadStream(path, { start, highWaterMark: 1 << 20 })) target.push(chunk as Buffer);
        return undefined;
      }
      return await failed;
    }
  } finally {
    void worker.terminate();
  }
}
