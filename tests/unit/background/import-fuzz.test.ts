/**
 * Fuzzing pack and backup imports with generated bad input. Every case either
 * is rejected with a PackImportError that names the problem's path (or, for
 * text that is not JSON, the reason) and leaves the database exactly as it was,
 * or is valid and stored as given. Cases come from a seeded PRNG: the seed is in
 * every test's name; run with FUZZ_SEED=<n> to try other inputs.
 */
import 'fake-indexeddb/auto';
import type Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FactlensDB } from '../../../lib/background/db';
import { PackSchema } from '../../../lib/model/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { BUNDLED_PACK_ID, MAX_PACK_BYTES, PackImportError, Store } from '../../../lib/background/store';
import { miniPack, prefixedMiniPack } from '../../fixtures/mini-pack';

const SEED = Number(process.env.FUZZ_SEED ?? 0xfac7) >>> 0 || 1;

/** mulberry32: small, fast, good enough to pick cases. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const shuffle = <T>(xs: T[]) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
};

// ---------------------------------------------------------------- the data

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const USER_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  enabledByDefault: false,
  enabledFor: ['example.com'],
  disabledFor: ['news.example.org'],
  markStyle: 'background',
  hiddenEntities: ['tpx'],
  hiddenCategories: ['military'],
};
/** The valid pack every case starts from; its ids clash with nothing stored. */
const BASE = JSON.parse(JSON.stringify(prefixedMiniPack('fuzz-pack', 'f-'))) as { [k: string]: Json };
const BASE_JSON = JSON.stringify(BASE, null, 2);
const clone = <T>(x: T): T => structuredClone(x);

const fmt = (path: Path) =>
  path.map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k ? '.' : ''}${p}`)).join('') || '(root)';
/** The path with indices dropped: `claims[].citation.source`. */
const generic = (path: Path) => path.map((p, k) => (typeof p === 'number' ? '[]' : `${k ? '.' : ''}${p}`)).join('');

function nodes(v: Json, path: Path = [], out: { path: Path; value: Json }[] = []) {
  if (path.length) out.push({ path, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => nodes(x, [...path, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) nodes(x, [...path, k], out);
  return out;
}
function parentOf(root: Json, path: Path): { [k: string]: Json } | Json[] {
  let v = root as Json;
  for (const p of path.slice(0, -1)) v = (v as { [k: string]: Json })[p as string]!;
  return v as { [k: string]: Json };
}
const setAt = (root: Json, path: Path, value: Json) => {
  (parentOf(root, path) as { [k: string]: Json })[path.at(-1) as string] = value;
  return root;
};
const deleteAt = (root: Json, path: Path) => {
  delete (parentOf(root, path) as { [k: string]: Json })[path.at(-1) as string];
  return root;
};
/** Adds a key as an own property, even `__proto__` (an assignment would set the prototype). */
const defineKey = (obj: object, key: string, value: Json) =>
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
// The fuzz cases break the pack's shape on purpose, so they write to it untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { [k: string]: any };
const with_ = (f: (p: Loose) => void) => {
  const p = clone(BASE) as Loose;
  f(p);
  return JSON.stringify(p);
};

/** Fields that may be left out (the schema's optional and defaulted fields). */
const OPTIONAL = new Set([
  'sources[].note',
  'entities[].related',
  'entities[].context',
  'entities[].aliases[].caseSensitive',
  'entities[].aliases[].ambiguous',
  'entities[].aliases[].context',
  'entities[].aliases[].forms',
  'claims[].attributedTo',
  'claims[].asOf',
  'claims[].quantities',
  'claims[].quantities[].year',
  'claims[].quantities[].label',
  'claims[].citation.footnotes',
  'claims[].citation.secondary',
  'claims[].note',
]);
/** Fields that may be null. */
const NULLABLE = new Set(['sources[].author', 'sources[].publisher', 'sources[].year']);

// ---------------------------------------------------------------- cases

type Expectation =
  /** Rejected; some problem starts with each `at` path (or contains each RegExp). */
  | { reject: (string | RegExp)[] }
  /** Accepted; `stored` checks rows of the stored pack. */
  | { accept: true; stored?: (store: Store, id: string) => Promise<void> };
interface Case {
  kind: string;
  name: string;
  json: () => unknown;
  expect: Expectation;
}
const cases: Case[] = [];
const add = (kind: string, name: string, json: unknown, expectation: Expectation) =>
  cases.push({
    kind,
    name,
    json: typeof json === 'function' ? (json as () => unknown) : () => json,
    expect: expectation,
  });
const NOT_JSON: Expectation = { reject: [/^not valid JSON: \S/] };

// Text that is not JSON, or JSON that is not an object.
{
  const bad = [
    ['empty', ''],
    ['blank', ' \n\t'],
    ['BOM', '\uFEFF' + BASE_JSON],
    ['trailing garbage', BASE_JSON + ' x'],
    ['second value', BASE_JSON + '{}'],
    ['trailing comma', BASE_JSON.replace(/\]\s*}\s*$/, '],}')],
    ['NaN', BASE_JSON.replace(/"value": 38/, '"value": NaN')],
    ['Infinity', BASE_JSON.replace(/"value": 38/, '"value": Infinity')],
    ['undefined', BASE_JSON.replace(/"year": 2020/, '"year": undefined')],
    ['hex number', BASE_JSON.replace(/"value": 38/, '"value": 0x26')],
    ['leading zero', BASE_JSON.replace(/"value": 38/, '"value": 038')],
    ['single quotes', BASE_JSON.replace(/"/g, "'")],
    ['unquoted keys', BASE_JSON.replace(/"(\w+)":/g, '$1:')],
    ['comment', '// my pack\n' + BASE_JSON],
    ['raw newline in a string', BASE_JSON.replace('Test pack', 'Test\npack')],
    ['bad escape', BASE_JSON.replace('Test pack', 'Test \\x41 pack')],
    ['lone quote', BASE_JSON.replace('"Test pack (f-)"', '"Test pack (f-)')],
    ['word', 'pack'],
  ] as const;
  for (const [name, text] of bad) add('not JSON', name, text, NOT_JSON);
  const cuts = new Set<number>();
  while (cuts.size < 16) cuts.add(int(1, BASE_JSON.length - 1));
  for (const cut of [...cuts].sort((a, b) => a - b))
    add('not JSON', `truncated at ${cut}/${BASE_JSON.length}`, BASE_JSON.slice(0, cut), NOT_JSON);
  for (const [name, text] of [
    ['null', 'null'],
    ['true', 'true'],
    ['zero', '0'],
    ['number', '42.5'],
    ['string', '"factlens"'],
    ['empty array', '[]'],
    ['array of the pack', `[${BASE_JSON}]`],
  ] as const)
    add('not a pack', name, text, { reject: ['(root)'] });
  add('not a pack', 'empty object', '{}', { reject: ['id', 'version', 'title', 'sources', 'entities', 'claims'] });
  add('not a pack', 'deeply nested value', () => `{"id": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, {
    reject: ['id', 'version'],
  });
}

