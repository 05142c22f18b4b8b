/** Build an unload line by hand: text placed at 1-based columns (taken from IBM's record layouts). */
export function line(type: string, ...fields: [col: number, text: string][]): string {
  let s = type;
  for (const [col, text] of fields) {
    if (s.length > col - 1) throw new Error(`field at ${col} overlaps`);
    s = s.padEnd(col - 1, ' ') + text;
  }
  return s;
}
