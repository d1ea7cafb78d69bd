/**
 * The reading log's entries (zod): what the background stores when the reader
 * opens a card with the log switched on, and what a backup may bring back.
 * Background only; the extension's pages know the type (lib/shared/protocol.ts).
 */
import { z } from 'zod';

/** The newest entries kept: an older one goes when a new one comes. */
export const MAX_LOG_ENTRIES = 5000;

const short = (max: number) => z.string().max(max);

const FigureSchema = z.strictObject({
  claim: short(200),
  pageText: short(200),
  pageValue: z.number().finite(),
  sourceValue: z.number().finite(),
  unit: short(60),
  year: z.number().int().optional(),
  agrees: z.boolean(),
});

export const LogEntrySchema = z.strictObject({
  /** When the card was opened (ms since the epoch). */
  at: z.number().int().nonnegative(),
  entity: short(200).min(1),
  entityName: short(300),
  /** The claims the card showed, in its order. */
  claims: z.array(short(200)).max(50),
  url: z.url({ protocol: /^https?$/ }).max(4096),
  /** The page's host, for the site filter. */
  host: short(300),
  title: short(300),
  /** The mention as the page writes it, and the sentence around it (for the TextQuoteSelector). */
  mention: short(300),
  context: short(2000),
  /** The page's figures that differ from a claim's. */
  differs: z.array(FigureSchema).max(20),
});