// Wrong types: every node of the pack, one at a time, two other JSON types each.
{
  const samples: Record<string, Json[]> = {
    string: ['x', '', '38', 'null'],
    number: [0, 7, -3.5, 1e21],
    boolean: [true, false],
    null: [null],
    array: [[], ['x'], [1, 2]],
    object: [{}, { x: 1 }, { id: 'f-north-line' }],
  };
  const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  for (const { path, value } of nodes(BASE)) {
    const others = shuffle(Object.keys(samples).filter((t) => t !== typeOf(value))).slice(0, 2);
    for (const t of others) {
      const v = pick(samples[t]!);
      const ok = v === null && NULLABLE.has(generic(path));
      add(
        'wrong type',
        `${fmt(path)} = ${JSON.stringify(v)}`,
        () => JSON.stringify(setAt(clone(BASE), path, v)),
        ok ? { accept: true } : { reject: [fmt(path)] },
      );
    }
  }
}

// Missing fields: every object key, one at a time.
for (const { path } of nodes(BASE)) {
  if (typeof path.at(-1) !== 'string') continue;
  const g = generic(path);
  const statement = g === 'claims[].attributedTo' && (parentOf(BASE, path) as { kind?: Json }).kind === 'statement';
  const expectation: Expectation = OPTIONAL.has(g) && !statement ? { accept: true } : { reject: [fmt(path)] };
  add('missing', fmt(path), () => JSON.stringify(deleteAt(clone(BASE), path)), expectation);
}

