import { fixedClock, formatDiagnostic } from '@ztwin/core';
import { isRight } from 'fp-ts/Either';
import {
  EffectiveElementC,
  ServerModel,
  apiRequesterSettings,
  type SecurityFactsData,
  checkServerConfig,
  decodeSecurityFactsData,
  labSecurityFacts,
  inMemorySecurityFacts,
  nearRingName,
  parseSafKeyringUrl,
} from '@ztwin/zcee-config';

const check = (xml: string, facts?: SecurityFactsData, serverUser?: string, at = '2026-11-24T00:00:00Z') =>
  checkServerConfig(
    { files: { 'server.xml': xml } },
    { ...(facts === undefined ? {} : { facts: inMemorySecurityFacts(facts) }), ...(serverUser === undefined ? {} : { serverUser }), clock: fixedClock(at) },
  );
const codes = (xml: string, facts?: SecurityFactsData, user?: string) => check(xml, facts, user).diagnostics.map((d) => d.code);
const server = (body: string) => `<server>\n${body}\n</server>`;
const TLS = '<featureManager><feature>transportSecurity-1.0</feature></featureManager>';
const ks = (id: string, ring: string, extra = '') => `<keyStore id="${id}" location="safkeyring://${ring}" password="pw" type="JCERACFKS" fileBased="false" readOnly="true"${extra}/>`;

describe('elements and attributes Liberty would ignore', () => {
  test('unknown attribute with a near miss is an error, a far one a warning', () => {
    const r = check(server('<ssl id="s" keyStoreRef="k" clientAuthenticaton="true" frobnicate="1"/>' + ks('k', '/R')));
    const d = r.diagnostics.filter((x) => x.code === 'ZCEE_UNKNOWN_ATTRIBUTE');
    expect(d.map((x) => [x.severity, x.hint])).toEqual([
      ['error', 'did you mean clientAuthentication?'],
      ['warning', undefined],
    ]);
    expect(d[0]).toMatchObject({ line: 2 });
  });

  test('bad booleans, integers, enums and durations', () => {
    const c = codes(
      server(
        '<httpEndpoint id="e" httpPort="90x80" httpsPort="70000"/>' +
          '<zosconnect_apiRequesters idAssertion="ASSERT"><apiRequester name="a_1" requireSecure="yes"/></zosconnect_apiRequesters>' +
          '<zosconnect_endpointConnection id="c" host="https://h" port="1" connectionTimeout="10 seconds"/>',
      ),
    );
    expect(c.filter((x) => x === 'ZCEE_ATTRIBUTE_VALUE')).toHaveLength(5);
  });

  test('attributes an element cannot do without', () => {
    const r = check(server('<ssl id="s"/><zosconnect_endpointConnection id="c" host="https://h"/><zosconnect_apiRequesters><apiRequester requireSecure="false"/></zosconnect_apiRequesters><keyStore id="f" location="key.p12"/>'));
    expect(r.diagnostics.filter((d) => d.code === 'ZCEE_MISSING_ATTRIBUTE' || d.code === 'ZCEE_KEYSTORE_PASSWORD').map((d) => d.message)).toEqual([
      '<ssl id="s"> has no keyStoreRef, which it needs',
      '<zosconnect_endpointConnection id="c"> has no port, which it needs',
      '<apiRequester> has no name, which it needs',
      "keyStore 'f' has no password",
    ]);
  });

  test('unknown nested element and unknown feature with did-you-mean', () => {
    const r = check(server('<featureManager><feature>transportSecurity-1.1</feature><feature>zosconnect:apiRequester-1.0</feature></featureManager><zosconnect_apiRequesters><apiRequestor name="x"/></zosconnect_apiRequesters>'));
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual(
      expect.arrayContaining([
        ['ZCEE_UNKNOWN_FEATURE', 'did you mean transportSecurity-1.0?'],
        ['ZCEE_UNKNOWN_ELEMENT', 'did you mean apiRequester?'],
      ]),
    );
  });
});

