/**
 * The seed lab's server (z/OS Connect EE server `myServer`, started task BAQSTRT running as
 * LIBSERV) built from code: server.xml with its six includes, written in our own words after the
 * lab's excerpts. Options reproduce the lab's deliberate mistakes for negative tests.
 */
import {
  apiRequesters,
  auditInterceptor,
  authorizationInterceptor,
  cicsIpicConnection,
  endpointConnection,
  featureManager,
  httpEndpoint,
  include,
  keyStore,
  rawElement,
  safAuthorization,
  safCredentials,
  safKeyringUrl,
  safRegistry,
  serverFile,
  services,
  ssl,
  sslDefault,
  zosConnectAPIs,
  zosConnectInterceptors,
  zosConnectManager,
} from './builder';
import type { SecurityFactsData } from './facts';
import type { XmlDocument } from './xml';

export const LAB_SERVER_CONFIG_DIR = '/var/zosconnect/servers/myServer';
export const LAB_SERVER_USER = 'LIBSERV';
export const LAB_INCLUDES = ['safSecurity.xml', 'ipic.xml', 'keyringOutboundMutual.xml', 'apiRequesterHTTPS.xml', 'groupAccess.xml', 'shared.xml'] as const;

export interface LabOptions {
  /** Ring named by the inbound keyStore (the lab's mistake: `Keyring.LIBERTY`). */
  readonly inboundRing?: string;
  /** Element name for the API requester settings (the lab's mistake: `zoscconnect_apiRequesters`). */
  readonly apiRequestersElement?: string;
  /** requireSecure of the cscvincapi_1.0.0 API requester (the lab switches it off and on). */
  readonly requireSecure?: boolean;
  /** File name used in server.xml's include of the key ring file (the lab's typo: `keyringOutboundMutua.xml`). */
  readonly keyringIncludeName?: string;
}

/** The lab's files, keyed by path relative to ${server.config.dir}. */
export function labServerFiles(o: LabOptions = {}): Record<string, XmlDocument> {
  const inc = (f: string) => include({ location: `/\${server.config.dir}/includes/${f}` });
  const keyringName = o.keyringIncludeName ?? 'keyringOutboundMutual.xml';
  const server = serverFile('z/OS Connect EE server myServer', [
    { comment: 'Enable features' },
    featureManager(['zosconnect:zosConnect-2.0']),
    'blank',
    httpEndpoint({ id: 'defaultHttpEndpoint', host: '*', httpPort: 9080, httpsPort: 9443 }),
    'blank',
    ...LAB_INCLUDES.map((f) => inc(f === 'keyringOutboundMutual.xml' ? keyringName : f)),
  ]);
  const safSecurity = serverFile('SAF security', [
    featureManager(['appSecurity-2.0', 'zosSecurity-1.0']),
    safRegistry({ id: 'saf' }),
    safAuthorization({ id: 'saf', racRouteLog: 'ASIS' }),
    safCredentials({ profilePrefix: 'BBGZDFLT', unauthenticatedUser: 'WSGUEST' }),
  ]);
  const ipic = serverFile('CICS IPIC connection', [
    featureManager(['zosconnect:cicsService-1.0']),
    cicsIpicConnection({ id: 'cscvinc', host: 'wg31.washington.ibm.com', port: 1491 }),
  ]);
  const keyring = serverFile('mutual TLS inbound, client certificate outbound', [
    { comment: 'Enable features' },
    featureManager(['transportSecurity-1.0']),
    'blank',
    sslDefault({ sslRef: 'DefaultSSLSettings', outboundSSLRef: 'OutboundSSLSettings' }),
    'blank',
    ssl({ id: 'DefaultSSLSettings', keyStoreRef: 'CellDefaultKeyStore', trustStoreRef: 'CellDefaultKeyStore', clientAuthenticationSupported: true, clientAuthentication: true }),
    'blank',
    keyStore({ id: 'CellDefaultKeyStore', location: safKeyringUrl(o.inboundRing ?? 'Liberty.KeyRing'), password: 'password', type: 'JCERACFKS', fileBased: false, readOnly: true }),
    'blank',
    ssl({ id: 'OutboundSSLSettings', keyStoreRef: 'OutboundKeyStore', trustStoreRef: 'OutboundKeyStore' }),
    'blank',
    keyStore({ id: 'OutboundKeyStore', location: safKeyringUrl('zCEE.KeyRing'), password: 'password', type: 'JCERACFKS', fileBased: false, readOnly: true }),
  ]);
  const requesters = apiRequesters({
    location: '/var/zcee/shared/apiRequesters',
    idAssertion: 'ASSERT_ONLY',
    requesters: [{ name: 'cscvincapi_1.0.0', requireSecure: o.requireSecure ?? true }],
  });
  const apiRequesterHTTPS = serverFile('API requester', [
    { comment: 'Enable features' },
    featureManager(['zosconnect:apiRequester-1.0']),
    o.apiRequestersElement === undefined ? requesters : rawElement(o.apiRequestersElement, Object.fromEntries(requesters.attributes.map((a) => [a.name, a.value])), requesters.children),
    endpointConnection({ id: 'cscvincAPI', host: 'https://wg31.washington.ibm.com', port: 9443, sslCertsRef: 'OutboundSSLSettings', connectionTimeout: '10s', receiveTimeout: '20s' }),
  ]);
  const groupAccess = serverFile('group security', [
    zosConnectManager({ globalInterceptorsRef: 'interceptorList_g', globalAdminGroup: ['GMADMIN'], globalOperationsGroup: ['GMOPERS'], globalInvokeGroup: ['GMINVOKE'], globalReaderGroup: ['GMREADR'] }),
    authorizationInterceptor('auth'),
    auditInterceptor('audit'),
    zosConnectInterceptors('interceptorList_g', ['auth', 'audit']),
  ]);
  const shared = serverFile('shared APIs and services', [zosConnectAPIs('/var/zcee/shared/apis'), services('/var/zcee/shared/services')]);
  return {
    'server.xml': server,
    'includes/safSecurity.xml': safSecurity,
    'includes/ipic.xml': ipic,
    'includes/keyringOutboundMutual.xml': keyring,
    'includes/apiRequesterHTTPS.xml': apiRequesterHTTPS,
    'includes/groupAccess.xml': groupAccess,
    'includes/shared.xml': shared,
  };
}