// Values of the right type that break a rule; and the edges that are still valid.
{
  const reject = (path: Path, v: Json) =>
    add(
      'bad value',
      `${fmt(path)} = ${JSON.stringify(v).slice(0, 40)}`,
      () => JSON.stringify(setAt(clone(BASE), path, v)),
      { reject: [fmt(path)] },
    );
  for (const v of ['Fuzz Pack', 'fuzz_pack', '-fuzz', 'fuzz--pack', 'fuzz-pack-', 'a'.repeat(81), '', 'пакет'])
    reject(['id'], v);
  for (const v of ['1.0', 'v1.0.0', '1.0.0-beta', '01.0', '']) reject(['version'], v);
  for (const v of ['   ', '\n\t']) reject(['title'], v);
  reject(['sources', 0, 'kind'], 'podcast');
  for (const v of [999, 2101, 2020.5, -2020]) reject(['sources', 0, 'year'], v);
  reject(['entities', 0, 'type'], 'spaceship');
  reject(['entities', 0, 'categories'], []);
  reject(['entities', 0, 'categories', 0], 'sport');
  reject(['entities', 0, 'aliases', 0, 'lang'], 'xx');
  reject(['entities', 0, 'description'], ' ');
  reject(['claims', 0, 'kind'], 'rumour');
  for (const v of ['19', '2019-1', '2019/20', 'last year', '2019-03-01T00:00']) reject(['claims', 0, 'asOf'], v);
  reject(['claims', 0, 'entities'], []);
  reject(['claims', 0, 'anchor'], 'one two three four five six seven eight nine ten eleven twelve thirteen');
  for (const v of [0, -1, 1.5]) reject(['claims', 1, 'citation', 'footnotes', 0], v);
  add(
    'bad value',
    'claims[0].quantities[0].value = 1e400 (Infinity)',
    () => with_((p) => (p.claims[0].quantities[0].value = 0)).replace('"value":0', '"value":1e400'),
    { reject: ['claims[0].quantities[0].value'] },
  );
  // Over the maximum count of an array.
  add(
    'bad value',
    'entities[0].categories × 9',
    () => with_((p) => (p.entities[0].categories = Array(9).fill('energy'))),
    { reject: ['entities[0].categories'] },
  );
  add(
    'bad value',
    'entities[0].aliases × 121',
    () =>
      with_(
        (p) => (p.entities[0].aliases = Array.from({ length: 121 }, (_, i) => ({ text: `Alias ${i}`, lang: 'en' }))),
      ),
    { reject: ['entities[0].aliases'] },
  );
  add(
    'bad value',
    'claims[1].citation.footnotes × 21',
    () => with_((p) => (p.claims[1].citation.footnotes = Array.from({ length: 21 }, (_, i) => i + 1))),
    { reject: ['claims[1].citation.footnotes'] },
  );
  add('bad value', '3000 empty entities', () => with_((p) => (p.entities = Array.from({ length: 3000 }, () => ({})))), {
    reject: ['entities[0].id', /… and \d+ more/],
  });
  // Edges that are valid.
  const accept = (name: string, f: (p: Loose) => void, stored?: (store: Store, id: string) => Promise<void>) =>
    add('valid edge', name, () => with_(f), { accept: true, stored });
  accept('id of 80 characters', (p) => (p.id = 'a'.repeat(80)));
  accept('source years 1000 and 2100', (p) => {
    p.sources[0].year = 1000;
    p.claims[0].quantities[0].year = 2100;
  });
  accept(
    'anchor of 12 words',
    (p) => (p.claims[0].anchor = 'one two three four five six seven eight nine ten eleven twelve'),
  );
  accept('asOf range', (p) => (p.claims[0].asOf = '2019-03/2020'));
  accept(
    'text with spaces around, stored trimmed',
    (p) => (p.entities[0].name = '  North Line \n'),
    async (store) => expect((await store.entity('f-north-line'))?.name).toBe('North Line'),
  );
}

// Strings far over the schema's limits, in every string field.
for (const { path, value } of nodes(BASE)) {
  if (typeof value !== 'string') continue;
  const len = int(100_001, 200_000);
  add(
    'huge string',
    `${fmt(path)} × ${len}`,
    () => JSON.stringify(setAt(clone(BASE), path, pick(['x', 'й', '字', ' a']).repeat(len).slice(0, len))),
    { reject: [fmt(path)] },
  );
}
add('huge string', 'claims[0].text of 4 MB', () => with_((p) => (p.claims[0].text = 'word '.repeat(800_000) + 'end')), {
  reject: ['claims[0].text'],
});
add('huge string', 'a key of 200 KB', () => with_((p) => (p.sources[0]['k'.repeat(200_000)] = 1)), {
  reject: ['sources[0]'],
});

