import type { Block } from './document-parser.js';

/** A list still open at some depth: its kind, the next number, where its items start and how wide their marker is. */
type OpenList = { depth: number; ordered: boolean; next: number; indent: number; markerWidth: number };

/**
 * Markers for list items, shared by the text and Markdown renderers: ordered items are numbered 1., 2., … within
 * their list, unordered ones get `bullet`. A deeper item nests under the item before it, indented by the width of
 * that item's marker (CommonMark needs the child under the parent's text, not two spaces in). A paragraph, heading
 * or table between items ends the lists, so numbering after one starts again at 1: the parsed model does not say whether
 * the source continued it. A note (a footnote or comment attached to an item) does not: the next item goes on
 * counting.
 *
 * `orphanIndent`: spaces per level for an item deeper than any open list (a list that starts at level 1). Text
 * keeps that depth visible; Markdown passes 0, since four leading spaces would make the line a code block.
 */
export function listMarkers(bullet: string, options: { orphanIndent: number }) {
  let lists: OpenList[] = [];
  return {
    /** Where the item starts and its marker, e.g. `{ indent: 3, marker: '2.' }`; `previous`: the block before it. */
    next(block: Block & { kind: 'list-item' }, previous: Block | undefined): { indent: number; marker: string } {
      if (previous?.kind !== 'list-item' && previous?.kind !== 'note') lists = [];
      while (lists.length > 0 && lists.at(-1)!.depth > block.depth) lists.pop();
      let list = lists.at(-1);
      if (list && list.depth === block.depth && list.ordered !== block.ordered) {
        lists.pop();
        list = undefined;
      }
      if (!list || list.depth < block.depth) {
        const parent = lists.at(-1);
        const missingLevels = parent ? block.depth - parent.depth - 1 : block.depth;
        const indent = (parent ? parent.indent + parent.markerWidth : 0) + Math.max(0, missingLevels) * options.orphanIndent;
        list = { depth: block.depth, ordered: block.ordered, next: 1, indent, markerWidth: 0 };
        lists.push(list);
      }
      const marker = list.ordered ? `${list.next}.` : bullet;
      list.next += 1;
      list.markerWidth = marker.length + 1;
      return { indent: list.indent, marker };
    },
  };
}
