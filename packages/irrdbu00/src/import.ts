/**
 * Import a whole unload: stream it, decode it, join the records into an UnloadDatabase.
 */
import { type Readable } from 'node:stream';
import { type Diagnostic, sortDiagnostics } from '@ztwin/core';
import { type ReadCounts } from './decode';
import { type ReadOptions, readUnload } from './reader';
import { type UnloadDatabase, UnloadDatabaseBuilder } from './database';

export interface ImportDatabaseResult {
  readonly database: UnloadDatabase;
  readonly diagnostics: Diagnostic[];
  readonly counts: ReadCounts;
}

/** Read an unload (stream or path) into an UnloadDatabase. */
export async function importUnloadDatabase(input: Readable | string, options: ReadOptions = {}): Promise<ImportDatabaseResult> {
  const source = options.source ?? (typeof input === 'string' ? input : '<unload>');
  const builder = new UnloadDatabaseBuilder(source);
  const read = await readUnload(input, (rec, line) => builder.add(rec, line), { ...options, source });
  const built = builder.build();
  return { database: built.database, diagnostics: sortDiagnostics([...read.diagnostics, ...built.diagnostics]), counts: read.counts };
}
