import type { SimMessage } from './result';

/*
 * IBM message ids and texts. Sources:
 * - seed lab (IBM zCEE V3 "Customization - Security and MVS Batch", 2020): BAQI0005E with
 *   HWTHRQST RC=262 RSC=6 (redirect) and RSC=0 (connectivity lost), BAQR7115E, ICH408I ...
 *   INVALID PASSWORD, IRR013I, IRR012I, CWWKO0801E ... plaintext connection?, EZD1281I.
 * - BAQRINFO copybook (zCEE V3): BAQ-RETURN-CODE 1 = ERROR-IN-API, 2 = ERROR-IN-ZCEE, 3 = ERROR-IN-STUB.
 * - Liberty messages: CWWKS9104A (format as in Open Liberty's tests: "Authorization failed for user
 *   U while invoking APP on URI. The user is not granted access to any of the required roles:
 *   [..]"), CWWKS2907E (as a published z/OS Liberty log shows it, SAF/RACF rc 8, reason 0x20),
 *   CWPKI0022E (published logs), CWWKO0801E (seed lab). CWWKS1100A's wording ("Authentication did
 *   not succeed for user ID U. An invalid user ID or password was specified.") is the Liberty
 *   catalogue's as remembered; Open Liberty's code fallback says "Authentication failed for the
 *   userid U. A bad userid and/or password was specified.".
 * Where IBM has no single message for a situation, the twin says so with a ZTW-* code.
 */

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** ICH408I prefix as RACF formats it: USER(8) GROUP(8) NAME(20), blank padded. */
function ich408Prefix(user: string, group: string | undefined, name: string | undefined): string {
  return `ICH408I USER(${pad(user, 8)}) GROUP(${pad(group ?? '', 8)}) NAME(${pad(name ?? '', 20)})`;
}

export const msg = {
  redirectStub: (): SimMessage => ({
    id: 'BAQI0005E',
    where: 'stub',
    text:
      'BAQI0005E: Unable to send request to or receive response from the z/OS Connect EE server.' +
      'HWTHRQST RC=262(0x106) RSC=6 RSN=A redirect status was returned but no redirect location was provided.',
  }),
  connectivityLostStub: (): SimMessage => ({
    id: 'BAQI0005E',
    where: 'stub',
    text: 'BAQI0005E: Unable to send request to or receive response from the z/OS Connect EE server.HWTHRQST RC=262(0x106) RSC=0 RSN=Connectivity appears to be lost',
  }),
  plaintextOnTlsPortServer: (): SimMessage => ({
    id: 'CWWKO0801E',
    where: 'server',
    text:
      'CWWKO0801E: Unable to initialize SSL connection. Unauthorized access was denied or security settings have expired. ' +
      'Exception is javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?',
  }),
  sslInitFailed: (where: 'server' | 'provider', exception: string): SimMessage => ({
    id: 'CWWKO0801E',
    where,
    text: `CWWKO0801E: Unable to initialize SSL connection. Unauthorized access was denied or security settings have expired. Exception is ${exception}`,
  }),
  signerNotTrusted: (subject: string, trustStore: string): SimMessage => ({
    id: 'CWPKI0022E',
    where: 'server',
    text: `CWPKI0022E: SSL HANDSHAKE FAILURE: A signer with SubjectDN ${subject} was sent from the target host. The signer might need to be added to local trust store ${trustStore}.`,
  }),
  invalidPassword: (user: string, group: string | undefined, name: string | undefined): SimMessage[] => [
    { id: 'ICH408I', where: 'syslog', text: `${ich408Prefix(user, group, name)} LOGON/JOB INITIATION - INVALID PASSWORD` },
    { id: 'IRR013I', where: 'syslog', text: 'IRR013I VERIFICATION FAILED. INVALID PASSWORD GIVEN.' },
  ],
  revoked: (user: string, group: string | undefined, name: string | undefined): SimMessage => ({
    id: 'ICH408I',
    where: 'syslog',
    text: `${ich408Prefix(user, group, name)} LOGON/JOB INITIATION - REVOKED USER ACCESS ATTEMPT`,
  }),
  /** JES/RACF at submission (format as a published JES log shows it), then JES2 deletes the job. */
  submitterNotAuthorized: (user: string, group: string | undefined, name: string | undefined, submitter: string): string =>
    `${ich408Prefix(user, group, name)} SUBMITTER(${pad(submitter, 8)}) LOGON/JOB INITIATION - SUBMITTER IS NOT AUTHORIZED BY USER; ` +
    '$HASP106 JOB DELETED BY JES2 OR CANCELLED BY OPERATOR BEFORE EXECUTION',
  userNotFound: (): SimMessage => ({ id: 'IRR012I', where: 'syslog', text: 'IRR012I VERIFICATION FAILED. USER PROFILE NOT FOUND.' }),
  authenticationFailed: (user: string): SimMessage => ({
    id: 'CWWKS1100A',
    where: 'server',
    text: `CWWKS1100A: Authentication did not succeed for user ID ${user}. An invalid user ID or password was specified.`,
  }),
  unauthorizedStub: (): SimMessage => ({ id: 'HTTP401', where: 'stub', text: 'Unauthorized' }),
  applDenied: (user: string, prefix: string): SimMessage => ({
    id: 'CWWKS2907E',
    where: 'server',
    text:
      `CWWKS2907E: SAF Service IRRSIA00_CREATE did not succeed because user ${user} has insufficient authority to access APPL-ID ${prefix}. ` +
      'SAF return code 0x00000008. RACF return code 0x00000008. RACF reason code 0x00000020.',
  }),
  resourceDenied: (user: string, group: string | undefined, name: string | undefined, resource: string, cls: string): SimMessage => ({
    id: 'ICH408I',
    where: 'syslog',
    text: `${ich408Prefix(user, group, name)} ${resource} CL(${pad(cls, 8)}) INSUFFICIENT ACCESS AUTHORITY ACCESS INTENT(READ   ) ACCESS ALLOWED(NONE   )`,
  }),
  roleDenied: (user: string, app: string, uri: string, role: string): SimMessage => ({
    id: 'CWWKS9104A',
    where: 'server',
    text: `CWWKS9104A: Authorization failed for user ${user} while invoking ${app} on ${uri}. The user is not granted access to any of the required roles: [${role}].`,
  }),
  assertedNotAuthorized: (user: string, requester: string): SimMessage => ({
    id: 'BAQR7115E',
    where: 'stub',
    text: `BAQR7115E: The asserted user ID ${user} is not authorized to invoke the API requester on resource /zosConnect/apiRequesters/${requester}.`,
  }),
  ttlsMap: (connId: string, local: string, remote: string, job: string, user: string, rule: string, actions: readonly string[], type: 'InBound' | 'OutBound' = 'OutBound'): SimMessage => ({
    id: 'EZD1281I',
    where: 'ttls',
    text: `EZD1281I TTLS Map CONNID: ${connId} LOCAL: ${local} REMOTE: ${remote} JOBNAME: ${job} USERID: ${user} TYPE: ${type} STATUS: Enabled RULE: ${rule} ACTIONS: ${actions.join(' ')}`,
  }),
  twin: (code: string, where: SimMessage['where'], text: string): SimMessage => ({ id: code, where, text }),
};
