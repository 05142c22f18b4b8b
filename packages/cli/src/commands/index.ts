import type { Command } from '../command';
import { CommandRegistry } from '../command';
import { attlsCommands } from './attls';
import { jclCommands } from './jcl';
import { labCommands } from './lab';
import { racfCommands } from './racf';
import { ringCommands } from './ring';
import { simulateCommands } from './simulate';
import { zceeCommands } from './zcee';

/**
 * Every built-in command. To add commands for a package, put them in commands/<group>.ts as an
 * exported `readonly Command[]` and list it here.
 */
export const builtinCommands: readonly Command[] = [
  ...jclCommands,
  ...racfCommands,
  ...ringCommands,
  ...attlsCommands,
  ...zceeCommands,
  ...simulateCommands,
  ...labCommands,
];

export function defaultRegistry(): CommandRegistry {
  return new CommandRegistry().register(...builtinCommands);
}