// Keys that would reach Object.prototype if input were merged carelessly.
{
  const spots: Path[] = [
    [],
    ['sources', 0],
    ['entities', 0],
    ['entities', 1, 'aliases', 0],
    ['claims', 0],
    ['claims', 1, 'citation'],
    ['claims', 0, 'quantities', 0],
  ];
  const payloads: Json[] = [
    { polluted: true },
    { constructor: { prototype: { polluted: true } } },
    { prototype: { polluted: true } },
  ];
  for (const key of ['__proto__', 'constructor', 'prototype'])
    for (const spot of spots) {
      const payload = pick(payloads);
      add(
        'prototype key',
        `${key} at ${fmt(spot)}`,
        () => {
          const p = clone(BASE);
          defineKey(spot.length ? (nodes(p).find((x) => fmt(x.path) === fmt(spot))!.value as object) : p, key, payload);
          return JSON.stringify(p);
        },
        { reject: [fmt(spot), new RegExp(`Unrecognized key.*${key}`)] },
      );
    }
  add(
    'prototype key',
    '__proto__ as an entity in the list',
    () => with_((p) => p.entities.push(JSON.parse('{"__proto__": {"polluted": true}}'))),
    { reject: ['entities[2]'] },
  );
  add(
    'prototype key',
    '__proto__ in related',
    () => with_((p) => (p.entities[1].related = [JSON.parse('{"__proto__": {"polluted": true}}')])),
    { reject: ['entities[1].related[0]'] },
  );
  add(
    'prototype key',
    '__proto__ twice, as text',
    `{"__proto__": {"polluted": true}, "__proto__": {"id": "x"}, ${BASE_JSON.slice(1)}`,
    { reject: ['(root)'] },
  );
  add('prototype key', 'ids named like prototype keys', () => with_((p) => (p.id = 'constructor')), { accept: true });
}

// HTML and scripts are text like any other: stored as written.
{
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '</div><b>bold</b>&amp;&lt;',
    '"><svg onload=alert(1)>',
    'javascript:alert(1)',
    '<!-- x --><style>*{display:none}</style>',
  ];
  const fields: [Path, (store: Store) => Promise<string | undefined>][] = [
    [['entities', 0, 'name'], async (s) => (await s.entity('f-north-line'))?.name],
    [['entities', 0, 'description'], async (s) => (await s.entity('f-north-line'))?.description],
    [['entities', 0, 'aliases', 0, 'text'], async (s) => (await s.entity('f-north-line'))?.aliases[0]?.text],
    [
      ['claims', 0, 'text'],
      async (s) => (await s.claimsOf('f-north-line')).find((c) => c.id === 'f-north-line-capacity')?.text,
    ],
    [['claims', 2, 'attributedTo'], async (s) => (await s.claimsOf('f-tpx'))[0]?.attributedTo],
    [
      ['claims', 0, 'citation', 'section'],
      async (s) => (await s.claimsOf('f-north-line')).find((c) => c.id === 'f-north-line-capacity')?.citation.section,
    ],
    [['sources', 0, 'title'], async (s) => (await s.sources()).get('f-src-a')?.title],
    [['title'], async (s) => (await s.listPacks()).find((p) => p.id === 'fuzz-pack')?.title],
  ];
  for (const [path, read] of fields) {
    const text = pick(payloads);
    add('HTML', `${fmt(path)} = ${text}`, () => JSON.stringify(setAt(clone(BASE), path, text)), {
      accept: true,
      stored: async (store) => expect(await read(store)).toBe(text),
    });
  }
  add(
    'HTML',
    'claims[0].anchor with tags',
    () => with_((p) => (p.claims[0].anchor = '<b>thirty-eight</b> billion <i>cubic</i> meters')),
    { accept: true },
  );
}

