import { GLOBAL_FLAGS } from './args';
import type { Command, CommandRegistry } from './command';

export function commandSynopsis(c: Command): string {
  const flags = c.flags
    .map((f) => {
      const v = f.type === 'string' ? ` ${f.valueName ?? 'VALUE'}` : '';
      const s = `--${f.name}${v}${f.repeatable === true ? '...' : ''}`;
      return f.required === true ? s : `[${s}]`;
    })
    .join(' ');
  const p = c.positionals;
  const pos = p.max === 0 ? '' : p.min === 0 ? `[${p.name}${p.max === 1 ? '' : '...'}]` : `${p.name}${p.max === 1 ? '' : '...'}`;
  return ['ztwin', ...c.path, pos, flags, '[--json]'].filter((s) => s !== '').join(' ');
}

export function commandHelp(c: Command): string {
  const lines = [`Usage: ${commandSynopsis(c)}`, '', c.summary, ''];
  if (c.positionals.max !== 0) lines.push(`  ${c.positionals.name.padEnd(22)} ${c.positionals.description}`);
  for (const f of [...c.flags, ...GLOBAL_FLAGS]) {
    const v = f.type === 'string' ? ` ${f.valueName ?? 'VALUE'}` : '';
    lines.push(`  ${`--${f.name}${v}`.padEnd(22)} ${f.description}`);
  }
  if (c.details !== undefined) lines.push('', c.details);
  return lines.join('\n') + '\n';
}

export function globalHelp(reg: CommandRegistry, prefix: readonly string[] = []): string {
  const cmds = prefix.length === 0 ? reg.list() : reg.under(prefix);
  const lines = [
    `Usage: ztwin ${prefix.length > 0 ? prefix.join(' ') + ' ' : ''}COMMAND [ARGS] [--json] [--help]`,
    '',
    'Commands:',
    ...cmds.map((c) => `  ${c.path.join(' ').padEnd(16)} ${c.summary}`),
    '',
    'Exit status: 0 success, 1 error diagnostics, 2 usage error.',
    'Diagnostics print as FILE:LINE:COL: CODE message (on stderr; in the JSON output with --json).',
  ];
  return lines.join('\n') + '\n';
}
