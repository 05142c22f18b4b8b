import * as path from 'node:path';
import { type Diagnostic, systemClock } from '@ztwin/core';
import { deserializeState } from '@ztwin/racf-model';
import { type FileReader, type SecurityFacts, checkServerConfig, loadSecurityFacts } from '@ztwin/zcee-config';
import { stringFlag } from '../args';
import type { Command, Invocation } from '../command';
import { clockFlag } from '../flags';

/** The package reader over the CLI's io (the real file system, or a test's in-memory files). */
export function ioFileReader(inv: Invocation, root?: { path: string; text: string }): FileReader {
  const rootAbs = root !== undefined ? path.resolve(root.path) : undefined;
  return {
    read: (f) => (root !== undefined && (f === root.path || f === rootAbs) ? root.text : inv.io.readFileSync(f)),
    list: (d) => inv.io.listDir(d),
  };
}

/**
 * SecurityFacts from `--state FILE`: a racf-model state (or zcee-config SecurityFactsData) through
 * zcee-config's `loadSecurityFacts`, with racf-model's `deserializeState` as the decoder.
 */
export async function securityFactsFlag(
  inv: Invocation,
  clock = systemClock,
): Promise<{ facts?: SecurityFacts; diagnostics: Diagnostic[] }> {
  const file = stringFlag(inv.args, 'state');
  if (file === undefined) return { diagnostics: [] };
  const text = await inv.readInput(file);
  const r = loadSecurityFacts(text, clock, {
    source: file,
    deserializeState: (json) => {
      const d = deserializeState(json, file);
      return d._tag === 'Right' ? { value: d.right, diagnostics: [] } : { diagnostics: d.left };
    },
  });
  return r.value !== undefined ? { facts: r.value, diagnostics: r.diagnostics } : { diagnostics: r.diagnostics };
}

const zceeCheck: Command = {
  path: ['zcee', 'check'],
  summary: 'read a z/OS Connect EE server.xml with its includes and validate it (with --state: against RACF)',
  details:
    'Each problem is reported in the file and line where it is written (includes included).\n' +
    'With --state (a ztwin racf state, or zcee-config SecurityFactsData JSON) and --server-user: rings exist\n' +
    'for the server user, it may read them, the default certificate is usable at --clock, groups exist.\n' +
    '--json: { root, files, ok }.',
  flags: [
    { name: 'state', type: 'string', valueName: 'S.json', description: 'RACF state (ztwin racf apply --out) or SecurityFactsData JSON' },
    { name: 'server-user', type: 'string', valueName: 'ID', description: 'the user ID the server runs as (STARTED STDATA USER), e.g. LIBSERV' },
    { name: 'clock', type: 'string', valueName: 'ISO', description: 'certificate validity at this date/time (default: now)' },
    { name: 'server-config-dir', type: 'string', valueName: 'DIR', description: '${server.config.dir} (default: the directory of SERVER.XML)' },
  ],
  positionals: { name: 'SERVER.XML', description: 'the server configuration file', min: 1, max: 1 },
  async run(inv) {
    const file = inv.args.positionals[0] ?? '';
    const clock = clockFlag(inv);
    const serverUser = stringFlag(inv.args, 'server-user');
    const configDir = stringFlag(inv.args, 'server-config-dir');
    const text = await inv.readInput(file);
    const loaded = await securityFactsFlag(inv, clock);
    if (stringFlag(inv.args, 'state') !== undefined && loaded.facts === undefined)
      return { json: { root: file, files: [], ok: false }, diagnostics: loaded.diagnostics };
    const r = checkServerConfig(file, {
      reader: ioFileReader(inv, { path: file, text }),
      ...(loaded.facts !== undefined ? { facts: loaded.facts } : {}),
      ...(serverUser !== undefined ? { serverUser } : {}),
      ...(clock !== undefined ? { clock } : {}),
      ...(configDir !== undefined ? { serverConfigDir: path.resolve(configDir).split(path.sep).join('/') } : {}),
    });
    const diagnostics = [...loaded.diagnostics, ...r.diagnostics];
    const files = r.config.files.map((f) => f.path);
    const ok = !diagnostics.some((d) => d.severity === 'error');
    const text2 = `${r.config.root}: ${files.length} file(s) read${ok ? '' : '; problems found'}`;
    return { text: text2, json: { root: r.config.root, files, ok }, diagnostics };
  },
};

/** `ztwin zcee check`. */
export const zceeCommands: readonly Command[] = [zceeCheck];
