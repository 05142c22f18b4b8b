import { promises as fs } from 'node:fs';

/**
 * Everything the CLI touches outside itself. `run` takes one of these, so tests run commands
 * in-process with captured output and in-memory files.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read a text file; `-` means standard input. Rejects when the file cannot be read. */
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
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
  readFile: (p) => (p === '-' ? readStdin() : fs.readFile(p, 'utf8')),
  writeFile: (p, t) => fs.writeFile(p, t, 'utf8'),
};

/** An in-memory CliIo for tests: `files` is read and written, output is collected. */
export interface CapturedIo extends CliIo {
  readonly files: Map<string, string>;
  out(): string;
  err(): string;
}

export function captureIo(files: Readonly<Record<string, string>> = {}, stdin?: string): CapturedIo {
  const map = new Map(Object.entries(files));
  let out = '';
  let err = '';
  return {
    files: map,
    out: () => out,
    err: () => err,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    readFile: async (p) => {
      const v = p === '-' ? stdin : map.get(p);
      if (v === undefined) throw new Error(`ENOENT: no such file '${p}'`);
      return v;
    },
    writeFile: async (p, t) => {
      map.set(p, t);
    },
  };
}
