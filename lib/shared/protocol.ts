/**
 * The one typed message protocol between Factlens's contexts.
 *
 * - `BackgroundApi`: requests that content scripts, the popup and the options
 *   page send to the background, which owns the database.
 * - `ContentApi`: requests that the popup and the background send to the
 *   content script of one tab.
 *
 * Every message is `{ factlens: 1, type, payload }` and every answer is
 * `{ ok: true, value } | { ok: false, error }`, so an error thrown in a handler
 * reaches the caller as a rejected promise with the same message. Listeners
 * answer by `sendResponse` and return `true` (see `serve`).
 *
 * This module is imported by the content script: it must stay free of zod,
 * Dexie and compromise (types only).
 */
import { browser } from 'wxt/browser';
import type { MatcherIndex, Pattern } from '../matcher/types';
import type { Claim, Entity, Source } from '../model/schema';
import type { Settings } from '../model/settings';

export interface ClaimView extends Claim {
  source: Source;
  /** Why this claim ranks where it does (terms, years, numbers it shares with the sentence). */
  reasons?: string[];
}

export interface FigureCheck {
  claim: string;
  /** The page's figure as written: "$300 billion". */
  pageText: string;
  pageValue: number;
  sourceValue: number;
  unit: string;
  year?: number;
  agrees: boolean;
}

export interface CardData {
  entity: Pick<Entity, 'id' | 'name' | 'type' | 'description' | 'categories'>;
  claims: ClaimView[];
  /** All claims of the entity, for "more". */
  total: number;
  figures: FigureCheck[];
}

/** One card the reader opened, as the reading log keeps it (see lib/model/log.ts). */
export interface LogEntry {
  id?: number;
  at: number;
  entity: string;
  entityName: string;
  claims: string[];
  url: string;
  host: string;
  title: string;
  mention: string;
  context: string;
  differs: FigureCheck[];
}

export interface EntityView {
  entity: Entity & { pack: string };
  claims: ClaimView[];
}

export interface SearchHit {
  entity: Pick<Entity, 'id' | 'name' | 'type' | 'description'>;
  score: number;
  /** Query terms as they matched in the text (for highlighting). */
  terms: string[];
  /** Claims of this entity that match the query, best first. */
  claims: Pick<Claim, 'id' | 'text'>[];
}

/**
 * Characters per message of a large text between an extension page and the
 * background (a backup): each message stays far below Chrome's 64 MiB.
 */
export const TRANSFER_CHARS = 4 * 1024 * 1024;

/** A text cut into parts of TRANSFER_CHARS (one part, empty, for an empty text). */
export function transferParts(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length || parts.length === 0; i += TRANSFER_CHARS)
    parts.push(text.slice(i, i + TRANSFER_CHARS));
  return parts;
}

export interface IndexPayload {
  /** Changes whenever the stored packs change. */
  key: string;
  /** The index; when `parts` is given, its patterns are only the first part of them. */
  index: MatcherIndex;
  /** How many parts the index's patterns come in (absent: one); parts 1… by index.part. */
  parts?: number;
  /** Canonical names by entity id (for "On this page"). */
  names: Record<string, string>;
  /** Entities not to mark: every one of their categories is hidden in the settings. */
  hiddenByCategory: string[];
  settings: Pick<
    Settings,
    'markStyle' | 'firstMentionOnly' | 'dwellMs' | 'theme' | 'hiddenEntities' | 'hiddenCategories' | 'readingLog'
  >;
}

export interface SiteState {
  url: string;
  host: string;
  /** Factlens would run on this page under the current settings. */
  enabled: boolean;
  active: boolean;
  enabledByDefault: boolean;
  /** Not an http(s) page: Factlens never runs there. */
  unsupported: boolean;
}

export interface PackInfo {
  id: string;
  title: string;
  version: string;
  hash: string;
  bundled: boolean;
  entities: number;
  claims: number;
  sources: number;
  installedAt: number;
}

export interface PageEntity {
  id: string;
  name: string;
  count: number;
}

