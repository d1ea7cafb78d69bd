/**
 * The one source of Factlens's data types. Every pack (the bundled one and any
 * the user imports) is validated with these schemas; TypeScript types are
 * inferred from them, never written by hand.
 */
import { z } from 'zod';
import { ALIAS_LANGS, CATEGORIES } from '../shared/vocabulary';

/** Lower-case kebab ids: `power-of-siberia`, `balzer-2021`. */
const Id = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');

const Text = (max: number) => z.string().trim().min(1).max(max);

const SourceKind = z.enum(['report', 'essay', 'article', 'book', 'dataset', 'other']);

const SourceSchema = z.strictObject({
  id: Id,
  title: Text(300),
  /** null when the document does not say. */
  author: Text(200).nullable(),
  publisher: Text(200).nullable(),
  year: z.number().int().min(1000).max(2100).nullable(),
  kind: SourceKind,
  /** What is known and not known about the document (e.g. for an untitled essay). */
  note: Text(1000).optional(),
  /** The publication's public page, or null when the document has none that is known. */
  url: z
    .url({ protocol: /^https?$/, error: 'an http(s) address' })
    .max(500)
    .nullable()
    .optional(),
  /** No author is known: its claims are the anonymous author's statements, never plain facts. */
  anonymous: z.boolean().optional(),
  /** An opinion piece (essay, column): its claims are statements or assessments. */
  opinion: z.boolean().optional(),
  /**
   * For the pack authors' checker only (`kb check`): where the document's text is,
   * relative to the pack. The extension ignores it, and `kb build` leaves it out.
   */
  document: z
    .strictObject({
      path: Text(500),
      /** Section names that are not printed as headings in the document ("Summary", "Part 1"). */
      sections: z.array(Text(200)).max(200).optional(),
      /** How many numbered footnotes the document has (else counted from its superscript markers). */
      footnotes: z.number().int().min(0).max(100000).optional(),
    })
    .optional(),
});

export const EntityType = z.enum([
  'pipeline',
  'company',
  'bank',
  'payment-system',
  'aircraft',
  'power-plant',
  'weapon-system',
  'agreement',
  'military-exercise',
  'event',
  'person',
  'place',
  'policy',
  'organisation',
  'project',
  'currency',
  'program',
  'other',
]);

export const Category = z.enum(CATEGORIES);

/**
 * Language of an alias. `translit` is a Latin transliteration ("Sila Sibiri"),
 * `abbr` an abbreviation or code ("SPFS", "CR929") that is not tied to one language.
 */
const AliasLang = z.enum(ALIAS_LANGS);

const AliasSchema = z.strictObject({
  text: Text(120),
  lang: AliasLang,
  /** Only the exact case counts ("SPFS", never "Spfs"). */
  caseSensitive: z.boolean().optional(),
  /**
   * The alias is also an ordinary word or another thing's name: it counts only
   * when one of `context` (or, if absent, the entity's `context`) appears in the
   * same sentence or paragraph.
   */
  ambiguous: z.boolean().optional(),
  context: z.array(Text(60)).max(40).optional(),
  /** Extra inflected forms written out by the pack author (Russian/Ukrainian cases). */
  forms: z.array(Text(120)).max(40).optional(),
});

const BlockerSchema = z.strictObject({
  text: Text(160),
  lang: AliasLang,
  caseSensitive: z.boolean().optional(),
  forms: z.array(Text(160)).max(40).optional(),
});

const EntitySchema = z.strictObject({
  id: Id,
  name: Text(160),
  type: EntityType,
  description: Text(300),
  aliases: z.array(AliasSchema).max(120),
  /**
   * Names that contain an alias of this entity but are another thing
   * ("Industrial and Commercial Bank of China" for Bank of China, "Power of
   * Siberia 2" for Power of Siberia): never marked, but they win the longest
   * match, so the alias inside them is not marked either.
   */
  blockers: z.array(BlockerSchema).max(40).optional(),
  /** Context words shared by all ambiguous aliases of this entity. */
  context: z.array(Text(60)).max(40).optional(),
  related: z.array(Id).max(40).default([]),
  categories: z.array(Category).min(1).max(8),
  /** Proposed by `kb draft` and not yet reviewed: `kb check` fails and the extension refuses the pack until removed. */
  draft: z.boolean().optional(),
});

export const ClaimKind = z.enum(['fact', 'statement', 'assessment', 'estimate']);

const QuantitySchema = z.strictObject({
  value: z.number().finite(),
  /** Free-form but conventional: "USD", "bcm/year", "percent", "km", "aircraft", "year". */
  unit: Text(40),
  /** The year the figure is about, when it has one. */
  year: z.number().int().min(1000).max(2100).optional(),
  /** What is measured: "contract value", "annual capacity". */
  label: Text(120).optional(),
});

const CitationSchema = z.strictObject({
  source: Id,
  /** The section heading the passage sits under. */
  section: Text(200),
  footnotes: z.array(z.number().int().positive()).max(20).optional(),
  /** The secondary source a footnote names, when the claim rests on one. */
  secondary: Text(400).optional(),
  /** The page of the source the passage is on, where the document has pages. */
  page: z.number().int().positive().max(100000).optional(),
});

/** At most twelve words. */
const Anchor = Text(200).refine((s) => s.split(/\s+/).length <= 12, 'an anchor has at most 12 words');

