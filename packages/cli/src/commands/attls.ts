import type { Clock, Diagnostic } from '@ztwin/core';
import {
  type CheckResult,
  type Connection,
  type FileReader,
  type MatchResult,
  type ValidateOptions,
  ZOS_RELEASES,
  type ZosRelease,
  checkPath,
  fmt,
  keyringFactsFromState,
  match,
  parseEndpoint,
} from '@ztwin/attls-policy';
import { stringFlag } from '../args';
import { type Command, type Invocation, UsageError } from '../command';
import { clockFlag, requiredFlag } from '../flags';
import { loadState } from '../state-file';

const policyPositional = {
  name: 'POLICY',
  description: 'AT-TLS policy file, or a Policy Agent main/image configuration (TcpImage, TTLSConfig ...) to follow; - for stdin',
  min: 1,
  max: 1,
} as const;
const releaseFlag = { name: 'release', type: 'string', valueName: 'V2R4', description: `z/OS release for defaults and parameters: ${ZOS_RELEASES.join(', ')} (default V3R1)` } as const;
const stackFlag = { name: 'stack', type: 'string', valueName: 'NAME', description: 'TCP/IP stack whose policy a Policy Agent configuration selects (TcpImage NAME)' } as const;

function releaseOf(inv: Invocation): ZosRelease | undefined {
  const r = stringFlag(inv.args, 'release');
  if (r === undefined) return undefined;
  const found = ZOS_RELEASES.find((x) => x === r.toUpperCase());
  if (found === undefined) throw new UsageError(`--release '${r}' is not one of ${ZOS_RELEASES.join(', ')}`);
  return found;
}

/** `--job-user JOB=USER` (repeatable): the user that owns each job's connections. */
function jobUsersOf(inv: Invocation): Record<string, string> {
  const v = inv.args.flags['job-user'];
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  const out: Record<string, string> = {};
  for (const e of list) {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(e.trim());
    if (m === null || m[1] === undefined || m[2] === undefined) throw new UsageError(`--job-user '${e}' is not JOB=USER`);
    out[m[1].toUpperCase()] = m[2].toUpperCase();
  }
  return out;
}

/**
 * Parse (following a Policy Agent configuration through the file system) and validate, as
 * attls-policy's `checkPath` does. The named file is read first so that an unreadable file is a
 * usage error and `-` can be stdin; the files it names are read through the CLI's io.
 */
async function checkPolicy(inv: Invocation, opts: ValidateOptions & { readonly stack?: string }): Promise<{ path: string; result: CheckResult }> {
  const path = inv.args.positionals[0] ?? '';
  const text = await inv.readInput(path);
  const source = path === '-' ? '<stdin>' : path;
  const read: FileReader = (p) => (p === source ? text : inv.io.readFileSync(p));
  return { path: source, result: checkPath(source, read, opts) };
}

const attlsCheck: Command = {
  path: ['attls', 'check'],
  summary: 'parse and validate an AT-TLS policy (with --state: key rings exist, the job users may read them, default certificates usable)',
  details: '--json: { policy, ok, rules: [{ name, source, line }] }.',
  flags: [
    { name: 'state', type: 'string', valueName: 'S.json', description: 'RACF state with certificates and rings (ztwin racf apply --out)' },
    { name: 'job-user', type: 'string', repeatable: true, valueName: 'JOB=USER', description: "user ID a job's connections run under (for rules without Userid)" },
    releaseFlag,
    { name: 'clock', type: 'string', valueName: 'ISO', description: 'certificate validity at this date/time (default: now)' },
    stackFlag,
  ],
  positionals: policyPositional,
  async run(inv) {
    const release = releaseOf(inv);
    const jobUsers = jobUsersOf(inv);
    const clock: Clock | undefined = clockFlag(inv);
    const diagnostics: Diagnostic[] = [];
    let keyringFacts: ValidateOptions['keyringFacts'];
    if (stringFlag(inv.args, 'state') !== undefined) {
      const loaded = await loadState(inv, true);
      diagnostics.push(...loaded.diagnostics);
      if (loaded.state === undefined) return { json: { policy: inv.args.positionals[0] ?? '', ok: false, rules: [] }, diagnostics };
      keyringFacts = keyringFactsFromState(loaded.state, clock !== undefined ? { clock } : {});
    }
    const stack = stringFlag(inv.args, 'stack');
    const { path, result } = await checkPolicy(inv, {
      ...(release !== undefined ? { release } : {}),
      ...(keyringFacts !== undefined ? { keyringFacts } : {}),
      jobUsers,
      ...(clock !== undefined ? { clock } : {}),
      ...(stack !== undefined ? { stack } : {}),
    });
    diagnostics.push(...result.diagnostics);
    const rules = result.policy.statements
      .filter((s) => s.type === 'TTLSRule')
      .map((s) => ({ name: s.name, source: s.span.source, line: s.span.start.line }));
    const ok = result.ok && !diagnostics.some((d) => d.severity === 'error');
    const text = `${path}: ${rules.length} rule(s)${ok ? '' : '; problems found'}`;
    return { text, json: { policy: path, ok, rules }, diagnostics };
  },
};

