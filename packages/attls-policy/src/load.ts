import { type Diagnostic, diagnostic } from '@ztwin/core';
import { type ConfigStatement, type Policy } from './model';
import { dedupe, parsePolicy } from './parse';

/** Reads a file by the path written in a configuration statement; undefined when it does not exist. */
export type FileReader = (path: string) => string | undefined;

export interface LoadOptions {
  /** The TCP/IP stack whose policy to load (TcpImage name); default: the first TcpImage. */
  readonly stack?: string;
}

export interface LoadResult {
  readonly policy: Policy;
  readonly diagnostics: Diagnostic[];
  /** Files read, in processing order. */
  readonly files: string[];
  /** The stack whose policy was loaded, when the main file names one. */
  readonly stack?: string;
}

/**
 * Load the AT-TLS policy of one stack starting at the main configuration file (normally
 * /etc/pagent.conf), as Policy Agent does:
 * - `TcpImage stack path ...` names the image file of each stack;
 * - `CommonTTLSConfig path` is processed first, then the stack's `TTLSConfig path` (from the image
 *   file, or from the main file in a single-stack setup);
 * - policy statements written directly in any of these files are used too;
 * - objects may reference each other across the common and stack files; a later statement with the
 *   same type and name replaces the earlier one (with a warning).
 */
export function loadPolicy(mainPath: string, read: FileReader, opts: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const visited = new Set<string>();
  const parts: Policy[] = [];

  const readParse = (path: string, at: ConfigStatement | undefined): Policy | undefined => {
    if (visited.has(path)) {
      if (at !== undefined) diagnostics.push(diagnostic({ code: 'ATTLS021', severity: 'warning', message: `${path} is already being processed` }, at.span));
      return undefined;
    }
    visited.add(path);
    const text = read(path);
    if (text === undefined) {
      diagnostics.push(
        at === undefined
          ? diagnostic({ code: 'ATTLS020', message: `cannot read ${path}` }, { source: path })
          : diagnostic({ code: 'ATTLS020', message: `cannot read ${path} named by ${at.type}` }, at.span),
      );
      return undefined;
    }
    files.push(path);
    const r = parsePolicy(text, path);
    diagnostics.push(...r.diagnostics);
    return r.policy;
  };

  const main = readParse(mainPath, undefined);
  if (main === undefined) return { policy: { statements: [], config: [], trailingComments: [] }, diagnostics, files };

  const images = main.config.filter((c) => c.type === 'TcpImage');
  let stack: string | undefined;
  let imageFile: Policy | undefined;
  if (images.length > 0) {
    const chosen = opts.stack === undefined ? images[0] : images.find((c) => c.values[0] === opts.stack);
    if (chosen === undefined) {
      diagnostics.push(diagnostic({ code: 'ATTLS022', message: `no TcpImage statement for stack ${opts.stack ?? ''}` }, { source: mainPath }));
    } else {
      stack = chosen.values[0];
      const path = chosen.values[1];
      if (path === undefined || /^(NO)?(FLUSH|PURGE)$/i.test(path) || /^\d+$/.test(path)) {
        // No image file: the stack's policy is in the main file itself.
        imageFile = undefined;
      } else imageFile = readParse(path, chosen);
    }
  }

  // Common file first.
  for (const c of main.config.filter((x) => x.type === 'CommonTTLSConfig')) {
    const path = c.values[0];
    if (path === undefined) {
      diagnostics.push(diagnostic({ code: 'ATTLS006', message: 'CommonTTLSConfig needs a file name' }, c.span));
      continue;
    }
    const p = readParse(path, c);
    if (p !== undefined) parts.push(p);
  }
  parts.push(main);
  const holder = imageFile ?? main;
  if (imageFile !== undefined) parts.push(imageFile);
  for (const c of holder.config.filter((x) => x.type === 'TTLSConfig')) {
    const path = c.values[0];
    if (path === undefined) {
      diagnostics.push(diagnostic({ code: 'ATTLS006', message: 'TTLSConfig needs a file name' }, c.span));
      continue;
    }
    const p = readParse(path, c);
    if (p !== undefined) parts.push(p);
  }
  const merged = mergePolicies(parts, diagnostics);
  return stack === undefined ? { policy: merged, diagnostics, files } : { policy: merged, diagnostics, files, stack };
}

/** Concatenate policies in processing order and resolve duplicates (last wins, warned). */
export function mergePolicies(parts: readonly Policy[], diagnostics: Diagnostic[]): Policy {
  const merged: Policy = {
    statements: parts.flatMap((p) => p.statements),
    config: parts.flatMap((p) => p.config),
    trailingComments: parts.flatMap((p) => p.trailingComments),
  };
  return dedupe(merged, diagnostics);
}
