/**
 * Writing typed records back as IRRDBU00 lines (the inverse of decode), from the same documented
 * layouts. Used by the synthetic-unload generator and the round-trip tests. A value that would be
 * read back differently (too wide for its field, a blank inside an id, a line end, trailing blanks in
 * text) is refused, never written.
 */
import * as E from 'fp-ts/Either';
import {
  CERTN,
  CERTR,
  type Columns,
  DSACC,
  DSBD,
  DSCACC,
  GPBD,
  GPMEM,
  GPOMVS,
  GPSGRP,
  GRACC,
  GRBD,
  GRCACC,
  GRCERT,
  GRST,
  KEYR,
  USBD,
  USCERT,
  USCLA,
  USCON,
  USGCON,
  USOMVS,
  USTSO,
} from './layout';
import { type UnloadRecord } from './records';

/** How a field is written: an id-like token, free text, YES/NO, an integer. */
type Kind = 'tok' | 'txt' | 'flag' | 'num';
type Spec = readonly (readonly [field: string, cols: Columns, kind: Kind])[];

const SPECS: Record<UnloadRecord['type'], Spec> = {
  '0100': [
    ['name', GPBD.name, 'tok'],
    ['supgroup', GPBD.supgroup, 'tok'],
    ['createDate', GPBD.createDate, 'tok'],
    ['owner', GPBD.owner, 'tok'],
    ['uacc', GPBD.uacc, 'tok'],
    ['installData', GPBD.installData, 'txt'],
    ['universal', GPBD.universal, 'flag'],
  ],
  '0101': [
    ['name', GPSGRP.name, 'tok'],
    ['subgroup', GPSGRP.subgroup, 'tok'],
  ],
  '0102': [
    ['name', GPMEM.name, 'tok'],
    ['member', GPMEM.member, 'tok'],
    ['authority', GPMEM.auth, 'tok'],
  ],
  '0120': [
    ['name', GPOMVS.name, 'tok'],
    ['gid', GPOMVS.gid, 'num'],
  ],
  '0200': [
    ['name', USBD.name, 'tok'],
    ['createDate', USBD.createDate, 'tok'],
    ['owner', USBD.owner, 'tok'],
    ['adsp', USBD.adsp, 'flag'],
    ['special', USBD.special, 'flag'],
    ['operations', USBD.oper, 'flag'],
    ['revoked', USBD.revoke, 'flag'],
    ['grpacc', USBD.grpacc, 'flag'],
    ['programmer', USBD.programmer, 'txt'],
    ['defaultGroup', USBD.defgrp, 'tok'],
    ['installData', USBD.installData, 'txt'],
    ['uaudit', USBD.uaudit, 'flag'],
    ['auditor', USBD.auditor, 'flag'],
    ['protectedUser', USBD.nopwd, 'flag'],
    ['revokeDate', USBD.revokeDate, 'tok'],
    ['resumeDate', USBD.resumeDate, 'tok'],
    ['restricted', USBD.attribs, 'flag'],
  ],
  '0202': [
    ['name', USCLA.name, 'tok'],
    ['className', USCLA.className, 'tok'],
  ],
  '0203': [
    ['name', USGCON.name, 'tok'],
    ['group', USGCON.group, 'tok'],
  ],
  '0205': [
    ['name', USCON.name, 'tok'],
    ['group', USCON.group, 'tok'],
    ['connectDate', USCON.connectDate, 'tok'],
    ['owner', USCON.owner, 'tok'],
    ['uacc', USCON.uacc, 'tok'],
    ['adsp', USCON.adsp, 'flag'],
    ['special', USCON.special, 'flag'],
    ['operations', USCON.oper, 'flag'],
    ['revoked', USCON.revoke, 'flag'],
    ['grpacc', USCON.grpacc, 'flag'],
    ['auditor', USCON.audit, 'flag'],
  ],
  '0207': [
    ['name', USCERT.name, 'tok'],
    ['certName', USCERT.certName, 'tok'],
    ['label', USCERT.label, 'txt'],
  ],
  '0220': [
    ['name', USTSO.name, 'tok'],
    ['account', USTSO.account, 'txt'],
    ['command', USTSO.command, 'txt'],
    ['holdClass', USTSO.holdClass, 'tok'],
    ['jobClass', USTSO.jobClass, 'tok'],
    ['proc', USTSO.proc, 'tok'],
    ['size', USTSO.size, 'num'],
    ['msgClass', USTSO.msgClass, 'tok'],
    ['maxSize', USTSO.maxSize, 'num'],
    ['sysoutClass', USTSO.sysoutClass, 'tok'],
    ['unit', USTSO.unit, 'tok'],
  ],
  '0270': [
    ['name', USOMVS.name, 'tok'],
    ['uid', USOMVS.uid, 'num'],
    ['home', USOMVS.home, 'txt'],
    ['program', USOMVS.program, 'txt'],
  ],
  '0400': [
    ['name', DSBD.name, 'tok'],
    ['volume', DSBD.vol, 'tok'],
    ['generic', DSBD.generic, 'flag'],
    ['createDate', DSBD.createDate, 'tok'],
    ['owner', DSBD.owner, 'tok'],
    ['uacc', DSBD.uacc, 'tok'],
    ['auditLevel', DSBD.auditLevel, 'tok'],
    ['level', DSBD.level, 'num'],
    ['installData', DSBD.installData, 'txt'],
    ['warning', DSBD.warning, 'flag'],
    ['notify', DSBD.notify, 'tok'],
    ['erase', DSBD.erase, 'flag'],
  ],
  '0402': [
    ['name', DSCACC.name, 'tok'],
    ['volume', DSCACC.vol, 'tok'],
    ['whenType', DSCACC.catype, 'tok'],
    ['whenName', DSCACC.caname, 'tok'],
    ['authId', DSCACC.authId, 'tok'],
    ['access', DSCACC.access, 'tok'],
    ['netId', DSCACC.netId, 'tok'],
    ['criteria', DSCACC.criteria, 'txt'],
  ],
  '0404': [
    ['name', DSACC.name, 'tok'],
    ['volume', DSACC.vol, 'tok'],
    ['authId', DSACC.authId, 'tok'],
    ['access', DSACC.access, 'tok'],
  ],
  '0500': [
    ['name', GRBD.name, 'tok'],
    ['className', GRBD.className, 'tok'],
    ['generic', GRBD.generic, 'flag'],
    ['createDate', GRBD.createDate, 'tok'],
    ['owner', GRBD.owner, 'tok'],
    ['uacc', GRBD.uacc, 'tok'],
    ['auditLevel', GRBD.auditLevel, 'tok'],
    ['level', GRBD.level, 'num'],
    ['installData', GRBD.installData, 'txt'],
    ['warning', GRBD.warning, 'flag'],
    ['notify', GRBD.notify, 'tok'],
    ['applData', GRBD.applData, 'txt'],
  ],
  '0505': [
    ['name', GRACC.name, 'tok'],
    ['className', GRACC.className, 'tok'],
    ['authId', GRACC.authId, 'tok'],
    ['access', GRACC.access, 'tok'],
  ],
  '0507': [
    ['name', GRCACC.name, 'tok'],
    ['className', GRCACC.className, 'tok'],
    ['whenType', GRCACC.catype, 'tok'],
    ['whenName', GRCACC.caname, 'tok'],
    ['authId', GRCACC.authId, 'tok'],
    ['access', GRCACC.access, 'tok'],
    ['netId', GRCACC.netId, 'tok'],
    ['criteria', GRCACC.criteria, 'txt'],
  ],
  '0540': [
    ['name', GRST.name, 'tok'],
    ['className', GRST.className, 'tok'],
    ['user', GRST.user, 'tok'],
    ['group', GRST.group, 'tok'],
    ['trusted', GRST.trusted, 'flag'],
    ['privileged', GRST.privileged, 'flag'],
    ['trace', GRST.trace, 'flag'],
  ],
  '0560': [
    ['name', GRCERT.name, 'tok'],
    ['className', GRCERT.className, 'tok'],
    ['startDate', GRCERT.startDate, 'tok'],
    ['startTime', GRCERT.startTime, 'tok'],
    ['endDate', GRCERT.endDate, 'tok'],
    ['endTime', GRCERT.endTime, 'tok'],
    ['keyType', GRCERT.keyType, 'tok'],
    ['keySize', GRCERT.keySize, 'num'],
    ['lastSerial', GRCERT.lastSerial, 'tok'],
  ],
  '1560': [
    ['name', CERTN.name, 'tok'],
    ['className', CERTN.className, 'tok'],
    ['issuerDn', CERTN.issuerDn, 'txt'],
    ['subjectDn', CERTN.subjectDn, 'txt'],
    ['sigAlg', CERTN.sigAlg, 'tok'],
  ],
  '0561': [
    ['name', CERTR.name, 'tok'],
    ['className', CERTR.className, 'tok'],
    ['ringName', CERTR.ringName, 'tok'],
  ],
  '0562': [
    ['name', KEYR.name, 'tok'],
    ['className', KEYR.className, 'tok'],
    ['certName', KEYR.certName, 'tok'],
    ['usage', KEYR.usage, 'tok'],
    ['isDefault', KEYR.isDefault, 'flag'],
    ['label', KEYR.label, 'txt'],
  ],
};