/**
 * RACF facts of the lab as plain data: users, groups, LIBSERV's rings. The outbound client
 * certificate has NOTAFTER 2022-12-31 as in the lab's GENCERT, so it has expired by 2026.
 */
export function labSecurityFacts(o: { readonly clientCertNotAfter?: string } = {}): SecurityFactsData {
  return {
    users: ['USER1', 'USER2', 'LIBSERV', 'WSGUEST'],
    groups: ['SYS1', 'GMADMIN', 'GMOPERS', 'GMINVOKE', 'GMREADR', 'ZCEEUSRS'],
    rings: [
      {
        owner: 'LIBSERV',
        name: 'Liberty.KeyRing',
        certificates: [
          { label: 'Liberty Client Cert', usage: 'personal', default: true, hasPrivateKey: true, notBefore: '2020-01-01T00:00:00Z', notAfter: '2030-12-31T23:59:59Z' },
          { label: 'Liberty CA', usage: 'certauth', notAfter: '2035-12-31T23:59:59Z' },
          { label: 'zCEE CA', usage: 'certauth', notAfter: '2035-12-31T23:59:59Z' },
        ],
      },
      {
        owner: 'LIBSERV',
        name: 'zCEE.KeyRing',
        certificates: [
          { label: 'zCEE Client Cert', usage: 'personal', default: true, hasPrivateKey: true, notBefore: '2020-01-01T00:00:00Z', notAfter: o.clientCertNotAfter ?? '2022-12-31T23:59:59Z' },
          { label: 'zCEE CA', usage: 'certauth', notAfter: '2035-12-31T23:59:59Z' },
          { label: 'Liberty CA', usage: 'certauth', notAfter: '2035-12-31T23:59:59Z' },
        ],
      },
      {
        owner: 'USER1',
        name: 'Liberty.KeyRing',
        certificates: [
          { label: 'USER1', usage: 'personal', default: true, hasPrivateKey: true, notAfter: '2030-12-31T23:59:59Z' },
          { label: 'Liberty CA', usage: 'certauth', notAfter: '2035-12-31T23:59:59Z' },
        ],
      },
    ],
    ringAccess: [
      { user: 'LIBSERV', owner: 'LIBSERV', ring: 'Liberty.KeyRing', privateKey: true },
      { user: 'LIBSERV', owner: 'LIBSERV', ring: 'zCEE.KeyRing', privateKey: true },
      { user: 'USER1', owner: 'USER1', ring: 'Liberty.KeyRing', privateKey: true },
    ],
  };
}
