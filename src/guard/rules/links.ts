/** Markdown images and links, autolinks and raw URLs, with the host each points to. */
export type LinkMatch = { kind: 'image' | 'link' | 'url'; host: string; start: number; end: number; hasQuery: boolean };

const markdown = /(!?)\[([^\]\n]{0,500})\]\(\s*<?((?:https?:)?\/\/[^)\s>]+)>?(?:\s+"[^"\n]*")?\s*\)/gi;
const htmlImage = /<img\b[^>]*?\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)[^>]*>/gi;
const rawUrl = /(?<![(\w/"'=])https?:\/\/[^\s<>()"']+/gi;

export function findLinks(text: string): LinkMatch[] {
  const found: LinkMatch[] = [];
  markdown.lastIndex = 0;
  for (const match of text.matchAll(markdown)) {
    found.push(linkOf(match[1] === '!' ? 'image' : 'link', match[3]!, match.index, match[0].length));
  }
  htmlImage.lastIndex = 0;
  for (const match of text.matchAll(htmlImage)) found.push(linkOf('image', match[1]!, match.index, match[0].length));
  rawUrl.lastIndex = 0;
  for (const match of text.matchAll(rawUrl)) {
    if (!found.some((link) => match.index >= link.start && match.index < link.end)) found.push(linkOf('url', match[0], match.index, match[0].length));
  }
  return found.sort((a, b) => a.start - b.start);
}

function linkOf(kind: LinkMatch['kind'], url: string, start: number, length: number): LinkMatch {
  const hostMatch = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(url);
  return { kind, host: (hostMatch?.[1] ?? '').toLowerCase(), start, end: start + length, hasQuery: /[?#&=]/.test(url.replace(/^[^?#]*/, '')) };
}

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const wanted = entry.toLowerCase().replace(/^\*?\./, '');
    return host === wanted || host.endsWith(`.${wanted}`);
  });
}
