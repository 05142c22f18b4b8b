/**
 * Typed IRRDBU00 records: one value per unload line the package understands. Field names follow the
 * IBM field names (GPBD_SUPGRP_ID → `supgroup`, USBD_DEFGRP_ID → `defaultGroup` ...). Blank fields
 * are `''`; Yes/No fields are booleans; numbers that are blank are `undefined`.
 */
import * as t from 'io-ts';

/** RACF access authority in an access list or UACC. */
export const AccessLevel = t.keyof({ NONE: null, EXECUTE: null, READ: null, UPDATE: null, CONTROL: null, ALTER: null });
export type AccessLevel = t.TypeOf<typeof AccessLevel>;

/** Group connect authority (GPMEM_AUTH). */
export const ConnectAuthority = t.keyof({ USE: null, CREATE: null, CONNECT: null, JOIN: null });
export type ConnectAuthority = t.TypeOf<typeof ConnectAuthority>;

/** Conditional access type (PERMIT ... WHEN(type(name))). */
export const WhenType = t.keyof({
  APPCPORT: null,
  PROGRAM: null,
  CONSOLE: null,
  TERMINAL: null,
  JESINPUT: null,
  SERVAUTH: null,
  SYSID: null,
  CRITERIA: null,
});
export type WhenType = t.TypeOf<typeof WhenType>;

/** Usage of a certificate in a ring (KEYR_CERT_USAGE). */
export const KeyringUsage = t.keyof({ PERSONAL: null, CERTAUTH: null, SITE: null });
export type KeyringUsage = t.TypeOf<typeof KeyringUsage>;

const optNumber = t.union([t.number, t.undefined]);

export const GroupBasic = t.type({
  type: t.literal('0100'),
  name: t.string,
  supgroup: t.string,
  createDate: t.string,
  owner: t.string,
  uacc: t.string,
  installData: t.string,
  universal: t.boolean,
});
export type GroupBasic = t.TypeOf<typeof GroupBasic>;

export const GroupSubgroup = t.type({ type: t.literal('0101'), name: t.string, subgroup: t.string });
export type GroupSubgroup = t.TypeOf<typeof GroupSubgroup>;

export const GroupMember = t.type({ type: t.literal('0102'), name: t.string, member: t.string, authority: ConnectAuthority });
export type GroupMember = t.TypeOf<typeof GroupMember>;

export const GroupOmvs = t.type({ type: t.literal('0120'), name: t.string, gid: optNumber });
export type GroupOmvs = t.TypeOf<typeof GroupOmvs>;

export const UserBasic = t.type({
  type: t.literal('0200'),
  name: t.string,
  createDate: t.string,
  owner: t.string,
  special: t.boolean,
  operations: t.boolean,
  auditor: t.boolean,
  revoked: t.boolean,
  grpacc: t.boolean,
  adsp: t.boolean,
  uaudit: t.boolean,
  /** USBD_PROGRAMMER: the NAME operand. */
  programmer: t.string,
  defaultGroup: t.string,
  installData: t.string,
  /** USBD_ATTRIBS contains RSTD. */
  restricted: t.boolean,
  /** USBD_NOPWD is PRO (a PROTECTED user: no password, no phrase). */
  protectedUser: t.boolean,
  revokeDate: t.string,
  resumeDate: t.string,
});
export type UserBasic = t.TypeOf<typeof UserBasic>;

export const UserClass = t.type({ type: t.literal('0202'), name: t.string, className: t.string });
export type UserClass = t.TypeOf<typeof UserClass>;

export const UserGroupConnection = t.type({ type: t.literal('0203'), name: t.string, group: t.string });
export type UserGroupConnection = t.TypeOf<typeof UserGroupConnection>;

export const UserConnect = t.type({
  type: t.literal('0205'),
  name: t.string,
  group: t.string,
  connectDate: t.string,
  owner: t.string,
  uacc: t.string,
  adsp: t.boolean,
  special: t.boolean,
  operations: t.boolean,
  revoked: t.boolean,
  grpacc: t.boolean,
  auditor: t.boolean,
});
export type UserConnect = t.TypeOf<typeof UserConnect>;

export const UserCertificate = t.type({ type: t.literal('0207'), name: t.string, certName: t.string, label: t.string });
export type UserCertificate = t.TypeOf<typeof UserCertificate>;

export const UserTso = t.type({
  type: t.literal('0220'),
  name: t.string,
  account: t.string,
  command: t.string,
  proc: t.string,
  size: optNumber,
  maxSize: optNumber,
  jobClass: t.string,
  msgClass: t.string,
  sysoutClass: t.string,
  holdClass: t.string,
  unit: t.string,
});
export type UserTso = t.TypeOf<typeof UserTso>;

