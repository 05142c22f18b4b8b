/**
 * RACDCERT on the RACF state, and `applyDeck` for whole decks mixing RACDCERT with other commands
 * (those go to racf-model's applyCommand).
 *
 * Authority (RACF Command Language Reference, "Authorization required" of each RACDCERT function;
 * the CONTROL rules for CERTAUTH/SITE are from those sections as remembered, not re-verified):
 * FACILITY IRR.DIGTCERT.<function> — READ to act on one's own certificates/rings, UPDATE on
 * another user's, CONTROL for CERTAUTH/SITE certificates; GENCERT signing with a CERTAUTH/SITE
 * certificate needs CONTROL. A SPECIAL issuer needs no FACILITY access.
 */
import { type Clock, type Diagnostic, diagnostic, systemClock } from '@ztwin/core';
import { tryCatch, type TaskEither } from 'fp-ts/TaskEither';
import {
  type AccessLevel,
  type ApplyContext,
  type CertificateRecord,
  type CertOwner,
  type CertSelector,
  type Command,
  type RacdcertCommand,
  type RacdcertPbe,
  type RacfState,
  type RingUsage,
  applyCommand,
  certKey,
  checkAccess,
  getDataSet,
  getRing,
  parseDeck,
  resolveDsn,
  withDataSet,
} from '@ztwin/racf-model';
import { b64, bytesEqual, unb64 } from './der';
import { type ExportFormat, type ImportedPackage, exportCertificate, readCertificatePackage, readPem, recordFromCertificate, writePem } from './formats';
import { type RacfKeyUsage, gencert, generatedLabel, genreq } from './gencert';
import type { Pkcs12WriteOptions } from './pkcs12';
import { certInfoB64 } from './certinfo';
import { selectBySerial } from './select';
import { listText, listringText, ownerText } from './listing';
import { type CertStore, ringHint, addCertificate, addRing, alterCertificate, connect, deleteCertificate, deleteRing, findCertificate, labelProblem, putCertificate, remove } from './ring';
import { type KeySource, type SerialSource, type WebCrypto, webCryptoKeySource } from './sources';

export interface KeyringApplyContext extends ApplyContext {
  readonly keySource?: KeySource;
  readonly serialSource?: SerialSource;
  readonly crypto?: WebCrypto;
  readonly source?: string;
  /** RFC 6979 ECDSA for GENCERT (byte-identical output with a seeded/fixed KeySource). */
  readonly deterministicSignatures?: boolean;
}
export interface KeyringApplyResult {
  readonly state: RacfState;
  readonly diagnostics: Diagnostic[];
  readonly outputs: { readonly command: Command; readonly output: string[] }[];
}

/** The certificate/ring tables of a RACF state as a CertStore (O(1); they are the same maps). */
export const certStoreOf = (s: RacfState): CertStore => ({ certificates: s.certificates, rings: s.rings });
/** A RACF state with its certificate/ring tables replaced by a CertStore's (O(1)). */
export const withCertStore = (s: RacfState, c: CertStore): RacfState => s.with({ certificates: c.certificates, rings: c.rings });
const storeOf = certStoreOf;
const withStore = withCertStore;

interface Env {
  readonly issuer: string;
  readonly clock: Clock;
  readonly keySource: KeySource;
  readonly serialSource?: SerialSource;
  readonly crypto?: WebCrypto;
  readonly deterministicSignatures?: boolean;
}

const SUPPORTED = new Set(['GENCERT', 'ADD', 'ALTER', 'DELETE', 'LIST', 'LISTCHAIN', 'CHECKCERT', 'EXPORT', 'GENREQ', 'ADDRING', 'DELRING', 'CONNECT', 'REMOVE', 'LISTRING']);
const LEVELS: AccessLevel[] = ['NONE', 'EXECUTE', 'READ', 'UPDATE', 'CONTROL', 'ALTER'];
const maxLevel = (...ls: AccessLevel[]): AccessLevel => ls.reduce((a, b) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b), 'READ' as AccessLevel);
const levelFor = (issuer: string, o: CertOwner): AccessLevel => (o.kind === 'ID' ? (o.id === issuer ? 'READ' : 'UPDATE') : 'CONTROL');

