/**
 * The TLS view of a ring: what a handshake (System SSL / AT-TLS, Liberty JSSE with JCERACFKS)
 * would present and trust, as PEM strings ready for `node:tls` (`cert`, `key`, `ca`).
 * - Presented: the DEFAULT certificate (or the given label) with its issuer chain from the ring
 *   (without the self-signed root), and its private key.
 * - Trusted: certificates in the ring connected with USAGE(CERTAUTH) or USAGE(SITE) and not
 *   NOTRUST.
 * The key is a secret: the view's `toJSON` omits it.
 */
import { type Clock, type Diagnostic, diagnostic, systemClock } from '@ztwin/core';
import { unb64 } from './der';
import { writePem } from './formats';
import type { Result } from './gencert';
import { chainInRing, ringMembers } from './health';
import type { CertStore } from './ring';

export interface TlsView {
  /** PEM: presented certificate then its issuers (undefined when the ring has nothing to present). */
  readonly cert?: string;
  /** PEM PKCS#8 private key of the presented certificate. SECRET (not in toJSON). */
  readonly key?: string;
  /** PEM trust anchors. */
  readonly ca: string[];
  readonly presentedLabel?: string;
  readonly trustedLabels: string[];
  toJSON(): object;
}

export function tlsView(s: CertStore, owner: string, ring: string, opts: { label?: string; clock?: Clock } = {}): Result<TlsView> {
  const loc = { source: `${owner}/${ring}` };
  const members = ringMembers(s, owner, ring);
  if (!members) return { diagnostics: [diagnostic({ code: 'KR-RING-NOT-FOUND', message: `Ring ${ring} does not exist for ${owner}.` }, loc)] };
  const d: Diagnostic[] = [];
  const anchors = members.filter((m) => (m.connection.usage === 'CERTAUTH' || m.connection.usage === 'SITE') && m.record && m.record.trust !== 'NOTRUST' && m.record.der !== undefined);
  const ca = anchors.map((m) => writePem('CERTIFICATE', unb64(m.record?.der ?? '')));
  const pick = opts.label !== undefined ? members.find((m) => m.connection.label === opts.label) : members.find((m) => m.connection.default);
  let cert: string | undefined;
  let key: string | undefined;
  if (!pick) d.push(diagnostic({ code: 'KR-TLS-NO-CERT', severity: 'warning', message: opts.label !== undefined ? `No certificate '${opts.label}' in ring ${ring}.` : `Ring ${ring} has no default certificate to present.` }, loc));
  else if (!pick.record || pick.record.der === undefined) d.push(diagnostic({ code: 'KR-METADATA-ONLY', message: `Certificate '${pick.connection.label}' has no certificate data.` }, loc));
  else if (!pick.record.privateKey) d.push(diagnostic({ code: 'KR-HEALTH-NO-PRIVATE-KEY', message: `Certificate '${pick.connection.label}' has no private key to present.` }, loc));
  else if (pick.record.trust === 'NOTRUST') d.push(diagnostic({ code: 'KR-HEALTH-DEFAULT-NOTRUST', message: `Certificate '${pick.connection.label}' is NOTRUST.` }, loc));
  else {
    const chain = chainInRing(members, pick, opts.clock ?? systemClock, loc);
    const issuers = chain.chain.slice(1).filter((m) => m.info && !(m.info.subjectDn === m.info.issuerDn));
    cert = [pick, ...issuers].map((m) => writePem('CERTIFICATE', unb64(m.record?.der ?? ''))).join('');
    key = writePem('PRIVATE KEY', unb64(pick.record.privateKey.pkcs8));
  }
  const presentedLabel = cert ? pick?.connection.label : undefined;
  const trustedLabels = anchors.map((m) => m.connection.label);
  const view: TlsView = {
    ...(cert !== undefined ? { cert } : {}),
    ...(key !== undefined ? { key } : {}),
    ca,
    ...(presentedLabel !== undefined ? { presentedLabel } : {}),
    trustedLabels,
    toJSON: () => ({ cert, ca, presentedLabel, trustedLabels, key: key === undefined ? undefined : '<redacted>' }),
  };
  return { value: view, diagnostics: d };
}
