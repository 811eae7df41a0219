/**
 * Markdown images and links, autolinks and raw URLs, URLs in HTML attributes and CSS, with the host each points to.
 * `kind`: `image` is fetched by the client on its own (a Markdown image, any HTML or CSS resource: <img>, <iframe>,
 * <video poster>, <link href>, url(…), @import, a meta refresh); `link` waits for a click; `url` is a bare address
 * (clients turn it into a link); `script` is a javascript:, vbscript: or data: address, harmful wherever it points.
 */
export type LinkMatch = { kind: 'image' | 'link' | 'url' | 'script'; host: string; start: number; end: number; hasQuery: boolean };

const scriptScheme = '(?:javascript|vbscript|data):';
const markdown = new RegExp(`(!?)\\[([^\\]\\n]{0,500})\\]\\(\\s*<?((?:https?:)?\\/\\/[^)\\s>]+|${scriptScheme}[^)\\s>]*)>?(?:\\s+"[^"\\n]*")?\\s*\\)`, 'gi');
// What leads to a URL in HTML or CSS: an attribute that loads or links something, a meta refresh's url=, url( and
// @import. The URL itself is masked (the tag is left broken, harmlessly). Each alternative reads whitespace once.
const htmlResource = new RegExp(
  `(?:\\b(?:src|href|poster|srcset|data|background|action|formaction|xlink:href|ping|cite|longdesc)\\s*=\\s*["']?|\\bcontent\\s*=\\s*["']?\\d+;\\s*url\\s*=\\s*|\\burl\\(\\s*["']?|@import\\s+["']?)`
  + `((?:https?:)?\\/\\/[^"'\\s>),]+|${scriptScheme}[^"'\\s>)]*)`, 'gi');
const rawUrl = /(?<![(\w/"'=])https?:\/\/[^\s<>()"']+/gi;

export function findLinks(text: string): LinkMatch[] {
  const found: LinkMatch[] = [];
  markdown.lastIndex = 0;
  for (const match of text.matchAll(markdown)) {
    found.push(linkOf(match[1] === '!' ? 'image' : 'link', match[3]!, match.index, match[0].length));
  }
  htmlResource.lastIndex = 0;
  for (const match of text.matchAll(htmlResource)) {
    const start = match.index + match[0].length - match[1]!.length;
    if (!found.some((link) => start >= link.start && start < link.end)) found.push(linkOf('image', match[1]!, start, match[1]!.length));
  }
  rawUrl.lastIndex = 0;
  for (const match of text.matchAll(rawUrl)) {
    if (!found.some((link) => match.index >= link.start && match.index < link.end)) found.push(linkOf('url', match[0], match.index, match[0].length));
  }
  return found.sort((a, b) => a.start - b.start);
}

function linkOf(kind: LinkMatch['kind'], url: string, start: number, length: number): LinkMatch {
  const script = /^\s*(javascript|vbscript|data):/i.exec(url);
  if (script) return { kind: 'script', host: `${script[1]!.toLowerCase()}:`, start, end: start + length, hasQuery: false };
  const hostMatch = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(url);
  return { kind, host: (hostMatch?.[1] ?? '').toLowerCase(), start, end: start + length, hasQuery: /[?#&=]/.test(url.replace(/^[^?#]*/, '')) };
}

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const wanted = entry.toLowerCase().replace(/^\*?\./, '');
    return host === wanted || host.endsWith(`.${wanted}`);
  });
}
