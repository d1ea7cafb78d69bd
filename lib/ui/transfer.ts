/**
 * A backup between an extension page and the background, in parts of
 * TRANSFER_CHARS (transferParts): a backup may hold 40 MB of packs, and one message of that
 * size comes close to Chrome's 64 MiB limit (5 large packs made the export fail).
 */
import { call, transferParts, type BackgroundApi } from '../shared/protocol';

/** The user's backup, as JSON text. */
export async function exportBackup(): Promise<string> {
  const { token, parts } = await call('data.export', {});
  const out: string[] = [];
  for (let part = 0; part < parts; part++) out.push(await call('transfer.get', { token, part }));
  return out.join('');
}

/** Restores a backup given as JSON text (all of it or nothing; see Store.importBackup). */
export async function restoreBackup(json: string): Promise<BackgroundApi['data.import']['res']> {
  const token = crypto.randomUUID();
  const parts = transferParts(json);
  for (const [part, text] of parts.entries()) await call('transfer.put', { token, part, parts: parts.length, text });
  return call('data.import', { token });
}
