// Writes the lab's AT-TLS policy (NCA builder) and z/OS Connect EE configuration (zcee-config)
// into a directory, for the CLI steps of docs/guides/end-to-end.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildNcaPolicy, renderPolicy } from '@ztwin/attls-policy';
import { labServerFiles, renderFileSet } from '@ztwin/zcee-config';

const out = process.argv[2] ?? join(tmpdir(), 'ztwin-lab');

// 1. AT-TLS: the objects the lab enters in the z/OSMF Network Configuration Assistant.
const { policy, errors } = buildNcaPolicy({
  image: { name: 'WG31', keyring: 'Liberty.KeyRing', release: 'V2R3', traceLevel: 7 },
  stack: { name: 'TCPIP1' },
  trafficDescriptors: [
    { name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9443, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' },
  ],
  securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
  requirementMaps: [{ name: 'zCEERequirementMap', mappings: [{ trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' }] }],
  rules: [{ name: 'zCEEClientRule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
});
const rendered = renderPolicy(policy);
if (errors.length > 0 || rendered.text === undefined) throw new Error('policy does not render');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'TCPIP1.policy'), rendered.text);

// 2. zCEE: the lab's server.xml and includes, corrected (server/) and as the seed has them (seed/).
const write = (dir: string, files: Map<string, string>): void => {
  for (const [path, text] of files) {
    mkdirSync(dirname(join(out, dir, path)), { recursive: true });
    writeFileSync(join(out, dir, path), text);
  }
};
const fixed = renderFileSet(labServerFiles());
const seed = renderFileSet(labServerFiles({ inboundRing: 'Keyring.LIBERTY', apiRequestersElement: 'zoscconnect_apiRequesters' }));
const noSecure = renderFileSet(labServerFiles({ requireSecure: false }));
if (fixed.value === undefined || seed.value === undefined || noSecure.value === undefined) throw new Error('server files do not render');
write('server', fixed.value);
write('seed', seed.value);
write('server-http', noSecure.value);
console.log(`wrote ${out}/TCPIP1.policy, ${out}/server/, ${out}/seed/, ${out}/server-http/`);