/** Fields whose "true" is written as a word other than YES. */
const FLAG_WORDS: Record<string, readonly [string, string]> = {
  protectedUser: ['PRO', 'NO'],
  restricted: ['RSTD', ''],
};

export interface RenderOptions {
  /** Pad every field to its full width (as the z/OS data set holds it) instead of stripping trailing blanks. */
  readonly trailingBlanks?: boolean;
}

/** Render one record as an IRRDBU00 line (without line end), or say why it cannot be written faithfully. */
export function renderRecord(rec: UnloadRecord, options: RenderOptions = {}): E.Either<string, string> {
  const spec = SPECS[rec.type];
  const values = rec as unknown as Record<string, unknown>;
  let line: string = rec.type;
  for (const [field, [start, end], kind] of spec) {
    const width = end - start + 1;
    const raw = values[field];
    let text: string;
    switch (kind) {
      case 'flag': {
        const words = FLAG_WORDS[field] ?? ['YES', 'NO'];
        text = raw === true ? words[0] : words[1];
        break;
      }
      case 'num':
        if (raw === undefined) text = '';
        else if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) text = String(raw);
        else return E.left(`${rec.type} ${field}: ${String(raw)} is not a non-negative integer`);
        break;
      default:
        if (typeof raw !== 'string') return E.left(`${rec.type} ${field}: not a string`);
        text = raw;
    }
    if (text.length > width) return E.left(`${rec.type} ${field}: '${text}' is longer than its ${width}-column field`);
    if (/[\r\n]/.test(text)) return E.left(`${rec.type} ${field}: contains a line end`);
    if (kind === 'tok' && text.includes(' ')) return E.left(`${rec.type} ${field}: '${text}' contains a blank`);
    if (kind === 'txt' && text !== text.trimEnd()) return E.left(`${rec.type} ${field}: trailing blanks would be lost`);
    line = line.padEnd(start - 1, ' ') + text;
    if (options.trailingBlanks === true) line = line.padEnd(end, ' ');
  }
  return E.right(line);
}
