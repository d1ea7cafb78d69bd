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
