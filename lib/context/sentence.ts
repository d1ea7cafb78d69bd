/**
 * The sentence around a mention, cut from its paragraph. Runs in the content
 * script: no dependencies, linear in the paragraph's length.
 */
const ABBREV = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Inc|Ltd|Co|Corp|vs|etc|No|Vol|pp|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|approx|est|ca)|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z]?)$/;

function isBoundary(text: string, i: number): boolean {
  const c = text[i]!;
  if (c === '。' || c === '！' || c === '？') return true;
  if (c !== '.' && c !== '!' && c !== '?' && c !== '…') return false;
  const next = text[i + 1];
  if (next !== undefined && !/[\s"'”’)\]]/.test(next)) return false; // 1.3, U.S.-made, e.g.x
  if (c === '.') {
    const before = text.slice(Math.max(0, i - 12), i);
    if (ABBREV.test(before)) return false; // Dr. Balzer, U.S. officials, J. Smith
    // "U.S. officials": a lower-case word after an abbreviation-like token continues the sentence.
    const rest = text.slice(i + 1).match(/^\s+(\S)/);
    if (rest && /[a-z]/.test(rest[1]!)) return false;
  }
  return true;
}

export function sentenceAround(text: string, start: number, end: number, maxChars = 400): string {
  let from = 0;
  for (let i = start - 1; i >= 0; i--) {
    if (isBoundary(text, i)) {
      from = i + 1;
      break;
    }
  }
  let to = text.length;
  for (let i = Math.max(end, from); i < text.length; i++) {
    if (isBoundary(text, i)) {
      to = i + 1;
      break;
    }
  }
  if (to - from > maxChars) {
    const half = Math.floor((maxChars - (end - start)) / 2);
    from = Math.max(from, start - half);
    to = Math.min(to, end + half);
  }
  return text.slice(from, to).replace(/\s+/g, ' ').trim();
}
