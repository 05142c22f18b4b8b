/**
 * Import a whole unload: stream it, decode it, join the records into an UnloadDatabase.
 */
import { type Readable } from 'node:stream';
import { type Diagnostic, sortDiagnostics } from '@ztwin/core';
import { type ReadCounts } from './decode';
import { type ReadOptions, readUnload } from './reader';
import { type ProfileTables, type UnloadDatabase, UnloadDatabaseBuilder } from './database';
import { type RacfState } from '@ztwin/racf-model';
import { type StateOptions, toRacfState } from './to-state';

export interface ImportDatabaseResult {
  readonly database: UnloadDatabase;
  readonly diagnostics: Diagnostic[];
  readonly counts: ReadCounts;
}

/** Read an unload (stream or path) into an UnloadDatabase. */
export async function importUnloadDatabase(input: Readable | string, options: ReadOptions = {}): Promise<ImportDatabaseResult> {
  const { database, diagnostics, counts } = await readDatabase(input, options, false);
  return { database, diagnostics, counts };
}

async function readDatabase(input: Readable | string, options: ReadOptions, profileTables: boolean): Promise<ImportDatabaseResult & { tables?: ProfileTables }> {
  const source = options.source ?? (typeof input === 'string' ? input : '<unload>');
  const builder = new UnloadDatabaseBuilder(source, profileTables);
  const read = await readUnload(input, (rec, line, id) => builder.add(rec, line, id), {
    ...options,
    source,
    accessSink: builder.addAccess,
    // the builder copies the fields of each record at once (see UnloadDatabaseBuilder.add)
    reuseRecords: true,
  });
  const built = builder.build();
  const result = { database: built.database, diagnostics: sortDiagnostics([...read.diagnostics, ...built.diagnostics]), counts: read.counts };
  return built.tables !== undefined ? { ...result, tables: built.tables } : result;
}

export interface ImportOptions extends ReadOptions, StateOptions {}

export interface ImportResult {
  /** The imported database as a racf-model state. */
  readonly state: RacfState;
  /** Reader, joining and mapping diagnostics, sorted by line. */
  readonly diagnostics: Diagnostic[];
  readonly counts: ReadCounts;
}

/**
 * Import an IRRDBU00 unload (stream or file path) as a racf-model state: the API behind
 * `ztwin racf import UNLOAD --out STATE.json`. Never rejects for bad input: problems are diagnostics.
 */
export async function importUnload(input: Readable | string, options: ImportOptions = {}): Promise<ImportResult> {
  const source = options.source ?? (typeof input === 'string' ? input : '<unload>');
  const db = await readDatabase(input, { ...options, source }, true);
  const mapped = toRacfState(db.database, { ...options, source }, db.tables);
  return { state: mapped.state, diagnostics: sortDiagnostics([...db.diagnostics, ...mapped.diagnostics]), counts: db.counts };
}
