import { describe, expect, it } from 'vitest';
import { rankClaims } from '../../../lib/background/rank';
import { CR929, POWER_OF_SIBERIA, SPFS, claim } from '../../fixtures/claims';

const ids = (s: string | undefined, claims = POWER_OF_SIBERIA, limit?: number) =>
  rankClaims(s, claims, limit === undefined ? {} : { limit }).map((r) => r.claim.id);

describe('ranking claims by the sentence', () => {
  it('puts the 2014 gas deal’s contract and price above unrelated claims', () => {
    const r = ids(
      'In May 2014 Gazprom and CNPC signed the long-delayed gas contract after a decade of haggling over the price.',
    );
    expect(r[0]).toBe('pos-deal');
    expect(r.indexOf('pos-price')).toBeLessThan(r.indexOf('pos-length'));
    expect(r.indexOf('pos-price')).toBeLessThan(r.indexOf('pos-start'));
    expect(r.indexOf('pos-price')).toBeLessThan(r.indexOf('pos-opinion'));
  });

  it('explains why, in short human words', () => {
    const [top] = rankClaims('The 2014 gas contract was said to be worth $400 billion.', POWER_OF_SIBERIA);
    expect(top!.claim.id).toBe('pos-deal');
    expect(top!.reasons).toContain('mentions 2014');
    expect(top!.reasons.find((r) => r.startsWith('shares: '))).toMatch(/contract/);
    expect(top!.reasons).toContain("about the page's $400 billion");
  });

  it('ranks by the figure the sentence states', () => {
    const r = rankClaims('The pipeline can carry 38 bcm a year.', POWER_OF_SIBERIA);
    expect(r[0]!.claim.id).toBe('pos-capacity');
    expect(r[0]!.reasons).toContain('the same figure: 38 bcm');
    expect(rankClaims('The pipeline can carry 38 bcm of gas a year.', POWER_OF_SIBERIA)[0]!.reasons).toContain(
      "about the page's 38 bcm",
    );
    expect(ids('The Russian section is 3,000 km long.')[0]).toBe('pos-length');
    expect(ids('Gas has flowed since December 2019.')[0]).toBe('pos-start');
    expect(ids('How many banks are connected to SPFS?', SPFS)[0]).toBe('spfs-banks');
    expect(ids('The CR929 should fly 12,000 km.', CR929)[0]).toBe('cr929-range');
  });

  it('weighs rare words above words every claim shares', () => {
    // "pipeline" is in most claims; "Yakutia" in one.
    expect(ids('The pipeline starts in Yakutia.')[0]).toBe('pos-length');
  });

  it('falls back to claims with figures, then plain facts, then the order given', () => {
    expect(ids(undefined)).toEqual([
      'pos-deal',
      'pos-capacity',
      'pos-length',
      'pos-price',
      'pos-cost',
      'pos-start',
      'pos-opinion',
    ]);
    expect(ids('')).toEqual(ids(undefined));
    expect(ids('   ')).toEqual(ids(undefined));
    // A sentence that matches nothing keeps the same order, with zero scores.
    const none = rankClaims('Nothing here relates.', POWER_OF_SIBERIA);
    expect(none.map((r) => r.claim.id)).toEqual(ids(undefined));
    expect(none.every((r) => r.score === 0 && r.reasons.length === 0)).toBe(true);
  });

  it('is deterministic and respects the limit', () => {
    const s = 'Gazprom’s pipeline gas went to China in 2019 and 2020.';
    expect(ids(s)).toEqual(ids(s));
    expect(ids(s, POWER_OF_SIBERIA, 2)).toEqual(ids(s).slice(0, 2));
    expect(rankClaims('', POWER_OF_SIBERIA, { limit: 0 })).toEqual([]);
    expect(rankClaims('The pipeline.', [])).toEqual([]);
    // Equal scores keep the fallback order whatever the input order.
    const twins = [claim({ id: 'b', text: 'Same words here.' }), claim({ id: 'a', text: 'Same words here.' })];
    expect(ids('Same words.', twins)).toEqual(['b', 'a']);
  });

  it('returns every claim once, with its score', () => {
    const r = rankClaims('The 2014 contract.', POWER_OF_SIBERIA);
    expect(r).toHaveLength(POWER_OF_SIBERIA.length);
    expect(new Set(r.map((x) => x.claim.id)).size).toBe(POWER_OF_SIBERIA.length);
    for (let i = 1; i < r.length; i++) expect(r[i - 1]!.score).toBeGreaterThanOrEqual(r[i]!.score);
  });
});