describe('references', () => {
  test('each ...Ref that points nowhere, with did-you-mean', () => {
    const r = check(
      server(
        TLS +
          '<sslDefault sslRef="DefaultSSL" outboundSSLRef="Outbound"/>' +
          '<ssl id="DefaultSSLSettings" keyStoreRef="CellDefaultKeystore" trustStoreRef="Trust"/>' +
          ks('CellDefaultKeyStore', '/R') +
          '<zosconnect_endpointConnection id="c" host="https://h" port="9443" sslCertsRef="Out" authenticationConfigRef="auth"/>' +
          '<zosconnect_zosConnectManager globalInterceptorsRef="list"/>' +
          '<zosconnect_zosConnectInterceptors id="lst" interceptorRef="auth1,audit"/><zosconnect_auditInterceptor id="audit"/>',
      ),
    );
    const refs = r.diagnostics.filter((d) => d.code === 'ZCEE_REF_UNRESOLVED');
    expect(refs.map((d) => d.message.match(/refers to '([^']*)'/)?.[1])).toEqual(['DefaultSSL', 'Outbound', 'CellDefaultKeystore', 'Trust', 'Out', 'auth', 'list', 'auth1']);
    expect(refs.find((d) => d.message.includes("'CellDefaultKeystore'"))?.hint).toBe('did you mean CellDefaultKeyStore?');
    expect(refs.every((d) => d.severity === 'error' && d.line === 2)).toBe(true);
  });

  test("sslDefault's implicit defaultSSLConfig is not a dangling reference", () => {
    expect(codes(server('<sslDefault/>'))).toEqual([]);
    expect(codes(server('<sslDefault sslRef="defaultSSLConfig"/>'))).toEqual([]);
  });
});

describe('transport', () => {
  test('HTTPS port without transportSecurity, or without any key store', () => {
    expect(codes(server('<httpEndpoint id="e" httpPort="9080" httpsPort="9443"/>'))).toEqual(['ZCEE_HTTPS_NO_FEATURE']);
    expect(codes(server(TLS + '<httpEndpoint id="e" httpPort="9080" httpsPort="9443"/>'))).toEqual(['ZCEE_HTTPS_NO_KEYSTORE']);
    expect(codes(server(TLS + '<httpEndpoint id="e" httpPort="9080" httpsPort="9443"/>' + ks('k', '/R')))).toEqual([]);
    expect(codes(server('<httpEndpoint id="e" httpPort="9080" httpsPort="-1"/>'))).toEqual([]);
  });

  test('requireSecure inheritance: apiRequester, then zosconnect_apiRequesters, then the manager', () => {
    const feat = '<featureManager><feature>zosconnect:apiRequester-1.0</feature></featureManager><httpEndpoint id="e" httpPort="9080" httpsPort="-1"/>';
    const redirect = (body: string) => codes(server(feat + body)).filter((c) => c === 'ZCEE_REQUIRE_SECURE_REDIRECT').length;
    expect(redirect('<zosconnect_apiRequesters><apiRequester name="a_1"/></zosconnect_apiRequesters>')).toBe(1);
    expect(redirect('<zosconnect_zosConnectManager requireSecure="false"/><zosconnect_apiRequesters><apiRequester name="a_1"/></zosconnect_apiRequesters>')).toBe(0);
    expect(redirect('<zosconnect_zosConnectManager requireSecure="false"/><zosconnect_apiRequesters requireSecure="true"><apiRequester name="a_1"/></zosconnect_apiRequesters>')).toBe(1);
    expect(redirect('<zosconnect_apiRequesters requireSecure="true"><apiRequester name="a_1" requireSecure="false"/></zosconnect_apiRequesters>')).toBe(0);
  });

  test('requireAuth with no user registry', () => {
    const zc = '<featureManager><feature>zosconnect:zosConnect-2.0</feature></featureManager>';
    expect(codes(server(zc))).toEqual(['ZCEE_NO_REGISTRY']);
    expect(codes(server(zc + '<zosconnect_zosConnectManager requireAuth="false"/>'))).toEqual([]);
    expect(codes(server(zc + '<safRegistry id="saf"/>'))).toEqual([]);
    expect(codes(server(zc + '<basicRegistry id="b"><user name="u" password="p"/><group name="g"><member name="u"/></group></basicRegistry>'))).toEqual([]);
  });

  test('groups are only enforced when the authorization interceptor runs', () => {
    const feat = '<featureManager><feature>zosconnect:apiRequester-1.0</feature></featureManager><httpEndpoint id="e" httpPort="-1" httpsPort="-1"/>';
    const interceptors = '<zosconnect_authorizationInterceptor id="auth"/><zosconnect_auditInterceptor id="audit"/><zosconnect_zosConnectInterceptors id="g" interceptorRef="audit, auth"/>';
    const run = (mgr: string, req: string) => {
      const r = check(server(feat + interceptors + mgr + `<zosconnect_apiRequesters>${req}</zosconnect_apiRequesters>`));
      return [r.model.apiRequesters?.requesters[0]?.authorizationInterceptor, r.diagnostics.filter((d) => d.code === 'ZCEE_GROUPS_NOT_ENFORCED').length];
    };
    expect(run('<zosconnect_zosConnectManager globalInvokeGroup="GMINVOKE" globalInterceptorsRef="g"/>', '<apiRequester name="a_1"/>')).toEqual([true, 0]);
    expect(run('<zosconnect_zosConnectManager globalInvokeGroup="GMINVOKE"/>', '<apiRequester name="a_1"/>')).toEqual([false, 1]);
    expect(run('<zosconnect_zosConnectManager globalInvokeGroup="GMINVOKE" globalInterceptorsRef="g"/>', '<apiRequester name="a_1" runGlobalInterceptors="false"/>')).toEqual([false, 1]);
    expect(run('<zosconnect_zosConnectManager/>', '<apiRequester name="a_1" invokeGroup="X" interceptorsRef="g"/>')).toEqual([true, 0]);
    expect(run('<zosconnect_zosConnectManager/>', '<apiRequester name="a_1"/>')).toEqual([false, 0]);
  });

  test('settings of a requester without its own element come from zosconnect_apiRequesters and the manager', () => {
    const r = check(server('<zosconnect_zosConnectManager requireSecure="false" globalInvokeGroup="G1"/><zosconnect_apiRequesters idAssertion="ASSERT_SURROGATE" requireAuth="false"><apiRequester name="a_1" requireSecure="true"/></zosconnect_apiRequesters>'));
    expect(apiRequesterSettings(r.model, 'a_1')).toMatchObject({ name: 'a_1', requireSecure: true, requireAuth: false, idAssertion: 'ASSERT_SURROGATE', invokeGroup: ['G1'] });
    expect(apiRequesterSettings(r.model, 'other_2')).toMatchObject({ name: 'other_2', requireSecure: false, requireAuth: false, idAssertion: 'ASSERT_SURROGATE', invokeGroup: ['G1'] });
    expect(apiRequesterSettings(check(server('')).model, 'a_1')).toBeUndefined();
  });

  test('clear-text authData passwords (info), encoded ones are fine', () => {
    expect(codes(server('<zosconnect_authData id="a" user="U" password="plain"/>'))).toEqual(['ZCEE_PASSWORD_CLEAR']);
    expect(codes(server('<zosconnect_authData id="a" user="U" password="{xor}Lz4sLCgwLTs="/>'))).toEqual([]);
  });

  test('apiRequesters without the apiRequester feature; endpoint host without scheme', () => {
    expect(codes(server('<zosconnect_apiRequesters/>'))).toEqual(['ZCEE_APIREQUESTER_FEATURE']);
    expect(codes(server('<zosconnect_endpointConnection id="c" host="wg31" port="9443"/>'))).toEqual(['ZCEE_ENDPOINT_SCHEME']);
  });

  test('SAF key ring key stores: fileBased, type, readOnly, password', () => {
    const c = codes(server('<keyStore id="k" location="safkeyring:///R"/>'));
    expect(c).toEqual(['ZCEE_KEYSTORE_FILEBASED', 'ZCEE_KEYSTORE_TYPE', 'ZCEE_KEYSTORE_READONLY', 'ZCEE_KEYSTORE_PASSWORD']);
    expect(codes(server('<keyStore id="k" location="safkeyringhw:///R" type="JCERACFKS" password="p" fileBased="false" readOnly="true"/>'))).toEqual(['ZCEE_KEYSTORE_TYPE']);
    expect(codes(server('<keyStore id="k" location="/u/key.p12" type="JCERACFKS" password="p"/>'))).toEqual(['ZCEE_KEYSTORE_TYPE']);
  });
});

describe('against RACF facts', () => {
  const facts: SecurityFactsData = {
    users: ['SRV', 'OTHER', 'WSGUEST'],
    groups: ['ADM'],
    rings: [
      { owner: 'SRV', name: 'Srv.Ring', certificates: [{ label: 'srv', usage: 'personal', default: true, hasPrivateKey: true, notAfter: '2030-01-01T00:00:00Z' }] },
      {
        owner: 'OTHER',
        name: 'Shared.Ring',
        certificates: [
          { label: 'ca', usage: 'certauth', notAfter: '2030-01-01T00:00:00Z' },
          { label: 'nokey', usage: 'personal', default: true, hasPrivateKey: false, notAfter: '2030-01-01T00:00:00Z' },
        ],
      },
    ],
    ringAccess: [
      { user: 'SRV', owner: 'SRV', ring: 'Srv.Ring', privateKey: true },
      { user: 'SRV', owner: 'OTHER', ring: 'Shared.Ring', privateKey: false },
    ],
  };
  const mutual = (keyRing: string, trustRing: string) =>
    server(TLS + `<ssl id="s" keyStoreRef="k" trustStoreRef="t" clientAuthentication="true"/>${ks('k', keyRing)}${ks('t', trustRing)}<sslDefault sslRef="s"/>`);

  test('a healthy configuration has no findings', () => {
    expect(codes(mutual('/Srv.Ring', 'OTHER/Shared.Ring'), facts, 'srv')).toEqual([]);
  });

  test('no CA in the trust ring when client authentication is required', () => {
    expect(codes(mutual('/Srv.Ring', '/Srv.Ring'), facts, 'SRV')).toEqual(['ZCEE_RING_NO_CA']);
  });

  test('reading another user\'s ring and its private key needs access', () => {
    expect(codes(mutual('OTHER/Shared.Ring', 'OTHER/Shared.Ring'), facts, 'SRV')).toEqual(['ZCEE_RING_ACCESS', 'ZCEE_RING_DEFAULT_UNUSABLE']);
  });

  test('unknown server user, missing groups, expired default certificate', () => {
    const r = check(
      server(TLS + '<zosconnect_zosConnectManager globalAdminGroup="ADM,NOSUCH"/><ssl id="s" keyStoreRef="k"/>' + ks('k', '/Srv.Ring')),
      facts,
      'SRV',
      '2031-01-01T00:00:00Z',
    );
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZCEE_GROUP_NOT_FOUND', 'ZCEE_RING_DEFAULT_UNUSABLE']);
    expect(codes(server(''), facts, 'NOBODY')).toEqual(['ZCEE_SERVER_USER']);
  });

  test('diagnostics never carry key store passwords', () => {
    const r = check(server('<keyStore id="k" location="safkeyring:///R" password="Sup3rSecret" fileBased="maybe"/>'), facts, 'SRV');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).not.toContain('Sup3rSecret');
    expect(JSON.stringify(r.model)).not.toContain('Sup3rSecret');
    expect(JSON.stringify(r.config)).not.toContain('Sup3rSecret');
    expect(JSON.stringify(r.config.files)).toBe(JSON.stringify([{ path: '/config/server.xml' }]));
    expect(r.model.keyStores[0]?.password?.reveal()).toBe('Sup3rSecret');
  });
});

