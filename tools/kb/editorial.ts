/**
 * Node-only: the editorial rules of a pack, which need no source text (the
 * source checks are fidelity.ts). Each claim must be dated, honest about who
 * says it, understandable on its own, and not a near-copy of another claim of
 * its entity.
 */
import { compileIndex } from '../../lib/matcher/compile';
import { foldString } from '../../lib/matcher/fold';
import { createMatcher } from '../../lib/matcher/scan';
import type { Pack } from '../../lib/model/schema';
import { stem, STOP } from '../../lib/shared/words';

export interface EditorialIssue {
  level: 'error' | 'warning';
  claim: string;
  rule: 'date' | 'attribution' | 'anaphor' | 'names-entity' | 'near-duplicate';
  message: string;
}

/**
 * Openings that lean on the claim before them, per language of the claims'
 * text (the bundled claims are English). A card shows claims one at a time,
 * so none may open with one.
 */
const ANAPHORS: Record<string, RegExp> = {
  en: /^(?:the same|this|these|that|those|it|its|they|their|them|he|his|him|she|her|such|both|the former|the latter|by contrast|in contrast|also|however|meanwhile|moreover|furthermore|likewise|similarly|nevertheless|instead|then|there he|there she|here)\b/i,
};

/** Word stems of a text without stop words, for near-duplicate detection. */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) if (!STOP.has(w)) out.add(stem(w));
  return out;
}

/** Share of the smaller set that the two sets have in common. */
function overlap(a: Set<string>, b: Set<string>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (!small.size) return 0;
  let n = 0;
  for (const x of small) if (big.has(x)) n++;
  return n / small.size;
}

/** At this share of shared stems (of the shorter claim) two claims on one entity are near-duplicates. */
const NEAR_DUPLICATE = 0.8;

export function checkEditorial(pack: Pack, lang = 'en'): EditorialIssue[] {
  const issues: EditorialIssue[] = [];
  const sources = new Map(pack.sources.map((s) => [s.id, s]));
  const entities = new Map(pack.entities.map((e) => [e.id, e]));
  const matcher = createMatcher(compileIndex(pack.entities));
  const anaphor = ANAPHORS[lang];
  const add = (
    claim: string,
    rule: EditorialIssue['rule'],
    message: string,
    level: EditorialIssue['level'] = 'error',
  ) => issues.push({ level, claim, rule, message });

  for (const c of pack.claims) {
    // Dated, or timeless with a reason (the schema refuses both, and timeless without a reason).
    if (!c.asOf && !c.timeless)
      add(c.id, 'date', 'no asOf: give the date the claim is about, or timeless with a reason');

    // An anonymous or opinion source's claims are its author's statements or assessments.
    const src = sources.get(c.citation.source);
    if (src && (src.anonymous || src.opinion) && c.kind === 'fact' && !c.attributedTo)
      add(
        c.id,
        'attribution',
        `"${src.id}" is ${src.anonymous ? 'anonymous' : 'an opinion piece'}: its claims cannot be unattributed facts`,
      );

    // Understandable alone.
    const opening = anaphor?.exec(c.text.trim());
    if (opening) add(c.id, 'anaphor', `opens with "${opening[0]}", which needs the claim before it`);

    // Names its (first) entity.
    const first = entities.get(c.entities[0]!);
    if (first) {
      const found = matcher.scan(c.text).some((m) => m.entity === first.id);
      const folded = foldString(c.text);
      const named =
        found ||
        [first.name, ...first.aliases.flatMap((a) => [a.text, ...(a.forms ?? [])])].some((n) => {
          const f = foldString(n);
          return f.length > 1 && folded.includes(f);
        });
      if (!named) add(c.id, 'names-entity', `does not name its entity "${first.name}" or an alias of it`);
    }
  }

  // Near-duplicates among the claims of one entity.
  const byEntity = new Map<string, { id: string; stems: Set<string> }[]>();
  for (const c of pack.claims) {
    const s = stems(c.text);
    for (const e of c.entities.slice(0, 1)) {
      const list = byEntity.get(e) ?? [];
      for (const o of list) {
        const share = overlap(s, o.stems);
        if (share >= NEAR_DUPLICATE)
          add(
            c.id,
            'near-duplicate',
            `shares ${Math.round(share * 100)} % of its words with "${o.id}" on the same entity "${e}"`,
            'warning',
          );
      }
      list.push({ id: c.id, stems: s });
      byEntity.set(e, list);
    }
  }
  return issues;
}
