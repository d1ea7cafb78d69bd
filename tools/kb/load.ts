/**
 * Node-only: reads the pack authors' source tree `data/pack/` into one pack
 * object (unvalidated; pass it to `parsePack`).
 *
 *   data/pack/pack.json          { id, version, title }
 *   data/pack/sources.json       Source[]
 *   data/pack/entities/*.json    Entity[]  (concatenated, files sorted by name)
 *   data/pack/claims/*.json      Claim[]   (concatenated, files sorted by name)
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { readJsonFile, UserError } from './files';

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

const readJson = readJsonFile;

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

export interface LoadedPack {
  /** The assembled pack, not yet validated. */
  pack: Record<string, unknown>;
  /** Which file each entity / claim came from (same order as the arrays). */
  origin: { entities: string[]; claims: string[] };
  /** The folder a source's `document.path` is relative to: the pack folder, or the pack file's folder. */
  dir: string;
}

/** Reads `dir` (default `data/pack/`) into a pack object. Throws on unreadable or malformed JSON. */
function loadPackDir(dir: string = defaultPackDir()): LoadedPack {
  if (!existsSync(join(dir, 'pack.json')))
    throw new UserError(`${dir}: not a pack folder (it has no pack.json; see docs/pack-authoring.md)`);
  const meta = readJson(join(dir, 'pack.json'));
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    throw new UserError(`${join(dir, 'pack.json')}: expected an object, got ${kindOf(meta)}`);
  const sources = existsSync(join(dir, 'sources.json')) ? readJson(join(dir, 'sources.json')) : [];
  if (!Array.isArray(sources))
    throw new UserError(`${join(dir, 'sources.json')}: expected a JSON array, got ${kindOf(sources)}`);
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
      if (!Array.isArray(v)) throw new UserError(`${join(d, f)}: expected a JSON array, got ${kindOf(v)}`);
      items.push(...v);
      for (let i = 0; i < v.length; i++) origin[sub].push(`${sub}/${f}`);
    }
    return items;
  };
  const entities = collect('entities');
  const claims = collect('claims');
  return { pack: { ...(meta as Record<string, unknown>), sources, entities, claims }, origin, dir };
}

/**
 * Reads a pack from `data/pack/` or from `path`: a pack folder, its `pack.json`,
 * or a whole pack in one `.json` file. Throws `UserError` naming the path for a
 * missing path, a file that is not JSON, JSON that is not a pack object, or a
 * folder that is not a pack.
 */
export function loadPack(path?: string): LoadedPack {
  if (!path) return loadPackDir(defaultPackDir());
  const full = resolve(path);
  if (!existsSync(full)) throw new UserError(`${path}: no such file or folder`);
  if (statSync(full).isDirectory()) return loadPackDir(full);
  if (extname(full).toLowerCase() !== '.json')
    throw new UserError(`${path}: not a pack (give a pack's .json file or a pack folder)`);
  const v = readJson(full);
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new UserError(`${path}: expected a pack object, got ${kindOf(v)}`);
  const obj = v as Record<string, unknown>;
  // The pack.json of a pack folder holds only { id, version, title }.
  if (basename(full) === 'pack.json' && !('claims' in obj) && existsSync(join(dirname(full), 'sources.json')))
    return loadPackDir(dirname(full));
  return { pack: obj, origin: { entities: [], claims: [] }, dir: dirname(full) };
}
