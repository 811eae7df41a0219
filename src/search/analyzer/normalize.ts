/**
 * Text normalisation shared by indexing and querying: NFKC (full-width digits and letters, compatibility
 * jamo), zero-width characters removed, lower case, thousands separators dropped inside numbers
 * ("9,074" → "9074"), and abbreviated years in Korean official style ("'23" → "2023").
 */
const zeroWidth = /[\u200b-\u200d\u2060\ufeff]/g;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(zeroWidth, '')
    .toLowerCase()
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/[‘’`´']\s?(\d{2})(?=[.년\s])/g, (_match, year: string) => `20${year}`);
}