export interface BackgroundApi {
  'index.get': { req: { url?: string }; res: IndexPayload };
  /** Patterns of a large index after the first part (index.get says how many parts). */
  'index.part': { req: { key: string; part: number }; res: { patterns: Pattern[] } };
  'card.get': { req: { entity: string; context?: string }; res: CardData };
  'entity.get': { req: { id: string }; res: EntityView | null };
  /** Hides one entity everywhere (the card's "Hide everywhere"): all a web page's script may change. */
  'entity.hide': { req: { entity: string }; res: true };
  search: { req: { query: string; limit?: number }; res: SearchHit[] };
  'site.get': { req: { url: string }; res: SiteState };
  'site.set': { req: { url: string; enabled: boolean }; res: SiteState };
  'settings.get': { req: Record<string, never>; res: Settings };
  'settings.set': { req: { patch: Partial<Settings> }; res: Settings };
  'packs.list': { req: Record<string, never>; res: PackInfo[] };
  /** The sources of every installed pack's claims. */
  'sources.list': { req: Record<string, never>; res: Source[] };
  'packs.import': { req: { json: string }; res: PackInfo };
  'packs.remove': { req: { id: string }; res: PackInfo[] };
  /** A backup of the user's settings and imported packs, as JSON. */
  /**
   * Makes a backup of the user's settings and imported packs (JSON), to be
   * read in parts by transfer.get (lib/ui/transfer.ts does both).
   */
  'data.export': { req: Record<string, never>; res: { token: string; parts: number } };
  /** One part of a text the background holds for an extension page (a backup made by data.export). */
  'transfer.get': { req: { token: string; part: number }; res: string };
  /** One part of a text for the background to hold until it is used (a backup for data.import). */
  'transfer.put': { req: { token: string; part: number; parts: number; text: string }; res: true };
  /** Restores a backup: all of it or nothing. */
  'data.import': { req: { json: string } | { token: string }; res: { settings: Settings; packs: PackInfo[] } };
  'data.reset': { req: Record<string, never>; res: Settings };
  /** Injects the card UI script into the sender's frame. */
  'ui.loadCard': { req: Record<string, never>; res: boolean };
  /** Opens an entity with all its claims in a Factlens tab. */
  'ui.open': { req: { entity: string }; res: boolean };
  /**
   * The card the background last served this frame is now shown: logged when
   * the reading log is on. All it logs comes from the background's own answer
   * and the sender's tab, never from the page (but the mention, checked against it).
   */
  'card.opened': { req: { entity: string; mention: string }; res: boolean };
  /** The reading log, newest first (extension pages only). */
  'log.list': { req: Record<string, never>; res: LogEntry[] };
  /** Deletes entries by id, or all of them with `all` (extension pages only). */
  'log.delete': { req: { ids?: number[]; all?: boolean }; res: number };
}

/** What the content script measured on this page (for benchmarks and diagnostics). */
export interface PageStats {
  /** Main-thread time spent collecting text, matching and painting, in ms. */
  scanMs: number;
  /** Longest single slice of that work, in ms. */
  longestSliceMs: number;
  slices: number;
  blocks: number;
  marks: number;
  /** True while a scan is still under way. */
  scanning: boolean;
  /** The last card: from the end of the dwell (or a keyboard open) to the card painted, in ms. */
  lastCardMs?: number;
  /** Whether a scan was still under way when the last card was painted. */
  lastCardWhileScanning?: boolean;
}

export interface ContentApi {
  /** Answered from the content script's first moment: the tab already runs Factlens (no second injection). */
  'page.ping': { req: Record<string, never>; res: true };
  'page.stats': { req: Record<string, never>; res: PageStats };
  'page.entities': { req: Record<string, never>; res: PageEntity[] };
  'page.reveal': { req: { entity: string }; res: boolean };
  'page.refresh': { req: Record<string, never>; res: boolean };
  'page.teardown': { req: Record<string, never>; res: boolean };
}

type Api<A> = { [K in keyof A]: { req: unknown; res: unknown } };
export type Req<A extends Api<A>, K extends keyof A> = A[K]['req'];
export type Res<A extends Api<A>, K extends keyof A> = A[K]['res'];
export type Handlers<A extends Api<A>> = {
  [K in keyof A]: (payload: A[K]['req'], sender: MessageSender) => Promise<A[K]['res']> | A[K]['res'];
};
export type MessageSender = {
  tab?: { id?: number; url?: string; title?: string };
  frameId?: number;
  url?: string;
  id?: string;
};

