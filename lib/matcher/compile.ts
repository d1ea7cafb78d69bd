/**
 * Compiles the packs' aliases into the matcher index. Runs at build time and
 * in the background, never in a content script: it may use compromise, which
 * derives English plural forms of aliases that end in a common noun.
 *
 * Each alias and each of its `forms` (plus that plural) becomes one pattern
 * per spelling: the key is the form folded as the scanner folds text (NFKC,
 * lower case, ё→е, Cyrillic look-alikes as Latin, ligatures spelt out,
 * punctuation as a space), and codes get their variants ("CR929", "CR-929",
 * "CR 929"; "Power of Siberia 2", "-2", "2"). Possessives and the plain -s
 * plural are not patterns: the scanner extends any match over them. The
 * index is a flat pattern list (compact JSON) in key order; the content
 * script's matcher searches it as it is (`createMatcher`).
 */
import nlp from 'compromise';
import type { Entity } from '../model/schema';
import { capitalWords, DASH, exactLetters, foldString, foldWithPunct, isDigit, SPACE } from './fold';
import { inflectedForms } from './inflect';
import { buildTables, sortPatterns } from './scan';
import { F_AMBIGUOUS, F_BLOCK, F_CAPS, F_CASE, F_INFLECTED, F_PROPER, type MatcherIndex, type Pattern } from './types';

/**
 * Bumped whenever compileIndex's output changes for the same packs, so an
 * index cached by an older version of the extension is rebuilt after update.
 */
export const COMPILER_VERSION = 6;

type CompileEntity = Pick<Entity, 'id' | 'name' | 'aliases' | 'context' | 'blockers'>;

const MAX_VARIANTS = 16;

/**
 * Spellings of a code: where a letter meets a digit, or a hyphen joins two
 * parts, the text may write a hyphen, a space or nothing ("CR929", "CR-929",
 * "CR 929"; "S-400", "S400").
 */
function codeVariants(key: string): string[] {
  const joints: number[] = [];
  for (let i = 1; i < key.length; i++) {
    const a = key.charCodeAt(i - 1);
    const b = key.charCodeAt(i);
    const letterDigit =
      (isDigit(a) && !isDigit(b) && b !== SPACE && b !== DASH) ||
      (!isDigit(a) && a !== SPACE && a !== DASH && isDigit(b));
    if (letterDigit) joints.push(i);
  }
  // "Power of Siberia 2" is also written "Power of Siberia-2" and "Power of Siberia2".
  const spaced: number[] = [];
  for (let i = 1; i < key.length - 1; i++) {
    if (key.charCodeAt(i) !== SPACE) continue;
    const a = key.charCodeAt(i - 1);
    const b = key.charCodeAt(i + 1);
    if (isDigit(a) !== isDigit(b) && a !== DASH && b !== DASH) spaced.push(i);
  }
  const hyphens: number[] = [];
  for (let i = 1; i < key.length - 1; i++)
    if (key.charCodeAt(i) === DASH && key.charCodeAt(i - 1) !== SPACE && key.charCodeAt(i + 1) !== SPACE)
      hyphens.push(i);
  let out = [key];
  for (const j of joints.reverse()) {
    out = out.flatMap((k) => [k, k.slice(0, j) + '-' + k.slice(j), k.slice(0, j) + ' ' + k.slice(j)]);
    if (out.length > MAX_VARIANTS) break;
  }
  for (const sp of spaced.reverse()) {
    out = out.flatMap((k) => {
      const at = k.length - (key.length - sp);
      return k.charCodeAt(at) === SPACE
        ? [k, k.slice(0, at) + '-' + k.slice(at + 1), k.slice(0, at) + k.slice(at + 1)]
        : [k];
    });
    if (out.length > MAX_VARIANTS) break;
  }
  for (const h of hyphens.reverse()) {
    out = out.flatMap((k) => {
      const at = k.length - (key.length - h);
      if (k.charCodeAt(at) !== DASH) return [k];
      const isCode = isDigit(k.charCodeAt(at - 1)) || isDigit(k.charCodeAt(at + 1));
      return isCode
        ? [k, k.slice(0, at) + ' ' + k.slice(at + 1), k.slice(0, at) + k.slice(at + 1)]
        : [k, k.slice(0, at) + ' ' + k.slice(at + 1)];
    });
    if (out.length > MAX_VARIANTS) break;
  }
  return [...new Set(out)].slice(0, MAX_VARIANTS);
}

/** English plural of an alias whose last word is a common (lower-case) noun: "Vostok exercise" → "Vostok exercises". */
function englishPlural(alias: string): string | undefined {
  const words = alias.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  if (!/^[a-z]{3,}$/.test(last)) return undefined;
  const doc = nlp(alias);
  const plural = doc.nouns().toPlural().text();
  return plural && plural !== alias && !plural.endsWith(`${last}s`) ? plural : undefined;
}