/** Does the issuer hold FACILITY IRR.DIGTCERT.<fn> at `level` (or is SPECIAL)? */
export function racdcertAuthorized(state: RacfState, issuer: string, fn: string, level: AccessLevel): { ok: boolean; reason: string } {
  const u = state.users.get(issuer);
  if (u?.special) return { ok: true, reason: `${issuer} is SPECIAL` };
  const d = checkAccess(state, { user: issuer, class: 'FACILITY', resource: `IRR.DIGTCERT.${fn}`, access: level });
  return { ok: d.decision === 'allowed' || d.decision === 'warning', reason: d.reasons.join('; ') };
}

/** Apply one RACDCERT command. */
export async function applyRacdcert(state: RacfState, cmd: RacdcertCommand, ctx: KeyringApplyContext = {}): Promise<{ state: RacfState; diagnostics: Diagnostic[]; output: string[] }> {
  const e: Env = {
    issuer: (ctx.issuer ?? 'IBMUSER').toUpperCase(),
    clock: ctx.clock ?? systemClock,
    keySource: ctx.keySource ?? webCryptoKeySource(ctx.crypto),
    ...(ctx.serialSource ? { serialSource: ctx.serialSource } : {}),
    ...(ctx.crypto ? { crypto: ctx.crypto } : {}),
    ...(ctx.deterministicSignatures ? { deterministicSignatures: true } : {}),
  };
  const diags: Diagnostic[] = [];
  const out: string[] = [];
  const loc = cmd.span;
  const err = (code: string, message: string, hint?: string): void => void diags.push(diagnostic(hint === undefined ? { code, message } : { code, message, hint }, loc));
  const f = cmd.function;
  const fname = f.function;
  if (!SUPPORTED.has(fname)) {
    diags.push(diagnostic({ code: 'KR-NOT-SUPPORTED', severity: 'warning', message: `RACDCERT ${fname} is not supported by ztwin; nothing changed.` }, loc));
    return { state, diagnostics: diags, output: out };
  }
  const owner: CertOwner = cmd.owner ?? { kind: 'ID', id: e.issuer };
  const ownerU: CertOwner = owner.kind === 'ID' ? { kind: 'ID', id: owner.id.toUpperCase() } : owner;
  if (ownerU.kind === 'ID' && !state.users.get(ownerU.id)) {
    err('KR-USER-NOT-FOUND', `User ${ownerU.id} is not defined to RACF.`);
    return { state, diagnostics: diags, output: out };
  }
  const authorize = (level: AccessLevel): boolean => {
    const a = racdcertAuthorized(state, e.issuer, fname, level);
    if (!a.ok) err('KR-NOT-AUTHORIZED', `${e.issuer} is not authorized to RACDCERT ${fname} (needs ${level} to FACILITY IRR.DIGTCERT.${fname}).`, a.reason);
    return a.ok;
  };
  const ringOwner = (): string | undefined => {
    if (ownerU.kind !== 'ID') {
      err('IRRD120I', `Incorrect use of ${ownerU.kind}. A ${ownerU.kind === 'CERTAUTH' ? 'Certificate Authority' : 'Site Certificate'} cannot own a key ring.`);
      return undefined;
    }
    return ownerU.id;
  };
  const byLabel = (o: CertOwner, label: string | undefined, what = 'LABEL'): CertificateRecord | undefined => {
    if (label === undefined) {
      const sel = ('serialNumber' in f && f.serialNumber !== undefined) || ('issuerSdn' in f && f.issuerSdn !== undefined);
      err('KR-LABEL', sel ? `RACDCERT ${fname} names its certificate by ${what} only, not by SERIALNUMBER/ISSUERSDN.` : `${what} is required.`);
      return undefined;
    }
    const c = findCertificate(storeOf(state), o, label);
    if (!c) {
      const near = [...state.certificates.values()].find((x) => certKey(x.owner, '') === certKey(o, '') && x.label.toLowerCase() === label.toLowerCase());
      err('KR-CERT-NOT-FOUND', `Certificate '${label}' does not exist for ${ownerText(o)}.`, near ? `labels are case-sensitive: did you mean '${near.label}'?` : undefined);
    }
    return c;
  };
  /** ALTER, DELETE, LIST, EXPORT: LABEL('x') or SERIALNUMBER(s) ISSUERSDN('dn') (select.ts). */
  const bySelector = (o: CertOwner, sel: CertSelector): CertificateRecord | undefined => {
    if (sel.serialNumber === undefined && sel.issuerSdn === undefined) {
      if (sel.label !== undefined) return byLabel(o, sel.label);
      err('KR-LABEL', `RACDCERT ${fname} needs LABEL('label'), or SERIALNUMBER(serial) with ISSUERSDN('issuer-dn').`);
      return undefined;
    }
    const r = selectBySerial(storeOf(state), o, sel, loc);
    diags.push(...r.diagnostics);
    return r.value;
  };
  const dsnOf = (name: string): string => resolveDsn(name, e.issuer).toUpperCase();
  /** Diagnostics of a helper (which knows no source position) placed at this command. */
  const atCommand = (ds: readonly Diagnostic[]): Diagnostic[] => ds.map((d) => ({ ...d, source: loc.source, line: loc.start.line, column: loc.start.column }));
  /** EXPORT / GENREQ: the authority check, the certificate, and the data set they write (DSN is required). */
  const certAndDsn = (select: () => CertificateRecord | undefined, dsn: string | undefined): { c: CertificateRecord; dsn: string } | undefined => {
    if (!authorize(levelFor(e.issuer, ownerU))) return undefined;
    const c = select();
    if (!c) return undefined;
    if (dsn === undefined) {
      err('KR-DSN-REQUIRED', `${fname} requires DSN.`);
      return undefined;
    }
    return { c, dsn: dsnOf(dsn) };
  };
  const take = (r: { store: CertStore; diagnostics: Diagnostic[] }): RacfState => {
    diags.push(...atCommand(r.diagnostics));
    return withStore(state, r.store);
  };
  let s = state;
  /** ADD / CHECKCERT: the certificate package in a data set, and the record RACF already holds with the same certificate. */
  const packageIn = (name: string, password: string | undefined): { pkg: ImportedPackage; known: CertificateRecord | undefined } | undefined => {
    const dsn = dsnOf(name);
    const ds = getDataSet(s, dsn);
    if (!ds) {
      err('KR-DSN-NOT-FOUND', `Data set ${dsn} does not exist.`);
      return undefined;
    }
    const r = readCertificatePackage(unb64(ds.content), password);
    diags.push(...atCommand(r.diagnostics));
    if (!r.value) return undefined;
    const der = b64(r.value.certificate.der);
    return { pkg: r.value, known: [...s.certificates.values()].find((c) => c.der === der) };
  };
  switch (f.function) {
    case 'GENCERT': {
      const signOwner = f.signWith ? (f.signWith.owner ?? ownerU) : undefined;
      if (!authorize(maxLevel(levelFor(e.issuer, ownerU), signOwner && signOwner.kind !== 'ID' ? 'CONTROL' : 'READ'))) break;
      const signer = f.signWith && signOwner ? byLabel(signOwner.kind === 'ID' ? { kind: 'ID', id: signOwner.id.toUpperCase() } : signOwner, f.signWith.label, 'SIGNWITH LABEL') : undefined;
      if (f.signWith && !signer) break;
      if (f.withLabel !== undefined && findCertificate(storeOf(s), ownerU, f.withLabel)) {
        err('KR-LABEL-IN-USE', `Label '${f.withLabel}' is already in use for ${ownerText(ownerU)}.`);
        break;
      }
      let request: Uint8Array | undefined;
      if (f.request !== undefined) {
        // racf-model hands GENCERT('dsn') over without its quotes: try it as fully qualified too.
        const ds = getDataSet(s, dsnOf(f.request)) ?? getDataSet(s, f.request.replace(/^'|'$/g, '').toUpperCase());
        if (!ds) {
          err('KR-DSN-NOT-FOUND', `Data set ${dsnOf(f.request)} does not exist.`);
          break;
        }
        const bytes = unb64(ds.content);
        const pem = readPem(new TextDecoder().decode(bytes)).find((b) => /CERTIFICATE REQUEST/.test(b.type));
        request = pem ? pem.der : bytes;
      }
      const ku = f.keyUsage ? (Object.entries(f.keyUsage).filter(([k, v]) => v === true && k !== 'KEYAGREE').map(([k]) => k) as RacfKeyUsage[]) : undefined;
      const keyType = f.nistecc ? 'NISTECC' : f.bpecc ? 'BPECC' : f.dsa ? 'DSA' : 'RSA';
      const existing = [...s.certificates.values()].filter((c) => certKey(c.owner, '') === certKey(ownerU, '')).map((c) => c.label);
      const sub = f.subjectsDn;
      const r = await gencert(
        {
          owner: ownerU,
          ...(f.withLabel !== undefined ? { label: f.withLabel } : { existingLabels: existing }),
          ...(sub ? { subject: { ...(sub.CN !== undefined ? { CN: sub.CN } : {}), ...(sub.T !== undefined ? { T: sub.T } : {}), ...(sub.OU ? { OU: [...sub.OU] } : {}), ...(sub.O !== undefined ? { O: sub.O } : {}), ...(sub.L !== undefined ? { L: sub.L } : {}), ...(sub.SP !== undefined ? { SP: sub.SP } : {}), ...(sub.C !== undefined ? { C: sub.C } : {}) } } : {}),
          keyType,
          ...(f.size !== undefined ? { size: f.size } : {}),
          ...(f.notBefore?.date !== undefined ? { notBefore: { date: f.notBefore.date, ...(f.notBefore.time !== undefined ? { time: f.notBefore.time } : {}) } } : {}),
          ...(f.notAfter?.date !== undefined ? { notAfter: { date: f.notAfter.date, ...(f.notAfter.time !== undefined ? { time: f.notAfter.time } : {}) } } : {}),
          ...(ku && ku.length ? { keyUsage: ku } : {}),
          ...(f.altName ? { altName: { ...(f.altName.IP !== undefined ? { ip: f.altName.IP } : {}), ...(f.altName.DOMAIN !== undefined ? { domain: f.altName.DOMAIN } : {}), ...(f.altName.EMAIL !== undefined ? { email: f.altName.EMAIL } : {}), ...(f.altName.URI !== undefined ? { uri: f.altName.URI } : {}) } } : {}),
          ...(signer ? { signWith: signer } : {}),
          ...(request ? { request } : {}),
        },
        { clock: e.clock, keySource: e.keySource, ...(e.serialSource ? { serialSource: e.serialSource } : {}), ...(e.crypto ? { crypto: e.crypto } : {}), ...(e.deterministicSignatures ? { deterministicSignatures: true } : {}), at: loc },
      );
      diags.push(...r.diagnostics);
      if (!r.value) break;
      s = take(addCertificate(storeOf(s), r.value.certificate, loc.source === '' ? { source: '<deck>' } : { source: loc.source }));
      if (r.value.signer) s = withStore(s, putCertificate(storeOf(s), r.value.signer));
      break;
    }
    case 'ADD': {
      if (!authorize(levelFor(e.issuer, ownerU))) break;
      // A bad WITHLABEL is a syntax error: reported before the data set is read.
      const badLabel = f.withLabel === undefined ? undefined : labelProblem(f.withLabel);
      if (badLabel !== undefined) {
        err('KR-LABEL', `WITHLABEL: ${badLabel}`);
        break;
      }
      const read = packageIn(f.dsn, f.password?.reveal());
      if (!read) break;
      const { pkg, known: dup } = read;
      if (dup) {
        err('KR-ADD-DUPLICATE', `The certificate is already defined to RACF as '${dup.label}' for ${ownerText(dup.owner)}.`);
        break;
      }
      const existing = [...s.certificates.values()].filter((c) => certKey(c.owner, '') === certKey(ownerU, '')).map((c) => c.label);
      const label = f.withLabel ?? pkg.friendlyName ?? generatedLabel(existing);
      const rec = recordFromCertificate(pkg.certificate, ownerU, label, f.trust ?? 'TRUST', pkg.privateKey);
      if (pkg.certificate.notAfter.getTime() < e.clock.now().getTime())
        diags.push(diagnostic({ code: 'KR-ADD-EXPIRED', severity: 'warning', message: `The certificate '${label}' has expired (${pkg.certificate.notAfter.toISOString()}).` }, loc));
      s = take(addCertificate(storeOf(s), rec, { source: loc.source }));
      // CA certificates in a package are added under CERTAUTH when not already defined.
      for (const o of pkg.others) {
        const oder = b64(o.der);
        if ([...s.certificates.values()].some((c) => c.der === oder)) continue;
        const labels = [...s.certificates.values()].filter((c) => c.owner.kind === 'CERTAUTH').map((c) => c.label);
        s = take(addCertificate(storeOf(s), recordFromCertificate(o, { kind: 'CERTAUTH' }, generatedLabel(labels), 'TRUST'), { source: loc.source }));
      }
      break;
    }
    case 'ALTER': {
      if (!authorize(levelFor(e.issuer, ownerU))) break;
      const c = bySelector(ownerU, f);
      if (!c) break;
      s = take(alterCertificate(storeOf(s), ownerU, c.label, { ...(f.trust ? { trust: f.trust } : {}), ...(f.newLabel !== undefined ? { newLabel: f.newLabel } : {}) }, { source: loc.source }));
      break;
    }
    case 'DELETE': {
      if (!authorize(levelFor(e.issuer, ownerU))) break;
      const c = bySelector(ownerU, f);
      if (!c) break;
      s = take(deleteCertificate(storeOf(s), ownerU, c.label, { source: loc.source }));
      break;
    }
    case 'LIST': {
      if (!authorize(levelFor(e.issuer, ownerU))) break;
      const one = f.label !== undefined || f.serialNumber !== undefined || f.issuerSdn !== undefined;
      const c = one ? bySelector(ownerU, f) : undefined;
      if (one && !c) break;
      const t = listText(storeOf(s), ownerU, c?.label);
      if (t !== undefined) out.push(...t.trimEnd().split('\n'));
      break;
    }
    case 'LISTCHAIN': {
      if (!authorize(levelFor(e.issuer, ownerU))) break;
      const start = byLabel(ownerU, f.label);
      if (!start) break;
      const chain = [start];
      let complete = false;
      for (let cur = start, i = 0; i < 10; i++) {
        const info = cur.der !== undefined ? certInfoB64(cur.der) : undefined;
        if (!info) break;
        if (bytesEqual(info.subjectDer, info.issuerDer)) {
          complete = true;
          break;
        }
        const candidates = [...s.certificates.values()].filter((c) => c.subjectDn === info.issuerDn && (certKey(c.owner, '') === certKey(cur.owner, '') || c.owner.kind === 'CERTAUTH'));
        const next = candidates.find((c) => c !== cur);
        if (!next) break;
        chain.push(next);
        cur = next;
      }
      for (const c of chain) out.push(...(listText(storeOf(s), c.owner, c.label) ?? '').trimEnd().split('\n'));
      const bad = chain.filter((c) => c.trust === 'NOTRUST' || Date.parse(c.notAfter) < e.clock.now().getTime());
      out.push('', 'Chain information:', `  Chain contains ${chain.length} certificate(s), chain is ${complete ? 'complete' : 'incomplete'}`);
      if (bad.length) out.push('  Chain contains NOTRUST or expired certificate(s)');
      break;
    }
    case 'CHECKCERT': {
      const read = packageIn(f.dsn, f.password?.reveal());
      if (!read) break;
      const found = read.known;
      if (found) out.push(...(listText(storeOf(s), found.owner, found.label) ?? '').trimEnd().split('\n'));
      else out.push('Certificate not defined to RACF.');
      break;
    }
    case 'EXPORT': {
      const target = certAndDsn(() => bySelector(ownerU, f), f.dsn);
      if (!target) break;
      const { c } = target;
      const format = (f.format ?? 'CERTB64').toUpperCase();
      if (!['CERTDER', 'CERTB64', 'PKCS7DER', 'PKCS7B64', 'PKCS12DER', 'PKCS12B64'].includes(format)) {
        err('KR-NOT-SUPPORTED', `FORMAT(${format}) is not supported by ztwin.`);
        break;
      }
      if (format.startsWith('PKCS12') && c.owner.kind === 'ID' && c.owner.id !== e.issuer && !state.users.get(e.issuer)?.special && !racdcertAuthorized(state, e.issuer, 'EXPORT', 'CONTROL').ok) {
        err('KR-NOT-AUTHORIZED', `Exporting another user's private key needs CONTROL to IRR.DIGTCERT.EXPORT.`);
        break;
      }
      const pbe = exportPbe(f.pbe, format, err);
      if (pbe === null) break;
      const chain = chainRecords(s, c);
      const x = exportCertificate(c, format as ExportFormat, { ...(f.password ? { password: f.password.reveal() } : {}), chain, ...(pbe === undefined ? {} : { pkcs12: pbe }) });
      diags.push(...atCommand(x.diagnostics));
      if (!x.value) break;
      s = withDataSet(s, { dsn: target.dsn, content: b64(x.value.bytes), kind: x.value.kind });
      break;
    }
    case 'GENREQ': {
      const target = certAndDsn(() => byLabel(ownerU, f.label), f.dsn);
      if (!target) break;
      const r = await genreq(target.c, e.crypto);
      diags.push(...atCommand(r.diagnostics));
      if (!r.value) break;
      s = withDataSet(s, { dsn: target.dsn, content: b64(new TextEncoder().encode(writePem('NEW CERTIFICATE REQUEST', r.value))), kind: 'text' });
      break;
    }
    case 'ADDRING':
    case 'DELRING': {
      const ro = ringOwner();
      if (ro === undefined || !authorize(levelFor(e.issuer, ownerU))) break;
      s = take(f.function === 'ADDRING' ? addRing(storeOf(s), ro, f.ring, { source: loc.source }) : deleteRing(storeOf(s), ro, f.ring, { source: loc.source }));
      break;
    }
    case 'CONNECT': {
      const ro = ringOwner();
      if (ro === undefined) break;
      const co0 = f.certOwner ?? ownerU;
      const co: CertOwner = co0.kind === 'ID' ? { kind: 'ID', id: co0.id.toUpperCase() } : co0;
      // Table 1 of RACDCERT CONNECT, as remembered (unverified): READ for one's own certificate and
      // ring; UPDATE for another user's certificate or ring and for CERTAUTH/SITE certificates
      // kept as CA/SITE usage; CONTROL to connect a CERTAUTH/SITE certificate as PERSONAL.
      const usageWanted = f.usage ?? (co.kind === 'ID' ? 'PERSONAL' : co.kind);
      const certLevel: AccessLevel = co.kind === 'ID' ? levelFor(e.issuer, co) : usageWanted === 'PERSONAL' ? 'CONTROL' : 'UPDATE';
      if (!authorize(maxLevel(levelFor(e.issuer, ownerU), certLevel))) break;
      if (f.ring === undefined || f.label === undefined) {
        err('KR-CONNECT', 'CONNECT requires RING and LABEL.');
        break;
      }
      if (!byLabel(co, f.label)) break;
      s = take(connect(storeOf(s), { ringOwner: ro, ring: f.ring, certOwner: co, label: f.label, ...(f.usage ? { usage: f.usage as RingUsage } : {}), ...(f.default ? { default: true } : {}) }, { source: loc.source }));
      break;
    }
    case 'REMOVE': {
      const ro = ringOwner();
      if (ro === undefined || !authorize(levelFor(e.issuer, ownerU))) break;
      const co0 = f.certOwner ?? ownerU;
      const co: CertOwner = co0.kind === 'ID' ? { kind: 'ID', id: co0.id.toUpperCase() } : co0;
      if (f.ring === undefined || f.label === undefined) {
        err('KR-REMOVE', 'REMOVE requires RING and LABEL.');
        break;
      }
      s = take(remove(storeOf(s), { ringOwner: ro, ring: f.ring, certOwner: co, label: f.label }, { source: loc.source }));
      break;
    }
    case 'LISTRING': {
      const ro = ringOwner();
      if (ro === undefined || !authorize(levelFor(e.issuer, ownerU))) break;
      const t = listringText(storeOf(s), ro, f.ring === '' ? '*' : f.ring);
      if (t === undefined) {
        err('KR-RING-NOT-FOUND', `Ring ${f.ring} does not exist for ${ro}.`, ringHint(f.ring, [...s.rings.values()].filter((r) => r.owner === ro).map((r) => r.name)));
      } else out.push(...t.trimEnd().split('\n'));
      break;
    }
    default:
      break;
  }
  return { state: s, diagnostics: diags, output: out };
}

