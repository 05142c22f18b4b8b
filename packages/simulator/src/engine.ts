import type { CertSummary } from './certs';
import type { AttlsMatch, SimulationFacts, TlsEndpoint } from './facts';
import { predictHandshake, type ClientAuth, type HandshakePrediction, type HandshakeSetup } from './handshake';
import { chainReturnCode, libertyCertificateDates, msg, ttlsError, type TtlsConnection } from './messages';
import type { ErrorOrigin, IbmMessage, Identity, Leg, Outcome, SimMessage, SimulationResult, TlsSummary, TraceStep } from './result';

/** A handshake the engine predicted, with its inputs, so that it can be cross-checked for real. */
export interface EvaluatedHandshake {
  readonly leg: Leg;
  readonly setup: HandshakeSetup;
  readonly prediction: HandshakePrediction;
}

export interface Evaluation {
  readonly result: SimulationResult;
  readonly handshakes: readonly EvaluatedHandshake[];
}

/** The role zCEE checks for every request when SAF authorization is configured. */
export const ZOS_CONNECT_ACCESS_ROLE = 'zos.connect.access.roles.zosConnectAccess';

class Run {
  readonly trace: TraceStep[] = [];
  readonly messages: SimMessage[] = [];
  readonly handshakes: EvaluatedHandshake[] = [];
  tls: TlsSummary | null = null;
  outboundTls: TlsSummary | null = null;
  identity: Identity = { authenticated: null, asserted: null, authorized: null, provider: null };
  step(step: string, ok: boolean, detail: string): void {
    this.trace.push({ step, detail, ok });
  }
  say(...m: SimMessage[]): void {
    this.messages.push(...m);
  }
  end(outcome: Outcome, leg: Leg | null, httpStatus: number | null, stubErrorCode: number | null, errorOrigin: ErrorOrigin | null): Evaluation {
    return {
      result: {
        outcome,
        leg,
        httpStatus,
        stubErrorCode,
        errorOrigin,
        messages: this.messages,
        tls: this.tls,
        outboundTls: this.outboundTls,
        identity: this.identity,
        trace: this.trace,
      },
      handshakes: this.handshakes,
    };
  }
}

/** AT-TLS HandshakeRole + ClientAuthType as a client-certificate policy. */
function attlsClientAuth(m: AttlsMatch): ClientAuth {
  if (m.handshakeRole !== 'ServerWithClientAuth') return 'none';
  switch (m.clientAuthType ?? 'Required') {
    case 'PassThru':
      return 'passthru';
    case 'Full':
      return 'optional';
    default:
      return 'required';
  }
}

/** Host part of BAQURI (the stub accepts a host name, optionally with an http:// scheme). */
function hostOf(uri: string): string {
  return uri.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '');
}

function listensOn(addrs: readonly string[], addr: string): boolean {
  return addrs.some((a) => a === '*' || a === '0.0.0.0' || a === addr);
}

/** The twin's stand-in when a side has no usable key store: no certificate, trusts nothing. */
function emptyEndpoint(source: string): TlsEndpoint {
  return { source, certChainPem: [], trustedCaPems: [] };
}

function tlsSummary(rule: string | null, p: HandshakePrediction): TlsSummary {
  return { rule, protocol: p.protocol, clientCert: p.clientCertSent ? p.clientCert : null, serverCert: p.serverCert };
}

function certName(c: CertSummary | null): string {
  return c === null ? '(none)' : `'${c.label ?? c.subject}'`;
}

/**
 * Predict what z/OS does for one API requester call, with the reason chain. Pure: same facts, same
 * result. The order follows the request's path: the stub's environment, name resolution, the TCP
 * connect, AT-TLS rule mapping, the TLS handshake, Liberty's transport constraint (requireSecure),
 * authentication (RACF VERIFY + APPL), the zosConnectAccess role, identity assertion and the API
 * requester's groups, and finally zCEE's outbound call to the API provider.
 */
