import { describe, expect, it } from 'vitest';
import { loadPack } from '../../../../tools/kb/load';
import { packStats } from '../../../../tools/kb/stats';
import { parsePack } from '../../../../lib/model/schema';

const parsed = parsePack(loadPack().pack);

describe('the bundled pack', () => {
  it('validates against the schema', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });

  const pack = parsed.ok ? parsed.pack : undefined;

  it('has the two sources, with unknowns of the essay set to null', () => {
    expect(pack?.sources.map((s) => s.id).sort()).toEqual(['balzer-2021', 'putin-xi-essay']);
    const essay = pack?.sources.find((s) => s.id === 'putin-xi-essay');
    expect(essay).toMatchObject({ author: null, publisher: null, year: null });
    expect(essay?.note).toMatch(/unknown/);
  });

  it('has the four skeleton entities with their required aliases and at least three claims each', () => {
    const need: Record<string, string[]> = {
      'power-of-siberia': ['Power of Siberia', 'Sila Sibiri', 'Сила Сибири', '中俄东线天然气管道', '西伯利亚力量'],
      spfs: ['SPFS', 'СПФС', 'Система передачи финансовых сообщений', '俄罗斯金融信息传输系统'],
      'motor-sich': ['Motor Sich', 'Мотор Сич', 'Мотор Січ', '马达西奇'],
      cr929: ['CR929', 'CR-929', 'CR 929', 'CR929 宽体客机'],
    };
    for (const [id, aliases] of Object.entries(need)) {
      const e = pack?.entities.find((x) => x.id === id);
      expect(e, id).toBeDefined();
      expect(e!.aliases.map((a) => a.text)).toEqual(expect.arrayContaining(aliases));
      expect(pack!.claims.filter((c) => c.entities.includes(id)).length, id).toBeGreaterThanOrEqual(3);
    }
    const spfs = pack!.entities.find((x) => x.id === 'spfs')!;
    expect(spfs.aliases.find((a) => a.text === 'SPFS')?.caseSensitive).toBe(true);
    const ms = pack!.entities.find((x) => x.id === 'motor-sich')!;
    expect(ms.aliases.find((a) => a.text === 'Motor Sich')?.caseSensitive).toBe(true);
    expect(ms.aliases.find((a) => a.text === 'Мотор Січ')?.forms).toContain('Мотор Січі');
  });

  it('attributes every statement and assessment', () => {
    for (const c of pack?.claims ?? [])
      if (c.kind === 'statement' || c.kind === 'assessment') expect(c.attributedTo, c.id).toBeTruthy();
  });

  it('marks short all-caps abbreviations case-sensitive or ambiguous', () => {
    for (const e of pack?.entities ?? [])
      for (const a of e.aliases)
        if (/^[A-Z]{2,4}$/.test(a.text)) expect(a.caseSensitive || a.ambiguous, `${e.id}: ${a.text}`).toBeTruthy();
  });

  it('has sane statistics', () => {
    const s = packStats(pack!);
    expect(s.entities).toBe(pack!.entities.length);
    expect(Object.values(s.claimsByKind).reduce((a, b) => a + b, 0)).toBe(s.claims);
    expect(s.thinnest[0]!.claims).toBeGreaterThanOrEqual(1);
    expect(s.entities).toBeGreaterThanOrEqual(80);
    expect(s.claims).toBeGreaterThanOrEqual(250);
    expect(Object.keys(s.claimsBySource).sort()).toEqual(['balzer-2021', 'putin-xi-essay']);
  });

  it('flags every noted contradiction it knows of with an editorial note', () => {
    const noted = new Set(pack!.claims.filter((c) => c.note).map((c) => c.id));
    for (const id of [
      'power-of-siberia-credit-reneged-finanz',
      'real-sector-investment-down-250',
      'vtb-cdb-credit-2018',
      'spfs-use-doubled-2020',
      'yuan-record-44bn',
      'denisov-trade-107bn-25-percent',
      'essay-putin-forbade-latest-arms',
    ])
      expect(noted.has(id), id).toBe(true);
  });

  it('has unique aliases (text and language) within each entity and related ids that are not the entity itself', () => {
    for (const e of pack!.entities) {
      // The same text may stand in two languages: "Gazprom" in Polish gets the Polish case endings.
      const texts = e.aliases.map((a) => `${a.lang}:${a.text}`);
      expect(new Set(texts).size, e.id).toBe(texts.length);
      expect(e.related, e.id).not.toContain(e.id);
      for (const a of e.aliases)
        if (a.ambiguous) expect((a.context ?? e.context ?? []).length, `${e.id}: ${a.text}`).toBeGreaterThan(0);
    }
  });
});
