import type { Command } from '../command';

/** `ztwin racf apply|access|deck` (filled in once @ztwin/racf-model exports the state API). */
export const racfCommands: readonly Command[] = [];
