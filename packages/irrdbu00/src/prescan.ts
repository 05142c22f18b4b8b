/**
 * Reading a large unload file with a second thread: a worker reads the file and finds the line ends
 * (and whether the bytes are ASCII) into shared memory, while this thread decodes the lines with the
 * same RecordDecoder as the single-threaded reader and builds whatever the sink builds. Records,
 * line numbers, counts and diagnostics are the same as `readUnload` on a stream of the file (the
 * worker only moves bytes and finds newlines; every line is decoded here).
 *
 * Only used for a regular file of at least `WORKER_THRESHOLD` bytes: starting a worker costs tens of
 * milliseconds, which a small file must not pay.
 *
 * Memory: `SLOTS` slots of `SLOT_BYTES` bytes plus their line tables, whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Files smaller than this are read on the calling thread. */
export const WORKER_THRESHOLD = 32 * 2 ** 20;

const SLOTS = 4;
const SLOT_BYTES = 4 * 2 ** 20;
/** Most lines per slot (a slot holds fewer when its lines are shorter than 32 bytes on average). */
const SLOT_LINES = SLOT_BYTES / 32;

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

// Slot states.
const EMPTY = 0;
const FULL = 1;
/** The end of the file: LINES lines, then FINAL bytes of a line without a newline. */
const END = 2;
/** A line longer than a slot: after this slot's lines the caller reads the file on from OFFSET. */
const HANDOFF = 3;
/** The worker failed (its message says why): after this slot's lines, a read error. */
const FAILED = 4;

/** Atomics.waitAsync (Node 16+; not in the ES2022 library typings). */
type WaitAsync = (array: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** What the worker is given (all shared memory: nothing is copied per slot). */
interface PrescanData {
  readonly path: string;
  readonly control: SharedArrayBuffer;
  readonly data: readonly SharedArrayBuffer[];
  readonly lines: readonly SharedArrayBuffer[];
  readonly layout: {
    readonly slots: number;
    readonly slotBytes: number;
    readonly slotLines: number;
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
  let fd = -1;
  let slot = 0;
  let fileOffset = 0; // file offset of the current slot's first byte
  let tail: Buffer = Buffer.alloc(0);
  const publish = (s: number, state: number): void => {
    Atomics.store(control, s * L.controlWords + L.state, state);
    Atomics.notify(control, s * L.controlWords + L.state);
  };
  try {
    fd = fs.openSync(d.path, 'r');
    for (;;) {
      const c = slot * L.controlWords;
      while (Atomics.load(control, c + L.state) !== L.empty) Atomics.wait(control, c + L.state, Atomics.load(control, c + L.state));
      const data = datas[slot] ?? Buffer.alloc(0);
      const table = tables[slot] ?? new Int32Array(0);
      tail.copy(data, 0);
      let filled = tail.length;
      while (filled < data.length) {
        const n = fs.readSync(fd, data, filled, data.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
      const eof = filled < data.length;
      const view = data.subarray(0, filled);
      let pos = 0;
      let n = 0;
      while (n < L.slotLines) {
        const nl = view.indexOf(10, pos);
        if (nl < 0) break;
        table[2 * n] = pos;
        table[2 * n + 1] = nl;
        n++;
        pos = nl + 1;
      }
      control[c + L.lines] = n;
      control[c + L.bytes] = pos;
      control[c + L.ascii] = isAscii(data.subarray(0, pos)) ? 1 : 0;
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
    port?.postMessage(e instanceof Error ? e.message : String(e));
    publish(slot, L.failed);
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}

/** Receives the lines of the file, in order: the decoding side (UnloadSplitter). */
export interface LineTarget {
  /** A complete line `buf[start, end)` (newline excluded); `ascii`: the slot is pure ASCII. */
  takeLine(buf: Buffer, start: number, end: number, ascii: boolean): void;
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
export async function readWithWorker(path: string, target: LineTarget, sizes: { slotBytes: number; slotLines: number } = { slotBytes: SLOT_BYTES, slotLines: SLOT_LINES }): Promise<string | undefined> {
  const { slotBytes, slotLines } = sizes;
  const control = new SharedArrayBuffer(SLOTS * CONTROL_WORDS * 4);
  const data = Array.from({ length: SLOTS }, () => new SharedArrayBuffer(slotBytes));
  const lines = Array.from({ length: SLOTS }, () => new SharedArrayBuffer(slotLines * 2 * 4));
  const workerData: PrescanData = {
    path,
    control,
    data,
    lines,
    layout: {
      slots: SLOTS,
      slotBytes,
      slotLines,
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
  const worker = new Worker(`(${prescanWorkerMain.toString()})()`, { eval: true, workerData });
  let failure: string | undefined;
  const failed = new Promise<string>((resolve) => {
    worker.once('message', (m: unknown) => resolve(String(m)));
    worker.once('error', (e: Error) => resolve(e.message));
  });
  try {
    for (let s = 0; ; s = (s + 1) % SLOTS) {
      const c = s * CONTROL_WORDS;
      let state = Atomics.load(ctl, c + STATE);
      while (state === EMPTY) {
        const w = waitAsync(ctl, c + STATE, EMPTY);
        if (w.async) {
          // A worker that dies without a word must not leave this waiting forever.
          const gone = await Promise.race([w.value.then(() => false), failed.then((m) => ((failure = m), true))]);
          if (gone && Atomics.load(ctl, c + STATE) === EMPTY) return failure;
        }
        state = Atomics.load(ctl, c + STATE);
      }
      const buf = bufs[s] ?? Buffer.alloc(0);
      const table = tables[s] ?? new Int32Array(0);
      const n = ctl[c + LINES] ?? 0;
      const ascii = ctl[c + ASCII] === 1;
      target.addBytes(ctl[c + BYTES] ?? 0);
      for (let i = 0; i < n; i++) target.takeLine(buf, table[2 * i] ?? 0, table[2 * i + 1] ?? 0, ascii);
      if (state === FULL) {
        Atomics.store(ctl, c + STATE, EMPTY);
        Atomics.notify(ctl, c + STATE);
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
