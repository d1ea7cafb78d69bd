import { describe, expect, it } from 'vitest';
import { inflectedForms } from '../../../lib/matcher/inflect';

describe('compiled case endings', () => {
  it('gives Polish names ending in a consonant their singular cases', () => {
    expect(inflectedForms('Gazprom', 'pl')).toEqual(
      expect.arrayContaining(['Gazpromu', 'Gazpromem', 'Gazpromie', 'Gazpromowi', 'Gazproma']),
    );
    expect(inflectedForms('Władimir Putin', 'pl')).toEqual(
      expect.arrayContaining(['Władimir Putina', 'Władimir Putinem']),
    );
  });

  it('replaces the -a of Polish names in -a', () => {
    expect(inflectedForms('Rosja', 'pl')).toEqual(['Rosjy', 'Rosji', 'Rosjie', 'Rosję', 'Rosją', 'Rosjo']);
  });

  it('replaces the Lithuanian nominative ending, and gives unadapted names the -as set', () => {
    expect(inflectedForms('Putinas', 'lt')).toEqual(['Putino', 'Putinui', 'Putiną', 'Putinu', 'Putine', 'Putinai']);
    expect(inflectedForms('Ukraina', 'lt')).toEqual(['Ukrainos', 'Ukrainai', 'Ukrainą', 'Ukrainoje']);
    expect(inflectedForms('Gazprom', 'lt')).toEqual([
      'Gazpromas',
      'Gazpromo',
      'Gazpromui',
      'Gazpromą',
      'Gazpromu',
      'Gazprome',
    ]);
  });

  it('leaves alone other languages, short or lower-case last words, codes and vowel endings', () => {
    expect(inflectedForms('Gazprom', 'en')).toEqual([]);
    expect(inflectedForms('Газпром', 'ru')).toEqual([]);
    expect(inflectedForms('VTB', 'pl')).toEqual([]);
    expect(inflectedForms('Siła Syberii', 'pl')).toEqual([]);
    expect(inflectedForms('bank centralny', 'pl')).toEqual([]);
    expect(inflectedForms('CR929', 'pl')).toEqual([]);
    expect(inflectedForms('Moskwa 2018', 'pl')).toEqual([]);
  });
});
