/** Private address ranges and internal host names: the shape of the closed network, which must not leave it. */
export type HostMatch = { kind: 'private_ip' | 'internal_host'; start: number; end: number };

const ipv4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/g;
const ipv6Private = /(?<![0-9a-f:])f[cd][0-9a-f]{2}:[0-9a-f:]{2,}(?![0-9a-f:])/gi;
const hostName = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}\b/gi;

export function findInternalHosts(text: string, suffixes: readonly string[]): HostMatch[] {
  const found: HostMatch[] = [];
  ipv4.lastIndex = 0;
  for (const match of text.matchAll(ipv4)) {
    const octets = match.slice(1, 5).map(Number);
    if (octets.every((octet) => octet <= 255) && isPrivate(octets)) {
      found.push({ kind: 'private_ip', start: match.index, end: match.index + match[0].length });
    }
  }
  ipv6Private.lastIndex = 0;
  for (const match of text.matchAll(ipv6Private)) found.push({ kind: 'private_ip', start: match.index, end: match.index + match[0].length });
  if (suffixes.length > 0) {
    const lowered = suffixes.map((suffix) => suffix.toLowerCase());
    hostName.lastIndex = 0;
    for (const match of text.matchAll(hostName)) {
      const name = match[0].toLowerCase();
      if (lowered.some((suffix) => name.endsWith(suffix) || `.${name}` === suffix)) {
        found.push({ kind: 'internal_host', start: match.index, end: match.index + match[0].length });
      }
    }
  }
  return found;
}

function isPrivate([a, b]: number[]): boolean {
  return a === 10 || a === 127 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) ||
    (a === 169 && b === 254) || (a === 100 && b! >= 64 && b! <= 127);
}