/** ztwin's ceiling on PBE(ITERATIONS(n)): the PKCS#12 KDF runs n hashes per block, synchronously. */
const PBE_MAX_ITERATIONS = 1_000_000;
/**
 * RACDCERT EXPORT PBE(MACALG ENCRYPTALG ITERATIONS) as PKCS#12 write options. `undefined` = no
 * PBE (the package is written with ztwin's defaults, which are also PBE's: AES256, HMACSHA256,
 * 2048 iterations); `null` = PBE is wrong here (diagnosed through `err`).
 * PBE only means something for the PKCS#12 formats; PASSWORD is an operand of EXPORT, not of
 * PBE (a password written inside PBE is reported without its value).
 */
function exportPbe(pbe: RacdcertPbe | undefined, format: string, err: (code: string, message: string, hint?: string) => void): Pkcs12WriteOptions | undefined | null {
  if (pbe === undefined) return undefined;
  if (!format.startsWith('PKCS12')) {
    err('KR-EXPORT-PBE-FORMAT', `PBE applies only to FORMAT(PKCS12DER) or FORMAT(PKCS12B64), not FORMAT(${format}).`, 'remove PBE, or export a PKCS#12 package');
    return null;
  }
  if (pbe.PASSWORD !== undefined) {
    err('KR-EXPORT-PBE-PASSWORD', 'PASSWORD is not a PBE sub-operand (PBE takes MACALG, ENCRYPTALG and ITERATIONS).', "write PASSWORD('...') as an operand of EXPORT, outside PBE(...)");
    return null;
  }
  const it = pbe.ITERATIONS;
  if (it !== undefined && (it < 1 || it > PBE_MAX_ITERATIONS)) {
    err('KR-EXPORT-PBE-ITERATIONS', `PBE ITERATIONS(${it}) is outside 1 to ${PBE_MAX_ITERATIONS} (ztwin's limit).`);
    return null;
  }
  return {
    ...(it === undefined ? {} : { iterations: it }),
    ...(pbe.ENCRYPTALG === undefined ? {} : { encryptAlg: pbe.ENCRYPTALG }),
    ...(pbe.MACALG === undefined ? {} : { macAlg: pbe.MACALG }),
  };
}

