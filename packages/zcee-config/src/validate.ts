/**
 * Validation of an effective server configuration: what Liberty would silently ignore or refuse,
 * dangling references, HTTPS that cannot start, requireSecure redirects, and (through
 * `SecurityFacts`) whether the RACF key rings, users and groups it names exist and are usable.
 */
import { type Clock, type Diagnostic, diagnostic, didYouMean, editDistance, systemClock } from '@ztwin/core';
import { CATALOG, type ElementSpec, KNOWN_FEATURES, isSecretAttribute } from './catalog';
import type { SecurityFacts } from './facts';
import type { CertOwner } from '@ztwin/racf-model';
import { SCHEME_TYPE, type ServerModel, type SslConfig, hasFeature, parseList, serverModel } from './model';
import type { EffectiveElement, ServerConfig } from './reader';
import type { XmlLocation } from './xml';

export interface ValidateOptions {
  readonly facts?: SecurityFacts;
  /** The RACF user ID the server runs under (STARTED profile STDATA USER). */
  readonly serverUser?: string;
  readonly clock?: Clock;
}

const DURATION = /^\s*(\d+\s*|(\d+(\.\d+)?(d|h|m|s|ms)\s*)+)$/i;

export function validateServerConfig(cfg: ServerConfig, opts: ValidateOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const model = serverModel(cfg);
  for (const e of cfg.elements) checkElement(e, CATALOG[e.name], CATALOG, 'server', out);
  checkFeatures(cfg, out);
  checkRefs(cfg, out);
  checkKeyStores(cfg, model, out);
  checkTransport(cfg, model, out);
  if (opts.facts !== undefined) checkFacts(cfg, model, opts.facts, opts.serverUser, (opts.clock ?? systemClock).now(), out);
  else if (opts.serverUser !== undefined)
    out.push(diagnostic({ code: 'ZCEE_NO_FACTS', severity: 'info', message: 'no RACF state given: key rings, users and groups were not checked' }, { source: cfg.root }));
  return out;
}

const locOf = (e: EffectiveElement): XmlLocation => e.declaredAt[0] ?? { source: '<unknown>', line: 1, column: 1 };
const attrLoc = (e: EffectiveElement, name: string): XmlLocation => e.attributes[name]?.at ?? locOf(e);

