import { createReadStream, promises as fs, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';

/**
 * Everything the CLI touches outside itself. `run` takes one of these, so tests run commands
 * in-process with captured output and in-memory files.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Write bytes to stdout unchanged (binary exports such as DER and PKCS#12). */
  stdoutBytes(bytes: Uint8Array): void;
  /** Read a text file; `-` means standard input. Rejects when the file cannot be read. */
  readFile(path: string): Promise<string>;
  /**
   * Read a text file synchronously, undefined when it cannot be read: for the package readers that
   * follow includes through a callback (server.xml includes, pagent.conf → policy files).
   */
  readFileSync(path: string): string | undefined;
  /** Names in a directory ([] when it cannot be listed): did-you-mean for a missing include. */
  listDir(dir: string): readonly string[];
  /** A file as a byte stream (large inputs such as an IRRDBU00 unload) and its size when known. */
  openRead(path: string): Promise<{ readonly stream: Readable; readonly size?: number }>;
  writeFile(path: string, text: string): Promise<void>;
  /** Create a directory (and its parents); fine when it exists. */
  makeDir(path: string): Promise<void>;
  /** An environment variable (for `--password-env VAR`). */
  env(name: string): string | undefined;
  /** Is stderr a terminal (progress bars are drawn only then), and how wide. */
  readonly stderrTerminal: { readonly isTTY: boolean; readonly columns?: number };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The real process: stdout/stderr streams and the file system. */
export const nodeIo: CliIo = {
  stdout: (t) => {
    process.stdout.write(t);
  },
  stderr: (t) => {
    process.stderr.write(t);
  },
  stdoutBytes: (b) => {
    process.stdout.write(b);
  },
  readFile: (p) => (p === '-' ? readStdin() : fs.readFile(p, 'utf8')),
  readFileSync: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  listDir: (d) => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  },
  openRead: async (p) => {
    if (p === '-') return { stream: process.stdin };
    const st = await fs.stat(p);
    if (!st.isFile()) throw new Error(`'${p}' is not a file`);
    return { stream: createReadStream(p), size: st.size };
  },
  writeFile: (p, t) => fs.writeFile(p, t, 'utf8'),
  makeDir: async (p) => {
    await fs.mkdir(p, { recursive: true });
  },
  env: (n) => process.env[n],
  get stderrTerminal() {
    return { isTTY: process.stderr.isTTY === true, ...(process.stderr.columns !== undefined ? { columns: process.stderr.columns } : {}) };
  },
};

/** An in-memory CliIo for tests: `files` is read and written, output is collected. */
export interface CapturedIo extends CliIo {
  readonly files: Map<string, string>;
  out(): string;
  /** Everything written to stdout as bytes (text and binary, in order). */
  outBytes(): Uint8Array;
  err(): string;
}

export interface CaptureOptions {
  readonly stdin?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Pretend stderr is a terminal of this width (progress bars). */
  readonly tty?: { readonly columns: number };
}

/**
 * In-memory files keyed by path. A key is found by its own path, or by the absolute path it
 * resolves to from the current directory (package readers resolve relative paths).
 */
export function captureIo(files: Readonly<Record<string, string>> = {}, stdinOrOptions?: string | CaptureOptions): CapturedIo {
  const opts: CaptureOptions = typeof stdinOrOptions === 'string' ? { stdin: stdinOrOptions } : (stdinOrOptions ?? {});
  const map = new Map(Object.entries(files));
  const abs = (p: string): string => path.resolve(p);
  const lookup = (p: string): string | undefined => {
    if (p === '-') return opts.stdin;
    const direct = map.get(p);
    if (direct !== undefined) return direct;
    const want = abs(p);
    for (const [k, v] of map) if (abs(k) === want) return v;
    return undefined;
  };
  let out = '';
  const outChunks: Uint8Array[] = [];
  let err = '';
  return {
    files: map,
    out: () => out,
    outBytes: () => Buffer.concat(outChunks),
    err: () => err,
    stdout: (t) => {
      out += t;
      outChunks.push(Buffer.from(t, 'utf8'));
    },
    stderr: (t) => {
      err += t;
    },
    stdoutBytes: (b) => {
      out += Buffer.from(b).toString('latin1');
      outChunks.push(Uint8Array.from(b));
    },
    readFile: async (p) => {
      const v = lookup(p);
      if (v === undefined) throw new Error(`ENOENT: no such file '${p}'`);
      return v;
    },
    readFileSync: lookup,
    listDir: (d) => {
      const want = abs(d);
      return [...map.keys()].filter((k) => path.dirname(abs(k)) === want).map((k) => path.basename(k));
    },
    openRead: async (p) => {
      const v = lookup(p);
      if (v === undefined) throw new Error(`ENOENT: no such file '${p}'`);
      const bytes = Buffer.from(v, 'utf8');
      // Several chunks, as a file stream delivers them (progress is reported per chunk).
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += 4096) chunks.push(bytes.subarray(i, i + 4096));
      return { stream: Readable.from(chunks), size: bytes.length };
    },
    writeFile: async (p, t) => {
      map.set(p, t);
    },
    makeDir: async () => {},
    env: (n) => opts.env?.[n],
    stderrTerminal: opts.tty !== undefined ? { isTTY: true, columns: opts.tty.columns } : { isTTY: false },
  };
}
