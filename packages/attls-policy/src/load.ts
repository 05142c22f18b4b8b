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
 * /etc/pagent.conf), as Policy Agent does (IP Configuration Guide, "AT-TLS policy configuration";
 * IP Configuration Reference, TTLSConfig statement):
 * - `TcpImage stack [path] ...` names the image file of each stack (no path: the main file is also
 *   the image file);
 * - a stack receives AT-TLS policy only if its image file has a `TTLSConfig` statement (the last one
 *   counts); `TTLSConfig` in the main file is ignored unless the main file is the image file;
 * - `CommonTTLSConfig path` (main file) is processed first, then the `TTLSConfig path` file;
 *   `TTLSConfig` without a path means the common policy only;
 * - objects may reference each other across the common and stack files; a later statement with the
 *   same type and name replaces the earlier one (with a warning).
 * AT-TLS statements written in the main or image file itself are not policy (a warning says so).
 */
export function loadPolicy(mainPath: string, read: FileReader, opts: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const parsed = new Map<string, Policy>();
  const empty: Policy = { statements: [], config: [], trailingComments: [] };
  const warn = (code: string, message: string, at: ConfigStatement | { source: string; line?: number; column?: number }): void => {
    diagnostics.push(diagnostic({ code, severity: 'warning', message }, 'span' in at ? at.span : at));
  };

  const readParse = (path: string, at: ConfigStatement | undefined): Policy | undefined => {
    const done = parsed.get(path);
    if (done !== undefined) return done;
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
    parsed.set(path, r.policy);
    return r.policy;
  };

  const main = readParse(mainPath, undefined);
  if (main === undefined) return { policy: empty, diagnostics, files };

  // Which file is the stack's image file?
  const images = main.config.filter((c) => c.type === 'TcpImage');
  let stack: string | undefined;
  let imagePath = mainPath;
  let image: Policy | undefined = main;
  if (images.length > 0) {
    const chosen = opts.stack === undefined ? images[0] : images.find((c) => c.values[0]?.toUpperCase() === opts.stack?.toUpperCase());
    if (chosen === undefined) {
      diagnostics.push(diagnostic({ code: 'ATTLS022', message: `no TcpImage statement for stack ${opts.stack ?? ''}` }, { source: mainPath }));
      return { policy: empty, diagnostics, files };
    }
    stack = chosen.values[0];
    const path = chosen.values[1];
    if (path !== undefined && !/^(NO)?(FLUSH|PURGE)$/i.test(path) && !/^\d+$/.test(path)) {
      imagePath = path;
      image = readParse(path, chosen);
    }
  }
  const done = (policy: Policy): LoadResult => (stack === undefined ? { policy, diagnostics, files } : { policy, diagnostics, files, stack });
  if (image === undefined) return done(empty);

  if (imagePath !== mainPath)
    for (const c of main.config.filter((x) => x.type === 'TTLSConfig'))
      warn('ATTLS023', 'TTLSConfig in the main configuration file is ignored: it belongs in the image file of the stack', c);
  const ttlsConfigs = image.config.filter((c) => c.type === 'TTLSConfig');
  const ttlsConfig = ttlsConfigs[ttlsConfigs.length - 1];
  if (ttlsConfig === undefined) {
    warn('ATTLS024', `no TTLSConfig statement in the image file${stack === undefined ? '' : ` of stack ${stack}`}: Policy Agent installs no AT-TLS policy for it`, { source: imagePath });
    return done(empty);
  }
  for (const c of ttlsConfigs.slice(0, -1)) warn('ATTLS025', 'TTLSConfig given more than once: the last one is used', c);

  const parts: Policy[] = [];
  for (const c of main.config.filter((x) => x.type === 'CommonTTLSConfig')) {
    const path = c.values[0];
    if (path === undefined) continue; // validation reports it
    const p = readParse(path, c);
    if (p !== undefined) parts.push(p);
  }
  const path = ttlsConfig.values[0];
  const stackFile = path === undefined || /^(NO)?(FLUSH|PURGE)$/i.test(path) ? undefined : readParse(path, ttlsConfig);
  if (stackFile !== undefined) parts.push(stackFile);
  for (const f of imagePath === mainPath ? [main] : [main, image]) {
    const first = f.statements[0];
    if (first !== undefined && !parts.includes(f))
      warn('ATTLS026', `AT-TLS statements in ${first.span.source} are not policy: Policy Agent reads them only from the TTLSConfig and CommonTTLSConfig files`, {
        source: first.span.source,
        line: first.span.start.line,
        column: first.span.start.column,
      });
  }
  return done(mergePolicies(parts, diagnostics));
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
