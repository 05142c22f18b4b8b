/**
 * Where configuration files come from: a callback reader (in-memory for tests and builders, the
 * real file system for the CLI). Paths are POSIX paths, as on z/OS UNIX.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FileReader {
  /** The file's text, or undefined when it does not exist / cannot be read. */
  read(file: string): string | undefined;
  /** Names of the files in a directory (for did-you-mean on a missing include); optional. */
  list?(dir: string): readonly string[];
}

/**
 * Normalise a path the way Java's `File` does on z/OS UNIX: repeated slashes collapse (so the
 * seed's `/${server.config.dir}/includes/x.xml`, which expands to `//var/...`, names
 * `/var/.../includes/x.xml`), `.` and `..` segments are resolved.
 */
export function normalizePath(p: string): string {
  const n = path.posix.normalize(p.replace(/\/{2,}/g, '/'));
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** A reader over a fixed set of files. Relative keys are taken relative to `baseDir`. */
export function memoryFileReader(files: ReadonlyMap<string, string> | Readonly<Record<string, string>>, baseDir = '/'): FileReader {
  const m = new Map<string, string>();
  const entries = files instanceof Map ? [...files.entries()] : Object.entries(files);
  for (const [k, v] of entries) m.set(normalizePath(path.posix.isAbsolute(k) ? k : path.posix.join(baseDir, k)), v);
  return {
    read: (f) => m.get(normalizePath(f)),
    list: (dir) => {
      const d = normalizePath(dir);
      const out: string[] = [];
      for (const k of m.keys()) if (path.posix.dirname(k) === d) out.push(path.posix.basename(k));
      return out;
    },
  };
}

/** A reader over the real file system (synchronous; configuration files are small). */
export const nodeFileReader: FileReader = {
  read: (f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  },
  list: (dir) => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  },
};