// Duplicate ids, duplicate aliases.
{
  add('duplicate', 'source id', () => with_((p) => p.sources.push({ ...p.sources[0], title: 'Copy' })), {
    reject: ['sources[1].id', /duplicate id "f-src-a"/],
  });
  add('duplicate', 'entity id', () => with_((p) => p.entities.push({ ...p.entities[1], name: 'Copy' })), {
    reject: ['entities[2].id', /duplicate id "f-tpx"/],
  });
  add('duplicate', 'claim id', () => with_((p) => p.claims.push({ ...p.claims[0] })), {
    reject: ['claims[3].id', /duplicate id "f-north-line-capacity"/],
  });
  add('duplicate', 'claim id in the first and last place', () => with_((p) => (p.claims[2].id = p.claims[0].id)), {
    reject: ['claims[2].id'],
  });
  add('duplicate', 'pack id is the bundled pack’s', () => with_((p) => (p.id = BUNDLED_PACK_ID)), {
    reject: ['id', /bundled pack/],
  });
  // Aliases have no ids: the same alias twice, or on two entities, is allowed (the index compiler dedupes).
  add(
    'duplicate',
    'alias twice in one entity',
    () => with_((p) => p.entities[0].aliases.push({ ...p.entities[0].aliases[0] })),
    {
      accept: true,
      stored: async (store) =>
        expect((await store.entity('f-north-line'))?.aliases.map((a) => a.text)).toEqual([
          'North Line',
          'Северная линия',
          'North Line',
        ]),
    },
  );
  add(
    'duplicate',
    'alias on two entities',
    () => with_((p) => p.entities[1].aliases.push({ text: 'North Line', lang: 'en' })),
    { accept: true },
  );
}

// References to nothing, or to another pack's rows (packs are self-contained).
{
  add('dangling', 'claim → unknown entity', () => with_((p) => (p.claims[0].entities = ['ghost'])), {
    reject: ['claims[0].entities[0]', /unknown entity "ghost"/],
  });
  add('dangling', 'claim → bundled entity', () => with_((p) => p.claims[2].entities.push('north-line')), {
    reject: ['claims[2].entities[2]', /unknown entity "north-line"/],
  });
  add('dangling', 'claim → unknown source', () => with_((p) => (p.claims[1].citation.source = 'ghost')), {
    reject: ['claims[1].citation.source', /unknown source "ghost"/],
  });
  add('dangling', 'claim → bundled source', () => with_((p) => (p.claims[1].citation.source = 'src-a')), {
    reject: ['claims[1].citation.source'],
  });
  add('dangling', 'entity related → unknown', () => with_((p) => (p.entities[1].related = ['ghost'])), {
    reject: ['entities[1].related[0]'],
  });
  add('dangling', 'entity related → user pack entity', () => with_((p) => (p.entities[0].related = ['u-tpx'])), {
    reject: ['entities[0].related[0]'],
  });
  add(
    'dangling',
    'entity with no claim',
    () =>
      with_((p) =>
        p.entities.push({
          id: 'f-orphan',
          name: 'Orphan',
          type: 'other',
          description: 'Alone.',
          aliases: [],
          categories: ['history'],
        }),
      ),
    { reject: ['entities[2]', /no claim/] },
  );
  add('dangling', 'source removed', () => with_((p) => (p.sources = [])), {
    reject: ['claims[0].citation.source', 'claims[1].citation.source', 'claims[2].citation.source'],
  });
  add('dangling', 'entity removed', () => with_((p) => p.entities.splice(1, 1)), { reject: ['claims[2].entities[0]'] });
}

// Ids already used by another pack.
{
  const renamed = (from: string, to: string) => () => BASE_JSON.replaceAll(`"${from}"`, `"${to}"`);
  add('clash', 'entity id of the bundled pack', renamed('f-north-line', 'north-line'), {
    reject: [/^entities\[0\]\.id: "north-line" already belongs to pack "factlens-core"/],
  });
  add('clash', 'source id of the bundled pack', renamed('f-src-a', 'src-a'), {
    reject: [/^sources\[0\]\.id: "src-a" already belongs to pack "factlens-core"/],
  });
  add('clash', 'claim id of the bundled pack', renamed('f-tpx-users', 'tpx-users'), {
    reject: [/^claims\[2\]\.id: "tpx-users" already belongs/],
  });
  add('clash', 'entity id of the user’s pack', renamed('f-tpx', 'u-tpx'), {
    reject: [/^entities\[1\]\.id: "u-tpx" already belongs to pack "user-pack"/],
  });
  add('clash', 'every id of the bundled pack', () => JSON.stringify({ ...miniPack(), id: 'fuzz-pack' }), {
    reject: ['sources[0].id', 'entities[0].id', 'entities[1].id', 'claims[0].id', 'claims[1].id', 'claims[2].id'],
  });
}

