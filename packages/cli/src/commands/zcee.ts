import type { Command } from '../command';

/**
 * Extension point: `ztwin zcee ...` commands (see ARCHITECTURE.md, "The ztwin CLI contract").
 * Add Command values here; they are registered by commands/index.ts.
 */
export const zceeCommands: readonly Command[] = [];