function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Which word of a name (0-based) is its last capitalised one: the word that tells the name apart ("Siberia", "Sich"). */
function lastCapital(form: string): number {
  const words = form
    .normalize('NFKC')
    .split(/[\s\p{Pd}'’.,·・]+/u)
    .filter(Boolean);
  for (let w = words.length - 1; w >= 0; w--) if (/^\p{Lu}/u.test(words[w]!)) return w;
  return -1;
}

type AliasLike = {
  text: string;
  lang: string;
  caseSensitive?: boolean;
  ambiguous?: boolean;
  context?: string[];
  forms?: string[];
};

export function compileIndex(entities: CompileEntity[]): MatcherIndex {
  const steps = compileSteps(entities);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * compileIndex in slices of about `sliceMs`, giving the event loop back in
 * between: the background keeps answering (cards of pages that have their
 * index, the popup) while a large pack compiles. Same output.
 */
export async function compileIndexAsync(entities: CompileEntity[], sliceMs = 8): Promise<MatcherIndex> {
  const steps = compileSteps(entities);
  let since = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - since >= sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = performance.now();
    }
  }
}

/** The compiler, one entity per step; its return value is the index. */
function* compileSteps(entities: CompileEntity[]): Generator<void, MatcherIndex> {
  const index: MatcherIndex = { v: 1, entities: [], context: [], patterns: [] };
  const seen = new Map<string, Pattern>();
  // Blockers go after every alias: for an equal key the alias comes first and wins
  // (a blocker is for names that are not in the pack).
  const blockers: Pattern[] = [];
  for (const [ei, e] of entities.entries()) {
    if (ei > 0) yield;
    index.entities.push(e.id);
    index.context.push((e.context ?? []).map(foldString).filter(Boolean));
    const names: [AliasLike, boolean][] = [
      ...e.aliases.map((a): [AliasLike, boolean] => [a, false]),
      ...(e.blockers ?? []).map((b): [AliasLike, boolean] => [b, true]),
    ];
    // Every written form of the entity first, then the compiled case forms: where both give the
    // same key (lt "Gazpromas" written, and compiled from "Gazprom"), the written one is kept.
    const all: [AliasLike, boolean, string, boolean][] = [];
    const compiled: typeof all = [];
    for (const [a, blocker] of names) {
      const forms = [a.text, ...(a.forms ?? [])];
      if (a.lang === 'en' || a.lang === 'translit') {
        const pl = englishPlural(a.text);
        if (pl) forms.push(pl);
      }
      for (const form of forms) {
        all.push([a, blocker, form, false]);
        for (const c of inflectedForms(form, a.lang)) compiled.push([a, blocker, c, true]);
      }
    }
    for (const [a, blocker, form, inflected] of [...all, ...compiled]) {
      const base = foldString(form);
      if (!base) continue;
      let f = blocker ? F_BLOCK : 0;
      if (a.caseSensitive) f |= F_CASE;
      if (a.ambiguous) f |= F_AMBIGUOUS;
      const caps = isAllCaps(form);
      let u = 0;
      let w = -1;
      if (caps) f |= F_CAPS;
      // A name written with capitals is a proper name: the text must capitalise
      // as many of its words ("Motor sich" is not "Motor Sich", "xi jinping" not "Xi Jinping"),
      // or at least the one that tells it apart (see Pattern.w).
      else if (!a.caseSensitive && /\p{Lu}/u.test(form) && /\p{Ll}/u.test(form)) {
        f |= F_PROPER;
        const nfkc = form.normalize('NFKC');
        u = capitalWords(nfkc, 0, nfkc.length);
        w = u >= 2 ? lastCapital(form) : -1;
      }
      const punct = foldWithPunct(form);
      const keys = [...codeVariants(base), ...(punct ? codeVariants(punct) : [])];
      for (const key of keys) {
        const dedupe = `${ei}|${key}|${f}|${u}|${f & F_CASE ? exactLetters(form) : ''}`;
        const ctx = a.ambiguous && a.context?.length ? a.context.map(foldString).filter(Boolean) : undefined;
        const twin = seen.get(dedupe);
        if (twin) {
          // The same name twice (say in two languages): one pattern, with the context words of both.
          if (twin.ctx && ctx) twin.ctx = [...new Set([...twin.ctx, ...ctx])];
          continue;
        }
        const p: Pattern = { key, e: ei, alias: a.text, f: inflected ? f | F_INFLECTED : f };
        seen.set(dedupe, p);
        if (f & F_CASE) p.exact = exactLetters(form);
        if (f & F_PROPER) p.u = u;
        if (w > 0) p.w = w;
        if (ctx) p.ctx = ctx;
        (blocker ? blockers : index.patterns).push(p);
      }
    }
  }
  yield;
  // In key order (stable: a key's patterns keep their order), with the
  // matcher's look-up tables: a content script builds nothing.
  index.patterns.push(...blockers);
  sortPatterns(index.patterns);
  yield;
  index.tables = buildTables(index.patterns);
  return index;
}