// Size: refused before anything is parsed.
add('size', '50 MB', () => `{"id": "big", "title": "${'x'.repeat(50 * 1024 * 1024)}"}`, {
  reject: [/the pack is 50\.0 MB; a pack may be at most 10 MB/],
});
// In UTF-8 bytes, as the options page counts the file (the base pack has non-ASCII text).
add(
  'size',
  'one byte over the limit',
  () => BASE_JSON + ' '.repeat(MAX_PACK_BYTES - Buffer.byteLength(BASE_JSON) + 1),
  { reject: [/the pack is 10\.0 MB; a pack may be at most 10 MB/] },
);
add('size', 'exactly the limit', () => BASE_JSON + ' '.repeat(MAX_PACK_BYTES - Buffer.byteLength(BASE_JSON)), {
  accept: true,
});
// Not text at all (a caller that passes the wrong thing).
add('not text', 'undefined', undefined, { reject: ['(root)'] });
add('not text', 'an object', BASE, { reject: ['(root)'] });

// ---------------------------------------------------------------- the harness

let n = 0;
async function openStore(label: string) {
  const db = new FactlensDB(`fuzz-${label}-${SEED}-${++n}`);
  const store = new Store(db);
  await store.seedBundled(PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), 'bundled-hash');
  await store.importPack(JSON.stringify(prefixedMiniPack('user-pack', 'u-')));
  await store.putSettings(USER_SETTINGS);
  await store.putKv('index-cache', { k: 1 });
  return { db, store };
}
/** Every row of every table, as text. */
const snapshot = (db: Dexie) =>
  db.transaction('r', db.tables, async () =>
    Object.fromEntries(
      await Promise.all(db.tables.map(async (t) => [t.name, JSON.stringify(await t.toArray())] as const)),
    ),
  );
async function expectUnchanged(db: Dexie, before: Record<string, string>, what: string) {
  const now = await snapshot(db);
  expect(Object.keys(now).sort()).toEqual(Object.keys(before).sort());
  for (const t of Object.keys(before)) expect(now[t], `${what}: table ${t}`).toBe(before[t]);
}

/** A rejection must be a PackImportError that names each expected path (or matches each pattern). */
function checkRejection(err: unknown, wanted: (string | RegExp)[]) {
  expect(err, `expected a PackImportError, got ${String(err)}`).toBeInstanceOf(PackImportError);
  const e = err as PackImportError;
  expect(e.problems.length).toBeGreaterThan(0);
  for (const p of e.problems) expect(p.trim()).not.toBe('');
  // Shown in full to the user, so it stays readable however big the input.
  expect(e.message.length).toBeLessThan(20_000);
  for (const w of wanted) {
    const hit =
      typeof w === 'string'
        ? e.problems.find((p) => p.startsWith(`${w}:`) || p.startsWith(`${w}.`) || p.startsWith(`${w}[`))
        : (e.problems.find((p) => w.test(p)) ?? (w.test(e.message) ? e.message : undefined));
    expect(hit, `no problem at ${String(w)} in:\n${e.message}`).toBeDefined();
    expect(e.message).toContain(hit!.slice(0, 200));
  }
}

