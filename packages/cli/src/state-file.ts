import type { Diagnostic } from '@ztwin/core';
import type { RacfState } from '@ztwin/racf-model';
import { UsageError } from './command';

/**
 * Reading and writing RACF state files (`--state`, `--out`). Delegates to @ztwin/racf-model's
 * serializer; until that exists, state files are a usage error.
 */
export function readStateText(_text: string, source: string): { state?: RacfState; diagnostics: Diagnostic[] } {
  throw new UsageError(`cannot read state file '${source}': @ztwin/racf-model has no deserializeState yet`);
}

export function stateText(_state: RacfState): string {
  throw new UsageError('cannot write a state file: @ztwin/racf-model has no serializeState yet');
}
