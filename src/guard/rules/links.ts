import { decodeHtmlEntities } from './html-entities.js';

/**
 * Addresses in an answer, with the host each points to. `kind`: `image` is fetched by the client on its own (a
 * Markdown image; a URL in any HTML attribute or CSS: <img src>, <iframe>, poster, <link href>, url(…), @import, a
 * meta refresh); `link` waits for a click (a Markdown link, <a href>); `url` is a bare address (clients turn it into a
 * link: any scheme://…, www.…); `script` is a javascript:, vbscript: or data: address, harmful wherever it points.
 *
 * Attackers write addresses the way browsers forgive them, so destinations and attribute values are read as a browser
 * reads them before they are judged: HTML entities decoded (&#x2F;, &colon;), tabs and line breaks dropped
 * (ht<TAB>tps:), backslashes as slashes (/\evil.example), CSS escapes decoded (\75 rl(…)). The span reported is the
 * text as written, so masking removes what the client would have read.
 */
export type LinkMatch = { kind: 'image' | 'link' | 'url' | 'script'; host: string; start: number; end: number };

// How far back from "](" its "[" may be: alt texts and link texts longer than this are read as images (the safe side).
const bracketReach = 1000;
// How long a destination is read: longer than any address a client fetches.
const destinationReach = 4096;
// An HTML tag, its attributes read one by one (values quoted or not).
const tag = /<([a-z][a-z0-9-]*)\b([^<>]{0,4000})>/gi;
const attribute = /([a-z_:][a-z0-9_:.-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)/gi;
// A <style> element's body.
const styleBody = /<style\b[^>]*>([^<]{0,20000})/gi;
// Markdown reference definitions ([r1]: //host/p.png, [r1]: <https://…>): any ![x][r1] elsewhere fetches them.
const referenceDefinition = /^[ \t]{0,3}\[[^\]\n]{1,200}\]:[ \t]*<?([^\s>]{1,4096})/gm;
// Bare addresses: any scheme with //, and www. hosts that clients link by themselves.
const bareUrl = /(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)[^\s<>"'`)\]]+/gi;

export function findLinks(text: string): LinkMatch[] {
  const found: LinkMatch[] = [];
  const covered = (start: number) => found.some((link) => start >= link.start && start < link.end);
  markdownDestinations(text, found);
  tag.lastIndex = 0;
  for (const match of text.matchAll(tag)) {
    const name = match[1]!.toLowerCase();
    const attributesAt = match.index + 1 + match[1]!.length;
    attribute.lastIndex = 0;
    for (const value of match[2]!.matchAll(attribute)) {
      const raw = value[2]!;
      const valueAt = attributesAt + value.index + value[0].length - raw.length;
      const quoted = raw.startsWith('"') || raw.startsWith("'");
      const read = browserReading(quoted ? raw.slice(1, -1) : raw, value[1]!.toLowerCase() === 'style');
      const address = addressIn(read);
      if (!address || covered(valueAt)) continue;
      // A plain link waits for a click; anything else in a tag loads by itself.
      const kind = name === 'a' && value[1]!.toLowerCase() === 'href' ? 'link' : 'image';
      found.push(linkOf(kind, address, valueAt + (quoted ? 1 : 0), raw.length - (quoted ? 2 : 0)));
    }
  }
  referenceDefinition.lastIndex = 0;
  for (const match of text.matchAll(referenceDefinition)) {
    const address = addressIn(browserReading(match[1]!));
    // Read as an image (the safe side): whether ![x][r1] or [x][r1] uses it is elsewhere in the text.
    if (address && !covered(match.index)) found.push(linkOf('image', address, match.index, match[0].length));
  }
  styleBody.lastIndex = 0;
  for (const match of text.matchAll(styleBody)) {
    const bodyAt = match.index + match[0].length - match[1]!.length;
    const address = addressIn(browserReading(match[1]!, true));
    if (address && !covered(bodyAt)) found.push(linkOf('image', address, bodyAt, match[1]!.length));
  }
  bareUrl.lastIndex = 0;
  for (const match of text.matchAll(bareUrl)) {
    if (!covered(match.index)) found.push(linkOf('url', match[0], match.index, match[0].length));
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Markdown images and links: every "](" whose destination is an address, with its "[" (and "!") found backwards. */
function markdownDestinations(text: string, found: LinkMatch[]): void {
  for (let at = text.indexOf(']('); at >= 0; at = text.indexOf('](', at + 2)) {
    // The destination first (cheap): spaces, an optional <, then up to a space, ), > or bracket (a title may follow:
    // "…", '…' or (…)), at most `destinationReach` characters. Only a destination that is an address is looked into.
    let start = at + 2;
    while (start < text.length && /\s/.test(text[start]!)) start++;
    if (text[start] === '<') start++;
    let end = start;
    const limit = Math.min(text.length, start + destinationReach);
    while (end < limit && !/[\s)>[\]]/.test(text[end]!)) end++;
    if (end === start) continue;
    const address = addressIn(browserReading(text.slice(start, end)));
    if (!address) continue;
    // Its "[" backwards, over nested brackets; not found within `bracketReach`: read as an image (the safe side).
    let open = -1;
    let depth = 0;
    for (let index = at - 1; index >= Math.max(0, at - bracketReach); index--) {
      const char = text[index];
      if (char === ']') depth++;
      else if (char === '[') {
        if (depth === 0) {
          open = index;
          break;
        }
        depth--;
      }
    }
    // Closed by the first ) after the destination, when one is near (a title sits between).
    const close = text.slice(end, end + 301).indexOf(')');
    const spanEnd = close >= 0 ? end + close + 1 : end;
    const image = open < 0 || (open > 0 && text[open - 1] === '!');
    const spanStart = open < 0 ? at : image && open > 0 ? open - 1 : open;
    found.push(linkOf(image ? 'image' : 'link', address, spanStart, spanEnd - spanStart));
  }
}

/** A value as a browser reads it: entities decoded, tabs and line breaks gone, CSS escapes decoded (`css`), \ as /. */
function browserReading(value: string, css = false): string {
  let read = decodeHtmlEntities(value);
  if (css && read.includes('\\')) read = read.replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd));
  return read.replace(/[\t\n\r]/g, '').replaceAll('\\', '/');
}

/** The first address in a value read as a browser reads it: scheme://…, //host…, www.…, or a script scheme. */
function addressIn(read: string): string | null {
  const script = /(?:^|[\s"'(=;:,])\s*(javascript|vbscript|data):/i.exec(read);
  if (script) return `${script[1]!.toLowerCase()}:`;
  const address = /(?:[a-z][a-z0-9+.-]{1,15}:)?\/\/[^\s"'<>)]+|www\.[^\s"'<>)]+/i.exec(read);
  return address ? address[0] : null;
}

function linkOf(kind: LinkMatch['kind'], url: string, start: number, length: number): LinkMatch {
  const script = /^(javascript|vbscript|data):$/i.exec(url);
  if (script) return { kind: 'script', host: url.toLowerCase(), start, end: start + length };
  const hostMatch = /^(?:[a-z][a-z0-9+.-]{1,15}:)?\/\/([^/?#:\s]+)/i.exec(url) ?? /^(www\.[^/?#:\s]+)/i.exec(url);
  return { kind, host: (hostMatch?.[1] ?? '').toLowerCase(), start, end: start + length };
}

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const wanted = entry.toLowerCase().replace(/^\*?\./, '');
    return host === wanted || host.endsWith(`.${wanted}`);
  });
}
