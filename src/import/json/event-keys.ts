/**
 * Identifies the keys of a trace event from their raw bytes, without decoding them: the scanner
 * switches on these codes for the ~15 keys it reads and skips every other key's value.
 */
export const K_OTHER = 0;
export const K_PH = 1;
export const K_TS = 2;
export const K_DUR = 3;
export const K_NAME = 4;
export const K_CAT = 5;
export const K_PID = 6;
export const K_TID = 7;
export const K_ID = 8;
export const K_BP = 9;
export const K_S = 10;
export const K_ARGS = 11;
export const K_ID2 = 12;
export const K_SCOPE = 13;
export const K_BIND_ID = 14;
export const K_FLOW_IN = 15;
export const K_FLOW_OUT = 16;

/** Identifies a key by its raw bytes without decoding it. */
export function keyCode(b: Uint8Array, s: number, n: number): number {
  const c0 = b[s];
  switch (n) {
    case 1:
      return c0 === 115 ? K_S : K_OTHER;
    case 2: {
      const c1 = b[s + 1];
      if (c0 === 112 && c1 === 104) return K_PH;
      if (c0 === 116 && c1 === 115) return K_TS;
      if (c0 === 105 && c1 === 100) return K_ID;
      if (c0 === 98 && c1 === 112) return K_BP;
      return K_OTHER;
    }
    case 3: {
      const c1 = b[s + 1];
      const c2 = b[s + 2];
      if (c0 === 112 && c1 === 105 && c2 === 100) return K_PID;
      if (c0 === 116 && c1 === 105 && c2 === 100) return K_TID;
      if (c0 === 100 && c1 === 117 && c2 === 114) return K_DUR;
      if (c0 === 99 && c1 === 97 && c2 === 116) return K_CAT;
      if (c0 === 105 && c1 === 100 && c2 === 50) return K_ID2;
      return K_OTHER;
    }
    case 4:
      if (c0 === 110 && b[s + 1] === 97 && b[s + 2] === 109 && b[s + 3] === 101) return K_NAME;
      if (c0 === 97 && b[s + 1] === 114 && b[s + 2] === 103 && b[s + 3] === 115) return K_ARGS;
      return K_OTHER;
    case 5:
      return matches(b, s, 'scope') ? K_SCOPE : K_OTHER;
    case 7:
      if (matches(b, s, 'bind_id')) return K_BIND_ID;
      if (matches(b, s, 'flow_in')) return K_FLOW_IN;
      return K_OTHER;
    case 8:
      return matches(b, s, 'flow_out') ? K_FLOW_OUT : K_OTHER;
    default:
      return K_OTHER;
  }
}

function matches(b: Uint8Array, s: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (b[s + k] !== word.charCodeAt(k)) return false;
  return true;
}