export const UserOmvs = t.type({ type: t.literal('0270'), name: t.string, uid: optNumber, home: t.string, program: t.string });
export type UserOmvs = t.TypeOf<typeof UserOmvs>;

export const DatasetBasic = t.type({
  type: t.literal('0400'),
  name: t.string,
  volume: t.string,
  generic: t.boolean,
  createDate: t.string,
  owner: t.string,
  uacc: AccessLevel,
  warning: t.boolean,
  erase: t.boolean,
  level: optNumber,
  auditLevel: t.string,
  notify: t.string,
  installData: t.string,
});
export type DatasetBasic = t.TypeOf<typeof DatasetBasic>;

export const DatasetConditionalAccess = t.type({
  type: t.literal('0402'),
  name: t.string,
  volume: t.string,
  whenType: WhenType,
  whenName: t.string,
  authId: t.string,
  access: AccessLevel,
  netId: t.string,
  criteria: t.string,
});
export type DatasetConditionalAccess = t.TypeOf<typeof DatasetConditionalAccess>;

export const DatasetAccess = t.type({ type: t.literal('0404'), name: t.string, volume: t.string, authId: t.string, access: AccessLevel });
export type DatasetAccess = t.TypeOf<typeof DatasetAccess>;

export const GeneralBasic = t.type({
  type: t.literal('0500'),
  name: t.string,
  className: t.string,
  generic: t.boolean,
  createDate: t.string,
  owner: t.string,
  /** An AccessLevel, or for DIGTCERT the trust status (TRUST, NOTRUST, HIGHTRST). */
  uacc: t.string,
  warning: t.boolean,
  level: optNumber,
  auditLevel: t.string,
  notify: t.string,
  installData: t.string,
  applData: t.string,
});
export type GeneralBasic = t.TypeOf<typeof GeneralBasic>;

export const GeneralAccess = t.type({ type: t.literal('0505'), name: t.string, className: t.string, authId: t.string, access: AccessLevel });
export type GeneralAccess = t.TypeOf<typeof GeneralAccess>;

export const GeneralConditionalAccess = t.type({
  type: t.literal('0507'),
  name: t.string,
  className: t.string,
  whenType: WhenType,
  whenName: t.string,
  authId: t.string,
  access: AccessLevel,
  netId: t.string,
  criteria: t.string,
});
export type GeneralConditionalAccess = t.TypeOf<typeof GeneralConditionalAccess>;

export const StartedData = t.type({
  type: t.literal('0540'),
  name: t.string,
  className: t.string,
  user: t.string,
  group: t.string,
  trusted: t.boolean,
  privileged: t.boolean,
  trace: t.boolean,
});
export type StartedData = t.TypeOf<typeof StartedData>;

export const CertificateData = t.type({
  type: t.literal('0560'),
  name: t.string,
  className: t.string,
  startDate: t.string,
  startTime: t.string,
  endDate: t.string,
  endTime: t.string,
  keyType: t.string,
  keySize: optNumber,
  lastSerial: t.string,
});
export type CertificateData = t.TypeOf<typeof CertificateData>;

export const CertificateNames = t.type({
  type: t.literal('1560'),
  name: t.string,
  className: t.string,
  issuerDn: t.string,
  subjectDn: t.string,
  sigAlg: t.string,
});
export type CertificateNames = t.TypeOf<typeof CertificateNames>;

export const CertificateReference = t.type({ type: t.literal('0561'), name: t.string, className: t.string, ringName: t.string });
export type CertificateReference = t.TypeOf<typeof CertificateReference>;

export const KeyringData = t.type({
  type: t.literal('0562'),
  name: t.string,
  className: t.string,
  certName: t.string,
  /** Blank for a ring record that carries no certificate. */
  usage: t.union([KeyringUsage, t.literal('')]),
  isDefault: t.boolean,
  label: t.string,
});
export type KeyringData = t.TypeOf<typeof KeyringData>;

/** Any record this package decodes. */
export const UnloadRecord = t.union([
  GroupBasic,
  GroupSubgroup,
  GroupMember,
  GroupOmvs,
  UserBasic,
  UserClass,
  UserGroupConnection,
  UserConnect,
  UserCertificate,
  UserTso,
  UserOmvs,
  DatasetBasic,
  DatasetConditionalAccess,
  DatasetAccess,
  GeneralBasic,
  GeneralAccess,
  GeneralConditionalAccess,
  StartedData,
  CertificateData,
  CertificateNames,
  CertificateReference,
  KeyringData,
]);
export type UnloadRecord = t.TypeOf<typeof UnloadRecord>;
