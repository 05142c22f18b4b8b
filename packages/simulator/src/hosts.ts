import { type Diagnostic, diagnostic } from '@ztwin/core';
import { isIP } from 'node:net';

/**
 * `--hosts host=addr,host2=addr2` (the resolver of a simulation). Host names are case-insensitive
 * (kept lower case); an address must be an IPv4 or IPv6 literal. Never throws; bad entries give
 * diagnostics with the column where they start and are left out.
 */
export function parseHosts(text: string, source = '--hosts'): { value: Record<string, string>; diagnostics: Diagnostic[] } {
  const value: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const col = offset + 1;
    offset += part.length + 1;
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const host = eq < 0 ? entry : entry.slice(0, eq).trim();
    const addr = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (eq < 0 || host === '' || addr === '') {
      diagnostics.push(diagnostic({ code: 'ZTW-SIM-HOSTS', message: `'${entry}' is not host=address` }, { source, line: 1, column: col }));
      continue;
    }
    if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host)) {
      diagnostics.push(diagnostic({ code: 'ZTW-SIM-HOSTS', message: `'${host}' is not a host name` }, { source, line: 1, column: col }));
      continue;
    }
    if (isIP(addr) === 0) {
      diagnostics.push(diagnostic({ code: 'ZTW-SIM-HOSTS', message: `'${addr}' is not an IP address` }, { source, line: 1, column: col }));
      continue;
    }
    value[host.toLowerCase()] = addr;
  }
  return { value, diagnostics };
}

/** The canonical `--hosts` text of a resolver table (parses back to the same table). */
export function renderHosts(hosts: Readonly<Record<string, string>>): string {
  return Object.entries(hosts)
    .map(([h, a]) => `${h}=${a}`)
    .join(',');
}
