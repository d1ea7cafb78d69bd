/**
 * The sentence around a mention, cut from its paragraph. Runs in the content
 * script: no dependencies, and it reads only from the previous sentence end to
 * the next (at most a few times `maxChars` either side).
 */

/** Words after which a period does not end a sentence (lower case, without the final period). */
const ABBREV = new Set(
  'mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm maj gov sen rep pres amb hon rev inc ltd co corp plc bros dept univ vs etc no nos vol pp fig figs jan feb mar apr jun jul aug sep sept oct nov dec approx est ca cf al ed eds op mt ft sq min max av ave г гг млн млрд трлн тыс руб долл коп др пр ст им ул см напр акад проф тов ген'.split(
    ' ',
  ),
);
/** Abbreviations that often end a sentence: a capital after them starts a new one. */
const MAY_END = new Set(['etc', 'inc', 'ltd', 'corp', 'plc', 'co', 'bros']);
const CLOSERS = '"\'”’»)]」』】）';

function isSpace(c: string | undefined): boolean {
  return (
    c === ' ' ||
    c === '\n' ||
    c === '\t' ||
    c === '\r' ||
    c === '\u00a0' ||
    c === '\u2009' ||
    c === '\u202f' ||
    c === '\u3000'
  );
}
function isLetter(c: string | undefined): boolean {
  return c !== undefined && c.toLowerCase() !== c.toUpperCase();
}
function isUpper(c: string | undefined): boolean {
  return c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
}
function isLower(c: string | undefined): boolean {
  return c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
}

/** The first character of the next word after position i (skipping spaces and quotes). */
function nextWordChar(text: string, i: number): string | undefined {
  let j = i + 1;
  while (
    j < text.length &&
    (isSpace(text[j]) || CLOSERS.includes(text[j]!) || text[j] === '“' || text[j] === '«' || text[j] === '(')
  )
    j++;
  return text[j];
}

/** Does the punctuation at i end a sentence? */
function isBoundary(text: string, i: number): boolean {
  const c = text[i]!;
  if (c === '。' || c === '！' || c === '？' || c === '｡') return true;
  if (c !== '.' && c !== '!' && c !== '?' && c !== '…') return false;
  // Followed by a space, a closing quote or bracket, or the end: "1.3", "U.S.-made" and "..x" are not ends.
  let k = i + 1;
  while (k < text.length && CLOSERS.includes(text[k]!)) k++;
  if (k < text.length && !isSpace(text[k])) return false;
  if (c !== '.') return true;
  if (text[i - 1] === '.') return isUpper(nextWordChar(text, i)); // an ellipsis "..." ends one only before a capital
  // The word before the period.
  let j = i;
  while (j > 0 && (isLetter(text[j - 1]) || text[j - 1] === '.')) j--;
  const word = text.slice(j, i);
  const lower = word.toLowerCase();
  const next = nextWordChar(text, i);
  const glued = j > 0 && !isSpace(text[j - 1]) && !'(“"«'.includes(text[j - 1]!); // "D-18T.", "CR929."
  if (word.length === 1 && isUpper(word) && !glued) return false; // an initial: "J. Smith", "В. Путин"
  if (word.includes('.')) return false; // "U.S.", "e.g.", "т.е."
  if (ABBREV.has(lower)) return MAY_END.has(lower) && isUpper(next);
  if (isLower(next)) return false; // "approx. five", "Fig. a"
  return true;
}

/** Past a sentence end at i: the punctuation and any closing quotes or brackets. */
function afterEnd(text: string, i: number): number {
  let k = i + 1;
  while (k < text.length && CLOSERS.includes(text[k]!)) k++;
  return k;
}

/**
 * The sentence that contains the mention [start, end) of `text`, trimmed, its
 * white space collapsed, and cut to at most `maxChars` around the mention
 * when it is longer (at word boundaries where possible).
 */
export function sentenceAround(text: string, start: number, end: number, maxChars = 400): string {
  const n = text.length;
  start = Math.max(0, Math.min(start, n));
  end = Math.max(start, Math.min(end, n));
  const reach = Math.max(maxChars * 3, 600);
  let from = Math.max(0, start - reach);
  for (let i = start - 1; i >= from; i--) {
    if (isBoundary(text, i)) {
      from = afterEnd(text, i);
      break;
    }
  }
  let to = Math.min(n, end + reach);
  for (let i = end; i < to; i++) {
    if (isBoundary(text, i)) {
      to = afterEnd(text, i);
      break;
    }
  }
  if (from > start) from = start; // a closing quote right before the mention
  if (to - from > maxChars) {
    const budget = Math.max(0, maxChars - (end - start));
    let left = Math.floor(budget / 2);
    let right = budget - left;
    if (start - from < left) {
      right += left - (start - from);
      left = start - from;
    } else if (to - end < right) {
      left += right - (to - end);
      right = to - end;
    }
    let a = start - left;
    let b = end + right;
    // Cut at word boundaries: move inwards to the nearest space, if there is one before the mention.
    if (a > from) {
      const sp = text.indexOf(' ', a);
      if (sp !== -1 && sp < start) a = sp + 1;
    }
    if (b < to) {
      const sp = text.lastIndexOf(' ', b);
      if (sp >= end) b = sp;
    }
    from = a;
    to = b;
  }
  return text.slice(from, to).replace(/\s+/g, ' ').trim();
}