/**
 * The issuer chain of a certificate in the database, as RACDCERT EXPORT collects it for PKCS#7 and
 * PKCS#12 packages: issuers under the same owner first, then CERTAUTH; the certificate itself
 * is not included. Stops at a self-signed certificate or when an issuer is not in the database.
 */
export function chainRecords(s: RacfState, c: CertificateRecord): CertificateRecord[] {
  const out: CertificateRecord[] = [];
  let cur = c;
  for (let i = 0; i < 10; i++) {
    if (cur.issuerDn === cur.subjectDn) break;
    const next = [...s.certificates.values()].find((x) => x !== cur && x.subjectDn === cur.issuerDn && x.der !== undefined && (certKey(x.owner, '') === certKey(cur.owner, '') || x.owner.kind === 'CERTAUTH'));
    if (!next) break;
    out.push(next);
    cur = next;
  }
  return out;
}

/**
 * Apply a deck (text or parsed commands): RACDCERT here, everything else through racf-model's
 * applyCommand. One bad command does not stop the rest. Crypto is async, hence a Promise (wrap as
 * `() => applyDeck(...)` for an fp-ts Task).
 */
export async function applyDeck(state: RacfState, deck: readonly Command[] | string, ctx: KeyringApplyContext = {}): Promise<KeyringApplyResult> {
  const diagnostics: Diagnostic[] = [];
  let commands: readonly Command[];
  if (typeof deck === 'string') {
    const p = parseDeck(deck, ctx.source === undefined ? {} : { source: ctx.source });
    diagnostics.push(...p.diagnostics);
    commands = p.commands;
  } else commands = deck;
  const outputs: { command: Command; output: string[] }[] = [];
  let s = state;
  const kctx: KeyringApplyContext = { ...ctx, keySource: ctx.keySource ?? webCryptoKeySource(ctx.crypto) };
  for (const c of commands) {
    if (c.kind === 'RACDCERT') {
      const r = await applyRacdcert(s, c, kctx);
      s = r.state;
      diagnostics.push(...r.diagnostics);
      outputs.push({ command: c, output: r.output });
    } else {
      const r = applyCommand(s, c, ctx);
      s = r.state;
      diagnostics.push(...r.diagnostics);
      outputs.push({ command: c, output: r.output });
    }
  }
  return { state: s, diagnostics, outputs };
}

