/**
 * The shape of every request the background answers (BackgroundApi), checked
 * before its handler runs: a message from a page's content script is input
 * like any other. Strings are capped so that no request can make the worker
 * rank, search or parse without bound. Background only (zod).
 */
import { z } from 'zod';
import { TRANSFER_CHARS, type BackgroundApi } from '../shared/protocol';

/** Generous: a page URL may be long (index.get does not read it; site.get matches it). */
const MAX_URL = 1 << 16;
const id = z.string().min(1).max(200);
const url = z.string().max(MAX_URL);
const none = z.object({}).strict();
/** A pack or backup as JSON text (the store checks its size and content). */
const json = z.object({ json: z.string() }).strict();
const token = z.string().min(8).max(100);
const part = z.number().int().min(0).max(1000);

const REQUEST_SCHEMAS: Record<keyof BackgroundApi, z.ZodType> = {
  'index.get': z.object({ url: url.optional() }).strict(),
  // The sentence around a mention is at most a few hundred characters (lib/content/sentence.ts).
  'card.get': z.object({ entity: id, context: z.string().max(2000).optional() }).strict(),
  'index.part': z.object({ key: z.string().max(20_000), part: z.number().int().min(1).max(10_000) }).strict(),
  'entity.get': z.object({ id }).strict(),
  'entity.hide': z.object({ entity: id }).strict(),
  search: z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(100).optional() }).strict(),
  'site.get': z.object({ url }).strict(),
  'site.set': z.object({ url, enabled: z.boolean() }).strict(),
  'settings.get': none,
  'settings.set': z.object({ patch: z.record(z.string(), z.unknown()) }).strict(),
  'packs.list': none,
  'sources.list': none,
  'packs.import': json,
  'packs.remove': z.object({ id }).strict(),
  'data.export': none,
  'data.import': z.union([json, z.object({ token }).strict()]),
  'transfer.get': z.object({ token, part }).strict(),
  'transfer.put': z
    .object({ token, part, parts: z.number().int().min(1).max(1000), text: z.string().max(TRANSFER_CHARS) })
    .strict(),
  'data.reset': none,
  'ui.loadCard': none,
  'ui.open': z.object({ entity: id }).strict(),
  'card.opened': z.object({ entity: id, mention: z.string().max(300) }).strict(),
  'log.list': none,
  'log.delete': z
    .object({ ids: z.array(z.number().int().nonnegative()).max(10_000).optional(), all: z.literal(true).optional() })
    .strict(),
};

/**
 * The requests a web page's content script may make: its index, its cards (and that one is shown, for the
 * reading log), the card UI, opening and hiding one entity. Never the log's reading or deleting.
 */
export const WEB_PAGE_REQUESTS: ReadonlySet<keyof BackgroundApi> = new Set([
  'index.get',
  'index.part',
  'card.get',
  'entity.hide',
  'ui.loadCard',
  'ui.open',
  'card.opened',
]);

/** The problems of a request's payload, in a line, or undefined when it is well formed. */
export function requestProblem(type: keyof BackgroundApi, payload: unknown): string | undefined {
  const r = REQUEST_SCHEMAS[type].safeParse(payload);
  if (r.success) return undefined;
  return r.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
}