function checkElement(e: EffectiveElement, spec: ElementSpec | undefined, siblings: Readonly<Record<string, ElementSpec>>, parent: string, out: Diagnostic[]): void {
  if (spec === undefined) {
    const near = didYouMean(e.name, Object.keys(siblings));
    for (const at of e.declaredAt) {
      if (near !== undefined)
        out.push(
          diagnostic(
            {
              code: 'ZCEE_UNKNOWN_ELEMENT',
              message: `<${e.name}> is not a known element of <${parent}>; Liberty silently ignores it, so none of its settings apply`,
              hint: `did you mean ${near}?`,
            },
            at,
          ),
        );
      else
        out.push(
          diagnostic(
            { code: 'ZCEE_UNKNOWN_ELEMENT', severity: e.name.startsWith('zosconnect_') || parent !== 'server' ? 'warning' : 'info', message: `<${e.name}> is not an element this checker knows; Liberty ignores it unless a feature defines it` },
            at,
          ),
        );
    }
    return;
  }
  for (const [name, as] of Object.entries(spec.attributes))
    if (as.required === true && e.attributes[name] === undefined && !(e.name === 'keyStore' && name === 'password'))
      out.push(diagnostic({ code: 'ZCEE_MISSING_ATTRIBUTE', message: `<${e.name}${e.id === undefined ? '' : ` id="${e.id}"`}> has no ${name}, which it needs` }, locOf(e)));
  for (const [name, av] of Object.entries(e.attributes)) {
    const as = spec.attributes[name];
    if (as === undefined) {
      if (name === 'id') continue; // every element may carry an id
      const near = didYouMean(name, Object.keys(spec.attributes));
      out.push(
        diagnostic(
          near !== undefined
            ? { code: 'ZCEE_UNKNOWN_ATTRIBUTE', message: `<${e.name}> has no attribute '${name}'; Liberty ignores it, so the setting does not apply`, hint: `did you mean ${near}?` }
            : { code: 'ZCEE_UNKNOWN_ATTRIBUTE', severity: 'warning', message: `<${e.name}> has no attribute '${name}' that this checker knows; Liberty ignores unknown attributes` },
          av.at,
        ),
      );
      continue;
    }
    if (av.value.includes('${')) continue; // unresolved variable, already reported
    const show = isSecretAttribute(e.name, name) ? '(secret)' : `'${av.value}'`;
    const v = av.value.trim();
    const ty = as.type;
    const dflt = as.default === undefined ? '' : `; Liberty uses the default ${as.default}`;
    switch (ty.kind) {
      case 'boolean':
        if (!/^(true|false)$/i.test(v)) out.push(diagnostic({ code: 'ZCEE_ATTRIBUTE_VALUE', message: `${e.name}/@${name} must be true or false, not ${show}${dflt}` }, av.at));
        break;
      case 'int': {
        const n = /^[-+]?\d+$/.test(v) ? Number.parseInt(v, 10) : Number.NaN;
        if (Number.isNaN(n)) out.push(diagnostic({ code: 'ZCEE_ATTRIBUTE_VALUE', message: `${e.name}/@${name} must be an integer, not ${show}` }, av.at));
        else if ((ty.min !== undefined && n < ty.min) || (ty.max !== undefined && n > ty.max))
          out.push(diagnostic({ code: 'ZCEE_ATTRIBUTE_VALUE', message: `${e.name}/@${name} ${n} is outside ${ty.min ?? '-inf'}..${ty.max ?? 'inf'}` }, av.at));
        break;
      }
      case 'duration':
        if (!DURATION.test(v)) out.push(diagnostic({ code: 'ZCEE_ATTRIBUTE_VALUE', message: `${e.name}/@${name} ${show} is not a duration (e.g. 30s, 1m30s, 500ms)` }, av.at));
        break;
      case 'enum': {
        const ok = ty.values.some((x) => (ty.caseInsensitive === true ? x.toUpperCase() === v.toUpperCase() : x === v));
        if (!ok) {
          const near = didYouMean(v, ty.values);
          out.push(
            diagnostic(
              {
                code: 'ZCEE_ATTRIBUTE_VALUE',
                message: `${e.name}/@${name} ${show} is not one of ${ty.values.join(', ')}${dflt}`,
                ...(near === undefined ? {} : { hint: `did you mean ${near}?` }),
              },
              av.at,
            ),
          );
        }
        break;
      }
      default:
        break;
    }
  }
  const kids = spec.children ?? {};
  for (const c of e.children) {
    const cs = kids[c.name];
    checkElement(c, cs, kids, e.name, out);
  }
}

function checkFeatures(cfg: ServerConfig, out: Diagnostic[]): void {
  for (const fm of cfg.elements.filter((e) => e.name === 'featureManager'))
    for (const f of fm.children.filter((c) => c.name === 'feature')) {
      if (f.text === '' || f.text.includes('${')) continue;
      if (KNOWN_FEATURES.some((k) => k.toLowerCase() === f.text.toLowerCase())) continue;
      const near = didYouMean(f.text, KNOWN_FEATURES);
      out.push(
        diagnostic(
          {
            code: 'ZCEE_UNKNOWN_FEATURE',
            severity: near === undefined ? 'info' : 'error',
            message: near === undefined ? `feature '${f.text}' is not one this checker knows` : `feature '${f.text}' does not exist; Liberty reports CWWKF0001E and does not load it`,
            ...(near === undefined ? {} : { hint: `did you mean ${near}?` }),
          },
          locOf(f),
        ),
      );
    }
}