export function evaluateDetailed(facts: SimulationFacts): Evaluation {
  const run = new Run();
  const { job, server, racf } = facts;
  const at = facts.clock.now();

  // 1. The stub's environment (LE run-time options in the CEEOPTS DD).
  if (!job.ceeoptsFound) {
    run.step('job.ceeopts', false, `Language Environment found no CEEOPTS DD${job.ceeoptsNote !== undefined ? ` (${job.ceeoptsNote})` : ''}: the ENVAR settings (BAQURI, BAQPORT, BAQUSERNAME, BAQPASSWORD) never reach the stub`);
  } else {
    run.step('job.ceeopts', true, 'CEEOPTS DD read: ENVAR settings passed to the stub');
  }
  const env = job.ceeoptsFound ? job.env : {};
  const uri = env.BAQURI;
  const portText = env.BAQPORT;
  const port = portText !== undefined && /^\d{1,5}$/.test(portText.trim()) ? Number(portText.trim()) : undefined;
  if (uri === undefined || uri.trim() === '' || port === undefined || port < 1 || port > 65535) {
    const what = uri === undefined || uri.trim() === '' ? 'BAQURI is not set' : `BAQPORT ${portText === undefined ? 'is not set' : `'${portText}' is not a port`}`;
    run.step('stub.endpoint', false, `${what}: the stub has no z/OS Connect EE server to connect to`);
    run.say(msg.twin('ZTW-SIM-NO-SERVER-URI', 'ztwin', `The communication stub cannot connect: ${what}.${job.ceeoptsFound ? '' : ' (the CEEOPTS DD was not found, so no ENVAR reached the stub)'}`));
    return run.end('connection-refused', 'requester', null, null, 'STUB');
  }
  const host = hostOf(uri.trim());
  run.step('stub.endpoint', true, `BAQURI=${uri.trim()} BAQPORT=${port}`);

  // 2. Name resolution.
  const addr = facts.network.resolve(host);
  if (addr === undefined) {
    run.step('network.resolve', false, `host name ${host} does not resolve`);
    run.say(msg.twin('ZTW-SIM-UNRESOLVED', 'ztwin', `The stub cannot connect: host name ${host} does not resolve (HWTHCONN fails).`));
    return run.end('connection-refused', 'requester', null, null, 'STUB');
  }
  run.step('network.resolve', true, `${host} resolves to ${addr}`);

  // 3. Is anything listening there?
  const onAddr = listensOn(server.listenAddrs, addr);
  const isHttp = onAddr && server.httpPort !== null && server.httpPort === port;
  const isHttps = onAddr && server.httpsPort !== null && server.httpsPort === port && server.tls !== null;
  if (!isHttp && !isHttps) {
    const why = !onAddr
      ? `server ${server.name} does not listen on ${addr}`
      : server.httpsPort === port && server.tls === null
        ? `the HTTPS port ${port} of ${server.name} did not start${server.tlsNote !== undefined ? ` (${server.tlsNote})` : ''}`
        : `no port ${port} on ${server.name} (httpPort ${server.httpPort ?? -1}, httpsPort ${server.httpsPort ?? -1})`;
    run.step('network.connect', false, `${addr}:${port}: connection refused: ${why}`);
    run.say(msg.twin('ZTW-SIM-REFUSED', 'ztwin', `The stub cannot connect to ${addr}:${port}: ${why}.`));
    return run.end('connection-refused', 'requester', null, null, 'STUB');
  }
  run.step('network.connect', true, `${addr}:${port} is ${server.name}'s ${isHttps ? 'HTTPS' : 'HTTP'} port`);

  // 4. AT-TLS: does an outbound rule map the job's connection?
  const conn = {
    direction: 'Outbound' as const,
    jobName: job.jobName,
    userid: job.user,
    localAddr: facts.network.clientAddr,
    localPort: facts.network.ephemeralPort,
    remoteAddr: addr,
    remotePort: port,
  };
  const m: AttlsMatch | null = facts.attls === null ? null : facts.attls.match(conn);
  // The two sides of the connection as EZD1281I/EZD1286I name them (CONNIDs as in the EZD1281I
  // messages below).
  const jobSide = (rule: string): TtlsConnection => ({
    connId: '00000001',
    local: `${facts.network.clientAddr}..${facts.network.ephemeralPort}`,
    remote: `${addr}..${port}`,
    jobName: job.jobName,
    userId: job.user,
    rule,
  });
  const atSide = (rule: string): TtlsConnection => ({
    connId: '00000002',
    local: `${addr}..${port}`,
    remote: `${facts.network.clientAddr}..${facts.network.ephemeralPort}`,
    jobName: server.jobName,
    userId: server.userId,
    rule,
  });
  let clientTls: AttlsMatch | null = null;
  if (facts.attls === null) {
    run.step('attls.match', true, 'AT-TLS is not active (no policy / TCPCONFIG NOTTLS): the connection is clear text');
  } else if (m === null) {
    run.step('attls.match', true, `no AT-TLS rule matches job ${job.jobName} user ${job.user} ${facts.network.clientAddr}:${facts.network.ephemeralPort} -> ${addr}:${port} outbound: clear text`);
  } else if (!m.enabled) {
    run.step('attls.match', true, `rule ${m.rule} matches but TTLSEnabled Off: clear text`);
  } else {
    clientTls = m;
    run.step('attls.match', true, `rule ${m.rule} matches (HandshakeRole ${m.handshakeRole}, ${m.protocols.join(',')}); actions ${m.actions.join(' ')}`);
    run.say(
      msg.ttlsMap('00000001', `${facts.network.clientAddr}..${facts.network.ephemeralPort}`, `${addr}..${port}`, job.jobName, job.user, m.rule, m.actions),
    );
  }

  if (clientTls !== null && clientTls.handshakeRole !== 'Client') {
    run.step('attls.role', false, `rule ${clientTls.rule} makes the job's outbound connection a TLS ${clientTls.handshakeRole}: both ends wait for a ClientHello`);
    run.say(
      msg.twin(
        'ZTW-SIM-ATTLS-ROLE',
        'ttls',
        `AT-TLS HandshakeRole ${clientTls.handshakeRole} on an outbound connection: no ClientHello is ever sent; the handshake times out.`,
        // AT-TLS rc 5004: the first HandshakeTimeout interval expired without secure data (IP
        // Diagnosis Guide: it "can occur if both sides of the connection" wait as servers).
        ttlsError(jobSide(clientTls.rule), 5004, 'Initial Handshake'),
      ),
    );
    run.say(msg.connectivityLostStub());
    run.tls = { rule: clientTls.rule, protocol: null, clientCert: null, serverCert: null };
    return run.end('tls-handshake-failed', 'requester', null, 5, 'STUB');
  }
  if (clientTls !== null && clientTls.endpoint === null) {
    run.step('attls.keyring', false, `rule ${clientTls.rule}: the key ring cannot be used${clientTls.keyringNote !== undefined ? `: ${clientTls.keyringNote}` : ''}`);
    run.say(
      msg.twin(
        'ZTW-SIM-ATTLS-KEYRING',
        'ttls',
        `AT-TLS cannot initialize the TLS environment for rule ${clientTls.rule}${clientTls.keyringNote !== undefined ? `: ${clientTls.keyringNote}` : ''}; the connection is reset.`,
        clientTls.keyringOpenFailed === true ? ttlsError(jobSide(clientTls.rule), 202, 'Environment Init') : undefined,
      ),
    );
    run.say(msg.connectivityLostStub());
    run.tls = { rule: clientTls.rule, protocol: null, clientCert: null, serverCert: null };
    return run.end('tls-handshake-failed', 'requester', null, 5, 'STUB');
  }

  // 4b. AT-TLS on the server's side: an inbound rule for the server's job maps the accepted socket.
  const inbound: AttlsMatch | null =
    facts.attls === null
      ? null
      : facts.attls.match({
          direction: 'Inbound',
          jobName: server.jobName,
          userid: server.userId,
          localAddr: addr,
          localPort: port,
          remoteAddr: facts.network.clientAddr,
          remotePort: facts.network.ephemeralPort,
        });
  const atServer = inbound !== null && inbound.enabled ? inbound : null;
  if (facts.attls !== null) {
    if (atServer === null) {
      run.step('attls.inbound', true, inbound === null ? `no inbound AT-TLS rule for ${server.jobName} on port ${port}` : `inbound rule ${inbound.rule}: TTLSEnabled Off`);
    } else {
      run.step('attls.inbound', true, `inbound rule ${atServer.rule} maps ${server.jobName}'s side (HandshakeRole ${atServer.handshakeRole}, ${atServer.protocols.join(',')})`);
      run.say(msg.ttlsMap('00000002', `${addr}..${port}`, `${facts.network.clientAddr}..${facts.network.ephemeralPort}`, server.jobName, server.userId, atServer.rule, atServer.actions, 'InBound'));
    }
  }
  if (atServer !== null && (atServer.handshakeRole === 'Client' || atServer.endpoint === null)) {
    const why =
      atServer.handshakeRole === 'Client'
        ? `inbound rule ${atServer.rule} has HandshakeRole Client: both ends act as TLS clients`
        : `inbound rule ${atServer.rule}: the server's key ring cannot be used${atServer.keyringNote !== undefined ? `: ${atServer.keyringNote}` : ''}`;
    run.step('attls.inbound.keyring', false, why);
    run.say(
      msg.twin(
        'ZTW-SIM-ATTLS-SERVER',
        'ttls',
        `AT-TLS on ${server.jobName}'s side cannot complete a handshake: ${why}.`,
        atServer.handshakeRole !== 'Client' && atServer.keyringOpenFailed === true ? ttlsError(atSide(atServer.rule), 202, 'Environment Init') : undefined,
      ),
      msg.connectivityLostStub(),
    );
    run.tls = { rule: clientTls?.rule ?? atServer.rule, protocol: null, clientCert: null, serverCert: null };
    return run.end('tls-handshake-failed', 'requester', null, 5, 'STUB');
  }

  // 5. The handshake (or its absence) between the job and the server: with an inbound AT-TLS rule
  // AT-TLS is the TLS server (Liberty only sees clear text); otherwise Liberty's HTTPS port is.
  const libertyTls = isHttps ? server.tls : null;
  const serverSide =
    atServer !== null && atServer.endpoint !== null
      ? { endpoint: atServer.endpoint, protocols: atServer.protocols, clientAuth: attlsClientAuth(atServer) }
      : libertyTls !== null
        ? {
            endpoint: libertyTls.endpoint,
            protocols: libertyTls.protocols,
            clientAuth: libertyTls.clientAuthentication ? ('required' as const) : libertyTls.clientAuthenticationSupported ? ('optional' as const) : ('none' as const),
          }
        : null;
  const setup: HandshakeSetup = {
    client: clientTls !== null && clientTls.endpoint !== null ? { endpoint: clientTls.endpoint, protocols: clientTls.protocols } : null,
    server: serverSide,
  };
  const hs = predictHandshake(setup, at);
  if (hs.mode !== 'plaintext') run.handshakes.push({ leg: 'requester', setup, prediction: hs });
  const ruleName = clientTls !== null ? clientTls.rule : atServer !== null ? atServer.rule : null;
  if (hs.mode === 'plaintext-to-tls') {
    run.step('tls.requester', false, `clear text to the ${atServer !== null ? `AT-TLS protected port ${port}` : `HTTPS port ${port}`}: ${hs.failure?.detail ?? ''}`);
    run.say(msg.connectivityLostStub());
    if (atServer === null) run.say(msg.plaintextOnTlsPortServer());
    else {
      run.say(
        msg.twin(
          'ZTW-SIM-ATTLS-PLAINTEXT',
          'ttls',
          `AT-TLS rule ${atServer.rule} expects a ClientHello on port ${port}; clear text arrived and the connection is reset.`,
          // AT-TLS rc 5003: clear text received instead of secure data; the connection is terminated.
          ttlsError(atSide(atServer.rule), 5003, 'Initial Handshake'),
        ),
      );
    }
    return run.end('plaintext-to-tls-port', 'requester', null, 5, 'STUB');
  }
  if (hs.mode === 'tls-to-plaintext') {
    run.tls = tlsSummary(ruleName, hs);
    run.step('tls.requester', false, `AT-TLS rule ${ruleName ?? ''} sends a ClientHello to the plain HTTP port ${port}: ${hs.failure?.detail ?? ''}`);
    run.say(
      msg.twin('ZTW-SIM-TLS-TO-PLAIN', 'ttls', `AT-TLS handshake for rule ${ruleName ?? ''} fails: port ${port} is ${server.name}'s HTTP port and answers the ClientHello in clear text.`),
      msg.connectivityLostStub(),
    );
    return run.end('tls-handshake-failed', 'requester', null, 5, 'STUB');
  }
  /** EZD1286I of the side that detects the handshake failure, where the twin knows its rc. */
  const attlsHandshakeError = (): IbmMessage | undefined => {
    const f = hs.failure;
    if (f === null) return undefined;
    if (f.detectedBy === 'client' && f.code === 'server-cert-rejected' && clientTls !== null) {
      return ttlsError(jobSide(clientTls.rule), chainReturnCode(f.chainProblem), 'Initial Handshake');
    }
    if (f.detectedBy === 'server' && atServer !== null) {
      if (f.code === 'client-cert-missing') return ttlsError(atSide(atServer.rule), 5001, 'Initial Handshake');
      if (f.code === 'client-cert-rejected') return ttlsError(atSide(atServer.rule), chainReturnCode(f.chainProblem), 'Initial Handshake');
    }
    // No common protocol, no server certificate: no return code sourced; the ZTW text stands alone.
    return undefined;
  };
  if (hs.mode === 'tls') {
    run.tls = tlsSummary(ruleName, hs);
    if (!hs.ok) {
      const f = hs.failure;
      run.step('tls.requester', false, f !== null ? f.detail : 'handshake failed');
      if (f !== null && f.detectedBy === 'server' && atServer === null) {
        run.say(msg.sslInitFailed('server', `javax.net.ssl.SSLHandshakeException: ${f.detail}`));
      } else {
        run.say(msg.twin('ZTW-SIM-ATTLS-HANDSHAKE', 'ttls', `AT-TLS handshake for rule ${ruleName ?? ''} fails: ${f !== null ? f.detail : ''}`, attlsHandshakeError()));
      }
      run.say(msg.connectivityLostStub());
      return run.end('tls-handshake-failed', 'requester', null, 5, 'STUB');
    }
    run.step(
      'tls.requester',
      true,
      `handshake ${hs.protocol ?? ''}: ${atServer !== null ? `AT-TLS (rule ${atServer.rule}) for ${server.jobName}` : 'server'} presents ${certName(hs.serverCert)}${hs.clientCertSent ? `, client presents ${certName(hs.clientCert)}` : ', no client certificate'}`,
    );
    if (atServer !== null && atServer.handshakeRole === 'ServerWithClientAuth' && atServer.clientAuthType === 'SAFCheck') {
      // SAFCheck: the client certificate must map to a RACF user ID (here: its owner).
      const owner = hs.clientCertSent ? setup.client?.endpoint.owner : undefined;
      if (owner === undefined || !racf.userExists(owner)) {
        run.step('attls.safcheck', false, `ClientAuthType SAFCheck: client certificate ${certName(hs.clientCert)} does not map to a RACF user ID`);
        run.say(
          msg.twin(
            'ZTW-SIM-ATTLS-SAFCHECK',
            'ttls',
            `AT-TLS rule ${atServer.rule} (SAFCheck) rejects the client certificate: no RACF user ID for it.`,
            // AT-TLS rc 5002: the client's certificate is not defined to SAF (5001: none was sent).
            ttlsError(atSide(atServer.rule), hs.clientCertSent ? 5002 : 5001, 'Initial Handshake'),
          ),
          msg.connectivityLostStub(),
        );
        return run.end('tls-handshake-failed', 'requester', null, 5, 'STUB');
      }
      run.step('attls.safcheck', true, `ClientAuthType SAFCheck: the client certificate maps to ${owner}`);
    }
    if (atServer !== null && libertyTls !== null) {
      run.step('tls.requester.inner', false, `AT-TLS decrypts for ${server.jobName}, whose port ${port} is Liberty's HTTPS port: Liberty receives clear text`);
      run.say(msg.connectivityLostStub(), msg.plaintextOnTlsPortServer());
      return run.end('plaintext-to-tls-port', 'requester', null, 5, 'STUB');
    }
  } else {
    run.step('tls.requester', true, 'clear-text HTTP to the HTTP port');
  }
  // Liberty only knows about its own TLS: behind inbound AT-TLS the request looks like plain HTTP
  // (requireSecure redirects) and no client certificate reaches it (IBM: with an AT-TLS inbound
  // policy client certificate authentication cannot be used).
  const secure = hs.mode === 'tls' && atServer === null;
  const req = server.requester;

  // 6. requireSecure: Liberty's transport guarantee redirects clear text to HTTPS.
  if (!secure && req.requireSecure) {
    run.step('zcee.requireSecure', false, `API requester ${req.name} has requireSecure=true and the request came over HTTP${atServer !== null ? ` (AT-TLS rule ${atServer.rule} encrypts it, but Liberty sees clear text)` : ''}: 302 redirect to HTTPS`);
    run.say(msg.redirectStub());
    return run.end('redirect', 'requester', 302, 5, 'STUB');
  }
  run.step('zcee.requireSecure', true, secure ? 'request arrived over HTTPS' : `requireSecure=false for ${req.name}: HTTP accepted${atServer !== null ? ' (encrypted by AT-TLS, which Liberty does not see)' : ''}`);

  if (!server.appSecurity) {
    run.step('zcee.security', true, 'appSecurity-2.0 is not configured: no authentication or authorization');
    return outbound(facts, run, at);
  }

  // 7. Authentication (ID2).
  const user = env.BAQUSERNAME;
  const certOwner = secure && hs.ok && hs.clientCertSent ? setup.client?.endpoint.owner : undefined;
  let id2: string | null = null;
  if (certOwner !== undefined) {
    id2 = certOwner;
    run.step(
      'zcee.authenticate',
      true,
      `TLS client certificate ${certName(hs.clientCert)} maps to its RACF owner ${certOwner}${user !== undefined ? ` (taken before BAQUSERNAME=${user})` : ''}`,
    );
  } else if (user !== undefined && user !== '') {
    const u = user.toUpperCase();
    const r = racf.authenticate(u, env.BAQPASSWORD ?? '');
    if (r !== 'ok') {
      const g = racf.defaultGroup(u);
      const n = racf.userName(u);
      if (r === 'unknown-user') run.say(msg.userNotFound());
      else if (r === 'invalid-password') run.say(...msg.invalidPassword(u, g, n));
      else if (r === 'revoked') run.say(msg.revoked(u, g, n));
      else run.say(msg.twin('ZTW-SIM-VERIFY', 'syslog', `RACF VERIFY for ${u} fails: ${r === 'expired' ? 'the password has expired' : 'the user is PROTECTED (no password)'}.`));
      run.say(msg.authenticationFailed(u), msg.unauthorizedStub());
      run.step('zcee.authenticate', false, `RACF verification of BAQUSERNAME ${u}: ${r}: 401`);
      return run.end('unauthenticated', 'requester', 401, null, 'ZCEE');
    }
    id2 = u;
    run.step('zcee.authenticate', true, `RACF verified BAQUSERNAME ${u} with BAQPASSWORD`);
  } else if (req.requireAuth) {
    run.step('zcee.authenticate', false, `no credentials (no BAQUSERNAME, no client certificate) and requireAuth=true: 401`);
    run.say(msg.twin('ZTW-SIM-NO-CREDENTIALS', 'ztwin', 'No basic-auth credentials and no client certificate: zCEE answers 401.'), msg.unauthorizedStub());
    return run.end('unauthenticated', 'requester', 401, null, 'ZCEE');
  } else {
    run.step('zcee.authenticate', true, `no credentials; requireAuth=false: runs as the unauthenticated user ${server.unauthenticatedUser}`);
  }
  run.identity = { ...run.identity, authenticated: id2 };
  const subject = id2 ?? server.unauthenticatedUser;

  // APPL: may this user use the server at all (safCredentials profilePrefix)?
  if (id2 !== null) {
    const appl = racf.checkAccess(id2, 'APPL', server.profilePrefix, 'READ');
    if (appl === 'denied') {
      run.step('zcee.appl', false, `${id2} has no READ to APPL ${server.profilePrefix}: authentication fails`);
      run.say(msg.applDenied(id2, server.profilePrefix), msg.authenticationFailed(id2), msg.unauthorizedStub());
      run.identity = { ...run.identity, authenticated: null };
      return run.end('unauthenticated', 'requester', 401, null, 'ZCEE');
    }
    run.step('zcee.appl', true, appl === 'allowed' ? `${id2} has READ to APPL ${server.profilePrefix}` : `APPL ${server.profilePrefix}: ${appl}: no restriction`);
  }

  // 8. The zosConnectAccess role (EJBROLE <prefix>.zos.connect.access.roles.zosConnectAccess).
  if (server.safAuthorization) {
    const role = `${server.profilePrefix}.${ZOS_CONNECT_ACCESS_ROLE}`;
    const r = racf.checkAccess(subject, 'EJBROLE', role, 'READ');
    if (r !== 'allowed') {
      run.step('zcee.role', false, `${subject}: EJBROLE ${role}: ${r}: 403`);
      run.say(
        msg.resourceDenied(subject, racf.defaultGroup(subject), racf.userName(subject), role, 'EJBROLE'),
        msg.roleDenied(subject, req.name, `/zosConnect/apiRequesters/${req.name}`, 'zosConnectAccess'),
      );
      return run.end('forbidden', 'requester', 403, null, 'ZCEE');
    }
    run.step('zcee.role', true, `${subject} has READ to EJBROLE ${role}`);
  } else {
    run.step('zcee.role', true, 'safAuthorization not configured: role bindings in server.xml are not modelled');
  }

  // 9. Identity assertion: which ID is authorized.
  let authorized = subject;
  const asserted = req.idAssertion !== 'OFF';
  if (asserted) {
    authorized = job.user;
    run.identity = { ...run.identity, asserted: job.user };
    if (!racf.userExists(job.user)) {
      run.step('zcee.idAssertion', false, `idAssertion ${req.idAssertion}: asserted ID ${job.user} is not a RACF user`);
      run.say(msg.assertedNotAuthorized(job.user, req.name));
      return run.end('forbidden', 'requester', 403, null, 'ZCEE');
    }
    run.step(
      'zcee.idAssertion',
      true,
      `idAssertion ${req.idAssertion}: authorizing the asserted ID1 ${job.user} (job ${job.jobName}), not ID2 ${subject}` +
        (req.idAssertion === 'ASSERT_SURROGATE' ? '; the surrogate check of ID2 for ID1 is not modelled' : ''),
    );
  } else {
    run.step('zcee.idAssertion', true, `idAssertion OFF: authorizing ID2 ${subject}`);
  }

  // 10. API requester groups (admin/operations/invoke).
  const groups = [...req.adminGroups, ...(req.operationsGroups ?? []), ...req.invokeGroups].map((g) => g.toUpperCase());
  if (groups.length === 0) {
    run.step('zcee.groups', true, `no admin/operations/invoke groups for ${req.name}: no group check`);
  } else {
    const mine = racf.groupsOf(authorized).map((g) => g.toUpperCase());
    const hit = groups.find((g) => mine.includes(g));
    if (hit === undefined) {
      run.step('zcee.groups', false, `${authorized} is in none of ${[...new Set(groups)].join(', ')}: 403`);
      run.say(
        asserted
          ? msg.assertedNotAuthorized(authorized, req.name)
          : msg.twin('ZTW-SIM-NOT-INVOKER', 'stub', `User ID ${authorized} is not authorized to invoke the API requester on resource /zosConnect/apiRequesters/${req.name}.`),
      );
      return run.end('forbidden', 'requester', 403, null, 'ZCEE');
    }
    run.step('zcee.groups', true, `${authorized} is connected to ${hit}`);
  }
  run.identity = { ...run.identity, authorized };
  return outbound(facts, run, at);
}

