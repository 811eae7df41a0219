/** Private address ranges and internal host names: the shape of the closed network, which must not leave it. */
export type HostMatch = { kind: 'private_ip' | 'internal_host'; start: number; end: number };

// A dot as written, defanged as security reports write it (10[.]1[.]2[.]3, 10(.)1…) or spaced on both sides.
const dot = '(?:[.。]|\\[\\.\\]|\\(\\.\\)| \\. )';
// Not part of a longer dotted number (a version 1.2.3.4.5): no digit, or dot and digit, right after. (A lookahead
// that scanned `[\d.]*` read the whole of a long "1.1.1.…" run again at every match: quadratic.)
const ipv4 = new RegExp(`(?<![\\d.。])(\\d{1,3})${dot}(\\d{1,3})${dot}(\\d{1,3})${dot}(\\d{1,3})(?!\\.?\\d)`, 'g');
// A URL whose host is the address as one number (http://3232238356/ is 192.168.10.20).
const numericUrlHost = /\bhttps?:\/\/(\d{8,10})(?![\d.])/gi;
// Unique local (fc00::/7) and link-local (fe80::/10) IPv6 addresses.
const ipv6Private = /(?<![0-9a-f:])(?:f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):[0-9a-f:]{2,}(?![0-9a-f:])/gi;
// A Windows file share (\\\\fileserver01\\share): a name inside the network by definition.
const uncPath = /(?<![\\\w])\\\\[a-z0-9][a-z0-9.-]{0,62}\\[^\s\\]+/gi;
// Dotted names, each found once from its start (no backtracking over a long "a.a.a.…" run, which took a second
// for 32 KB); whether the last labels are an internal suffix is checked after.
const hostName = /(?<![a-z0-9.-])[a-z0-9-]+(?:(?:[.。]|\[\.\]|\(\.\))[a-z0-9-]+)+\.?/gi;

/**
 * Private addresses and names under one of `suffixes` in `text`. Give it text read through invisible characters
 * (`spanView`), or a zero-width space inside a name hides it.
 */
export function findInternalHosts(text: string, suffixes: readonly string[]): HostMatch[] {
  const found: HostMatch[] = [];
  ipv4.lastIndex = 0;
  for (const match of text.matchAll(ipv4)) {
    const octets = match.slice(1, 5).map(Number);
    if (octets.every((octet) => octet <= 255) && isPrivate(octets)) {
      found.push({ kind: 'private_ip', start: match.index, end: match.index + match[0].length });
    }
  }
  numericUrlHost.lastIndex = 0;
  for (const match of text.matchAll(numericUrlHost)) {
    const value = Number(match[1]);
    const octets = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
    if (value <= 0xffffffff && isPrivate(octets)) {
      const start = match.index + match[0].length - match[1]!.length;
      found.push({ kind: 'private_ip', start, end: start + match[1]!.length });
    }
  }
  ipv6Private.lastIndex = 0;
  for (const match of text.matchAll(ipv6Private)) found.push({ kind: 'private_ip', start: match.index, end: match.index + match[0].length });
  uncPath.lastIndex = 0;
  for (const match of text.matchAll(uncPath)) found.push({ kind: 'internal_host', start: match.index, end: match.index + match[0].length });
  if (suffixes.length > 0) {
    const lowered = suffixes.map((suffix) => suffix.toLowerCase());
    hostName.lastIndex = 0;
    for (const match of text.matchAll(hostName)) {
      const written = match[0].endsWith('.') ? match[0].slice(0, -1) : match[0];
      // Defanged (db01[.]mois[.]local) or with ideographic full stops: the name they show.
      const name = written.toLowerCase().replace(/\[\.\]|\(\.\)|。/g, '.');
      if (lowered.some((suffix) => name.endsWith(suffix) || `.${name}` === suffix)) {
        found.push({ kind: 'internal_host', start: match.index, end: match.index + written.length });
      }
    }
  }
  return found;
}

function isPrivate([a, b]: number[]): boolean {
  return a === 10 || a === 127 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) ||
    (a === 169 && b === 254) || (a === 100 && b! >= 64 && b! <= 127);
}