function checkRefs(cfg: ServerConfig, out: Diagnostic[]): void {
  const ids = new Map<string, Set<string>>();
  for (const e of cfg.elements) if (e.id !== undefined) (ids.get(e.name) ?? ids.set(e.name, new Set()).get(e.name))?.add(e.id);
  const visit = (e: EffectiveElement, spec: ElementSpec | undefined): void => {
    if (spec === undefined) return;
    for (const [name, av] of Object.entries(e.attributes)) {
      const as = spec.attributes[name];
      if (as === undefined || as.type.kind !== 'ref' || av.value.includes('${')) continue;
      const targets = as.type.targets;
      const wanted = as.type.list === true ? parseList(av.value) : [av.value.trim()];
      for (const w of wanted) {
        if (targets.some((tn) => ids.get(tn)?.has(w) === true)) continue;
        if (e.name === 'sslDefault' && name === 'sslRef' && w === 'defaultSSLConfig') continue; // Liberty's implicit default
        const all = targets.flatMap((tn) => [...(ids.get(tn) ?? [])]);
        const near = didYouMean(w, all);
        out.push(
          diagnostic(
            {
              code: 'ZCEE_REF_UNRESOLVED',
              message: `${e.name}/@${name} refers to '${w}', but no <${targets.join('|')}> has that id`,
              ...(near === undefined ? {} : { hint: `did you mean ${near}?` }),
            },
            av.at,
          ),
        );
      }
    }
    for (const c of e.children) visit(c, spec.children?.[c.name]);
  };
  for (const e of cfg.elements) visit(e, CATALOG[e.name]);
}

function checkKeyStores(cfg: ServerConfig, model: ServerModel, out: Diagnostic[]): void {
  const byId = new Map(model.keyStores.map((k) => [k.id, k]));
  for (const e of cfg.elements.filter((x) => x.name === 'keyStore')) {
    const ks = byId.get(e.id ?? '');
    if (ks === undefined) continue;
    const loc = ks.location ?? '';
    const saf = ks.safKeyring;
    if (/^safkeyring/i.test(loc) && saf === undefined)
      out.push(diagnostic({ code: 'ZCEE_KEYRING_URL', message: `keyStore '${ks.id}' location '${loc}' is not safkeyring:///RING or safkeyring://OWNER/RING` }, attrLoc(e, 'location')));
    if (saf !== undefined) {
      if (ks.fileBased)
        out.push(diagnostic({ code: 'ZCEE_KEYSTORE_FILEBASED', message: `keyStore '${ks.id}' is a SAF key ring but fileBased is not "false"; Liberty looks for a file and the key store fails to load` }, attrLoc(e, 'fileBased')));
      const want = SCHEME_TYPE[saf.scheme];
      if (ks.type.toUpperCase() !== want)
        out.push(diagnostic({ code: 'ZCEE_KEYSTORE_TYPE', message: `keyStore '${ks.id}' location ${saf.scheme}: needs type="${want}", not "${ks.type}"` }, attrLoc(e, 'type')));
      if (!ks.readOnly)
        out.push(diagnostic({ code: 'ZCEE_KEYSTORE_READONLY', severity: 'warning', message: `keyStore '${ks.id}' is a SAF key ring; set readOnly="true" (Liberty cannot write to a RACF key ring)` }, attrLoc(e, 'readOnly')));
    }
    if (ks.password === undefined)
      out.push(
        diagnostic(
          {
            code: 'ZCEE_KEYSTORE_PASSWORD',
            message: saf !== undefined ? `keyStore '${ks.id}' has no password; Liberty requires one even for a SAF key ring, where it is not used` : `keyStore '${ks.id}' has no password`,
          },
          locOf(e),
        ),
      );
    if (saf !== undefined) {
      // checked above
    } else if (/RACFKS$/i.test(ks.type)) {
      out.push(diagnostic({ code: 'ZCEE_KEYSTORE_TYPE', message: `keyStore '${ks.id}' type ${ks.type} needs a safkeyring location, not '${loc}'` }, attrLoc(e, 'location')));
    }
  }
}