describe('ring names', () => {
  test('safkeyring URL forms', () => {
    expect(parseSafKeyringUrl('safkeyring:///Liberty.KeyRing')).toEqual({ scheme: 'safkeyring', ring: 'Liberty.KeyRing' });
    expect(parseSafKeyringUrl('safkeyring://libserv/zCEE.KeyRing')).toEqual({ scheme: 'safkeyring', ring: 'zCEE.KeyRing', owner: 'LIBSERV' });
    expect(parseSafKeyringUrl('SAFKEYRINGHYBRID://X/R')?.scheme).toBe('safkeyringhybrid');
    expect(parseSafKeyringUrl('/u/key.p12')).toBeUndefined();
  });
  test('near misses: case, swapped parts, typos', () => {
    const rings = ['Liberty.KeyRing', 'zCEE.KeyRing'];
    expect(nearRingName('Keyring.LIBERTY', rings)).toBe('Liberty.KeyRing');
    expect(nearRingName('liberty.keyring', rings)).toBe('Liberty.KeyRing');
    expect(nearRingName('zCEE.KeyRng', rings)).toBe('zCEE.KeyRing');
    expect(nearRingName('Other', rings)).toBeUndefined();
  });
});

describe('JSON shapes', () => {
  test('the model and the effective elements decode from their own JSON (secrets stay redacted)', () => {
    const r = check(server(TLS + '<ssl id="s" keyStoreRef="k"/>' + ks('k', '/R') + '<zosconnect_authData id="a" user="U" password="Pw9"/>'));
    const json: unknown = JSON.parse(JSON.stringify(r.model));
    const back = ServerModel.decode(json);
    expect(isRight(back)).toBe(true);
    if (isRight(back)) expect(back.right.authData[0]?.password?.reveal()).toBe('*****');
    for (const e of r.config.elements) expect(isRight(EffectiveElementC.decode(JSON.parse(JSON.stringify(e))))).toBe(true);
  });

  test('facts data from JSON, with a diagnostic when the shape is wrong', () => {
    expect(decodeSecurityFactsData(JSON.parse(JSON.stringify(labSecurityFacts()))).value?.users).toContain('LIBSERV');
    const bad = decodeSecurityFactsData({ users: 'LIBSERV', groups: [] }, 'state.json');
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics[0]).toMatchObject({ code: 'ZCEE_FACTS_SHAPE', source: 'state.json' });
    expect(bad.diagnostics[0]?.message).toContain('users');
  });
});
