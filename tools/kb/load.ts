/**
 * Node-only: reads the pack authors' source tree `data/pack/` into one pack
 * object (unvalidated; pass it to `parsePack`).
 *
 *   data/pack/pack.json          { id, version, title }
 *   data/pack/sources.json       Source[]
 *   data/pack/entities/*.json    Entity[]  (concatenated, files sorted by name)
 *   data/pack/claims/*.json      Claim[]   (concatenated, files sorted by name)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The project root: `FACTLENS_ROOT`, else the nearest folder upwards from the cwd holding `data/pack/pack.json`. */
export function projectRoot(start: string = process.cwd()): string {
  if (process.env['FACTLENS_ROOT']) return resolve(process.env['FACTLENS_ROOT']);
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'data', 'pack', 'pack.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(start);
    dir = up;
  }
}

function defaultPackDir(): string {
  return join(projectRoot(), 'data', 'pack');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

export interface LoadedPack {
  /** The assembled pack, not yet validated. */
  pack: Record<string, unknown>;
  /** Which file each entity / claim came from (same order as the arrays). */
  origin: { entities: string[]; claims: string[] };
}

/** Reads `dir` (default `data/pack/`) into a pack object. Throws on unreadable or malformed JSON. */
function loadPackDir(dir: string = defaultPackDir()): LoadedPack {
  const meta = readJson(join(dir, 'pack.json'));
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    throw new Error(`${join(dir, 'pack.json')}: expected an object`);
  const sources = readJson(join(dir, 'sources.json'));
  if (!Array.isArray(sources)) throw new Error(`${join(dir, 'sources.json')}: expected a JSON array`);
  const origin = { entities: [] as string[], claims: [] as string[] };
  const collect = (sub: 'entities' | 'claims') => {
    const d = join(dir, sub);
    const files = existsSync(d)
      ? readdirSync(d)
          .filter((f) => f.endsWith('.json'))
          .sort()
      : [];
    const items: unknown[] = [];
    for (const f of files) {
      const v = readJson(join(d, f));
      if (!Array.isArray(v)) throw new Error(`${join(d, f)}: expected a JSON array`);
      items.push(...v);
      for (let i = 0; i < v.length; i++) origin[sub].push(`${sub}/${f}`);
    }
    return items;
  };
  const entities = collect('entities');
  const claims = collect('claims');
  return { pack: { ...(meta as Record<string, unknown>), sources, entities, claims }, origin };
}

/** Reads a pack from `data/pack/` or, given a `.json` file, from that file. */
export function loadPack(path?: string): LoadedPack {
  if (path && path.endsWith('.json') && !path.endsWith('pack.json')) {
    return { pack: readJson(resolve(path)) as Record<string, unknown>, origin: { entities: [], claims: [] } };
  }
  if (path && path.endsWith('pack.json')) {
    // Either a whole pack in one file, or the pack.json of a pack directory.
    const v = readJson(resolve(path)) as Record<string, unknown>;
    if (v && typeof v === 'object' && Array.isArray(v['claims']))
      return { pack: v, origin: { entities: [], claims: [] } };
    return loadPackDir(dirname(resolve(path)));
  }
  return loadPackDir(path ? resolve(path) : defaultPackDir());
}
