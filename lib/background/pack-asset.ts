/**
 * The bundled pack as a build asset: validated, serialised, named by its
 * content hash, with a small manifest the background reads first.
 */
import { parsePack, type Pack } from '../model/schema';
import { contentHash } from './store';

export interface PackAsset {
  hash: string;
  file: string;
  json: string;
  manifest: PackManifest;
}
export interface PackManifest {
  id: string;
  version: string;
  hash: string;
  file: string;
  entities: number;
  claims: number;
}

export const PACK_MANIFEST_PATH = 'pack/manifest.json';

export function buildPackAsset(value: unknown): PackAsset {
  const parsed = parsePack(value);
  if (!parsed.ok) throw new Error(`The bundled pack is invalid:\n${parsed.errors.map((e) => `- ${e}`).join('\n')}`);
  const pack: Pack = parsed.pack;
  const json = JSON.stringify(pack);
  const hash = contentHash(json);
  const file = `pack/${pack.id}.${pack.version}.${hash}.json`;
  return { hash, file, json, manifest: { id: pack.id, version: pack.version, hash, file, entities: pack.entities.length, claims: pack.claims.length } };
}
