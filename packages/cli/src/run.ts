import * as E from 'fp-ts/Either';
import { type Diagnostic, formatDiagnostic, hasErrors, sortDiagnostics } from '@ztwin/core';
import { parseArgs } from './args';
import { type CommandRegistry, EXIT_DIAGNOSTICS, EXIT_OK, EXIT_USAGE, type Invocation, type Outcome, UsageError } from './command';
import { defaultRegistry } from './commands';
import type { CliIo } from './io';
import { commandHelp, globalHelp } from './usage';

export const VERSION = '0.1.0';

function usageError(io: CliIo, json: boolean, message: string, help: string): number {
  io.stderr(`ztwin: ${message}\n${help}`);
  if (json) io.stdout(JSON.stringify({ error: 'usage', message, diagnostics: [] }, null, 2) + '\n');
  return EXIT_USAGE;
}

/** Print an outcome: text to stdout and diagnostics to stderr, or one JSON document to stdout. */
export function emit(io: CliIo, json: boolean, outcome: Outcome): number {
  const diags: Diagnostic[] = sortDiagnostics(outcome.diagnostics);
  if (json) {
    io.stdout(JSON.stringify({ ...(outcome.json ?? {}), diagnostics: diags }, null, 2) + '\n');
  } else {
    if (outcome.bytes !== undefined) io.stdoutBytes(outcome.bytes);
    else if (outcome.text !== undefined && outcome.text !== '') io.stdout(outcome.text.endsWith('\n') ? outcome.text : outcome.text + '\n');
    for (const d of diags) io.stderr(formatDiagnostic(d) + '\n');
  }
  return hasErrors(diags) ? EXIT_DIAGNOSTICS : EXIT_OK;
}

/**
 * The `ztwin` entry point: run argv (without `node` and the script) against `io` and resolve to
 * the exit status. Never rejects.
 */
export async function run(argv: readonly string[], io: CliIo, registry: CommandRegistry = defaultRegistry()): Promise<number> {
  const json = argv.includes('--json');
  if (argv.length === 0) return usageError(io, json, 'no command given', globalHelp(registry));
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(globalHelp(registry));
    return EXIT_OK;
  }
  if (first === '--version') {
    io.stdout(`ztwin ${VERSION}\n`);
    return EXIT_OK;
  }
  const found = registry.find(argv);
  if (found === undefined) {
    const words = argv.filter((a) => !a.startsWith('-'));
    const group = registry.under(words.slice(0, 1));
    if (group.length > 0) {
      if (argv.includes('--help')) {
        io.stdout(globalHelp(registry, words.slice(0, 1)));
        return EXIT_OK;
      }
      return usageError(io, json, `unknown command 'ztwin ${words.slice(0, 2).join(' ')}'`, globalHelp(registry, words.slice(0, 1)));
    }
    return usageError(io, json, `unknown command '${first ?? ''}'`, globalHelp(registry));
  }
  const { command, rest } = found;
  const parsed = parseArgs(rest, command.flags, command.positionals);
  if (E.isLeft(parsed)) return usageError(io, json, parsed.left, commandHelp(command));
  const args = parsed.right;
  if (args.flags['help'] === true) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }
  const inv: Invocation = {
    args,
    io,
    json,
    readInput: async (p) => {
      try {
        return await io.readFile(p);
      } catch (e) {
        throw new UsageError(`cannot read '${p}': ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
  try {
    return emit(io, json, await command.run(inv));
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, json, e.message, commandHelp(command));
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`ztwin: internal error in '${command.path.join(' ')}': ${message}\n`);
    if (json) io.stdout(JSON.stringify({ error: 'internal', message, diagnostics: [] }, null, 2) + '\n');
    return EXIT_DIAGNOSTICS;
  }
}
