/**
 * Node-only, at build time: the bundled pack as a build asset, validated,
 * serialised and named by its content hash, with the manifest the
 * background reads first (lib/shared/pack-manifest.ts).
 */
import { draftIssues, parsePack, type Pack } from '../lib/model/schema';
import { contentHash } from '../lib/shared/hash';
import type { PackManifest } from '../lib/shared/pack-manifest';

export interface PackAsset {
  hash: string;
  file: string;
  json: string;
  manifest: PackManifest;
}

export function buildPackAsset(value: unknown): PackAsset {
  const parsed = parsePack(value);
  if (!parsed.ok) throw new Error(`The bundled pack is invalid:\n${parsed.errors.map((e) => `- ${e}`).join('\n')}`);
  const pack: Pack = parsed.pack;
  const drafts = draftIssues(pack);
  if (drafts.length) throw new Error(`The bundled pack has drafts:\n${drafts.map((e) => `- ${e}`).join('\n')}`);
  const json = JSON.stringify(pack);
  const hash = contentHash(json);
  const file = `pack/${pack.id}.${pack.version}.${hash}.json`;
  return {
    hash,
    file,
    json,
    manifest: {
      id: pack.id,
      version: pack.version,
      hash,
      file,
      entities: pack.entities.length,
      claims: pack.claims.length,
    },
  };
}