export interface Envelope {
  factlens: 1;
  type: string;
  payload: unknown;
  /** A ContentApi request for the extension page shown in this tab (the PDF viewer; see callViewer). */
  tab?: number;
}
type Answer = { ok: true; value: unknown } | { ok: false; error: string };

class ProtocolError extends Error {
  override name = 'ProtocolError';
}

function isEnvelope(m: unknown): m is Envelope {
  return (
    typeof m === 'object' && m !== null && (m as Envelope).factlens === 1 && typeof (m as Envelope).type === 'string'
  );
}

function unwrap(answer: unknown, type: string): unknown {
  if (typeof answer !== 'object' || answer === null || !('ok' in answer)) {
    throw new ProtocolError(`no answer to "${type}"`);
  }
  const a = answer as Answer;
  if (!a.ok) throw new ProtocolError(a.error);
  return a.value;
}

/** Sends a request to the background. */
export async function call<K extends keyof BackgroundApi>(
  type: K,
  payload: Req<BackgroundApi, K>,
): Promise<Res<BackgroundApi, K>> {
  const msg: Envelope = { factlens: 1, type, payload };
  return unwrap(await browser.runtime.sendMessage(msg), type) as Res<BackgroundApi, K>;
}

/** Sends a request to the content script of a tab (its top frame). */
export async function callTab<K extends keyof ContentApi>(
  tabId: number,
  type: K,
  payload: Req<ContentApi, K>,
): Promise<Res<ContentApi, K>> {
  const msg: Envelope = { factlens: 1, type, payload };
  return unwrap(await browser.tabs.sendMessage(tabId, msg, { frameId: 0 }), type) as Res<ContentApi, K>;
}

/** The Factlens PDF viewer, an extension page (lib/content runs in it as on a web page). */
const VIEWER_PATH = '/viewer.html';

/** The PDF viewer's address for the PDF at `file` (none: the viewer's start, "open a PDF from this computer"). */
export function viewerUrl(file?: string): string {
  return (browser.runtime.getURL as (p: string) => string)(
    file ? `${VIEWER_PATH}?file=${encodeURIComponent(file)}` : VIEWER_PATH,
  );
}

/** Whether `url` is the Factlens PDF viewer. */
export function isViewerUrl(url: string | undefined): boolean {
  return !!url && url.startsWith((browser.runtime.getURL as (p: string) => string)(VIEWER_PATH));
}

/**
 * Sends a ContentApi request to the PDF viewer shown in a tab. An extension
 * page takes no content script, so tabs.sendMessage does not reach it: the
 * request goes as a runtime message addressed to the tab, which only the page
 * in that tab answers.
 */
export async function callViewer<K extends keyof ContentApi>(
  tabId: number,
  type: K,
  payload: Req<ContentApi, K>,
): Promise<Res<ContentApi, K>> {
  const msg: Envelope = { factlens: 1, type, payload, tab: tabId };
  return unwrap(await browser.runtime.sendMessage(msg), type) as Res<ContentApi, K>;
}

/**
 * Makes a `runtime.onMessage` listener that answers the requests `handlers`
 * knows and ignores every other message (so other listeners may answer). It
 * answers by `sendResponse` and returns `true` (the answer will come): the one
 * form every browser and WXT's fake browser take (returning a Promise is not).
 */
export function serve<A extends Api<A>>(
  handlers: Handlers<A>,
  opts: {
    onError?: (type: string, err: unknown) => void;
    /** This page's own tab: a request addressed to a tab (`tab`) is answered only by the page in it. */
    tab?: () => number | undefined;
  } = {},
) {
  return (message: unknown, sender: MessageSender, sendResponse?: (answer: Answer) => void): true | undefined => {
    if (!isEnvelope(message) || !Object.prototype.hasOwnProperty.call(handlers, message.type)) return undefined;
    if (message.tab !== undefined && message.tab !== opts.tab?.()) return undefined;
    if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
    const handler = handlers[message.type as keyof A] as (p: unknown, s: MessageSender) => unknown;
    void (async (): Promise<Answer> => {
      try {
        return { ok: true, value: await handler(message.payload ?? {}, sender) };
      } catch (err) {
        opts.onError?.(message.type, err);
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    })().then((answer) => sendResponse?.(answer));
    return true;
  };
}
