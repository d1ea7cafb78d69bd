/**
 * Case endings compiled for languages that inflect names (Polish and
 * Lithuanian): "Gazprom" → Gazpromu, Gazpromem, Gazpromie…; Lithuanian
 * "Putinas" → Putino, Putinui, Putiną… Only the last word of an alias
 * inflects here, and only when it is a capitalised proper noun of at least
 * four letters; forms where another word changes ("Siłę Syberii") or that
 * are irregular are written out by the pack author in `forms`. Runs at
 * compile time only (background and tools).
 */

/** Polish singular case endings of masculine names that end in a consonant (Gazprom, Putin, Ławrow, Jinping). */
const PL_CONSONANT = ['a', 'u', 'owi', 'em', 'iem', 'ie', 'y'];
/** Polish endings of names in -a (Rosja, Moskwa): the -a is replaced. */
const PL_A = ['y', 'i', 'ie', 'ę', 'ą', 'o'];

/** Lithuanian nominative ending → the singular case endings that replace it. */
const LT: [string, string[]][] = [
  ['as', ['o', 'ui', 'ą', 'u', 'e', 'ai']],
  ['is', ['io', 'iui', 'į', 'iu', 'yje', 'i']],
  ['ys', ['io', 'iui', 'į', 'iu', 'yje', 'y']],
  ['us', ['aus', 'ui', 'ų', 'umi', 'uje']],
  ['a', ['os', 'ai', 'ą', 'oje']],
  ['ė', ['ės', 'ei', 'ę', 'e', 'ėje']],
];
/** Lithuanian endings for an unadapted foreign name ("Gazprom" written as in the source). */
const LT_BARE = ['as', 'o', 'ui', 'ą', 'u', 'e'];

const LETTERS = /^\p{L}+$/u;
const isCapitalised = (w: string) => w[0] !== w[0]!.toLowerCase() && w.slice(1) !== w.slice(1).toUpperCase();

/** The inflected forms of an alias in `lang` (without the alias itself); none for other languages. */
export function inflectedForms(text: string, lang: string): string[] {
  if (lang !== 'pl' && lang !== 'lt') return [];
  const m = /^(.*?)(\p{L}+)$/u.exec(text.normalize('NFC'));
  if (!m) return [];
  const head = m[1]!;
  const last = m[2]!;
  if (last.length < 4 || !LETTERS.test(last) || !isCapitalised(last)) return [];
  const lower = last.toLowerCase();
  const out: string[] = [];
  const add = (stem: string, endings: string[]) => {
    for (const e of endings) out.push(head + stem + e);
  };
  if (lang === 'pl') {
    if (lower.endsWith('a')) add(last.slice(0, -1), PL_A);
    else if (!/[aeiouyąęó]$/.test(lower)) add(last, PL_CONSONANT);
  } else {
    const rule = LT.find(([nom]) => lower.endsWith(nom) && last.length - nom.length >= 3);
    if (rule) add(last.slice(0, -rule[0].length), rule[1]);
    else if (!/[aeiouyąęėįųū]$/.test(lower)) add(last, LT_BARE);
  }
  return out.filter((f) => f !== text);
}
