/**
 * The user's settings (zod): validated where they are stored and imported.
 * The site-list model they hold lives in lib/shared/sites.ts.
 */
import { z } from 'zod';
import { isSiteEntry, MAX_SITE_ENTRY, SITE_ENTRY_RULE } from '../shared/sites';

const SiteEntry = z.string().trim().toLowerCase().max(MAX_SITE_ENTRY).refine(isSiteEntry, SITE_ENTRY_RULE);

const MarkStyle = z.enum(['underline', 'background', 'none']);
const Theme = z.enum(['auto', 'light', 'dark']);

export const SettingsSchema = z.strictObject({
  /** Global pause when false. */
  active: z.boolean().default(true),
  /** true: everywhere except `disabledFor`; false: only on `enabledFor`. */
  enabledByDefault: z.boolean().default(true),
  disabledFor: z.array(SiteEntry).max(5000).default([]),
  enabledFor: z.array(SiteEntry).max(5000).default([]),
  markStyle: MarkStyle.default('underline'),
  firstMentionOnly: z.boolean().default(false),
  dwellMs: z.number().int().min(0).max(2000).default(200),
  theme: Theme.default('auto'),
  hiddenCategories: z.array(z.string().max(40)).max(50).default([]),
  /** Entity ids hidden everywhere ("Hide everywhere" in the card). */
  hiddenEntities: z.array(z.string().max(80)).max(5000).default([]),
  /** Keep a local log of the cards the reader opens (off until the reader turns it on). */
  readingLog: z.boolean().default(false),
  /**
   * Open links to PDFs in the Factlens viewer (off until the reader turns it on; needs the optional
   * webNavigation permission, asked for then: docs/adr/0010-open-pdf-links.md).
   */
  openPdfLinks: z.boolean().default(false),
});

export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * Settings stored or backed up by earlier versions, in today's names: `muted`
 * (before 0.2) is `hiddenEntities`.
 */
function renamed(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('muted' in value)) return value;
  const { muted, ...rest } = value as Record<string, unknown>;
  return 'hiddenEntities' in rest ? rest : { ...rest, hiddenEntities: muted };
}

/** Keeps every valid field of a stored or imported object, defaults for the rest. */
export function normaliseSettings(value: unknown): Settings {
  value = renamed(value);
  const r = SettingsSchema.safeParse(value ?? {});
  if (r.success) return r.data;
  const out: Record<string, unknown> = {};
  const obj = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  for (const key of Object.keys(SettingsSchema.shape) as (keyof Settings)[]) {
    const field = SettingsSchema.shape[key].safeParse(obj[key]);
    if (field.success) out[key] = field.data;
  }
  return SettingsSchema.parse(out);
}