/** zCEE → API provider. */
function outbound(facts: SimulationFacts, run: Run, at: Date): Evaluation {
  const ob = facts.server.outbound;
  if (ob === null) {
    run.step('outbound', true, 'the call to the API provider is not modelled: assumed 200');
    return run.end('ok', null, 200, null, null);
  }
  const p = ob.provider;
  if (!p.listening) {
    run.step('outbound.connect', false, `${ob.host}:${ob.port} (${p.name}) is not listening`);
    run.say(msg.twin('ZTW-SIM-OUTBOUND-REFUSED', 'server', `zCEE cannot connect to endpoint ${ob.connection} ${ob.host}:${ob.port}: connection refused; the stub receives HTTP 500.`));
    return run.end('connection-refused', 'outbound', 500, null, 'ZCEE');
  }
  run.step('outbound.connect', true, `endpointConnection ${ob.connection}: ${ob.scheme}://${ob.host}:${ob.port} (${p.name})`);
  const client =
    ob.scheme === 'https'
      ? ob.client !== null && ob.client.endpoint !== null
        ? { endpoint: ob.client.endpoint, protocols: ob.client.protocols, selectByIssuer: true }
        : { endpoint: emptyEndpoint('JSSE defaults (no outbound SSL configuration)'), protocols: ob.client?.protocols ?? ['TLSv1.2' as const] }
      : null;
  const setup: HandshakeSetup = {
    client,
    server:
      p.tls !== null
        ? { endpoint: p.tls.endpoint, protocols: p.tls.protocols, clientAuth: p.tls.clientAuthentication ? 'required' : p.tls.clientAuthenticationSupported ? 'optional' : 'none' }
        : null,
  };
  const hs = predictHandshake(setup, at);
  if (hs.mode !== 'plaintext') run.handshakes.push({ leg: 'outbound', setup, prediction: hs });
  if (hs.mode === 'plaintext-to-tls') {
    run.step('tls.outbound', false, `zCEE sends clear text to ${p.name}'s TLS port`);
    run.say(msg.sslInitFailed('provider', 'javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?'));
    run.say(msg.twin('ZTW-SIM-OUTBOUND-FAILED', 'stub', `zCEE's call to ${ob.connection} failed; the stub receives HTTP 500 (error in zCEE).`));
    return run.end('plaintext-to-tls-port', 'outbound', 500, null, 'ZCEE');
  }
  if (hs.mode === 'tls-to-plaintext' || (hs.mode === 'tls' && !hs.ok)) {
    run.outboundTls = tlsSummary(null, hs);
    const f = hs.failure;
    run.step('tls.outbound', false, f !== null ? f.detail : 'handshake failed');
    if (f !== null && f.detectedBy === 'server') {
      run.say(msg.sslInitFailed('provider', `javax.net.ssl.SSLHandshakeException: ${f.detail}`));
    } else if (f !== null && f.chainProblem === 'untrusted' && hs.serverCert !== null) {
      run.say(msg.signerNotTrusted(hs.serverCert.subject, client?.endpoint.source ?? 'the trust store'));
    } else {
      run.say(
        msg.twin(
          'ZTW-SIM-OUTBOUND-HANDSHAKE',
          'server',
          `zCEE's TLS handshake with ${p.name} fails: ${f !== null ? f.detail : ''}`,
          f !== null && f.code === 'server-cert-rejected' && hs.serverCert !== null ? libertyCertificateDates(hs.serverCert, at) : undefined,
        ),
      );
    }
    // zCEE reports a failed endpoint call to the stub as an error in zCEE with HTTP 500
    // (BAQ-ERROR-IN-ZCEE). Evidence: zCEE V3 "Error responses" (runtime errors are an HTTP status
    // plus JSON {"errorMessage": "BAQR..."}), APAR PH65523 (server-side failures answered 500 with
    // BAQR7033E "Internal server error."), the BAQRINFO copybook (origin 2 = ERROR-IN-ZCEE). No BAQR
    // message specific to an outbound TLS failure was found, so the twin says so (ZTW code).
    run.say(msg.twin('ZTW-SIM-OUTBOUND-FAILED', 'stub', `zCEE's call to ${ob.connection} failed in the TLS handshake; the stub receives HTTP 500 (error in zCEE).`));
    return run.end('tls-handshake-failed', 'outbound', 500, null, 'ZCEE');
  }
  if (hs.mode === 'tls') {
    run.outboundTls = tlsSummary(null, hs);
    run.step('tls.outbound', true, `handshake ${hs.protocol ?? ''}: ${p.name} presents ${certName(hs.serverCert)}${hs.clientCertSent ? `, zCEE presents ${certName(hs.clientCert)}` : ''}`);
  } else {
    run.step('tls.outbound', true, 'clear-text HTTP to the API provider');
  }
  const providerId = hs.mode === 'tls' && hs.clientCertSent && client !== null && client.endpoint.owner !== undefined ? client.endpoint.owner : (ob.authDataUser ?? null);
  run.identity = { ...run.identity, provider: providerId };
  run.step(
    'outbound.identity',
    true,
    providerId === null
      ? `${p.name} sees no identity`
      : hs.mode === 'tls' && hs.clientCertSent
        ? `${p.name} maps zCEE's client certificate to its owner ${providerId}`
        : `${p.name} sees basic-auth user ${providerId}`,
  );
  if (p.authorize !== undefined) {
    const d = p.authorize(providerId);
    run.step('outbound.authorize', d.ok, `${p.name}: ${d.detail}`);
    if (!d.ok) {
      for (const m of d.messages) run.say({ id: m.id, where: 'provider', text: m.text });
      // The provider's refusal comes back to the stub as the API's answer (BAQ-ERROR-IN-API).
      return run.end(d.status === 401 ? 'unauthenticated' : 'forbidden', 'outbound', d.status, null, 'API');
    }
  }
  const status = p.status ?? 200;
  return run.end('ok', null, status, null, status >= 200 && status < 300 ? null : 'API');
}

/** Predict the outcome of one API requester call (see `evaluateDetailed` for the handshakes). */
export function evaluate(facts: SimulationFacts): SimulationResult {
  return evaluateDetailed(facts).result;
}
