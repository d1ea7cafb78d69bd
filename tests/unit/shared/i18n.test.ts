import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Category, ClaimKind, EntityType } from '../../../lib/model/schema';

const LOCALES = resolve(import.meta.dirname, '../../../public/_locales');
type Catalogue = Record<string, { message: string; description?: string }>;
const load = (lang: string): Catalogue => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8'));
const en = load('en');
const placeholders = (s: string) => [...s.matchAll(/\$(\d)/g)].map((m) => m[1]).sort();

describe('UI string catalogues', () => {
  it('exist for English, Russian, Ukrainian and Chinese', () => {
    expect(readdirSync(LOCALES).sort()).toEqual(['en', 'ru', 'uk', 'zh_CN']);
  });

  for (const lang of ['ru', 'uk', 'zh_CN']) {
    it(`${lang} has every English message, no other, each non-empty with the same $n substitutions`, () => {
      const cat = load(lang);
      expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
      for (const [key, { message }] of Object.entries(cat)) {
        expect(message.trim(), `${lang}.${key}`).not.toBe('');
        expect(placeholders(message), `${lang}.${key}`).toEqual(placeholders(en[key]!.message));
      }
    });
  }

  it('uses only key characters the browsers accept', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('labels every entity type, category and claim kind of the schema', () => {
    const key = (prefix: string, v: string) => `${prefix}${v.replace(/[^A-Za-z0-9]/g, '_')}`;
    for (const v of EntityType.options) expect(en, v).toHaveProperty(key('type_', v));
    for (const v of Category.options) expect(en, v).toHaveProperty(key('cat_', v));
    for (const v of ClaimKind.options) expect(en, v).toHaveProperty(key('kind_', v));
  });

  it('names the extension and its commands through messages', () => {
    const src = readFileSync(resolve(import.meta.dirname, '../../../wxt.config.ts'), 'utf8');
    for (const m of src.matchAll(/__MSG_(\w+)__/g)) expect(en).toHaveProperty(m[1]!);
  });
});
