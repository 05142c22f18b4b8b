import type { CertSummary } from './certs';
import type { IbmMessage, SimMessage } from './result';

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
  /** A ztwin explanation (`ZTW-SIM-*`), with the message z/OS shows for it when one is documented. */
  twin: (code: string, where: SimMessage['where'], text: string, ibmMessage?: IbmMessage): SimMessage =>
    ibmMessage === undefined ? { id: code, where, text } : { id: code, where, text, ibmMessage },
};

/*
 * AT-TLS errors. Source: z/OS Communications Server IP Messages Volume 2, EZD1286I ("TTLS Error
 * GRPID: gid ENVID: eid CONNID: cid LOCAL: loc_ip..loc_port REMOTE: rem_ip..rem_port JOBNAME:
 * jobname USERID: userid RULE: rule RC: rcode event", syslog priority ERROR, written to syslogd
 * with AT-TLS trace level 2); IP Diagnosis Guide "AT-TLS return codes" (EZD1286I goes to syslogd,
 * EZD1287I with the same content to the TCP/IP job log at trace level 1; rcode < 5000 is System
 * SSL's, 5001-5999 AT-TLS's). Event names: "Initial Handshake" as the seed lab's EZD1283I shows it,
 * "Environment Init" as the Diagnosis Guide's return code table names it for rc 202.
 */

/** System SSL and AT-TLS return codes the twin predicts, with IBM's short text. */
export const TTLS_RETURN_CODES = {
  // System SSL function return codes (z/OS Cryptographic Services System SSL Programming, as also
  // listed by IBM MQ's "SSL and TLS return codes" and IBM support note swg21285004 for 435).
  8: 'Certificate validation error.',
  202: 'Error detected while opening the key database (AT-TLS: the key ring cannot be opened: it does not exist or the user has no permission).',
  401: 'Certificate is expired or is not valid yet.',
  435: 'Certification authority is unknown.',
  // AT-TLS return codes (IP Diagnosis Guide, "AT-TLS return codes", Table 2).
  5001: 'ClientAuthType is set to Required or SAFCheck, but the client did not provide a certificate.',
  5002: 'ClientAuthType is set to SAFCheck, but the certificate that is supplied by the client is not defined to SAF.',
  5003: 'Clear text data is received on the connection from the remote partner instead of secure data. The connection is terminated.',
  5004: 'The first HandshakeTimeout interval expired without receiving secure data from the remote partner.',
} as const;
export type TtlsReturnCode = keyof typeof TTLS_RETURN_CODES;

/** The System SSL return code for a certificate chain the validating side rejects. */
export function chainReturnCode(problem: string | undefined): TtlsReturnCode {
  if (problem === 'untrusted') return 435;
  if (problem === 'expired' || problem === 'not-yet-valid') return 401;
  return 8;
}

/** One side of an AT-TLS connection as EZD1281I/EZD1286I name it. */
export interface TtlsConnection {
  readonly connId: string;
  /** ip..port */
  readonly local: string;
  readonly remote: string;
  readonly jobName: string;
  readonly userId: string;
  readonly rule: string;
}

/** EZD1286I for a failed AT-TLS event on `c` (GRPID/ENVID are the twin's, like EZD1281I's CONNID). */
export function ttlsError(c: TtlsConnection, rc: TtlsReturnCode, event: 'Initial Handshake' | 'Environment Init'): IbmMessage {
  return {
    id: 'EZD1286I',
    where: 'ttls',
    text: `EZD1286I TTLS Error GRPID: 00000001 ENVID: 00000001 CONNID: ${c.connId} LOCAL: ${c.local} REMOTE: ${c.remote} JOBNAME: ${c.jobName} USERID: ${c.userId} RULE: ${c.rule} RC: ${rc} ${event}`,
    explanation: `${rc < 5000 ? 'System SSL' : 'AT-TLS'} return code ${rc}: ${TTLS_RETURN_CODES[rc]} (also EZD1287I in the TCP/IP job log at AT-TLS trace level 1)`,
  };
}

/**
 * What Liberty writes to messages.log when it, as a TLS client, does not trust the server's
 * certificate and the leaf's dates are not valid at `at`: WSX509TrustManager.processServerTrustError
 * (Open Liberty, com.ibm.ws.ssl) first calls checkIfExpiredBeforeOrAfter(chain), which logs
 * CWPKI0311E (chain[0] not yet valid) or CWPKI0312E (chain[0] expired) and fails the handshake;
 * texts from com.ibm.ws.ssl's ssl.nlsprops. Liberty prints the date as java.util.Date; the twin
 * prints ISO 8601. Undefined when the leaf's dates are valid (then the trust path is at fault).
 */
export function libertyCertificateDates(leaf: CertSummary, at: Date): IbmMessage | undefined {
  if (new Date(leaf.notAfter).getTime() < at.getTime()) {
    return { id: 'CWPKI0312E', where: 'server', text: `CWPKI0312E: The certificate with subject DN ${leaf.subject} has an end date ${leaf.notAfter} which is no longer valid.` };
  }
  if (new Date(leaf.notBefore).getTime() > at.getTime()) {
    return {
      id: 'CWPKI0311E',
      where: 'server',
      text:
        `CWPKI0311E: The certificate with subject DN ${leaf.subject} has a start date ${leaf.notBefore} which is valid after the current date and time.  ` +
        'This can happen if the client clock is set earlier than the server clock.   Please verify the clocks are in sync between this client and server then retry the request.',
    };
  }
  return undefined;
}
