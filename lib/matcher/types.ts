/** The compiled alias index: plain JSON, sent from the background to content scripts. */
export interface MatcherIndex {
  v: 1;
  /** Entity ids; patterns refer to them by position. */
  entities: string[];
  /** Context words per entity (folded), for ambiguous aliases. */
  context: string[][];
  patterns: Pattern[];
  /**
   * The matcher's look-up tables for `patterns` exactly as they are (in key
   * order), precomputed by compileIndex so that a content script builds
   * nothing (see `buildTables` in scan.ts). An index whose patterns are
   * changed afterwards must drop them; without them the matcher builds its own.
   */
  tables?: MatcherTables;
}

/**
 * Bitmaps over the first symbols of the keys, as strings of 8 bits per code
 * unit (U+0100 + the byte: plain characters, carried unchanged by JSON and
 * extension messaging), and the range of patterns per first symbol.
 */
export interface MatcherTables {
  /** TABLES_VERSION of the code that built them: other versions are ignored. */
  v: number;
  /** Keys of one or two symbols, by `pair`. */
  short: string;
  /** Keys of three symbols, hashed. */
  tri: string;
  /** Keys of four or more symbols, their first four, hashed. */
  quad: string;
  /** Per first symbol, the patterns that start with it: lo * 2^21 + hi. */
  first: Record<number, number>;
}

export interface Pattern {
  /** Folded form (see fold.ts): NFKC, lower case, ё→е, Cyrillic look-alikes as Latin, ligatures spelt out, one ' ' per space run, '-' per dash. */
  key: string;
  /** Index into `entities`. */
  e: number;
  /** The alias as written in the pack. */
  alias: string;
  /** Flags: 1 case-sensitive, 2 ambiguous, 4 proper name (see `u`), 8 all capitals, 16 blocker (never marked), 32 compiled case form. */
  f: number;
  /**
   * Proper names (flag 4): how many of the alias's words begin with a capital
   * letter. The text must capitalise at least as many words of the match
   * ("Motor sich" is not "Motor Sich"). Absent in indexes from before this
   * field: then 1 (not all lower case).
   */
  u?: number;
  /**
   * Proper names of two or more capitalised words: the word (0-based) that
   * tells the name apart, its last capitalised one ("Siberia" of "Power of
   * Siberia"). A text that capitalises fewer words than `u` still matches
   * when it capitalises this one ("power of Siberia"), or when the name
   * stands in quotation marks («Мотор сич»).
   */
  w?: number;
  /** Case-sensitive patterns: the exact letters (NFKC, no folding, separators removed). */
  exact?: string;
  /** Context words of an ambiguous alias (folded), when it has its own. */
  ctx?: string[];
}

export const F_CASE = 1;
export const F_AMBIGUOUS = 2;
export const F_PROPER = 4;
export const F_CAPS = 8;
/** A blocker: a longer name that is another thing; it wins the longest match and is not reported. */
export const F_BLOCK = 16;
/** A case form compiled from a Polish or Lithuanian alias: no English -s or 's extends it. */
export const F_INFLECTED = 32;

export interface TextMatch {
  entity: string;
  alias: string;
  /** UTF-16 offsets into the scanned string; `end` exclusive. */
  start: number;
  end: number;
}
