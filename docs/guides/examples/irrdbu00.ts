import { Readable } from 'node:stream';
import { formatDiagnostic } from '@ztwin/core';
import { checkAccess, listRings, listUsers } from '@ztwin/racf-model';
import { generateUnload, importUnload, parseDigtringName, parseUnload } from '@ztwin/irrdbu00';

async function main(): Promise<void> {
  // A deterministic synthetic unload; a real one (IRRDBU00 output sent as text) reads the same way.
  const lines = [...generateUnload({ users: 5, groups: 2, datasetProfiles: 4, profilesPerClass: 2, certificates: 2, seed: 7 })];
  console.log(lines.length, 'records; first:', JSON.stringify(lines[0]?.slice(0, 40)));

  const { state, diagnostics, counts } = await importUnload(Readable.from([lines.join('\n')]), {
    source: 'SYS1.IRRDBU00',
    // SETROPTS options are not in an unload: say which classes are active and generic.
    classes: { active: ['FACILITY'], generic: ['DATASET', 'FACILITY'] },
    setropts: { egn: true },
  });
  diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));
  console.log({ records: counts.records, malformed: counts.malformed, users: counts.byType['0200'] });
  console.log(listUsers(state).map((u) => u.id).join(' '), '| rings:', listRings(state).map((r) => `${r.owner}/${r.name}`).join(' '));
  console.log(checkAccess(state, { user: 'U0000003', class: 'DATASET', resource: 'U0000000.D0000000.PAYROLL', access: 'READ' }).decision);

  // DIGTRING profile names are owner.ring
  console.log(parseDigtringName('LIBSERV.Liberty.KeyRing'));

  // Bad records are diagnostics with line and column, never exceptions.
  parseUnload('0404 SYS1.**'.padEnd(57) + 'IBMUSER'.padEnd(9) + 'WRITE', 'BAD.UNLOAD').diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));
}
void main();
