import * as path from 'node:path';
import { type Diagnostic, systemClock } from '@ztwin/core';
import { type Policy, loadPolicy, parsePolicy, validatePolicy } from '@ztwin/attls-policy';
import { formatResult, parseHosts, simulate } from '@ztwin/simulator';
import { normalizePath, readApiRequesterJob, readServerConfig, serverModel, validateServerConfig } from '@ztwin/zcee-config';
import { stringFlag } from '../args';
import type { Command, Invocation } from '../command';
import { clockFlag, requiredFlag } from '../flags';
import { loadState } from '../state-file';
import { ioFileReader } from './zcee';

/**
 * The installed policy as Policy Agent reads it: a policy file, or a Policy Agent configuration
 * (TcpImage/TTLSConfig/CommonTTLSConfig, the same test as attls-policy's `checkPath`) followed to
 * the stack's files. The policy's own validation (without RACF facts) is added by the caller.
 */
async function readPolicy(inv: Invocation, file: string): Promise<{ policy: Policy; diagnostics: Diagnostic[] }> {
  const text = await inv.readInput(file);
  if (/^[ \t]*(TcpImage|TTLSConfig|CommonTTLSConfig)\b/im.test(text)) {
    const stack = stringFlag(inv.args, 'stack');
    const r = loadPolicy(file, (p) => (p === file ? text : inv.io.readFileSync(p)), stack !== undefined ? { stack } : {});
    return { policy: r.policy, diagnostics: r.diagnostics };
  }
  return parsePolicy(text, file);
}

const onlyErrors = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');

const simulateCommand: Command = {
  path: ['simulate'],
  summary: 'predict what happens when the batch API requester job calls the z/OS Connect EE server',
  details:
    'Inputs: the RACF state (certificates and rings included), server.xml (includes followed), the AT-TLS\n' +
    'policy (none: AT-TLS is not active), the API requester job (CEEOPTS ENVAR BAQURI, BAQPORT ...).\n' +
    'Exit 0 when the simulation ran and no input has an error, whatever outcome it predicts; 1 when\n' +
    'there are error diagnostics: an input that cannot be read, errors of server.xml or the policy in\n' +
    'itself (those `ztwin zcee check` / `ztwin attls check` report without --state), or a job that would\n' +
    'not run. The prediction is printed either way. Findings that need the RACF state (rings, access)\n' +
    "are the simulation's outcome, not diagnostics. --json: @ztwin/simulator's SimulationResult { outcome, leg, httpStatus,\n" +
    'stubErrorCode, errorOrigin, messages, tls, outboundTls, identity, trace } ({ outcome: null } when\n' +
    'there is no prediction).',
  flags: [
    { name: 'state', type: 'string', required: true, valueName: 'S.json', description: 'RACF state (ztwin racf apply --out, with keys)' },
    { name: 'server', type: 'string', required: true, valueName: 'SERVER.XML', description: "the z/OS Connect EE server's server.xml" },
    { name: 'policy', type: 'string', valueName: 'POLICY', description: 'the installed AT-TLS policy (or pagent.conf); omit when AT-TLS is not active' },
    { name: 'job', type: 'string', required: true, valueName: 'JOB.jcl', description: 'the API requester job' },
    { name: 'server-user', type: 'string', required: true, valueName: 'ID', description: 'the user ID the server runs as (STARTED STDATA USER)' },
    { name: 'requester', type: 'string', valueName: 'NAME', description: 'API requester name (default: the only one configured)' },
    { name: 'endpoint-connection', type: 'string', valueName: 'ID', description: 'the zosconnect_endpointConnection the requester uses (default: the only one)' },
    { name: 'submitter', type: 'string', valueName: 'U', description: "who submits the job (default: the job's USER=)" },
    { name: 'server-job-name', type: 'string', valueName: 'NAME', description: "the server's started task job name, for inbound AT-TLS rules (default BAQSTRT)" },
    { name: 'clock', type: 'string', valueName: 'ISO', description: 'when the job runs (default: now)' },
    { name: 'hosts', type: 'string', valueName: 'host=addr,...', description: 'the resolver: host names the job and server use, and their addresses' },
    { name: 'server-config-dir', type: 'string', valueName: 'DIR', description: '${server.config.dir} (default: the directory of SERVER.XML)' },
    { name: 'stack', type: 'string', valueName: 'NAME', description: 'TCP/IP stack whose policy a Policy Agent configuration selects' },
  ],
  positionals: { name: '', description: '', min: 0, max: 0 },
  async run(inv) {
    const clock = clockFlag(inv) ?? systemClock;
    const serverUser = requiredFlag(inv, 'server-user');
    const hostsText = stringFlag(inv.args, 'hosts');
    const hosts = hostsText !== undefined ? parseHosts(hostsText) : { value: {}, diagnostics: [] };
    const diagnostics: Diagnostic[] = [...hosts.diagnostics];
    const none = { outcome: null };

    const loaded = await loadState(inv, true);
    diagnostics.push(...loaded.diagnostics);

    const serverFile = requiredFlag(inv, 'server');
    const serverText = await inv.readInput(serverFile);
    const configDir = stringFlag(inv.args, 'server-config-dir');
    const toPosix = (p: string): string => normalizePath(path.resolve(p).split(path.sep).join('/'));
    const config = readServerConfig(toPosix(serverFile), ioFileReader(inv, { path: serverFile, text: serverText }), configDir !== undefined ? { serverConfigDir: toPosix(configDir) } : {});
    diagnostics.push(...config.diagnostics);
    // server.xml checked in itself: its errors are this command's (the contract: error diagnostics
    // exit 1). Warnings and notes stay `ztwin zcee check`'s (several, like requireSecure's redirect,
    // are what the simulation predicts anyway); checks against the RACF state are the outcome's.
    diagnostics.push(...onlyErrors(validateServerConfig(config)));

    const policyFile = stringFlag(inv.args, 'policy');
    const policy = policyFile !== undefined ? await readPolicy(inv, policyFile) : undefined;
    if (policy !== undefined) diagnostics.push(...policy.diagnostics, ...onlyErrors(validatePolicy(policy.policy)));

    const jobFile = requiredFlag(inv, 'job');
    const job = readApiRequesterJob(await inv.readInput(jobFile), jobFile);
    diagnostics.push(...job.diagnostics);

    if (loaded.state === undefined || job.value === undefined) return { json: none, diagnostics };
    const opt = (name: string): string | undefined => stringFlag(inv.args, name);
    const requester = opt('requester');
    const endpointConnection = opt('endpoint-connection');
    const submitter = opt('submitter');
    const serverJobName = opt('server-job-name');
    const out = simulate({
      state: loaded.state,
      server: serverModel(config),
      serverUser,
      job: job.value,
      clock,
      hosts: hosts.value,
      ...(policy !== undefined ? { policy: policy.policy } : {}),
      ...(requester !== undefined ? { requester } : {}),
      ...(endpointConnection !== undefined ? { endpointConnection } : {}),
      ...(submitter !== undefined ? { submitter } : {}),
      ...(serverJobName !== undefined ? { serverJobName } : {}),
    });
    // The simulator names the job `<job>`; here it has a file name.
    diagnostics.push(...out.diagnostics.map((d) => (d.source === '<job>' ? { ...d, source: jobFile } : d)));
    if (out.result === undefined) return { json: none, diagnostics };
    return { text: formatResult(out.result), json: { ...out.result }, diagnostics };
  },
};

/** `ztwin simulate`. */
export const simulateCommands: readonly Command[] = [simulateCommand];
