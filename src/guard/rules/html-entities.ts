/**
 * HTML character references as browsers read them: numeric ones (&#45824;, &#x2F; — the semicolon may be left out)
 * and the named ones that attackers and editors put in addresses and quotations (&colon; &sol; &nbsp; …). A reference
 * that names no character is left as written. Shared by the checks that must see what a client shows: the links in an
 * answer and the fingerprints of a restricted quotation.
 */
const named: Record<string, string> = {
  colon: ':', sol: '/', bsol: '\\', period: '.', tab: '\t', newline: '\n', lpar: '(', rpar: ')', quot: '"', apos: "'", amp: '&',
  nbsp: '\u00a0', lt: '<', gt: '>', hyphen: '\u2010', dash: '\u2010', ndash: '\u2013', mdash: '\u2014', minus: '\u2212',
};
const reference = /&#x([0-9a-f]{1,6});?|&#(\d{1,7});?|&(colon|sol|bsol|period|tab|newline|lpar|rpar|quot|apos|amp|nbsp|lt|gt|hyphen|dash|ndash|mdash|minus);/gi;

export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(reference, (whole, hex?: string, decimal?: string, name?: string) => {
    if (name) return named[name.toLowerCase()]!;
    const code = hex ? parseInt(hex, 16) : Number(decimal);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
