import { readFileSync } from 'node:fs';
import { fixedClock, formatDiagnostic } from '@ztwin/core';
import { checkServerConfig, envText, inMemorySecurityFacts, labSecurityFacts, labServerFiles, readApiRequesterJob, renderFileSet } from '@ztwin/zcee-config';

// The lab's server.xml and its six includes, built with two of the seed's mistakes.
const files = renderFileSet(labServerFiles({ inboundRing: 'Keyring.LIBERTY', apiRequestersElement: 'zoscconnect_apiRequesters' }));
if (files.value === undefined) throw new Error(files.diagnostics.map(formatDiagnostic).join('\n'));
console.log([...files.value.keys()].join(' '));

// Read it back as Liberty would (includes, variables, merge rules) and validate against the
// lab's RACF picture on 2026-11-24.
const result = checkServerConfig(
  { files: files.value, serverConfigDir: '/var/zcee/servers/myServer' },
  { facts: inMemorySecurityFacts(labSecurityFacts()), serverUser: 'LIBSERV', clock: fixedClock('2026-11-24T00:00:00Z') },
);
result.diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));

// The batch API requester job as the seed prints it (CEEOPS instead of CEEOPTS, duplicated EXEC).
const path = '../../../examples/zcee-attls-lab/fixtures/jcl/GETAPI-as-printed.jcl';
const job = readApiRequesterJob(readFileSync(path, 'utf8'), 'GETAPI-as-printed.jcl');
job.diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));
if (job.value !== undefined) console.log(job.value.program, envText(job.value, 'BAQURI') ?? '(no BAQURI: LE never saw the ENVARs)');
