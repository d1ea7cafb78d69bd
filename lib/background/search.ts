/**
 * Full-text search over entities (names, aliases in every language,
 * descriptions) and claim texts, for the popup. MiniSearch gives ranking
 * (BM25), prefix and typo-tolerant matching; this module adds a tokenizer that
 * also handles Chinese/Japanese (no spaces: character bigrams) and groups hits
 * by entity.
 */
import MiniSearch from 'minisearch';
import type { Claim, Entity } from '../model/schema';
import type { SearchHit } from '../shared/protocol';

type Doc =
  | { id: string; kind: 'entity'; entity: string; name: string; aliases: string; text: string }
  | { id: string; kind: 'claim'; entity: string; name: string; aliases: string; text: string };

const STOP = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'the',
  'to',
  'was',
  'with',
]);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

function normaliseTerm(term: string): string | null {
  const t = term
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/['’]s$/, '');
  return t && !STOP.has(t) ? t : null;
}

/** Words split on spaces and punctuation (hyphens too); CJK runs also yield bigrams. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of text.normalize('NFKC').split(/[\s\p{P}\p{S}]+/u)) {
    if (!word) continue;
    out.push(word);
    for (const run of word.match(CJK) ?? []) {
      if (run !== word) out.push(run);
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
  }
  // Codes written with a hyphen or space ("CR-929", "S 400") also as one token.
  for (const m of text.matchAll(/\b([A-Za-z]{1,4})[-‐‑–\s]?(\d{2,4})\b/g)) out.push(m[1]! + m[2]!);
  return out;
}

const fuzzy = (term: string) => (term.length <= 3 ? false : term.length <= 5 ? 1 : 2);

export class SearchIndex {
  private mini = new MiniSearch<Doc>({
    fields: ['name', 'aliases', 'text'],
    storeFields: ['kind', 'entity'],
    tokenize,
    processTerm: normaliseTerm,
    searchOptions: { boost: { name: 4, aliases: 3, text: 1 }, prefix: (t) => t.length >= 2, fuzzy, combineWith: 'OR' },
  });
  private entities = new Map<string, Entity>();
  private claims = new Map<string, Claim>();

  constructor(entities: Entity[], claims: Claim[]) {
    const docs: Doc[] = [];
    for (const e of entities) {
      this.entities.set(e.id, e);
      docs.push({
        id: `e:${e.id}`,
        kind: 'entity',
        entity: e.id,
        name: e.name,
        aliases: e.aliases.map((a) => a.text).join(' · '),
        text: e.description,
      });
    }
    for (const c of claims) {
      this.claims.set(c.id, c);
      for (const eid of c.entities) {
        const e = this.entities.get(eid);
        if (e) docs.push({ id: `c:${c.id}:${eid}`, kind: 'claim', entity: eid, name: '', aliases: '', text: c.text });
      }
    }
    this.mini.addAll(docs);
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const byEntity = new Map<string, SearchHit>();
    for (const r of this.mini.search(q)) {
      const id = r['entity'] as string;
      const e = this.entities.get(id);
      if (!e) continue;
      let hit = byEntity.get(id);
      if (!hit) {
        hit = {
          entity: { id: e.id, name: e.name, type: e.type, description: e.description },
          score: 0,
          terms: [],
          claims: [],
        };
        byEntity.set(id, hit);
      }
      // Claims add to an entity's score, but less than its own names do.
      hit.score += r['kind'] === 'entity' ? r.score : r.score * 0.25;
      for (const t of r.terms) if (!hit.terms.includes(t)) hit.terms.push(t);
      if (r['kind'] === 'claim' && hit.claims.length < 3) {
        const claimId = String(r.id).split(':')[1]!;
        const c = this.claims.get(claimId);
        if (c) hit.claims.push({ id: c.id, text: c.text });
      }
    }
    return [...byEntity.values()]
      .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name))
      .slice(0, limit);
  }
}
