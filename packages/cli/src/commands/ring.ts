import type { Command } from '../command';

/**
 * Extension point: `ztwin ring ...` commands (see ARCHITECTURE.md, "The ztwin CLI contract").
 * Add Command values here; they are registered by commands/index.ts.
 */
export const ringCommands: readonly Command[] = [];
