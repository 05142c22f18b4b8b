/**
 * Streaming reader for IRRDBU00 output transferred as text: Buffer chunks are split on newline bytes
 * here (LF or CRLF; readline is too slow for multi-million-record unloads), each line is decoded in
 * place, and typed records are handed to a callback. Memory is bounded by one chunk plus one partial
 * line, never by the file.
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type Readable } from 'node:stream';
import { type Diagnostic } from '@ztwin/core';
import { type AccessSink, DELIVERED, type ReadCounts, RecordDecoder, type WorkerDecoded } from './decode';
import { type AccessLevel, type UnloadRecord } from './records';
import { type LineTarget, WORKER_THRESHOLD, readWithWorker } from './prescan';

export interface ReadOptions {
  /** Fast path: access-list records (0404, 0505) go here instead of to the record sink. */
  readonly accessSink?: AccessSink;
  /**
   * The sink copies what it needs from each record at once and keeps no record object: the frequent
   * types (0102, 0203, 0205, 0400, 0500) are then decoded into reused objects, their creation dates
   * checked but not kept. For the import's own builder.
   */
  readonly reuseRecords?: boolean;
  /** Name used as `source` of diagnostics (default: the path, or `<unload>`). */
  readonly source?: string;
  /** Called after each chunk with the bytes and records read so far. */
  readonly onProgress?: (bytes: number, records: number) => void;
  /** At most this many diagnostics are kept (default 1000); the rest are counted. */
  readonly maxDiagnostics?: number;
  /**
   * A file path input of at least this many bytes is read by a worker thread that finds the lines
   * while this thread decodes them (same records, counts and diagnostics). Default 32 MiB;
   * `Infinity` never starts a worker, 0 always does (tests).
   */
  readonly workerThreshold?: number;
}

export interface ReadResult {
  readonly diagnostics: Diagnostic[];
  readonly counts: ReadCounts;
}

/**
 * Receives each decoded record with its 1-based line number. `id`, when given (≥ 0), is a small
 * number that stands for the record's user id (0102: the member) throughout one read — the same
 * number for the same id, another for another id: a sink may index what it keeps per user by it
 * instead of looking the string up. Given for the records the reading worker decodes (user and
 * connect records), never for others.
 */
export type RecordSink = (record: UnloadRecord, line: number, id?: number) => void;

/**
 * Splits byte chunks into lines and decodes them. Push chunks in order, then call `end()`.
 * Usable directly for synchronous inputs; `readUnload` drives it from a stream.
 */
export class UnloadSplitter {
  readonly decoder: RecordDecoder;
  private pending: Buffer | undefined;
  private line = 0;

  constructor(
    private readonly sink: RecordSink,
    source: string,
    maxDiagnostics?: number,
    accessSink?: AccessSink,
    reuseRecords = false,
  ) {
    this.decoder = new RecordDecoder(source, maxDiagnostics, accessSink, reuseRecords);
  }

