import type { Block } from './document-parser.js';

/** A list still open at some depth: its kind, the next number, and the width of its marker (children indent by it). */
type OpenList = { depth: number; ordered: boolean; next: number; markerWidth: number };

/**
 * Markers for consecutive list items, shared by the text and Markdown renderers: ordered items are numbered 1., 2., …
 * within their list, unordered ones get `bullet`. A deeper item nests under the item before it, indented by the
 * width of that item's marker (CommonMark needs the child under the parent's text, not two spaces in). Any other
 * block ends the list (`reset`), so numbering after a paragraph starts again at 1: the parsed model does not say
 * whether the source continued it.
 */
export function listMarkers(bullet: string) {
  let lists: OpenList[] = [];
  return {
    reset() {
      lists = [];
    },
    /** The item's indentation and marker, e.g. `"   2."`. */
    next(block: Block & { kind: 'list-item' }): { indent: number; marker: string } {
      while (lists.length > 0 && lists.at(-1)!.depth > block.depth) lists.pop();
      let list = lists.at(-1);
      if (list && list.depth === block.depth && list.ordered !== block.ordered) {
        lists.pop();
        list = undefined;
      }
      if (!list || list.depth < block.depth) {
        list = { depth: block.depth, ordered: block.ordered, next: 1, markerWidth: 0 };
        lists.push(list);
      }
      const marker = list.ordered ? `${list.next}.` : bullet;
      list.next += 1;
      list.markerWidth = marker.length + 1;
      return { indent: lists.slice(0, -1).reduce((width, parent) => width + parent.markerWidth, 0), marker };
    },
  };
}
