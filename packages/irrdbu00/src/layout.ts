/**
 * Column layouts of the IRRDBU00 records this package reads, as IBM documents them in
 * "Record formats produced by the database unload utility" (z/OS Security Server RACF Macros and
 * Interfaces). Positions are 1-based and inclusive, without the 4-byte RDW of the RECFM=VB data set
 * (a text transfer drops it). Fields are separated by one blank.
 *
 * Cross-checked against the offset tables of the public pyracf project (wizardofzos/pyracf,
 * src/pyracf/data/offsets.json) and against two public IRRDBU00 loaders. Where a layout below rests on
 * one source only it says so.
 */

/** A field's [start, end] columns, 1-based inclusive. */
export type Columns = readonly [start: number, end: number];

/** Record types this package decodes; everything else is counted and skipped. */
export const RECORD_TYPES = [
  '0100', // GPBD   group basic data
  '0101', // GPSGRP group subgroups
  '0102', // GPMEM  group members (connect authority)
  '0120', // GPOMVS group OMVS segment
  '0200', // USBD   user basic data
  '0202', // USCLA  user classes (CLAUTH)
  '0203', // USGCON user group connections
  '0205', // USCON  user connect data
  '0207', // USCERT user certificate name
  '0220', // USTSO  user TSO segment
  '0270', // USOMVS user OMVS segment
  '0400', // DSBD   data set basic data
  '0402', // DSCACC data set conditional access
  '0404', // DSACC  data set access
  '0500', // GRBD   general resource basic data
  '0505', // GRACC  general resource access
  '0507', // GRCACC general resource conditional access
  '0540', // GRST   STARTED class STDATA segment
  '0560', // GRCERT certificate data (DIGTCERT)
  '1560', // CERTN  certificate names (issuer / subject DN)
  '0561', // CERTR  certificate references (rings a certificate is in)
  '0562', // KEYR   key ring data (DIGTRING)
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Group basic data (0100). */
export const GPBD = {
  name: [6, 13],
  supgroup: [15, 22],
  createDate: [24, 33],
  owner: [35, 42],
  uacc: [44, 51],
  notermuacc: [53, 56],
  installData: [58, 312],
  model: [314, 357],
  universal: [359, 362],
} as const;
/** Group subgroups (0101). */
export const GPSGRP = { name: [6, 13], subgroup: [15, 22] } as const;
/** Group members (0102). GPMEM_AUTH: USE, CONNECT, JOIN, CREATE. */
export const GPMEM = { name: [6, 13], member: [15, 22], auth: [24, 31] } as const;
/** Group OMVS data (0120). */
export const GPOMVS = { name: [6, 13], gid: [15, 24] } as const;

/** User basic data (0200). USBD_ATTRIBS holds `RSTD` for RESTRICTED users; USBD_NOPWD `PRO` = PROTECTED. */
export const USBD = {
  name: [6, 13],
  createDate: [15, 24],
  owner: [26, 33],
  adsp: [35, 38],
  special: [40, 43],
  oper: [45, 48],
  revoke: [50, 53],
  grpacc: [55, 58],
  pwdInterval: [60, 62],
  pwdDate: [64, 73],
  programmer: [75, 94],
  defgrp: [96, 103],
  lastjobTime: [105, 112],
  lastjobDate: [114, 123],
  installData: [125, 379],
  uaudit: [381, 384],
  auditor: [386, 389],
  nopwd: [391, 394],
  oidcard: [396, 399],
  pwdGen: [401, 403],
  revokeCnt: [405, 407],
  model: [409, 452],
  seclevel: [454, 456],
  revokeDate: [458, 467],
  resumeDate: [469, 478],
  seclabel: [533, 540],
  attribs: [542, 549],
} as const;
/** User classes (0202): a class the user may define profiles in (CLAUTH). */
export const USCLA = { name: [6, 13], className: [15, 22] } as const;
/** User group connections (0203). */
export const USGCON = { name: [6, 13], group: [15, 22] } as const;
/** User connect data (0205). */
export const USCON = {
  name: [6, 13],
  group: [15, 22],
  connectDate: [24, 33],
  owner: [35, 42],
  lastconTime: [44, 51],
  lastconDate: [53, 62],
  uacc: [64, 71],
  initCnt: [73, 77],
  adsp: [79, 82],
  special: [84, 87],
  oper: [89, 92],
  revoke: [94, 97],
  grpacc: [99, 102],
  notermuacc: [104, 107],
  audit: [109, 112],
  revokeDate: [114, 123],
  resumeDate: [125, 134],
} as const;
/** User certificate name (0207): the DIGTCERT profile name and label of a certificate the user owns. */
export const USCERT = { name: [6, 13], certName: [15, 260], label: [262, 293] } as const;
/** User TSO data (0220). */
export const USTSO = {
  name: [6, 13],
  account: [15, 54],
  command: [56, 135],
  dest: [137, 144],
  holdClass: [146, 146],
  jobClass: [148, 148],
  proc: [150, 157],
  size: [159, 168],
  msgClass: [170, 170],
  maxSize: [172, 181],
  perfGroup: [183, 192],
  sysoutClass: [194, 194],
  userData: [196, 203],
  unit: [205, 212],
  seclabel: [214, 221],
} as const;
/** User OMVS data (0270). */
export const USOMVS = { name: [6, 13], uid: [15, 24], home: [26, 1048], program: [1050, 2072] } as const;

/** Data set basic data (0400). DSBD_VOL is blank for generic profiles. */
export const DSBD = {
  name: [6, 49],
  vol: [51, 56],
  generic: [58, 61],
  createDate: [63, 72],
  owner: [74, 81],
  uacc: [129, 136],
  grpds: [138, 141],
  auditLevel: [143, 150],
  grpId: [152, 159],
  dsType: [161, 168],
  level: [170, 172],
  installData: [192, 446],
  warning: [484, 487],
  seclevel: [489, 491],
  notify: [493, 500],
  retention: [502, 506],
  erase: [508, 511],
  seclabel: [513, 520],
} as const;
/** Data set conditional access (0402). */
export const DSCACC = {
  name: [6, 49],
  vol: [51, 56],
  catype: [58, 65],
  caname: [67, 74],
  authId: [76, 83],
  access: [85, 92],
  accessCnt: [94, 98],
  netId: [100, 107],
  criteria: [109, 352],
} as const;
/** Data set access (0404). */
export const DSACC = { name: [6, 49], vol: [51, 56], authId: [58, 65], access: [67, 74], accessCnt: [76, 80] } as const;

/**
 * General resource basic data (0500). For DIGTCERT profiles GRBD_UACC is the trust status (TRUST,
 * NOTRUST, HIGHTRST) and GRBD_APPL_DATA the owning user id (irrcerta / irrsitec for CERTAUTH / SITE).
 */
export const GRBD = {
  name: [6, 251],
  className: [253, 260],
  generic: [262, 265],
  classNumber: [267, 269],
  createDate: [271, 280],
  owner: [282, 289],
  uacc: [337, 344],
  auditLevel: [346, 353],
  level: [355, 357],
  installData: [368, 622],
  warning: [660, 663],
  notify: [680, 687],
  applData: [754, 1008],
  seclabel: [1010, 1017],
} as const;
/** General resource access (0505). */
export const GRACC = { name: [6, 251], className: [253, 260], authId: [262, 269], access: [271, 278], accessCnt: [280, 284] } as const;
/** General resource conditional access (0507) (pyracf offsets; same shape as 0402 shifted to the 246-byte name). */
export const GRCACC = {
  name: [6, 251],
  className: [253, 260],
  catype: [262, 269],
  caname: [271, 278],
  authId: [280, 287],
  access: [289, 296],
  accessCnt: [298, 302],
  netId: [304, 311],
  criteria: [313, 556],
} as const;
/** STARTED class STDATA (0540). */
export const GRST = {
  name: [6, 251],
  className: [253, 260],
  user: [262, 269],
  group: [271, 278],
  trusted: [280, 283],
  privileged: [285, 288],
  trace: [290, 293],
} as const;
/**
 * Certificate data (0560). GRCERT_KEY_TYPE: PKCSDER, ICSFTOKN, PCICCTKN, DSA, ... ; blank = no private
 * key; PUBTOKEN = only the public key is in ICSF. Seen in an older public loader (substr offsets) and
 * the IBM field list; the CERTDATA segment itself (the DER) is never unloaded.
 */
export const GRCERT = {
  name: [6, 251],
  className: [253, 260],
  startDate: [262, 271],
  startTime: [273, 280],
  endDate: [282, 291],
  endTime: [293, 300],
  keyType: [302, 309],
  keySize: [311, 320],
  lastSerial: [322, 337],
  ringSeqn: [339, 348],
} as const;
/** Certificate names (1560), z/OS V2R1 and later: issuer and subject DN, signature algorithm. */
export const CERTN = { name: [6, 251], className: [253, 260], issuerDn: [262, 1285], subjectDn: [1287, 2310], sigAlg: [2312, 2327] } as const;
/** Certificate references (0561): a DIGTRING profile this certificate is connected to. */
export const CERTR = { name: [6, 251], className: [253, 260], ringName: [262, 507] } as const;
/** Key ring data (0562): one record per certificate in a ring. */
export const KEYR = {
  name: [6, 251],
  className: [253, 260],
  certName: [262, 507],
  usage: [509, 516],
  isDefault: [518, 521],
  label: [523, 554],
} as const;
