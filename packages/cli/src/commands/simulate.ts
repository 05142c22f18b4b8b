import type { Command } from '../command';

/**
 * Extension point: `ztwin simulate ...` commands (see ARCHITECTURE.md, "The ztwin CLI contract").
 * Add Command values here; they are registered by commands/index.ts.
 */
export const simulateCommands: readonly Command[] = [];
