/** The small manifest the build writes beside the bundled pack asset; the background reads it first. */
export interface PackManifest {
  id: string;
  version: string;
  hash: string;
  file: string;
  entities: number;
  claims: number;
}

export const PACK_MANIFEST_PATH = 'pack/manifest.json';
