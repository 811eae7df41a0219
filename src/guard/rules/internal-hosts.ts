/** Private address ranges and internal host names: the shape of the closed network, which must not leave it. */
export type HostMatch = { kind: 'private_ip' | 'internal_host'; start: number; end: number };

// A dot as written, defanged as security reports write it (10[.]1[.]2[.]3, 10(.)1…) or spaced on both sides.
const dot = '(?:[.。]|\\[\\.\\]|\\(\\.\\)| \\. )';
// Not part of a longer dotted number (a version 1.2.3.4.5): no digit, or dot and digit, right after. (A lookahead
// that scanned `[\d.]*` read the whole of a long "1.1.1.…" run again at every match: quadratic.)
const ipv4 = new RegExp(`(?<![\\d.。])(\\d{1,3})${dot}(\\d{1,3})${dot}(\\d{1,3})${dot}(\\d{1,3})(?!\\.?\\d)`, 'g');
// A URL whose host is the address as one number (http://3232238356/ is 192.168.10.20).
const numericUrlHost = /\bhttps?:\/\/(\d{8,10})(?![\d.])/gi;
// The address as one hexadecimal (0xC0A80A14) or decimal (3232238356) number outside a URL, which browsers, curl and
// ping read, only after a word that names an address or a connection and without a unit after it: alone, such a
// number is more often an error code (오류 0x0A000001), an account or a measurement (3232238356 ns).
const hexHost = /(?<![\w.])0x([0-9a-f]{8})(?![\w.])/gi;
const decimalHost = /(?<![\w.])(\d{9,10})(?![\w.])(?!\s*(?:ns|ms|µs|us|s|초|분|원|건|개|명|회|번|바이트|bytes?|[kmg]b|%)(?![a-z]))/gi;
const addressWord = /(?:\bip|ping|curl|wget|ssh|telnet|\bnc|host|서버|주소|접속|아이피)[^\n]{0,24}$/i;
const afterAddressWord = (text: string, at: number) => addressWord.test(text.slice(Math.max(0, at - 40), at));
// Dotted parts in hexadecimal or octal (0xC0.0xA8.0x0A.0x14, 0300.0250.012.024), as inet_aton reads them.
const radixPart = '(?:0x[0-9a-f]{1,2}|0[0-7]{1,3}|\\d{1,3})';
const radixIpv4 = new RegExp(`(?<![\\w.])(${radixPart})\\.(${radixPart})\\.(${radixPart})\\.(${radixPart})(?![\\w.])`, 'gi');
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
    if (octets.every((octet) => octet <= 255) && isPrivate(octets) && !readsAsNumbering(text, match.index, match.index + match[0].length, octets)) {
      found.push({ kind: 'private_ip', start: match.index, end: match.index + match[0].length });
    }
  }
  numericUrlHost.lastIndex = 0;
  for (const match of text.matchAll(numericUrlHost)) {
    const value = Number(match[1]);
    if (value <= 0xffffffff && isPrivate(octetsOf(value))) {
      const start = match.index + match[0].length - match[1]!.length;
      found.push({ kind: 'private_ip', start, end: start + match[1]!.length });
    }
  }
  hexHost.lastIndex = 0;
  for (const match of text.matchAll(hexHost)) {
    if (isPrivate(octetsOf(parseInt(match[1]!, 16))) && afterAddressWord(text, match.index)) found.push({ kind: 'private_ip', start: match.index, end: match.index + match[0].length });
  }
  decimalHost.lastIndex = 0;
  for (const match of text.matchAll(decimalHost)) {
    const value = Number(match[1]);
    if (value <= 0xffffffff && isPrivate(octetsOf(value)) && afterAddressWord(text, match.index)) {
      found.push({ kind: 'private_ip', start: match.index, end: match.index + match[0].length });
    }
  }
  radixIpv4.lastIndex = 0;
  for (const match of text.matchAll(radixIpv4)) {
    const parts = match.slice(1, 5) as string[];
    // Plain decimal parts are the dotted rule's; here at least one part is hexadecimal or has a leading zero.
    if (!parts.some((part) => /^0./.test(part))) continue;
    const octets = parts.map((part) => (/^0x/i.test(part) ? parseInt(part.slice(2), 16) : /^0[0-7]+$/.test(part) ? parseInt(part, 8) : Number(part)));
    const start = match.index;
    const end = start + match[0].length;
    if (octets.every((octet) => octet <= 255) && isPrivate(octets) && !found.some((host) => host.start === start && host.end === end)) {
      found.push({ kind: 'private_ip', start, end });
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

// A dotted number that is a version or a clause (버전 10.2.1.4, 제10.1.2.3항, 가이드 10.1.1.1 절), or one of the private
// ranges themselves as a network is written (10.0.0.0/8, 172.16.0.0/12): no host of this network.
const numberingBefore = /(?:버전|version|ver\.?|rev\.?|릴리스|release|\bv|제)[\s:]*$/i;
const numberingAfter = /^\s*(?:항|절|조|장|판|호|버전)/;
const privateNetworks = new Set(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10', '127.0.0.0/8']);

function readsAsNumbering(text: string, start: number, end: number, octets: readonly number[]): boolean {
  if (numberingBefore.test(text.slice(Math.max(0, start - 12), start)) || numberingAfter.test(text.slice(end, end + 4))) return true;
  const prefix = /^\/(\d{1,2})(?!\d)/.exec(text.slice(end, end + 3));
  return prefix !== null && privateNetworks.has(`${octets.join('.')}/${prefix[1]}`);
}

const octetsOf = (value: number) => [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];

function isPrivate([a, b]: number[]): boolean {
  return a === 10 || a === 127 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) ||
    (a === 169 && b === 254) || (a === 100 && b! >= 64 && b! <= 127);
}
