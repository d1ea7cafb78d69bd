/**
 * Node-only: how good a first draft `kb draft` makes, measured on the bundled
 * pack's two documents. For each document, the draft is compared with the
 * bundled pack's claims citing it:
 *
 * - entity recall: of the entities those claims are about, how many the draft
 *   proposes (a draft alias equal, after folding, to the entity's name, an alias
 *   or a form); entity noise: draft entities that are no entity of the pack.
 * - figure recall: of the figures those claims state (numbers of the text and
 *   quantities, years aside), how many a draft claim proposes with the same value
 *   within 600 characters of the bundled claim's anchor; figure noise: draft
 *   claims with figures that no bundled claim's figure matches in that way.
 *
 * The draft is made in memory and never written: it copies the documents' sentences.
 */
import { parsePack, type Pack } from '../../lib/model/schema';
import { foldString } from '../../lib/matcher/fold';
import { readDocument } from './files';
import { documentSpecs, findAnchor, loadDocuments, numberMatches } from './fidelity';
import { loadPack } from './load';
import { draftPack, sentenceFigures } from './draft';

export interface DraftMeasure {
  source: string;
  file: string;
  entities: { bundled: number; found: number; proposed: number; noise: number; missed: string[] };
  figures: { bundled: number; found: number; proposed: number; noise: number };
}

const WINDOW = 600;

export async function measureDraft(): Promise<DraftMeasure[]> {
  const loaded = loadPack();
  const parsed = parsePack(loaded.pack);
  if (!parsed.ok) throw new Error(`the bundled pack is invalid:\n${parsed.errors.join('\n')}`);
  const pack: Pack = parsed.pack;
  const { specs, bundled } = documentSpecs(pack.sources, loaded.dir);
  const texts = await loadDocuments(specs, bundled);
  const names = new Map(
    pack.entities.map((e) => [
      e.id,
      new Set([e.name, ...e.aliases.flatMap((a) => [a.text, ...(a.forms ?? [])])].map((n) => foldString(n))),
    ]),
  );
  const out: DraftMeasure[] = [];
  for (const spec of specs) {
    const doc = texts.get(spec.id)!;
    const draft = draftPack(await readDocument(spec.path), { sourceId: spec.id });
    const claims = pack.claims.filter((c) => c.citation.source === spec.id);

    // Entities.
    const about = [...new Set(claims.flatMap((c) => c.entities))];
    const draftNames = draft.entities.map((e) => new Set(e.aliases.map((a) => foldString(a.text))));
    const proposes = (id: string) => draftNames.some((d) => [...d].some((n) => names.get(id)!.has(n)));
    const missed = about.filter((id) => !proposes(id));
    const noise = draftNames.filter((d) => ![...names.values()].some((s) => [...d].some((n) => s.has(n)))).length;

    // Figures, placed by their claims' anchors.
    const at = (anchor: string) => findAnchor(doc, anchor)[0];
    const drafted = draft.claims
      .filter((c) => c.quantities.length)
      .map((c) => ({ at: at(c.anchor), figures: sentenceFigures(c.text).figures }));
    const bundledFigures = claims.flatMap((c) => {
      const pos = at(c.anchor);
      const values = [
        ...sentenceFigures(c.text).figures.map((t) => ({ value: t.value, abs: t.abs })),
        ...c.quantities.filter((q) => q.unit !== 'year').map((q) => ({ value: q.value, abs: undefined })),
      ];
      const seen = new Set<number>();
      return values
        .filter((v) => !seen.has(v.abs ?? v.value) && seen.add(v.abs ?? v.value))
        .map((v) => ({ ...v, at: pos }));
    });
    const near = (a: number | undefined, b: number | undefined) =>
      a !== undefined && b !== undefined && Math.abs(a - b) <= WINDOW;
    const matches = (f: (typeof bundledFigures)[number], d: (typeof drafted)[number]) =>
      near(f.at, d.at) && d.figures.some((t) => numberMatches(f.value, f.abs, t));
    const found = bundledFigures.filter((f) => drafted.some((d) => matches(f, d))).length;
    const figureNoise = drafted.filter((d) => !bundledFigures.some((f) => matches(f, d))).length;
    out.push({
      source: spec.id,
      file: spec.shown,
      entities: {
        bundled: about.length,
        found: about.length - missed.length,
        proposed: draft.entities.length,
        noise,
        missed,
      },
      figures: { bundled: bundledFigures.length, found, proposed: drafted.length, noise: figureNoise },
    });
  }
  return out;
}
