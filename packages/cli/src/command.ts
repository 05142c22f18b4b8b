import type { Diagnostic } from '@ztwin/core';
import type { FlagSpec, ParsedArgs, PositionalSpec } from './args';
import type { CliIo } from './io';

/** Exit statuses of the `ztwin` contract. */
export const EXIT_OK = 0;
export const EXIT_DIAGNOSTICS = 1;
export const EXIT_USAGE = 2;

/** What a command produced. The runner prints it and picks the exit status. */
export interface Outcome {
  /** Printed to stdout in text mode (a trailing newline is added when missing). */
  readonly text?: string;
  /** Written to stdout unchanged in text mode instead of `text` (binary output such as DER). */
  readonly bytes?: Uint8Array;
  /** Printed to stdout in `--json` mode, with `diagnostics` added to it. */
  readonly json?: Readonly<Record<string, unknown>>;
  readonly diagnostics: readonly Diagnostic[];
}

/** A command's way to say "bad invocation" (exit 2) from inside `run`, e.g. an unreadable file. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Invocation {
  readonly args: ParsedArgs;
  readonly io: CliIo;
  readonly json: boolean;
  /** Read an input file, turning failure into a UsageError that names the file. */
  readInput(path: string): Promise<string>;
}

/**
 * One `ztwin` command. Packages add commands as small modules exporting `Command` values
 * (see `commands/index.ts`).
 */
export interface Command {
  /** Words after `ztwin`, e.g. `['racf', 'apply']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Extra help text after the flag list. */
  readonly details?: string;
  readonly flags: readonly FlagSpec[];
  readonly positionals: PositionalSpec;
  run(inv: Invocation): Promise<Outcome>;
}

/** Commands by path; `find` takes the longest path that prefixes argv. */
export class CommandRegistry {
  private readonly commands = new Map<string, Command>();

  register(...cmds: readonly Command[]): this {
    for (const c of cmds) {
      const key = c.path.join(' ');
      if (this.commands.has(key)) throw new Error(`command '${key}' registered twice`);
      this.commands.set(key, c);
    }
    return this;
  }

  list(): Command[] {
    return [...this.commands.values()].sort((a, b) => a.path.join(' ').localeCompare(b.path.join(' ')));
  }

  find(argv: readonly string[]): { command: Command; rest: readonly string[] } | undefined {
    for (let n = Math.min(argv.length, 4); n > 0; n--) {
      const c = this.commands.get(argv.slice(0, n).join(' '));
      if (c !== undefined) return { command: c, rest: argv.slice(n) };
    }
    return undefined;
  }

  /** Commands under a group word (`ztwin racf` → racf apply, racf access, ...). */
  under(prefix: readonly string[]): Command[] {
    return this.list().filter((c) => prefix.every((w, i) => c.path[i] === w) && c.path.length > prefix.length);
  }
}