const attlsFmt: Command = {
  path: ['attls', 'fmt'],
  summary: 'the canonical rendering of a policy file (parses back to the same model)',
  details: 'A file that does not parse is not reformatted: its diagnostics, exit 1. --json: { text } (null then).',
  flags: [],
  positionals: { ...policyPositional, description: 'AT-TLS policy file; - for stdin' },
  async run(inv) {
    const path = inv.args.positionals[0] ?? '';
    const src = await inv.readInput(path);
    const r = fmt(src, path === '-' ? '<stdin>' : path);
    return { ...(r.text !== undefined ? { text: r.text } : {}), json: { text: r.text ?? null }, diagnostics: r.diagnostics };
  },
};

function endpoint(inv: Invocation, name: string): { addr: string; port: number } {
  const e = parseEndpoint(requiredFlag(inv, name), `--${name}`);
  if ('code' in e) throw new UsageError(`--${name}: ${e.message} (ADDR:PORT, [IPv6]:PORT for IPv6)`);
  return e;
}

function matchText(r: MatchResult): string {
  const lines: string[] = [];
  if (r.rule === null) lines.push('no rule: AT-TLS leaves the connection alone (clear text unless the application does TLS)');
  else {
    lines.push(`rule ${r.rule.name} (priority ${r.rule.priority}, ${r.rule.source}:${r.rule.line})`);
    if (r.actions !== null) {
      const tls = r.actions.tls;
      const protos = Object.entries(tls.protocols)
        .filter(([, on]) => on)
        .map(([p]) => p);
      lines.push(`  TTLSEnabled ${tls.enabled ? 'On' : 'Off'}${tls.handshakeRole !== undefined ? `, HandshakeRole ${tls.handshakeRole}` : ''}`);
      if (tls.keyring !== undefined) lines.push(`  Keyring ${tls.keyring}${tls.certificateLabel !== undefined ? `, CertificateLabel ${tls.certificateLabel}` : ''}`);
      lines.push(`  protocols ${protos.length > 0 ? protos.join(' ') : 'none'}`);
    }
  }
  for (const s of r.skipped) lines.push(`  skipped ${s.rule} (priority ${s.priority}): ${s.reason}`);
  return lines.join('\n');
}

const attlsMatch: Command = {
  path: ['attls', 'match'],
  summary: 'which AT-TLS rule a TCP connection maps to, its effective actions, and why higher rules were skipped',
  details: "--json: attls-policy's MatchResult { rule: { name, priority, ... } | null, actions, skipped: [{ rule, priority, reason }] }.",
  flags: [
    { name: 'jobname', type: 'string', required: true, valueName: 'J', description: 'job name of the application' },
    { name: 'userid', type: 'string', valueName: 'U', description: 'user ID of the application' },
    { name: 'local', type: 'string', required: true, valueName: 'ADDR:PORT', description: 'local address and port ([v6]:port)' },
    { name: 'remote', type: 'string', required: true, valueName: 'ADDR:PORT', description: 'remote address and port' },
    { name: 'direction', type: 'string', required: true, valueName: 'inbound|outbound', description: 'inbound = accepted, outbound = connected' },
    { name: 'time', type: 'string', valueName: 'ISO', description: 'when the connection is made (IpTimeCondition; default now)' },
    releaseFlag,
    stackFlag,
  ],
  positionals: policyPositional,
  async run(inv) {
    const direction = requiredFlag(inv, 'direction').toLowerCase();
    if (direction !== 'inbound' && direction !== 'outbound') throw new UsageError(`--direction '${direction}' is not inbound or outbound`);
    const local = endpoint(inv, 'local');
    const remote = endpoint(inv, 'remote');
    const time = clockFlag(inv, 'time');
    const release = releaseOf(inv);
    const userid = stringFlag(inv.args, 'userid');
    const connection: Connection = {
      jobname: requiredFlag(inv, 'jobname'),
      localAddr: local.addr,
      localPort: local.port,
      remoteAddr: remote.addr,
      remotePort: remote.port,
      direction,
      ...(userid !== undefined ? { userid } : {}),
      ...(time !== undefined ? { time: time.now().toISOString() } : {}),
    };
    const stack = stringFlag(inv.args, 'stack');
    const { result } = await checkPolicy(inv, { ...(release !== undefined ? { release } : {}), ...(stack !== undefined ? { stack } : {}) });
    const r = match(result.policy, connection, release !== undefined ? { release } : {});
    return { text: matchText(r), json: { rule: r.rule, actions: r.actions, skipped: r.skipped }, diagnostics: result.diagnostics };
  },
};

/** `ztwin attls check|fmt|match`. */
export const attlsCommands: readonly Command[] = [attlsCheck, attlsFmt, attlsMatch];
