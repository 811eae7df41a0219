/**
 * Merged cells to a rectangular grid of rows, so that every row of a table has the same columns and each cell sits
 * under its own column name. HTML (and DOCX through mammoth) gives cells in reading order with rowspan/colspan; HWPX
 * and HWP give each cell's address and span. Both end here, so every format reads merged cells the same way.
 */

/** A cell at its top-left slot, covering `rowSpan` rows and `columnSpan` columns. */
export type PlacedCell = { row: number; column: number; rowSpan: number; columnSpan: number; text: string };
/** A cell as HTML lists it: it takes the next slot in its row that no cell from a row above reaches into. */
export type FlowingCell = { rowSpan: number; columnSpan: number; text: string };

// A corrupt file can claim 65,535 × 65,535 cells; real tables stay far below this. Above it, callers keep the cells
// without a grid (one per row), as they did before spans were read.
export const maxTableCells = 100_000;
// Browsers cap colspan at 1,000 and rowspan at 65,534 (HTML's table model); a grid only needs the first bound, the
// table's own rows bound the second.
const maxSpan = 1_000;
// A merged cell's text is repeated into the slots it covers only when it reads as a label (a 구분 value, a column group),
// not a paragraph: a 300-character note merged down ten rows would fill the chunk with ten copies of itself.
const maxRepeatedLength = 100;
// Headers deeper than this are rare; a deeper band is more likely a form than a header.
const maxHeaderRows = 3;

/** A span as a file states it: a whole number from 1 up, anything else (0, negative, garbage) one slot. */
export function spanOf(value: string | number | undefined): number {
  const number = typeof value === 'number' ? value : Number.parseInt(value ?? '', 10);
  return Number.isFinite(number) && number >= 1 ? Math.min(Math.floor(number), maxSpan) : 1;
}

/** HTML's table model: cells in reading order take the next free slot, skipping those a row-spanning cell above holds. */
export function placeFlowingCells(rows: readonly (readonly FlowingCell[])[]): PlacedCell[] {
  const taken = new Set<string>();
  const placed: PlacedCell[] = [];
  rows.forEach((cells, row) => {
    let column = 0;
    for (const cell of cells) {
      while (taken.has(`${row},${column}`)) column++;
      // A span down past the last row stops at it, as in a browser.
      const rowSpan = Math.min(cell.rowSpan, rows.length - row);
      for (let down = 0; down < rowSpan; down++) {
        for (let across = 0; across < cell.columnSpan; across++) taken.add(`${row + down},${column + across}`);
      }
      placed.push({ row, column, rowSpan, columnSpan: cell.columnSpan, text: cell.text });
      column += cell.columnSpan;
    }
  });
  return placed;
}

/**
 * The rows of a table of placed cells, or null when its grid would pass `maxTableCells`. The grid is at least
 * `size` (a file's declared row and column counts) and grows to hold every cell's top-left slot; spans stop at its
 * edge. A row-spanning cell repeats down its column, so each row stands alone ("구분: 자체 점검" on both rows it
 * covers). A column-spanning cell repeats across in a header row (a column group names each column under it) and
 * keeps to its first column in a body row (합계 over two columns leaves "3건" under 주기). A header of two or three
 * rows (당직비(1회) over 평일 and 토요일·공휴일) becomes one row of combined names: "당직비(1회) 평일".
 */
export function gridRows(cells: readonly PlacedCell[], size: { rows: number; columns: number } = { rows: 0, columns: 0 }): string[][] | null {
  // A loop, not Math.max(...cells): a damaged file can hold more cells than a call has room for arguments.
  let rowCount = size.rows;
  let columnCount = size.columns;
  for (const cell of cells) {
    rowCount = Math.max(rowCount, cell.row + 1);
    columnCount = Math.max(columnCount, cell.column + 1);
  }
  if (rowCount <= 0 || columnCount <= 0 || rowCount * columnCount > maxTableCells) return null;
  // Which cell holds each slot; when damaged spans overlap, the cell placed first keeps the slot.
  const owners: (PlacedCell | undefined)[][] = Array.from({ length: rowCount }, () => Array.from({ length: columnCount }, () => undefined));
  for (const cell of cells) {
    const lastRow = Math.min(rowCount, cell.row + cell.rowSpan);
    const lastColumn = Math.min(columnCount, cell.column + cell.columnSpan);
    for (let row = cell.row; row < lastRow; row++) {
      for (let column = cell.column; column < lastColumn; column++) owners[row]![column] ??= cell;
    }
  }
  const headerRows = headerDepth(owners, columnCount);
  const rows = owners.map((slots, row) => slots.map((owner, column) => {
    if (!owner) return '';
    if (owner.row === row && owner.column === column) return owner.text;
    if (owner.text.length > maxRepeatedLength) return '';
    if (column === owner.column) return owner.text;
    // Across: only in the header, and not for a title over the whole table (it names no column of its own).
    return row < headerRows && owner.columnSpan < columnCount ? owner.text : '';
  }));
  return headerRows > 1 ? [combinedHeader(rows.slice(0, headerRows)), ...rows.slice(headerRows)] : rows;
}

/**
 * How many rows the header takes: one, and one more for each row below that only names the columns of a group above
 * it. Such a row holds, in every column, either a cell reaching down from the header, nothing, or a cell under a
 * column-spanning header cell that ends just above it (당직비(1회) over 평일 | 토요일·공휴일, 구분 merged down beside them).
 * A row with its own value beside a group ("평일 야간 | 5만 | 7만" under "구분 | 당직비") is data, and so is everything
 * under a header without a column group.
 */
function headerDepth(owners: (PlacedCell | undefined)[][], columnCount: number): number {
  let depth = 1;
  while (depth < Math.min(owners.length, maxHeaderRows)) {
    const groups = owners[depth - 1]!.filter((owner): owner is PlacedCell =>
      owner !== undefined && owner.columnSpan > 1 && owner.columnSpan < columnCount && owner.row + owner.rowSpan === depth);
    const underGroup = (column: number) => groups.some((group) => column >= group.column && column < group.column + group.columnSpan);
    const row = owners[depth]!;
    let names = 0;
    const namesOnly = row.every((owner, column) => {
      if (!owner || owner.row < depth) return true;
      if (!underGroup(column)) return owner.text === '';
      if (owner.text !== '') names++;
      // A sub-name stays within its group; one spilling out of it is not a name of the group's columns.
      return underGroup(owner.column + Math.min(owner.columnSpan, columnCount - owner.column) - 1);
    });
    if (groups.length === 0 || !namesOnly || names === 0) break;
    depth++;
  }
  return depth;
}

/** One header row from several: each column's names from the top down, a name repeated from the row above once. */
function combinedHeader(rows: string[][]): string[] {
  return rows[0]!.map((_, column) => {
    const names: string[] = [];
    for (const row of rows) {
      const name = row[column] ?? '';
      if (name !== '' && names.at(-1) !== name) names.push(name);
    }
    return names.join(' ');
  });
}