  push(chunk: Buffer): void {
    const dec = this.decoder;
    dec.addBytes(chunk.length);
    let pos = 0;
    const n = chunk.length;
    if (this.pending !== undefined) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.pending = Buffer.concat([this.pending, chunk]);
        return;
      }
      const joined = Buffer.concat([this.pending, chunk.subarray(0, nl)]);
      this.pending = undefined;
      this.emit(joined, 0, joined.length, false);
      pos = nl + 1;
    }
    // One native check per chunk lets pure-ASCII input skip the per-line UTF-8 handling.
    const ascii = isAscii(pos === 0 ? chunk : chunk.subarray(pos));
    while (pos < n) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        // Keep a copy: the stream may reuse the chunk's memory.
        this.pending = Buffer.from(chunk.subarray(pos));
        return;
      }
      this.emit(chunk, pos, nl, ascii);
      pos = nl + 1;
    }
  }

  end(): ReadResult {
    if (this.pending !== undefined && this.pending.length > 0) {
      const p = this.pending;
      this.pending = undefined;
      this.finalLine(p, 0, p.length);
    }
    return { diagnostics: this.decoder.allDiagnostics(), counts: this.decoder.counts() };
  }

  /** One complete line `buf[start, end)` without its newline (for a caller that splits lines itself). */
  takeLine(buf: Buffer, start: number, end: number, ascii: boolean): void {
    this.emit(buf, start, end, ascii);
  }

  /** An access-list line another thread has decoded (see RecordDecoder.decodedAccess). */
  takeAccess(dataset: boolean, name: string, volumeOrClass: string, authId: string, access: AccessLevel, pair = -1): void {
    const lineNo = ++this.line;
    const rec = this.decoder.decodedAccess(dataset, name, volumeOrClass, authId, access, lineNo, pair);
    if (rec !== DELIVERED) this.sink(rec, lineNo);
  }

  /** A record another thread has decoded into one of the decoder's record objects (`decoder.datasetRecord()` ...). */
  takeDecoded(rec: WorkerDecoded, id = -1): void {
    const lineNo = ++this.line;
    this.decoder.countDecoded(rec.type);
    this.sink(rec, lineNo, id);
  }

  /** This splitter as the reading worker's LineTarget; `onProgress` as in ReadOptions. */
  lineTarget(onProgress?: (bytes: number, records: number) => void): LineTarget {
    const progress = (): void => {
      if (onProgress !== undefined) onProgress(this.decoder.bytes, this.records);
    };
    return {
      takeLine: (buf, start, end, ascii) => this.takeLine(buf, start, end, ascii),
      takeAccess: (dataset, name, volumeOrClass, authId, access, pair) => this.takeAccess(dataset, name, volumeOrClass, authId, access, pair),
      takeDecoded: (rec, id) => this.takeDecoded(rec, id),
      decoder: this.decoder,
      finalLine: (buf, start, end) => this.finalLine(buf, start, end),
      addBytes: (n) => this.decoder.addBytes(n),
      push: (chunk) => {
        this.push(chunk);
        progress();
      },
      progress,
    };
  }

  /** The input's last line, which had no newline. */
  finalLine(buf: Buffer, start: number, end: number): void {
    // A final EOF byte (X'1A') of some transfers is not a record.
    if (end - start === 1 && buf[start] === 0x1a) return;
    if (end > start) this.emit(buf, start, end, false);
  }

  get records(): number {
    return this.decoder.records;
  }

  private emit(buf: Buffer, start: number, end: number, ascii: boolean): void {
    const lineNo = ++this.line;
    const rec = this.decoder.decodeLine(buf, start, end, lineNo, ascii);
    if (rec !== undefined && rec !== DELIVERED) this.sink(rec, lineNo);
  }
}

/** Read an unload from a stream or a file path, handing each record to `sink`. */
export async function readUnload(input: Readable | string, sink: RecordSink, options: ReadOptions = {}): Promise<ReadResult> {
  const source = options.source ?? (typeof input === 'string' ? input : '<unload>');
  const splitter = new UnloadSplitter(sink, source, options.maxDiagnostics, options.accessSink, options.reuseRecords);
  const onProgress = options.onProgress;
  if (typeof input === 'string' && (await useWorker(input, options.workerThreshold ?? WORKER_THRESHOLD))) {
    let failure: string | undefined;
    try {
      failure = await readWithWorker(input, splitter.lineTarget(onProgress));
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
    return failure === undefined ? splitter.end() : readFailed(splitter, failure, source);
  }
  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      splitter.push(buf);
      if (onProgress !== undefined) onProgress(splitter.decoder.bytes, splitter.records);
    }
  } catch (e) {
    return readFailed(splitter, e instanceof Error ? e.message : String(e), source);
  }
  return splitter.end();
}

function readFailed(splitter: UnloadSplitter, message: string, source: string): ReadResult {
  const res = splitter.end();
  return {
    diagnostics: [...res.diagnostics, { code: 'IRRDBU00-READ-FAILED', severity: 'error', message: `reading the unload failed: ${message}`, source, line: res.counts.lines + 1, column: 1 }],
    counts: res.counts,
  };
}

/** A regular file at least `threshold` bytes long (anything else, including errors: no worker). */
async function useWorker(path: string, threshold: number): Promise<boolean> {
  if (!(threshold < Infinity)) return false;
  try {
    const st = await stat(path);
    return st.isFile() && st.size >= threshold;
  } catch {
    return false;
  }
}

/** Decode a whole unload held in memory (tests, small files). */
export function parseUnload(text: string | Buffer, source = '<unload>'): { records: { line: number; record: UnloadRecord }[] } & ReadResult {
  const records: { line: number; record: UnloadRecord }[] = [];
  const splitter = new UnloadSplitter((record, line) => records.push({ line, record }), source);
  splitter.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  const res = splitter.end();
  return { records, ...res };
}
