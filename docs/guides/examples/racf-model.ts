import { formatDiagnostic } from '@ztwin/core';
import { applyDeck, checkAccess, createState, diffStates, renderState, serializeState } from '@ztwin/racf-model';

const deck = `
ADDGROUP LIBGRP
ADDUSER LIBSERV DFLTGRP(LIBGRP) NOPASSWORD
SETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)
RDEFINE FACILITY IRR.DIGTCERT.LISTRING UACC(NONE)
PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(LIBSERV) ACCESS(READ)
PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(NOSUCHID) ACCESS(READ)
`;
const before = applyDeck(createState(), deck, { source: 'lab.racf' });
before.diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));

const req = { user: 'LIBSERV', class: 'FACILITY', resource: 'IRR.DIGTCERT.LISTRING', access: 'READ' } as const;
// The PERMIT is not in effect yet: FACILITY is RACLISTed and was not refreshed.
console.log(JSON.stringify(checkAccess(before.state, req), null, 2));

const after = applyDeck(before.state, 'SETROPTS RACLIST(FACILITY) REFRESH', { source: 'refresh.racf' });
console.log(JSON.stringify(checkAccess(after.state, req), null, 2));

console.log(diffStates(before.state, after.state));
console.log(renderState(after.state));
// A JSON document (io-ts codec RacfStateJson); password hashes and keys only when asked for.
console.log(Object.keys(serializeState(after.state)).join(' '));
