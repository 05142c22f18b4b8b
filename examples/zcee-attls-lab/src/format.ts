import type { LabReport } from './report';
import { labAgrees } from './report';

const cell = (v: string | number | null, n: number): string => {
  const s = String(v ?? '-');
  return (s.length > n - 1 ? `${s.slice(0, n - 2)}…` : s).padEnd(n);
};

/** The outcome of each replayed TLS leg in a word: `agree`, `disagree`, `inconclusive` or `-`. */
function replayCell(r: LabReport['scenarios'][number]['replay']): string {
  if (r.length === 0) return '-';
  return r.map((x) => `${x.leg === 'requester' ? 'req' : 'out'}:${x.verdict}`).join(' ');
}

/** Who the request ran as and over what: `ID1 USER1 ID2 USER1 TLSv1.2 prov LIBSERV`. */
function identityCell(s: LabReport['scenarios'][number]): string {
  const r = s.result;
  if (r === null) return '-';
  const parts = [
    r.identity.asserted !== null ? `ID1 ${r.identity.asserted}` : '',
    r.identity.authenticated !== null ? `ID2 ${r.identity.authenticated}` : '',
    r.tls?.protocol ?? '',
    r.identity.provider !== null ? `prov ${r.identity.provider}` : '',
  ].filter((x) => x !== '');
  return parts.length === 0 ? '-' : parts.join(' ');
}

/**
 * The lab report as a table: one row per scenario (the seed's steps first, then the predictions
 * beyond the seed), what happened, whether it matches what the seed documents, and the TLS replay;
 * then the policy check, the decks and what today changes.
 */
export function formatLabReport(r: LabReport): string {
  const day = (iso: string): string => iso.slice(0, 10);
  const lines = [`seed lab: decks applied ${day(r.prepDay)}, lab day ${day(r.labDay)}, today ${day(r.today.clock)}`, ''];
  const header = ` #  ${cell('scenario', 56)}${cell('basis', 11)}${cell('outcome', 23)}${cell('HTTP', 6)}${cell('leg', 10)}${cell('identities / TLS', 46)}${cell('agrees', 8)}TLS replay`;
  lines.push(header);
  for (const s of r.scenarios) {
    lines.push(
      `${String(s.id).padStart(2)}  ${cell(s.name, 56)}${cell(s.basis, 11)}${cell(s.outcome, 23)}${cell(s.httpStatus, 6)}${cell(s.leg, 10)}${cell(identityCell(s), 46)}${cell(s.agrees ? 'yes' : 'NO', 8)}${replayCell(s.replay)}`,
    );
  }
  lines.push(
    '',
    "basis: seed = the outcome the lab transcript documents; prediction = beyond the seed (its own mistakes, and the lab re-run today).",
    'identities: ID1 = asserted (job USER=), ID2 = authenticated (BAQUSERNAME or client certificate), prov = the ID the API provider sees.',
  );
  for (const s of r.scenarios) if (!s.agrees) lines.push(`  scenario ${s.id} differs: ${s.differences.join('; ')}`);
  for (const s of r.scenarios) for (const p of s.replay) if (p.verdict !== 'agree') lines.push(`  scenario ${s.id} ${p.leg} replay ${p.verdict}${p.note !== undefined ? `: ${p.note}` : ''}`);
  lines.push('');
  lines.push(`decks: ${r.decks.map((d) => `${d.name} ${d.commands} commands, ${d.errors} errors, ${d.warnings} warnings`).join('; ')}`);
  lines.push(
    `AT-TLS policy (stack ${r.policy.stack}): ${r.policy.equalsSeedAppendix ? 'equals' : 'DIFFERS FROM'} the seed appendix; the appendix as printed: ${
      r.policy.seedTypo.length === 0 ? 'no findings' : r.policy.seedTypo.map((d) => `${d.code} ${d.message}`).join('; ')
    }`,
  );
  lines.push('', 'findings before anything runs (the seed\'s mistakes among them):');
  for (const i of r.inputs) {
    const found = i.diagnostics.filter((d) => d.severity !== 'info');
    if (found.length === 0) continue;
    lines.push(`  ${i.kind} ${i.name}: ${found.map((d) => `${d.severity} ${d.code}`).join(', ')}`);
  }
  lines.push('');
  lines.push(`today (${day(r.today.clock)}):`);
  if (r.today.expired.length === 0) lines.push('  no certificate of the lab has expired');
  for (const e of r.today.expired) lines.push(`  '${e.label}' (${e.owner}) expired ${day(e.notAfter)}${e.rings.length > 0 ? `, in ${e.rings.join(', ')}` : ''}`);
  for (const d of r.today.serverFindings.filter((x) => x.severity === 'error')) lines.push(`  server.xml: ${d.severity} ${d.code} ${d.message}`);
  const todayRows = r.scenarios.filter((s) => r.today.scenarios.includes(s.id));
  for (const s of todayRows) lines.push(`  scenario ${s.id} (${s.name}): ${s.outcome ?? 'no prediction'}${s.leg !== null ? ` on the ${s.leg} leg` : ''}`);
  lines.push(
    r.today.zceetlscToday.ok
      ? '  re-running ZCEETLSC today works'
      : `  re-running ZCEETLSC today fails: ${r.today.zceetlscToday.messages.join('; ') || 'see diagnostics'}`,
  );
  if (r.artifacts.length > 0) lines.push('', `${r.artifacts.length} artifacts written (report.json among them)`);
  lines.push('', labAgrees(r) ? 'every seed scenario agrees with the seed' : 'NOT every seed scenario agrees with the seed');
  return lines.join('\n') + '\n';
}