export const ClaimSchema = z.strictObject({
  id: Id,
  entities: z.array(Id).min(1).max(20),
  text: Text(1200),
  kind: ClaimKind,
  /** Who said it: required for `statement`. */
  attributedTo: Text(200).optional(),
  /** The date or year the claim is about: "2019", "2014-05", "2021-03-23". */
  asOf: z
    .string()
    .regex(
      /^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:\/\d{4}(?:-\d{2}(?:-\d{2})?)?)?$/,
      'YYYY, YYYY-MM, YYYY-MM-DD or a range A/B',
    )
    .optional(),
  /** The claim does not age (a treaty's terms, a definition); `timelessReason` says why. */
  timeless: z.literal(true).optional(),
  timelessReason: Text(300).optional(),
  quantities: z.array(QuantitySchema).max(20).default([]),
  citation: CitationSchema,
  /** A short exact phrase of the source that locates the passage. */
  anchor: Anchor,
  /** An editor's remark: a contradiction, a dispute, a figure that cannot be right as printed. */
  note: Text(1000).optional(),
  /** Proposed by `kb draft` and not yet reviewed: `kb check` fails and the extension refuses the pack until removed. */
  draft: z.boolean().optional(),
});

const PackBaseSchema = z.strictObject({
  id: Id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version like 1.2.0'),
  title: Text(200),
  sources: z.array(SourceSchema).max(200),
  entities: z.array(EntitySchema).max(5000),
  claims: z.array(ClaimSchema).max(50000),
});

export interface PackIssue {
  path: (string | number)[];
  message: string;
}

const arr = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {})) : [];
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Checks across a pack: unique ids, references that resolve, every entity with
 * a claim, statements attributed. Works on unvalidated input too (it reads
 * defensively), so an import error lists these problems alongside the type
 * errors instead of hiding them until those are fixed.
 */
function crossReferenceIssues(pack: unknown): PackIssue[] {
  const p = typeof pack === 'object' && pack !== null ? (pack as Record<string, unknown>) : {};
  const issues: PackIssue[] = [];
  const ids = (items: Record<string, unknown>[], path: string) => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      const id = str(it['id']);
      if (id === undefined) return;
      if (seen.has(id)) issues.push({ path: [path, i, 'id'], message: `duplicate id "${id}"` });
      seen.add(id);
    });
    return seen;
  };
  const sourceItems = arr(p['sources']);
  const entityItems = arr(p['entities']);
  const claimItems = arr(p['claims']);
  const sources = ids(sourceItems, 'sources');
  const entities = ids(entityItems, 'entities');
  ids(claimItems, 'claims');
  entityItems.forEach((e, i) =>
    (Array.isArray(e['related']) ? e['related'] : []).forEach((r: unknown, j: number) => {
      if (typeof r === 'string' && !entities.has(r))
        issues.push({ path: ['entities', i, 'related', j], message: `unknown entity "${r}"` });
    }),
  );
  const withClaims = new Set<string>();
  claimItems.forEach((c, i) => {
    (Array.isArray(c['entities']) ? c['entities'] : []).forEach((r: unknown, j: number) => {
      if (typeof r !== 'string') return;
      withClaims.add(r);
      if (!entities.has(r)) issues.push({ path: ['claims', i, 'entities', j], message: `unknown entity "${r}"` });
    });
    const cite = c['citation'];
    const src =
      typeof cite === 'object' && cite !== null ? str((cite as Record<string, unknown>)['source']) : undefined;
    if (src !== undefined && !sources.has(src))
      issues.push({ path: ['claims', i, 'citation', 'source'], message: `unknown source "${src}"` });
    if (c['kind'] === 'statement' && !c['attributedTo'])
      issues.push({ path: ['claims', i, 'attributedTo'], message: 'a statement needs attributedTo' });
  });
  entityItems.forEach((e, i) => {
    const id = str(e['id']);
    if (id !== undefined && !withClaims.has(id))
      issues.push({ path: ['entities', i], message: `entity "${id}" has no claim` });
  });
  return issues;
}

export const PackSchema = PackBaseSchema.superRefine((pack, ctx) => {
  for (const i of crossReferenceIssues(pack)) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
});

export type Source = z.infer<typeof SourceSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type Quantity = z.infer<typeof QuantitySchema>;
export type Pack = z.infer<typeof PackSchema>;
export type PackInput = z.input<typeof PackSchema>;

/** Formats zod issues as `path: message` lines, e.g. `claims[3].citation.source: unknown source "x"`. */
export function formatIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => {
    const path = i.path.map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k ? '.' : ''}${String(p)}`)).join('');
    return `${path || '(root)'}: ${i.message}`;
  });
}

/**
 * The entities and claims still marked `draft` (proposed by `kb draft`, not yet
 * reviewed), each as a `path: message` line. A pack with any is not shipped:
 * `kb check` and `kb build` fail on it and the extension refuses to import it.
 */
export function draftIssues(pack: Pick<Pack, 'entities' | 'claims'>): string[] {
  const out: string[] = [];
  pack.entities.forEach((e, i) => {
    if (e.draft) out.push(`entities[${i}].draft: entity "${e.id}" is a draft; review it, then remove "draft"`);
  });
  pack.claims.forEach((c, i) => {
    if (c.draft) out.push(`claims[${i}].draft: claim "${c.id}" is a draft; review it, then remove "draft"`);
  });
  return out;
}

export type ParseResult = { ok: true; pack: Pack } | { ok: false; errors: string[] };

/** Validates an unknown value as a pack, with every problem named by its path. */
export function parsePack(value: unknown): ParseResult {
  const r = PackSchema.safeParse(value);
  if (r.success) return { ok: true, pack: r.data };
  // When the shape is wrong the refinement did not run: add its findings too.
  const shapeFailed = !r.error.issues.some((i) => i.code === 'custom');
  const extra = shapeFailed ? crossReferenceIssues(value) : [];
  return { ok: false, errors: [...new Set(formatIssues([...r.error.issues, ...extra]))] };
}
