import type { SimulationResult } from './result';

/**
 * The human form of a prediction (`ztwin simulate` without --json): the outcome line, the TLS
 * facts, the identities, the messages where they would appear, and the reason chain.
 */
export function formatResult(r: SimulationResult): string {
  const lines: string[] = [];
  const status = r.httpStatus === null ? 'no HTTP response' : `HTTP ${r.httpStatus}`;
  const stub = r.stubErrorCode === null ? '' : `, stub error ${r.stubErrorCode}`;
  const origin = r.errorOrigin === null ? '' : ` (error in ${r.errorOrigin})`;
  lines.push(`outcome: ${r.outcome}${r.leg === null ? '' : ` on the ${r.leg} leg`}; ${status}${stub}${origin}`);
  const tls = (label: string, t: SimulationResult['tls']): void => {
    if (t === null) return;
    const parts = [t.rule === null ? undefined : `rule ${t.rule}`, t.protocol ?? 'no protocol negotiated'];
    if (t.serverCert !== null) parts.push(`server cert ${t.serverCert.label ?? t.serverCert.subject} (until ${t.serverCert.notAfter})`);
    if (t.clientCert !== null) parts.push(`client cert ${t.clientCert.label ?? t.clientCert.subject} (until ${t.clientCert.notAfter})`);
    lines.push(`${label}: ${parts.filter((p): p is string => p !== undefined).join(', ')}`);
  };
  tls('tls', r.tls);
  tls('outbound tls', r.outboundTls);
  const id = r.identity;
  const ids = [
    id.asserted === null ? undefined : `asserted ${id.asserted}`,
    id.authenticated === null ? undefined : `authenticated ${id.authenticated}`,
    id.authorized === null ? undefined : `authorized ${id.authorized}`,
    id.provider === null ? undefined : `provider sees ${id.provider}`,
  ].filter((p): p is string => p !== undefined);
  if (ids.length > 0) lines.push(`identity: ${ids.join(', ')}`);
  if (r.messages.length > 0) {
    lines.push('messages:');
    for (const m of r.messages) {
      lines.push(`  [${m.where}] ${m.text}`);
      // The message z/OS shows for a ZTW-SIM-* situation, where it appears, and what its rc means.
      if (m.ibmMessage !== undefined) {
        lines.push(`    z/OS [${m.ibmMessage.where}] ${m.ibmMessage.text}`);
        if (m.ibmMessage.explanation !== undefined) lines.push(`      ${m.ibmMessage.explanation}`);
      }
    }
  }
  lines.push('trace:');
  for (const s of r.trace) lines.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step}: ${s.detail}`);
  return `${lines.join('\n')}\n`;
}
