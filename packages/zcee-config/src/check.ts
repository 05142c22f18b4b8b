/**
 * One call for the CLI (`ztwin zcee check SERVER.XML [--state S.json] [--server-user ID] [--clock ISO]`):
 * read server.xml with its includes, validate, and return sorted diagnostics.
 */
import * as path from 'node:path';
import { type Clock, type Diagnostic, sortDiagnostics } from '@ztwin/core';
import type { SecurityFacts } from './facts';
import { type FileReader, memoryFileReader, nodeFileReader, normalizePath } from './files';
import { type ServerModel, serverModel } from './model';
import { type ReadOptions, type ServerConfig, readServerConfig } from './reader';
import { validateServerConfig } from './validate';

export interface CheckOptions extends ReadOptions {
  readonly facts?: SecurityFacts;
  readonly serverUser?: string;
  readonly clock?: Clock;
  /** Where files come from when a path is given; the real file system by default. */
  readonly reader?: FileReader;
}

/** In-memory input: file texts keyed by path (relative paths are relative to `serverConfigDir`). */
export interface FileSetInput {
  readonly files: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** The root file; default `server.xml`. */
  readonly root?: string;
  /** Default `/config` when not given in the options either. */
  readonly serverConfigDir?: string;
}

export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  readonly config: ServerConfig;
  readonly model: ServerModel;
}

/** Read and validate a server configuration from a path or an in-memory file set. Never throws. */
export function checkServerConfig(input: string | FileSetInput, opts: CheckOptions = {}): CheckResult {
  let root: string;
  let reader: FileReader;
  let readOpts: ReadOptions = opts;
  if (typeof input === 'string') {
    root = normalizePath(path.posix.isAbsolute(input) ? input : path.resolve(input).split(path.sep).join('/'));
    reader = opts.reader ?? nodeFileReader;
  } else {
    const dir = normalizePath(opts.serverConfigDir ?? input.serverConfigDir ?? '/config');
    reader = memoryFileReader(input.files, dir);
    const r = input.root ?? 'server.xml';
    root = normalizePath(path.posix.isAbsolute(r) ? r : path.posix.join(dir, r));
    readOpts = { ...opts, serverConfigDir: dir };
  }
  const config = readServerConfig(root, reader, readOpts);
  const diagnostics = sortDiagnostics([...config.diagnostics, ...validateServerConfig(config, opts)]);
  return { diagnostics, config, model: serverModel(config) };
}
