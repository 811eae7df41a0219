import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/**
 * OOXML and OWPML as trees. Namespace prefixes vary between producers (hp:, w:, a:, or none), so
 * elements are matched by local name.
 */
export type XmlElement = Element;

export function parseXml(xml: string): XmlElement[] {
  return parseDocument(xml, { xmlMode: true }).children.filter(isElement);
}

export function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function localName(element: Element): string {
  const colon = element.name.indexOf(':');
  return colon < 0 ? element.name : element.name.slice(colon + 1);
}

export function childElements(element: Element, name?: string): Element[] {
  return element.children.filter(isElement).filter((child) => name === undefined || localName(child) === name);
}

export function firstChild(element: Element, name: string): Element | undefined {
  return childElements(element, name)[0];
}

/** Depth-first search, not descending into a match. */
export function findAll(roots: Element[], name: string, found: Element[] = []): Element[] {
  for (const root of roots) {
    if (localName(root) === name) found.push(root);
    else findAll(childElements(root), name, found);
  }
  return found;
}

export function attribute(element: Element, name: string): string | undefined {
  const direct = element.attribs[name];
  if (direct !== undefined) return direct;
  const suffix = `:${name}`;
  const key = Object.keys(element.attribs).find((candidate) => candidate.endsWith(suffix));
  return key === undefined ? undefined : element.attribs[key];
}

/** All text under an element, entities decoded. */
export function textContent(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if ('children' in node) return node.children.map(textContent).join('');
  return '';
}
