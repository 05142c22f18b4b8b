import { applyDeck, checkAccess, createState } from '@ztwin/racf-model';

const deck = `
ADDGROUP ZCEEUSRS
ADDUSER USER1 DFLTGRP(SYS1)
CONNECT USER1 GROUP(ZCEEUSRS)
SETROPTS GRPLIST CLASSACT(APPL) RACLIST(APPL)
RDEFINE APPL BBGZDFLT UACC(NONE)
PERMIT BBGZDFLT CLASS(APPL) ID(ZCEEUSRS) ACCESS(READ)
`;
const before = applyDeck(createState(), deck, { source: 'zcee.racf' });
const ask = { user: 'USER1', class: 'APPL', resource: 'BBGZDFLT', access: 'READ' } as const;
console.log(checkAccess(before.state, ask).decision); // PERMIT waits for the REFRESH
const after = applyDeck(before.state, 'SETROPTS RACLIST(APPL) REFRESH', {});
console.log(JSON.stringify(checkAccess(after.state, ask)));
