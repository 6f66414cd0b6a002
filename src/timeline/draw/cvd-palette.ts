/**
 * The colour-vision-deficiency-safe slice palette (a setting, issue 19): Paul Tol's "muted"
 * qualitative scheme (https://personal.sron.nl/~pault/), whose colours stay apart under
 * protanopia, deuteranopia and tritanopia (tested in cvd-palette.test.ts with the Machado 2009
 * and Viénot 1999 simulations). The default palette has 24 slots; this one maps every slot onto
 * 9 colours (names share colours more often: the price of telling them apart), keeping the
 * Overlap Analysis lanes apart: Computing is cyan, Communication sand, Communication (Not
 * Overlapped) rose and Free grey.
 */

/** The colours, in slot order. The last (pale grey) is for Free only. */
export const CVD_COLORS = [
  '#332288', // indigo
  '#88ccee', // cyan
  '#44aa99', // teal
  '#117733', // green
  '#999933', // olive
  '#ddcc77', // sand
  '#cc6677', // rose
  '#882255', // wine
  '#aa4499', // purple
  '#dddddd', // pale grey (Free)
] as const;

const FREE = 9;
const HASHED = 9;

/** Fixed colours of the default palette's semantic slots (colors.ts SEMANTIC). */
const SEMANTIC_SLOTS: Record<number, number> = { 1: 1, 6: 5, 8: 6, 15: FREE };

/** The CVD colour of default-palette slot k (k < slots). */
export function cvdColorOfSlot(k: number): string {
  return CVD_COLORS[SEMANTIC_SLOTS[k] ?? k % HASHED]!;
}