function checkTransport(cfg: ServerConfig, model: ServerModel, out: Diagnostic[]): void {
  const tls = hasFeature(model.features, 'transportSecurity-1.0', 'ssl-1.0');
  const endpoints = cfg.elements.filter((e) => e.name === 'httpEndpoint');
  for (const ep of model.httpEndpoints) {
    if (!ep.enabled || ep.httpsPort <= 0) continue;
    const el = endpoints.find((e) => (e.id ?? 'defaultHttpEndpoint') === ep.id);
    // only an HTTPS port someone asked for: Liberty's implicit default endpoint is not reported
    if (el === undefined || el.attributes['httpsPort'] === undefined) continue;
    const at = attrLoc(el, 'httpsPort');
    if (!tls)
      out.push(
        diagnostic({ code: 'ZCEE_HTTPS_NO_FEATURE', severity: 'warning', message: `httpEndpoint '${ep.id}' HTTPS port ${ep.httpsPort} does not open: neither transportSecurity-1.0 nor ssl-1.0 is enabled` }, at),
      );
    else if (model.keyStores.length === 0)
      out.push(diagnostic({ code: 'ZCEE_HTTPS_NO_KEYSTORE', severity: 'warning', message: `httpEndpoint '${ep.id}' HTTPS port ${ep.httpsPort}: no <keyStore> is configured, so the server has no certificate of its own to present` }, at));
  }
  const zcee = hasFeature(model.features, 'zosconnect:zosConnect-2.0', 'zosconnect:apiRequester-1.0');
  const needAuth = model.zosConnectManager.requireAuth || (model.apiRequesters?.requesters.some((r) => r.requireAuth) ?? false);
  const registry = cfg.elements.some((e) => e.name === 'safRegistry' || e.name === 'basicRegistry' || e.name === 'ldapRegistry');
  if (zcee && needAuth && !registry) {
    const fm = cfg.elements.find((e) => e.name === 'featureManager');
    out.push(
      diagnostic(
        { code: 'ZCEE_NO_REGISTRY', severity: 'warning', message: 'requireAuth is in effect but no user registry (safRegistry, basicRegistry, ldapRegistry) is configured: every request fails authentication (401)' },
        fm === undefined ? { source: cfg.root } : locOf(fm),
      ),
    );
  }
  const plain = model.httpEndpoints.filter((e) => e.enabled && e.httpPort > 0);
  const ar = model.apiRequesters;
  if (ar !== undefined) {
    const arEl = cfg.elements.find((e) => e.name === 'zosconnect_apiRequesters');
    if (!hasFeature(model.features, 'zosconnect:apiRequester-1.0') && arEl !== undefined)
      out.push(diagnostic({ code: 'ZCEE_APIREQUESTER_FEATURE', severity: 'warning', message: 'zosconnect_apiRequesters is configured but the zosconnect:apiRequester-1.0 feature is not enabled' }, locOf(arEl)));
    for (const r of ar.requesters) {
      const groupsSet = [r.adminGroup, r.operationsGroup, r.invokeGroup, r.readerGroup].some((g) => g.length > 0);
      if (groupsSet && !r.authorizationInterceptor)
        out.push(
          diagnostic(
            {
              code: 'ZCEE_GROUPS_NOT_ENFORCED',
              severity: 'warning',
              message: `API requester '${r.name}' has admin/operations/invoke/reader groups, but no zosconnect_authorizationInterceptor runs for it, so they are not checked`,
            },
            r.at ?? (arEl === undefined ? { source: cfg.root } : locOf(arEl)),
          ),
        );
      if (!r.requireSecure || plain.length === 0) continue;
      const ports = plain.map((p) => p.httpPort).join(', ');
      out.push(
        diagnostic(
          {
            code: 'ZCEE_REQUIRE_SECURE_REDIRECT',
            severity: 'warning',
            message:
              `API requester '${r.name}' has requireSecure=true: a plain HTTP request on port ${ports} is answered with 302 (redirect to HTTPS); ` +
              'a batch/CICS/IMS client cannot follow it (BAQI0005E, HWTHRQST RC=262 RSC=6) unless AT-TLS or HTTPS carries it',
          },
          r.at ?? (arEl === undefined ? { source: cfg.root } : locOf(arEl)),
        ),
      );
    }
  }
  const ecById = new Map(model.endpointConnections.map((c) => [c.id, c]));
  for (const e of cfg.elements.filter((x) => x.name === 'zosconnect_authData' || x.name === 'authData')) {
    const pw = e.attributes['password'];
    if (pw?.secret !== undefined && !pw.secret.encoded && !pw.secret.reveal().includes('${'))
      out.push(
        diagnostic(
          { code: 'ZCEE_PASSWORD_CLEAR', severity: 'info', message: `<${e.name} id="${e.id ?? ''}"> password is in clear text; encode it with securityUtility encode ({xor} or {aes})` },
          pw.at,
        ),
      );
  }
  for (const e of cfg.elements.filter((x) => x.name === 'zosconnect_endpointConnection')) {
    const ec = ecById.get(e.id ?? '');
    if (ec === undefined) continue;
    if (ec.scheme === undefined && ec.host !== '')
      out.push(diagnostic({ code: 'ZCEE_ENDPOINT_SCHEME', message: `zosconnect_endpointConnection '${ec.id}' host '${ec.host}' must begin with http:// or https://` }, attrLoc(e, 'host')));
    if (ec.scheme === 'http' && ec.sslCertsRef !== undefined)
      out.push(diagnostic({ code: 'ZCEE_ENDPOINT_PLAIN_SSL', severity: 'warning', message: `zosconnect_endpointConnection '${ec.id}' uses http:// so sslCertsRef '${ec.sslCertsRef}' is not used` }, attrLoc(e, 'sslCertsRef')));
  }
}

