import { readFileSync } from 'node:fs';
import { fixedClock } from '@ztwin/core';
import { buildNcaPolicy } from '@ztwin/attls-policy';
import { applyDeck } from '@ztwin/keyring';
import { createState, type RacfState } from '@ztwin/racf-model';
import { checkServerConfig, LAB_SERVER_CONFIG_DIR, labServerFiles, renderFileSet } from '@ztwin/zcee-config';
import { crossCheckSimulation, formatResult, issuersFromState, keysFromState, simulate } from '@ztwin/simulator';

const lab = '../../../examples/zcee-attls-lab/fixtures';
const read = (p: string): string => readFileSync(`${lab}/${p}`, 'utf8');

async function labState(): Promise<RacfState> {
  // ZCEERACF, the pre-state, sets SETROPTS GRPLIST as the lab system evidently runs with it.
  let state = createState();
  for (const deck of ['ZCEERACF', 'ZCEETLSS', 'MVSTLS', 'ZCEETLSC'])
    state = (await applyDeck(state, read(`racf/${deck}.racf`), { source: deck, clock: fixedClock('2020-06-01T00:00:00Z') })).state;
  return state;
}

async function main(): Promise<void> {
  const state = await labState();
  const files = renderFileSet(labServerFiles());
  if (files.value === undefined) return;
  const server = checkServerConfig({ files: files.value, serverConfigDir: LAB_SERVER_CONFIG_DIR }).model;
  const { policy } = buildNcaPolicy({
    image: { name: 'WG31', keyring: 'Liberty.KeyRing' },
    stack: { name: 'TCPIP1' },
    trafficDescriptors: [{ name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9443, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' }],
    securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
    requirementMaps: [{ name: 'zCEERequirementMap', mappings: [{ trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' }] }],
    rules: [{ name: 'zCEEClientRule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
  });
  const base = { state, server, serverUser: 'LIBSERV', policy, hosts: { 'wg31.washington.ibm.com': '192.168.17.201' } };

  // 1. GETAPI over plain HTTP (9080) while the API requester says requireSecure="true".
  const http = simulate({ ...base, job: read('jcl/GETAPI.jcl'), clock: fixedClock('2020-12-11T12:00:00Z') });
  if (http.result !== undefined) console.log(formatResult(http.result));

  // 2. The job as the seed prints it: its CEEOPS DD is ignored, so BAQURI never arrives.
  const printed = simulate({ ...base, job: read('jcl/GETAPI-as-printed.jcl'), clock: fixedClock('2020-12-11T12:00:00Z') });
  console.log(printed.result?.outcome, '-', printed.result?.trace[0]?.detail);

  // 3. HTTPS through the AT-TLS rule; replay the predicted handshake with real node:tls.
  const job9443 = read('jcl/GETAPI.jcl').replace('BAQPORT=9080', 'BAQPORT=9443');
  const https = simulate({ ...base, job: job9443, clock: fixedClock('2020-12-11T12:00:00Z') });
  if (https.result === undefined) return;
  console.log(https.result.outcome, https.result.httpStatus, https.result.tls?.rule, https.result.tls?.protocol, https.result.identity);
  const { checks } = await crossCheckSimulation(https.facts, { keyOf: keysFromState(state), issuers: issuersFromState(state) });
  for (const c of checks) console.log(c.leg, c.check.verdict);

  // 4. The same call today: 'zCEE Client Cert' (NOTAFTER 2022/12/31) fails the outbound leg.
  const today = simulate({ ...base, job: job9443, clock: fixedClock('2026-11-24T12:00:00Z') });
  if (today.result === undefined) return;
  console.log(today.result.outcome, today.result.leg, today.result.httpStatus, today.result.trace.filter((s) => !s.ok));
  const replay = await crossCheckSimulation(today.facts, { keyOf: keysFromState(state), issuers: issuersFromState(state) });
  for (const c of replay.checks) console.log(c.leg, c.check.verdict);
}
void main();
