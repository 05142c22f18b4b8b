import { formatDiagnostic } from '@ztwin/core';
import { buildNcaPolicy, check, match, renderPolicy, type NcaConfig } from '@ztwin/attls-policy';

// The seed lab's objects as entered in the z/OSMF Network Configuration Assistant.
const nca: NcaConfig = {
  image: { name: 'WG31', keyring: 'Liberty.KeyRing', release: 'V2R3', traceLevel: 7 },
  stack: { name: 'TCPIP1' },
  trafficDescriptors: [
    { name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9443, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' },
  ],
  securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
  requirementMaps: [{ name: 'zCEERequirementMap', mappings: [{ trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' }] }],
  rules: [{ name: 'zCEEClientRule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
};

const built = buildNcaPolicy(nca);
const text = renderPolicy(built.policy).text ?? '';
console.log(text.split('\n').slice(0, 12).join('\n'), '\n...');

// Parse + validate what was written: clean.
console.log(check({ text, source: 'TCPIP1.policy' }, { release: 'V2R3' }).diagnostics.map(formatDiagnostic));

// Which rule does the GETAPI job's connection to zCEE's HTTPS port map to?
const conn = { localAddr: '192.168.17.201', localPort: 7419, remoteAddr: '192.168.17.201', remotePort: 9443, direction: 'outbound' } as const;
const r = match(built.policy, { ...conn, jobname: 'USER1GET' });
console.log(r.rule?.name, r.actions?.tls);
// Another job name: no rule, so the connection stays clear text.
console.log(match(built.policy, { ...conn, jobname: 'USER2GET' }).skipped);

// The seed's typo: Policy Agent rejects the whole file.
const typo = text.replace('TTLSKeyringParms ', 'TLSKeyringParms ');
check({ text: typo, source: 'typo.policy' }).diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));