/** A ring name that differs only in case or in the order of its dot-separated parts, else a near typo. */
export function nearRingName(ring: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().split('.').sort().join('.');
  return (
    candidates.find((c) => c.toLowerCase() === ring.toLowerCase()) ??
    candidates.find((c) => norm(c) === norm(ring)) ??
    candidates.find((c) => editDistance(c.toLowerCase(), ring.toLowerCase(), 2) <= 2)
  );
}

function checkFacts(cfg: ServerConfig, model: ServerModel, facts: SecurityFacts, serverUserRaw: string | undefined, now: Date, out: Diagnostic[]): void {
  const serverUser = serverUserRaw?.trim().toUpperCase();
  if (serverUser !== undefined && !facts.userExists(serverUser))
    out.push(diagnostic({ code: 'ZCEE_SERVER_USER', message: `server user ${serverUser} is not defined to RACF` }, { source: cfg.root }));

  const ksEls = new Map(cfg.elements.filter((x) => x.name === 'keyStore').map((e) => [e.id ?? '', e]));
  const asKeyOf = new Map<string, SslConfig[]>();
  const asTrustOf = new Map<string, SslConfig[]>();
  const push = (m: Map<string, SslConfig[]>, k: string | undefined, s: SslConfig): void => {
    if (k !== undefined) m.set(k, [...(m.get(k) ?? []), s]);
  };
  for (const s of model.ssl) {
    push(asKeyOf, s.keyStoreRef, s);
    push(asTrustOf, s.trustStoreRef ?? s.keyStoreRef, s);
  }
  const outbound = outboundTrustStores(model);
  for (const ks of model.keyStores) {
    const saf = ks.safKeyring;
    if (saf === undefined) continue;
    const el = ksEls.get(ks.id);
    const at = el === undefined ? { source: cfg.root } : attrLoc(el, 'location');
    const owner = saf.owner ?? serverUser;
    if (owner === undefined) {
      out.push(diagnostic({ code: 'ZCEE_RING_OWNER_UNKNOWN', severity: 'info', message: `keyStore '${ks.id}' uses the server user's own ring '${saf.ring}'; give --server-user to check it` }, at));
      continue;
    }
    const asKey = asKeyOf.get(ks.id) ?? [];
    const asTrust = asTrustOf.get(ks.id) ?? [];
    if (saf.virtual !== undefined) {
      checkVirtualRing(ks.id, saf.virtual, owner, asKey, asTrust.some((s) => s.clientAuthentication) || outbound.has(ks.id), facts, serverUser, now, at, out);
      continue;
    }
    if (!facts.ringExists(owner, saf.ring)) {
      const near = nearRingName(saf.ring, facts.ringNames(owner));
      out.push(
        diagnostic(
          {
            code: 'ZCEE_RING_NOT_FOUND',
            message: `keyStore '${ks.id}': ${owner} has no key ring '${saf.ring}' (RACF ring names are case-sensitive)`,
            ...(near === undefined ? {} : { hint: `did you mean ${near}?` }),
          },
          at,
        ),
      );
      continue;
    }
    if (serverUser !== undefined) {
      const needKey = asKey.length > 0;
      if (!facts.canReadRing(serverUser, owner, saf.ring, { privateKey: needKey })) {
        const why = facts.explainRingAccess?.(serverUser, owner, saf.ring, { privateKey: needKey }) ?? [];
        out.push(
          diagnostic(
            {
              code: 'ZCEE_RING_ACCESS',
              message: `server user ${serverUser} may not read ${owner}'s ring '${saf.ring}'${needKey ? ' and its private key' : ''} (IRR.DIGTCERT.LISTRING in FACILITY or the RDATALIB profile ${owner}.${saf.ring}.LST)`,
              ...(why.length === 0 ? {} : { hint: why.join('; ') }),
            },
            at,
          ),
        );
      }
    }
    const h = facts.ringHealth(owner, saf.ring, now);
    if (h === undefined) continue;
    if (asKey.length > 0) {
      if (h.defaultCert === undefined)
        out.push(diagnostic({ code: 'ZCEE_RING_NO_DEFAULT', message: `ring ${owner}/${saf.ring} (keyStore '${ks.id}') has no DEFAULT certificate, so there is nothing to present in a handshake` }, at));
      else if (!h.defaultCert.usable)
        out.push(
          diagnostic(
            {
              code: 'ZCEE_RING_DEFAULT_UNUSABLE',
              message: `ring ${owner}/${saf.ring} (keyStore '${ks.id}'): default certificate '${h.defaultCert.label}' is not usable at ${now.toISOString().slice(0, 10)} (NOTAFTER ${h.defaultCert.notAfter}, or no private key)`,
            },
            at,
          ),
        );
    }
    const needsCa = asTrust.some((s) => s.clientAuthentication) || outbound.has(ks.id);
    if (needsCa && h.caCount === 0)
      out.push(
        diagnostic({ code: 'ZCEE_RING_NO_CA', message: `ring ${owner}/${saf.ring} (keyStore '${ks.id}') is used to verify peers but has no CERTAUTH certificate connected` }, at),
      );
    const reportedDefault = asKey.length > 0 && h.defaultCert !== undefined && !h.defaultCert.usable ? `'${h.defaultCert.label}'` : undefined;
    for (const p of h.problems)
      if (reportedDefault === undefined || !p.includes(reportedDefault))
        out.push(diagnostic({ code: 'ZCEE_RING_PROBLEM', severity: 'warning', message: `ring ${owner}/${saf.ring}: ${p}` }, at));
  }

  const groupRefs: { group: string; at: XmlLocation; what: string }[] = [];
  const collect = (e: EffectiveElement, spec: ElementSpec | undefined): void => {
    if (spec === undefined) return;
    for (const [name, av] of Object.entries(e.attributes))
      if (spec.attributes[name]?.type.kind === 'groups' && !av.value.includes('${')) for (const g of parseList(av.value)) groupRefs.push({ group: g, at: av.at, what: `${e.name}/@${name}` });
    for (const c of e.children) collect(c, spec.children?.[c.name]);
  };
  for (const e of cfg.elements) collect(e, CATALOG[e.name]);
  for (const g of groupRefs)
    if (!facts.groupExists(g.group)) out.push(diagnostic({ code: 'ZCEE_GROUP_NOT_FOUND', message: `${g.what} names group ${g.group}, which is not defined to RACF` }, g.at));

  const sc = cfg.elements.find((e) => e.name === 'safCredentials');
  if (model.safRegistry && !facts.userExists(model.safCredentials.unauthenticatedUser))
    out.push(
      diagnostic(
        { code: 'ZCEE_UNAUTHENTICATED_USER', severity: 'warning', message: `unauthenticated user ${model.safCredentials.unauthenticatedUser} is not defined to RACF` },
        sc === undefined ? { source: cfg.root } : attrLoc(sc, 'unauthenticatedUser'),
      ),
    );
}