/**
 * May `user` read `owner`'s ring `ring` through R_datalib (as Liberty JCERACFKS and System SSL do)?
 * With `privateKey`, the key needed is that of `certOwner`'s certificate; without `certOwner` it is
 * the ring's DEFAULT certificate's (what a handshake presents), looked up here. A ring without a
 * DEFAULT (or that does not exist) has no such key: the rule for the reader's own key applies.
 * - RDATALIB `<OWNER>.<ring>.LST` when a matching profile exists (class active and RACLISTed):
 *   READ reads the ring and the user's own private keys; UPDATE also other identities' private
 *   keys. No fallback to FACILITY then.
 * - Otherwise FACILITY IRR.DIGTCERT.LISTRING: READ for one's own ring, UPDATE for another user's;
 *   private keys only of the reader's own certificates (CERTAUTH/SITE keys need CONTROL).
 */
export function canReadRing(
  state: RacfState,
  user: string,
  owner: string,
  ring: string,
  opts: { privateKey?: boolean; certOwner?: CertOwner } = {},
): { allowed: boolean; via: 'RDATALIB' | 'FACILITY'; reasons: string[] } {
  const u = user.toUpperCase();
  const o = owner.toUpperCase();
  const certOwner = opts.certOwner ?? (opts.privateKey ? getRing(state, o, ring)?.connections.find((c) => c.default)?.certOwner : undefined);
  const ownKey = certOwner === undefined || (certOwner.kind === 'ID' && certOwner.id.toUpperCase() === u);
  const rd = state.classes.get('RDATALIB');
  if (rd?.active && rd.raclist) {
    const need: AccessLevel = opts.privateKey && !ownKey ? 'UPDATE' : 'READ';
    const d = checkAccess(state, { user: u, class: 'RDATALIB', resource: `${o}.${ring}.LST`, access: need });
    if (d.profile !== null) return { allowed: d.decision === 'allowed' || d.decision === 'warning', via: 'RDATALIB', reasons: [`RDATALIB ${o}.${ring}.LST needs ${need}`, ...d.reasons] };
  }
  const need: AccessLevel = opts.privateKey && certOwner && certOwner.kind !== 'ID' ? 'CONTROL' : u === o ? 'READ' : 'UPDATE';
  if (opts.privateKey && certOwner?.kind === 'ID' && !ownKey)
    return { allowed: false, via: 'FACILITY', reasons: [`the private key of ${ownerText(certOwner)}'s certificate is available only to its owner (or through RDATALIB UPDATE)`] };
  const d = checkAccess(state, { user: u, class: 'FACILITY', resource: 'IRR.DIGTCERT.LISTRING', access: need });
  return { allowed: d.decision === 'allowed' || d.decision === 'warning', via: 'FACILITY', reasons: [`FACILITY IRR.DIGTCERT.LISTRING needs ${need}`, ...d.reasons] };
}

/**
 * `applyDeck` as an fp-ts `TaskEither`. RACF's own errors (a missing CA, a duplicate label, no
 * authority) are diagnostics inside the Right, with the state after every good command, exactly
 * as `applyDeck` returns them — a failing key source, too, is a `KR-KEYGEN` diagnostic of its
 * command. Left is reserved for an injected source failing outside any command's handling (e.g. a
 * clock that throws), as one `KR-APPLY-FAILED` diagnostic: then no state is returned at all.
 */
export function applyDeckTask(state: RacfState, deck: readonly Command[] | string, ctx: KeyringApplyContext = {}): TaskEither<Diagnostic, KeyringApplyResult> {
  return tryCatch(
    () => applyDeck(state, deck, ctx),
    (e) =>
      diagnostic(
        { code: 'KR-APPLY-FAILED', message: `applying the deck failed: ${e instanceof Error ? e.message : String(e)}` },
        { source: ctx.source ?? '<deck>' },
      ),
  );
}
