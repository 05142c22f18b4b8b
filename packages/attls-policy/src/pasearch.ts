import { formatIPv4, formatIPv6 } from './address';
import { lookupCipher } from './ciphers';
import { type AddrCondition, type CompiledRule, compileRules, type PortCondition } from './conditions';
import { type EffectiveActions, effectiveActions, type EffectiveOptions, type EffectiveStatement, type Settings } from './effective';
import { indexPolicy, type Policy } from './model';

/**
 * A report shaped like `pasearch -t` (TTLS policy display): each rule with its conditions, then
 * each of its actions with all effective values. Layout modelled on a real z/OS 3.1 report
 * (colinpaicemq/EasyAT-TLS files/pasearch.report); fields Policy Agent derives at install time
 * (version, status, timestamps) are not shown.
 */
export function pasearchReport(policy: Policy, opts: EffectiveOptions & { image?: string } = {}): string {
  const idx = indexPolicy(policy);
  const rules = compileRules(policy, idx);
  const out: string[] = [];
  out.push(`TCP/IP pasearch (ztwin)                   Image Name: ${opts.image ?? ''}`);
  out.push('');
  for (const r of rules) {
    ruleSection(out, r, effectiveActions(r.statement, idx, opts));
    out.push('');
  }
  return out.join('\n');
}

function col(label: string, width: number): string {
  return label.length >= width ? `${label} ` : label + ' '.repeat(width - label.length);
}

function addrLines(out: string[], title: string, c: AddrCondition | undefined): void {
  out.push(`   ${title}:`);
  const ranges = c === undefined || c.all ? undefined : c.ranges;
  if (ranges === undefined) {
    out.push(`    ${col('FromAddr:', 20)}All`);
    out.push(`    ${col('ToAddr:', 20)}All`);
    return;
  }
  for (const r of ranges) {
    const f = r.family === 4 ? formatIPv4(r.lo) : formatIPv6(r.lo);
    const tt = r.family === 4 ? formatIPv4(r.hi) : formatIPv6(r.hi);
    out.push(`    ${col('FromAddr:', 20)}${f}`);
    out.push(`    ${col('ToAddr:', 20)}${tt}`);
  }
}

function portPair(label: string, c: PortCondition | undefined): string[] {
  const ranges = c?.ranges ?? [{ lo: 0, hi: 0 }];
  return ranges.map((r) => `   ${col(`${label}PortFrom:`, 21)}${col(String(r.lo), 18)}${col(`${label}PortTo:`, 19)}${r.hi}`);
}

function ruleSection(out: string[], r: CompiledRule, a: EffectiveActions): void {
  out.push(`${col('policyRule:', 24)}${r.name}`);
  out.push(`  ${col('Rule Type:', 22)}TTLS`);
  out.push(`  ${col('Priority:', 22)}${r.priority}`);
  const actions = [a.group, a.environment, a.connection].filter((x): x is EffectiveStatement => x !== undefined && x.name !== null);
  out.push(`  ${col('No. Policy Action:', 22)}${actions.length}`);
  for (const x of actions) {
    out.push(`  ${col('policyAction:', 22)}${x.name ?? ''}`);
    out.push(`   ${col('ActionType:', 21)}TTLS ${scope(x.type)}`);
  }
  timeLines(out, r);
  out.push(`  ${col('TTLS Condition Summary:', 40)}NegativeIndicator: Off`);
  addrLines(out, 'Local Address', r.localAddr);
  addrLines(out, 'Remote Address', r.remoteAddr);
  out.push(...portPair('Local', r.localPort));
  out.push(...portPair('Remote', r.remotePort));
  out.push(`   ${col('JobName:', 21)}${col(r.jobname?.text ?? '', 18)}${col('UserId:', 19)}${r.userid?.text ?? ''}`);
  out.push(`   ${col('ServiceDirection:', 21)}${r.direction}`);
  for (const x of actions) {
    out.push('');
    out.push(`  ${col('TTLS Action:', 30)}${x.name ?? ''}`);
    out.push(`    ${col('Scope:', 28)}${scope(x.type)}`);
    settingsLines(out, x.settings, '    ', 28);
    for (const [k, v] of Object.entries(x.sub ?? {})) {
      out.push(`    ${k}:`);
      settingsLines(out, v.settings, '     ', 27);
    }
  }
}

function scope(type: string): string {
  return type === 'TTLSGroupAction' ? 'Group' : type === 'TTLSEnvironmentAction' ? 'Environment' : 'Connection';
}

function settingsLines(out: string[], s: Settings, indent: string, width: number): void {
  for (const [k, v] of Object.entries(s)) {
    const form = k === 'V3CipherSuites' ? 'v3' : k === 'V3CipherSuites4Char' ? 'v3-4char' : undefined;
    if (form === undefined) {
      out.push(`${indent}${col(`${k}:`, width)}${v}`);
      continue;
    }
    // pasearch lists each suite as its 4-hex code and name.
    out.push(`${indent}${k}:`);
    for (const tok of v.split(' ')) {
      const c = lookupCipher(tok, form);
      out.push(`${indent} ${c === undefined ? `????  ${tok}` : `${c.code4}  ${c.name}`}`);
    }
  }
}

function hhmm(m: number | undefined, dflt: string): string {
  return m === undefined ? dflt : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
function stamp(ms: number | undefined): string {
  return ms === undefined ? 'None' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** The rule's time periods, as pasearch shows them (all ones and 00:00-24:00 when unconditioned). */
function timeLines(out: string[], r: CompiledRule): void {
  const t = r.time;
  const dom = t?.dayOfMonth ?? '1'.repeat(62);
  out.push('  Time Periods:');
  out.push('   Day of Month Mask:');
  out.push(`   ${col('First to Last:', 21)}${dom.slice(0, 31)}`);
  out.push(`   ${col('Last to First:', 21)}${dom.length > 31 ? dom.slice(31) : '1'.repeat(31)}`);
  out.push(`   ${col('Month of Yr Mask:', 21)}${t?.monthOfYear ?? '1'.repeat(12)}`);
  out.push(`   ${col('Day of Week Mask:', 21)}${t?.dayOfWeek ?? '1'.repeat(7)}  (Sunday - Saturday)`);
  out.push(`   ${col('Start Date Time:', 21)}${stamp(t?.from)}`);
  out.push(`   ${col('End Date Time:', 21)}${stamp(t?.to)}`);
  out.push(`   ${col('Fr TimeOfDay:', 21)}${col(hhmm(t?.todFrom, '00:00'), 18)}${col('To TimeOfDay:', 19)}${hhmm(t?.todTo, '24:00')}`);
  out.push(`   ${col('TimeZone:', 21)}${t === undefined || !t.utc ? 'Local' : 'UTC'}`);
}