/**
 * A key store on a RACF virtual key ring (`safkeyring://OWNER/*`): it always exists. A user's ring
 * holds only PERSONAL certificates (no trust anchors) and has no DEFAULT, so presenting one needs
 * serverKeyAlias (or clientKeyAlias); the CERTAUTH and SITE rings present nothing. IBM's WebSphere
 * for z/OS docs ("RACF keyring setup") say certificates connected with SITE usage are not supported
 * by its JSSE RACF key store: a warning for `*SITE*`. The rules are in state-facts.ts.
 */
function checkVirtualRing(
  id: string,
  kind: 'ID' | 'CERTAUTH' | 'SITE',
  owner: string,
  asKey: readonly SslConfig[],
  needsCa: boolean,
  facts: SecurityFacts,
  serverUser: string | undefined,
  now: Date,
  at: { readonly source: string; readonly line?: number; readonly column?: number },
  out: Diagnostic[],
): void {
  const vo: CertOwner = kind === 'ID' ? { kind: 'ID', id: owner } : { kind };
  const name = `${owner}/*`;
  if (kind === 'SITE')
    out.push(diagnostic({ code: 'ZCEE_VIRTUAL_RING_SITE', severity: 'warning', message: `keyStore '${id}' is the SITE virtual key ring ${name}: the RACF key store of z/OS Java does not take SITE certificates as trusted` }, at));
  if (kind === 'ID' && needsCa)
    out.push(diagnostic({ code: 'ZCEE_RING_NO_CA', message: `keyStore '${id}' is the virtual key ring ${name}: its certificates are all PERSONAL, so it trusts no peer (use a ring with CERTAUTH certificates, e.g. safkeyring://*AUTH*/*)` }, at));
  const aliases: string[] = [];
  for (const s of asKey) {
    if (kind !== 'ID') {
      out.push(diagnostic({ code: 'ZCEE_VIRTUAL_RING_NO_KEY', message: `ssl '${s.id}' uses the ${kind} virtual key ring ${name} as key store: it holds no certificate to present (use it as trustStore only)` }, at));
      continue;
    }
    const alias = s.serverKeyAlias ?? s.clientKeyAlias;
    if (alias === undefined) {
      out.push(
        diagnostic(
          { code: 'ZCEE_VIRTUAL_RING_NO_ALIAS', message: `ssl '${s.id}' uses the virtual key ring ${name} as key store, which has no DEFAULT certificate: set serverKeyAlias to the label of one of ${owner}'s certificates` },
          at,
        ),
      );
      continue;
    }
    aliases.push(alias);
    const c = facts.virtualRingCertificate?.(vo, alias, now);
    if (facts.virtualRingCertificate === undefined) continue;
    if (c === undefined)
      out.push(diagnostic({ code: 'ZCEE_VIRTUAL_RING_NO_CERT', message: `ssl '${s.id}': ${owner} has no certificate labelled '${alias}' for the virtual key ring ${name} (labels are case-sensitive)` }, at));
    else if (!c.usable)
      out.push(diagnostic({ code: 'ZCEE_RING_DEFAULT_UNUSABLE', message: `ssl '${s.id}': certificate '${alias}' of the virtual key ring ${name} is not usable: ${c.reasons.join('; ')}` }, at));
  }
  if (serverUser === undefined || facts.virtualRingAccess === undefined) return;
  const privateKey = kind === 'ID' && aliases.length > 0;
  const a = facts.virtualRingAccess(serverUser, vo, { privateKey });
  if (!a.allowed) {
    const profile = `${kind === 'ID' ? owner : kind === 'CERTAUTH' ? 'CERTIFAUTH' : 'SITECERTIF'}.IRR_VIRTUAL_KEYRING.LST`;
    out.push(
      diagnostic(
        {
          code: 'ZCEE_RING_ACCESS',
          message: `server user ${serverUser} may not read the virtual key ring ${name}${privateKey ? ' and its private key' : ''} (IRR.DIGTCERT.LISTRING in FACILITY or the RDATALIB profile ${profile})`,
          ...(a.reasons.length === 0 ? {} : { hint: a.reasons.join('; ') }),
        },
        at,
      ),
    );
  }
}

/** Key stores that verify servers this server calls (outbound ssl configurations' trust stores). */
function outboundTrustStores(model: ServerModel): Set<string> {
  const outboundSsl = new Set<string>();
  if (model.sslDefault.outboundSSLRef !== undefined) outboundSsl.add(model.sslDefault.outboundSSLRef);
  for (const c of model.endpointConnections) if (c.sslCertsRef !== undefined) outboundSsl.add(c.sslCertsRef);
  const out = new Set<string>();
  for (const s of model.ssl) {
    const t = s.trustStoreRef ?? s.keyStoreRef;
    if (outboundSsl.has(s.id) && t !== undefined) out.add(t);
  }
  return out;
}
