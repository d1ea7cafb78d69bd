import { describe, expect, it } from 'vitest';
import { parsePack, type Pack } from '../../../../lib/model/schema';
import { checkEditorial } from '../../../../tools/kb/editorial';
import { loadPack } from '../../../../tools/kb/load';

const parsed = parsePack(loadPack().pack);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const pack: Pack = parsed.pack;
const claim = (id: string) => pack.claims.find((c) => c.id === id)!;
/** The pack with one claim changed. */
const withClaim = (id: string, patch: Partial<Pack['claims'][number]>): Pack => ({
  ...pack,
  claims: pack.claims.map((c) => (c.id === id ? { ...c, ...patch } : c)),
});
const rules = (p: Pack, id: string) =>
  checkEditorial(p)
    .filter((i) => i.claim === id && i.level === 'error')
    .map((i) => i.rule);

describe('the editorial rules of kb check', () => {
  it('find no error in the bundled pack', () => {
    expect(checkEditorial(pack).filter((i) => i.level === 'error')).toEqual([]);
  });

  it('want every claim dated or timeless', () => {
    const id = pack.claims[0]!.id;
    expect(rules(withClaim(id, { asOf: undefined }), id)).toEqual(['date']);
    expect(rules(withClaim(id, { asOf: undefined, timeless: true, timelessReason: 'a definition' }), id)).toEqual([]);
  });

  it('refuse an unattributed fact from the anonymous essay', () => {
    const essay = pack.claims.find((c) => c.citation.source === 'putin-xi-essay')!;
    expect(rules(withClaim(essay.id, { kind: 'fact', attributedTo: undefined }), essay.id)).toEqual(['attribution']);
    expect(rules(withClaim(essay.id, { kind: 'fact', attributedTo: 'the anonymous author' }), essay.id)).toEqual([]);
  });

  it('refuse a claim that opens with an anaphor, or does not name its entity', () => {
    const c = claim('russia-reliant-since-ukraine');
    expect(rules(withClaim(c.id, { text: `The same account said ${c.text}` }), c.id)).toEqual(['anaphor']);
    expect(rules(withClaim(c.id, { text: 'By contrast, trade grew.' }), c.id)).toEqual(['anaphor', 'names-entity']);
    expect(rules(withClaim(c.id, { text: 'Russia has relied more on China since 2014.' }), c.id)).toEqual([
      'names-entity',
    ]);
  });

  it('flag near-duplicate claims on one entity', () => {
    const [a, b] = pack.claims.filter((c) => c.entities[0] === 'power-of-siberia');
    const twin = withClaim(b!.id, { text: a!.text });
    expect(
      checkEditorial(twin).some((i) => i.claim === b!.id && i.rule === 'near-duplicate' && i.message.includes(a!.id)),
    ).toBe(true);
  });
});
