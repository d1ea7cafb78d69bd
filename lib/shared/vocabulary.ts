/**
 * Closed lists of words the data uses, as plain constants: the zod schema
 * builds its enums from them, and pages that only need the list (the options
 * page's category switches) read it here without loading zod.
 */
export const CATEGORIES = [
  'energy',
  'finance',
  'aviation',
  'military',
  'diplomacy',
  'transport',
  'history',
  'public-opinion',
  'technology',
  'trade',
  'politics',
  'regions',
  'society',
] as const;

/**
 * Languages of aliases (ISO 639-1), plus `translit` for a Latin
 * transliteration ("Sila Sibiri") and `abbr` for an abbreviation or code
 * ("SPFS", "CR929") that is not tied to one language. Polish and Lithuanian
 * aliases get their case endings compiled (lib/matcher/inflect.ts).
 */
export const ALIAS_LANGS = [
  'en',
  'ru',
  'uk',
  'zh',
  'ja',
  'ko',
  'de',
  'fr',
  'es',
  'pl',
  'lt',
  'nl',
  'translit',
  'abbr',
] as const;