describe(`importPack fuzz (seed ${SEED}; FUZZ_SEED=<n> for others)`, () => {
  let db: FactlensDB;
  let store: Store;
  let before: Record<string, string>;
  beforeAll(async () => {
    ({ db, store } = await openStore('pack'));
    before = await snapshot(db);
  });
  afterAll(async () => {
    db.close();
    await db.delete();
  });

  it('has enough cases of every kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const kinds = new Map<string, number>();
    for (const c of cases) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    expect([...kinds.keys()].sort()).toEqual(
      [
        'HTML',
        'bad value',
        'clash',
        'dangling',
        'duplicate',
        'huge string',
        'missing',
        'not JSON',
        'not a pack',
        'not text',
        'prototype key',
        'size',
        'valid edge',
        'wrong type',
      ].sort(),
    );
    expect(cases.filter((c) => 'accept' in c.expect).length).toBeGreaterThan(10);
  });

  it.for(cases.map((c, i) => [`#${i} ${c.kind}: ${c.name.slice(0, 90)}`, c] as const))('%s', async ([, c]) => {
    const input = c.json() as string;
    const parse = vi.spyOn(JSON, 'parse');
    let result: unknown;
    try {
      result = await store.importPack(input).then(
        (row) => ({ row }),
        (err: unknown) => ({ err }),
      );
    } finally {
      // The size is checked before anything is parsed.
      if (c.kind === 'size' && 'reject' in c.expect) expect(parse).not.toHaveBeenCalled();
      parse.mockRestore();
    }
    const r = result as { row?: { id: string }; err?: unknown };
    // A case accepted by mistake must not spoil the ones after it.
    if (r.row && 'reject' in c.expect) await store.removePack(r.row.id);
    // The schema's own verdict, independently of the store.
    let valid: boolean;
    try {
      Store.validatePack(input);
      valid = true;
    } catch {
      valid = false;
    }
    if ('reject' in c.expect) {
      // A generated case that changed nothing would test nothing.
      if (typeof input === 'string')
        expect([BASE_JSON, JSON.stringify(BASE)], 'the case did not change the pack').not.toContain(input);
      checkRejection(r.err, c.expect.reject);
      await expectUnchanged(db, before, 'a rejected import changed the database');
    } else {
      expect(r.err, `rejected:\n${r.err instanceof Error ? r.err.message : String(r.err)}`).toBeUndefined();
      expect(valid).toBe(true);
      const id = r.row!.id;
      const pack = Store.validatePack(input);
      // Stored as validated, the file as given.
      const strip = <T extends { pack: string }>(rows: T[]) => rows.map(({ pack: _p, ...x }) => x);
      const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(strip(await db.entities.where('pack').equals(id).toArray())).toEqual(byId(pack.entities));
      expect(strip(await db.claims.where('pack').equals(id).toArray())).toEqual(byId(pack.claims));
      expect(strip(await db.sources.where('pack').equals(id).toArray())).toEqual(byId(pack.sources));
      expect(await store.exportPack(id)).toBe(input);
      await c.expect.stored?.(store, id);
      await store.removePack(id);
      await expectUnchanged(db, before, 'removing the pack did not restore the database');
    }
  });

  it('nothing reached Object.prototype', () => {
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect(([] as unknown as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

// ---------------------------------------------------------------- backups

const backupOf = (over: Record<string, unknown> = {}) => ({
  factlens: 'backup',
  version: 1,
  exportedAt: '2024-01-01T00:00:00.000Z',
  settings: { ...DEFAULT_SETTINGS, markStyle: 'none' },
  packs: [BASE],
  ...over,
});
const backupCases: { name: string; json: () => string; reject: (string | RegExp)[] }[] = [];
{
  const addB = (name: string, json: string | (() => string), reject: (string | RegExp)[]) =>
    backupCases.push({ name, json: typeof json === 'string' ? () => json : json, reject });
  const good = JSON.stringify(backupOf(), null, 2);
  for (const [name, text] of [
    ['empty', ''],
    ['BOM', '\uFEFF' + good],
    ['single quotes', good.replace(/"/g, "'")],
    ['NaN', good.replace('"version": 1', '"version": NaN')],
    ['truncated', good.slice(0, int(1, good.length - 1))],
    ['trailing garbage', good + ']'],
  ] as const)
    addB(`not JSON: ${name}`, text, [/^not valid JSON/]);
  for (const text of [
    'null',
    '[]',
    '7',
    '"backup"',
    '{}',
    '{"factlens": "Backup"}',
    '{"factlens": true, "packs": []}',
    JSON.stringify([backupOf()]),
  ])
    addB(`not a backup: ${text.slice(0, 30)}`, text, [/^\(root\): not a Factlens backup/]);
  addB('"factlens" only under __proto__', () => `{"__proto__": {"factlens": "backup"}, "settings": {}, "packs": []}`, [
    /^\(root\): not a Factlens backup/,
  ]);
  for (const packs of [undefined, null, {}, 'x', 1])
    addB(`packs = ${JSON.stringify(packs)}`, JSON.stringify(backupOf({ packs })), ['packs']);
  addB('settings missing', JSON.stringify(backupOf({ settings: undefined })), ['settings']);
  addB('settings an array', JSON.stringify(backupOf({ settings: [] })), ['settings']);
  addB('settings.enabledByDefault a string', JSON.stringify(backupOf({ settings: { enabledByDefault: 'yes' } })), [
    'settings.enabledByDefault',
  ]);
  addB('settings.disabledFor not a site', JSON.stringify(backupOf({ settings: { disabledFor: ['not a site!'] } })), [
    'settings.disabledFor[0]',
  ]);
  addB('settings.dwellMs too big', JSON.stringify(backupOf({ settings: { dwellMs: 5000 } })), ['settings.dwellMs']);
  addB('settings.markStyle unknown', JSON.stringify(backupOf({ settings: { markStyle: 'blink' } })), [
    'settings.markStyle',
  ]);
  addB(
    'settings.hiddenEntities a deeply nested array',
    () =>
      JSON.stringify(backupOf({ settings: { hiddenEntities: [] } })).replace(
        '"hiddenEntities":[]',
        `"hiddenEntities":${'['.repeat(50_000)}${']'.repeat(50_000)}`,
      ),
    ['settings.hiddenEntities[0]'],
  );
  for (const key of ['__proto__', 'constructor', 'prototype'])
    addB(`settings with ${key}`, () => JSON.stringify(backupOf({ settings: defineKey({}, key, { polluted: true }) })), [
      new RegExp(`^settings: Unrecognized key.*${key}`),
    ]);
  addB('a pack that is null', JSON.stringify(backupOf({ packs: [null] })), ['packs[0]']);
  addB('a pack that is a number', JSON.stringify(backupOf({ packs: [BASE, 42] })), ['packs[1]']);
  addB(
    'second pack invalid',
    () =>
      JSON.stringify(
        backupOf({ packs: [BASE, { ...JSON.parse(JSON.stringify(prefixedMiniPack('other', 'o-'))), claims: [] }] }),
      ),
    ['packs[1].entities[0]'],
  );
  addB('a pack with the bundled id', JSON.stringify(backupOf({ packs: [{ ...BASE, id: BUNDLED_PACK_ID }] })), [
    'packs[0].id',
  ]);
  addB(
    'a pack with __proto__',
    () => JSON.stringify(backupOf({ packs: [defineKey(clone(BASE), '__proto__', { polluted: true })] })),
    [/^packs\[0\]: Unrecognized key/],
  );
  addB(
    'a pack nested too deeply',
    () => `{"factlens": "backup", "settings": {}, "packs": [${'['.repeat(100_000)}${']'.repeat(100_000)}]}`,
    ['packs[0]'],
  );
  addB(
    'a pack over 10 MB',
    () => JSON.stringify(backupOf({ packs: [{ ...BASE, title: 'x'.repeat(MAX_PACK_BYTES) }] })),
    [/^packs\[0\]: the pack is 10\.0 MB/],
  );
  addB('two packs with one id', JSON.stringify(backupOf({ packs: [BASE, BASE] })), [
    /^packs\[1\]\.id: "fuzz-pack" is also the id of packs\[0\]/,
  ]);
  addB(
    'two packs sharing an entity id (second clashes with the first)',
    () => JSON.stringify(backupOf({ packs: [BASE, JSON.parse(JSON.stringify(prefixedMiniPack('other', 'f-')))] })),
    [/^packs\[1\]\.sources\[0\]\.id: "f-src-a" already belongs to pack "fuzz-pack"/],
  );
  addB(
    'a pack clashing with the bundled pack',
    () => JSON.stringify(backupOf({ packs: [BASE, { ...miniPack(), id: 'other' }] })),
    [/^packs\[1\]\.entities\[0\]\.id: "north-line" already belongs to pack "factlens-core"/],
  );
}

describe(`importBackup fuzz (seed ${SEED})`, () => {
  let db: FactlensDB;
  let store: Store;
  let before: Record<string, string>;
  beforeAll(async () => {
    ({ db, store } = await openStore('backup'));
    before = await snapshot(db);
  });
  afterAll(async () => {
    db.close();
    await db.delete();
  });

  it('has enough cases', () => expect(backupCases.length).toBeGreaterThanOrEqual(30));

  it.for(backupCases.map((c, i) => [`#${i} ${c.name}`, c] as const))('%s', async ([, c]) => {
    const err = await store.importBackup(c.json()).then(
      () => undefined,
      (e: unknown) => e,
    );
    checkRejection(err, c.reject);
    await expectUnchanged(db, before, 'a rejected backup changed the database');
    expect(await store.getSettings()).toEqual(USER_SETTINGS);
  });

  it('the same harness accepts a valid backup (control)', async () => {
    const fresh = await openStore('control');
    try {
      const r = await fresh.store.importBackup(JSON.stringify(backupOf()));
      expect(r.packs).toEqual(['fuzz-pack']);
      expect((await fresh.store.getSettings()).markStyle).toBe('none');
      expect(JSON.parse(await fresh.store.exportPack('fuzz-pack'))).toEqual(BASE);
    } finally {
      fresh.db.close();
      await fresh.db.delete();
    }
  });

  it('nothing reached Object.prototype', () => {
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});
