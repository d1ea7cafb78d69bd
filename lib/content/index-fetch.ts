/** A content script's index, fetched from the background. */
import { call, type IndexPayload } from '../shared/protocol';

/**
 * The index and settings. A large index comes in parts (index.get says how
 * many), asked for one after another; should the packs change meanwhile, it is
 * asked for again.
 */
export async function fetchIndex(url: string): Promise<IndexPayload> {
  for (let attempt = 0; ; attempt++) {
    const payload = await call('index.get', { url });
    const parts = payload.parts ?? 1;
    if (parts === 1) return payload;
    try {
      const patterns = [...payload.index.patterns];
      for (let part = 1; part < parts; part++)
        patterns.push(...(await call('index.part', { key: payload.key, part })).patterns);
      return { ...payload, index: { ...payload.index, patterns }, parts: 1 };
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}
