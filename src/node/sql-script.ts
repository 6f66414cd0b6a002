/**
 * A script of several SQL statements for the command-line `query`: split at top-level `;`
 * (not inside string literals, quoted identifiers or comments), each statement kept with its
 * offset in the script, and error positions turned into line:column of the script.
 */

export interface ScriptStatement {
  /** The statement text (without the `;`). */
  text: string;
  /** Offset of `text` in the whole script. */
  offset: number;
}

/** Splits a script into its non-empty statements. */
export function splitStatements(script: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  let start = 0;
  let hasCode = false;
  const push = (end: number) => {
    if (hasCode) out.push({ text: script.slice(start, end), offset: start });
    start = end + 1;
    hasCode = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (ch === '-' && script[i + 1] === '-') {
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? script.length : nl;
    } else if (ch === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 1;
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      i = closingQuote(script, i);
      hasCode = true;
    } else if (ch === ';') {
      push(i);
    } else if (!/\s/.test(ch)) {
      hasCode = true;
    }
  }
  push(script.length);
  return out;
}

/** Index of the quote closing the literal that opens at `i` (doubled quotes escape). */
function closingQuote(s: string, i: number): number {
  const close = s[i] === '[' ? ']' : s[i]!;
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] !== close) continue;
    if (close !== ']' && s[j + 1] === close) j++;
    else return j;
  }
  return s.length;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Offsets in `text` where `word` starts outside literals and comments (case-insensitive). */
export function codeOccurrences(text: string, word: string): number[] {
  if (!word) return [];
  const lower = text.toLowerCase();
  const w = word.toLowerCase();
  const out: number[] = [];
  const isWordChar = (c: string | undefined) => c !== undefined && /\w/.test(c);
  const wordLike = /^\w/.test(w);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (lower.startsWith(w, i) && !(wordLike && isWordChar(text[i - 1]))) out.push(i);
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') i = closingQuote(text, i);
  }
  return out;
}

/**
 * Which tables a script may read: those it names as a word anywhere (literals and comments
 * included, to be safe); every table when it looks at the schema itself.
 */
export function tablesNamedIn(script: string): (table: string) => boolean {
  if (/\b(?:sqlite_master|sqlite_schema|sqlite_temp_master|pragma)\b|pragma_/i.test(script))
    return () => true;
  const words = new Set(script.toLowerCase().match(/\w+/g) ?? []);
  return (table) => words.has(table.toLowerCase());
}
