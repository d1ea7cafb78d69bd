/**
 * Everything the background does with the database: seeding the bundled pack,
 * importing and removing the user's packs, settings. All writes are single
 * transactions, so a failure changes nothing.
 */
import Dexie from 'dexie';
import { type FactlensDB, type ClaimRow, type EntityRow, type PackRow, type SourceRow } from './db';
import { draftIssues, formatIssues, parsePack, type Pack, type Source } from '../model/schema';
import { DEFAULT_SETTINGS, normaliseSettings, SettingsSchema, type Settings } from '../model/settings';
import type { LogEntry, PackInfo } from '../shared/protocol';
import { LogEntrySchema, MAX_LOG_ENTRIES } from '../model/log';
import { contentHash } from '../shared/hash';

export const BUNDLED_PACK_ID = 'factlens-core';
/** The largest pack file, in UTF-8 bytes (as the options page reads the file's size). */
export const MAX_PACK_BYTES = 10 * 1024 * 1024;
/**
 * All imported packs together, in UTF-8 bytes as imported: a backup holds
 * them (compact JSON, no larger than the files) and the settings, so every
 * backup Factlens writes is one it can restore.
 */
export const MAX_IMPORTED_BYTES = 4 * MAX_PACK_BYTES;
/** A backup holds the settings and the imported packs (MAX_IMPORTED_BYTES), with room to spare. */
export const MAX_BACKUP_BYTES = 5 * MAX_PACK_BYTES;
/**
 * Names and aliases a pack may bring, and all packs together. Every one is
 * compiled into the index each page receives in one message (64 MiB at most in
 * Chrome) and compiling blocks the worker: 100,000 code-like aliases made a
 * 122 MB index that no page could receive, 100,000 English ones blocked the
 * worker for two minutes. The bundled pack has 1,750 (4,244 patterns, 379 KB).
 */
export const MAX_PACK_NAMES = 10_000;
const MAX_TOTAL_NAMES = 25_000;
const namesOf = (entities: readonly { aliases: readonly unknown[] }[]) =>
  entities.reduce((n, e) => n + 1 + e.aliases.length, 0);

const SETTINGS_KEY = 'settings';

/** A problem is shown to the user in full: a huge value quoted in it (an id of 1 MB) is cut. */
const MAX_PROBLEM_CHARS = 300;
function clip(problem: string): string {
  if (problem.length <= MAX_PROBLEM_CHARS) return problem;
  let end = MAX_PROBLEM_CHARS - 1;
  const c = problem.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // do not split a surrogate pair
  return `${problem.slice(0, end)}…`;
}

export class PackImportError extends Error {
  override name = 'PackImportError';
  readonly problems: string[];
  /** What was refused: a pack, or a backup (nothing of which was restored). */
  constructor(
    problems: string[],
    readonly what: 'pack' | 'backup' = 'pack',
  ) {
    const clipped = problems.map(clip);
    const shown = clipped.slice(0, 50);
    const more = clipped.length > shown.length ? `\n… and ${clipped.length - shown.length} more` : '';
    super(
      `${what === 'pack' ? 'The pack was not imported' : 'The backup was not restored: nothing was changed'} (${clipped.length} problem${clipped.length === 1 ? '' : 's'}):\n${shown.map((p) => `- ${p}`).join('\n')}${more}`,
    );
    this.problems = clipped;
  }
}

/** The length of a string in UTF-8 bytes, without encoding it (a lone surrogate counts as U+FFFD: 3). */
export function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 4 bytes for 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Refuses a text over `max` UTF-8 bytes, naming its size (nothing parsed yet). */
function checkSize(json: string, max: number, what: string): void {
  // Each code unit is 1 to 3 bytes: most texts are decided without counting.
  if (json.length * 3 <= max) return;
  const bytes = utf8Length(json);
  if (bytes > max)
    throw new PackImportError([
      `the ${what} is ${(bytes / 1048576).toFixed(1)} MB; a ${what} may be at most ${max / 1048576} MB`,
    ]);
}

/**
 * Puts a problem found inside a part of the input under that part's path:
 * `nest('packs[2]', 'claims[0].text: …')` → `packs[2].claims[0].text: …`,
 * `nest('settings', '(root): …')` → `settings: …`, anything without a path → `packs[2]: …`.
 */
export function nest(prefix: string, problem: string): string {
  if (problem.startsWith('(root):')) return prefix + problem.slice('(root)'.length);
  if (/^\[\d+\]/.test(problem)) return prefix + problem;
  if (/^[A-Za-z_$][\w$]*(?:\[\d+\]|\.[\w$]+)*: /.test(problem)) return `${prefix}.${problem}`;
  return `${prefix}: ${problem}`;
}

function rows(pack: Pack) {
  const tag = <T extends object>(x: T) => ({ ...x, pack: pack.id });
  return {
    sources: pack.sources.map(tag) as SourceRow[],
    entities: pack.entities.map(tag) as EntityRow[],
    claims: pack.claims.map(tag) as ClaimRow[],
  };
}

/**
 * A check of validated packs before they are written (the compiled index's
 * size, which the store cannot judge): throws PackImportError to refuse them.
 */
export type PacksCheck = (packs: Pack[]) => Promise<void>;

export class Store {
  constructor(readonly db: FactlensDB) {}

  /** Runs `fn`, reopening the database once if the browser closed it under us. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      if (!this.db.isOpen()) await this.db.open();
      return await fn();
    } catch (err) {
      if (err instanceof Dexie.DatabaseClosedError) {
        await this.db.open();
        return fn();
      }
      throw err;
    }
  }

  /**
   * Installs or replaces the bundled pack when its hash differs from the stored
   * one. Only rows of the bundled pack are touched.
   */
  async seedBundled(pack: Pack, hash: string): Promise<'installed' | 'updated' | 'unchanged'> {
    return this.run(() =>
      this.db.transaction('rw', [this.db.packs, this.db.sources, this.db.entities, this.db.claims], async () => {
        const current = await this.db.packs.get(pack.id);
        if (current?.hash === hash) return 'unchanged' as const;
        await this.clearPackRows(pack.id);
        const r = rows(pack);
        // An id the user's own packs already use stays theirs: a new bundled
        // version never overwrites a user's row (its other rows still install).
        const free = async <T extends { id: string }>(table: Dexie.Table<T, string>, items: T[]) => {
          const existing = await table.bulkGet(items.map((x) => x.id));
          const kept = items.filter((_, i) => !existing[i]);
          if (kept.length < items.length)
            console.warn(
              `[Factlens] bundled ${table.name} kept out (ids used by your packs): ${items
                .filter((_, i) => existing[i])
                .map((x) => x.id)
                .join(', ')}`,
            );
          return kept;
        };
        await this.db.sources.bulkPut(await free(this.db.sources, r.sources));
        await this.db.entities.bulkPut(await free(this.db.entities, r.entities));
        await this.db.claims.bulkPut(await free(this.db.claims, r.claims));
        await this.db.packs.put({
          id: pack.id,
          title: pack.title,
          version: pack.version,
          hash,
          bundled: true,
          installedAt: Date.now(),
        });
        return current ? ('updated' as const) : ('installed' as const);
      }),
    );
  }

  private async clearPackRows(id: string) {
    await this.db.sources.where('pack').equals(id).delete();
    await this.db.entities.where('pack').equals(id).delete();
    await this.db.claims.where('pack').equals(id).delete();
  }

  /**
   * Parses and validates a pack file; throws PackImportError naming every problem.
   * The size is checked before anything is parsed.
   */
  static validatePack(json: string): Pack {
    if (typeof json !== 'string')
      throw new PackImportError([
        `(root): expected the pack as JSON text, got ${json === null ? 'null' : typeof json}`,
      ]);
    checkSize(json, MAX_PACK_BYTES, 'pack');
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new PackImportError([`not valid JSON: ${err instanceof Error ? err.message : String(err)}`]);
    }
    const parsed = parsePack(value);
    if (!parsed.ok) throw new PackImportError(parsed.errors);
    if (parsed.pack.id === BUNDLED_PACK_ID)
      throw new PackImportError([`id: "${parsed.pack.id}" is the bundled pack's id`]);
    // A draft (from `kb draft`) holds unreviewed proposals, copied from its document: never shown on a card.
    const drafts = draftIssues(parsed.pack);
    if (drafts.length) throw new PackImportError(drafts);
    const names = namesOf(parsed.pack.entities);
    if (names > MAX_PACK_NAMES)
      throw new PackImportError([
        `entities: ${names} names and aliases, more than the ${MAX_PACK_NAMES} a pack may have (every one is compiled into the index each page receives)`,
      ]);
    return parsed.pack;
  }

  /** Writes a validated pack; call inside a rw transaction over the pack tables. */
  private async writePack(pack: Pack, original: string): Promise<PackRow> {
    const problems: string[] = [];
    const clash = async (table: 'sources' | 'entities' | 'claims', items: { id: string }[]) => {
      const found = await this.db[table].bulkGet(items.map((x) => x.id));
      found.forEach((row, i) => {
        if (row && row.pack !== pack.id)
          problems.push(`${table}[${i}].id: "${row.id}" already belongs to pack "${row.pack}"`);
      });
    };
    await clash('sources', pack.sources);
    await clash('entities', pack.entities);
    await clash('claims', pack.claims);
    const others = (await this.db.entities.toArray()).filter((e) => e.pack !== pack.id);
    const total = namesOf(others) + namesOf(pack.entities);
    if (total > MAX_TOTAL_NAMES)
      problems.push(
        `entities: with this pack the installed packs would have ${total} names and aliases, more than the ${MAX_TOTAL_NAMES} Factlens can compile for every page; remove a pack first`,
      );
    const bytes = (await this.importedBytes(pack.id)) + utf8Length(original);
    if (bytes > MAX_IMPORTED_BYTES)
      problems.push(
        `(root): with this pack the imported packs would take ${(bytes / 1048576).toFixed(1)} MB, more than the ${MAX_IMPORTED_BYTES / 1048576} MB one backup can hold; remove a pack first`,
      );
    if (problems.length) throw new PackImportError(problems);
    await this.clearPackRows(pack.id);
    const r = rows(pack);
    await this.db.sources.bulkPut(r.sources);
    await this.db.entities.bulkPut(r.entities);
    await this.db.claims.bulkPut(r.claims);
    const row: PackRow = {
      id: pack.id,
      title: pack.title,
      version: pack.version,
      hash: contentHash(original),
      bundled: false,
      installedAt: Date.now(),
      bytes: utf8Length(original),
    };
    await this.db.packs.put(row);
    await this.db.originals.put({ id: pack.id, json: original });
    return row;
  }

  /** The UTF-8 bytes of the imported packs but `except`, as imported. Call inside a transaction over the pack tables. */
  private async importedBytes(except: string): Promise<number> {
    let n = 0;
    for (const row of await this.db.packs.toArray()) {
      if (row.bundled || row.id === except) continue;
      n += row.bytes ?? utf8Length((await this.db.originals.get(row.id))?.json ?? '');
    }
    return n;
  }

  private packTables() {
    return [this.db.packs, this.db.originals, this.db.sources, this.db.entities, this.db.claims];
  }

  /**
   * An imported pack's file as the user imported it or, should that be missing,
   * rebuilt from its rows. Call inside a transaction over the pack tables.
   */
  private async packText(row: PackRow): Promise<string> {
    return (await this.db.originals.get(row.id))?.json ?? this.rebuildPack(row);
  }

  /** A pack's file made from its stored rows. */
  private async rebuildPack(row: PackRow): Promise<string> {
    const strip = <T extends { pack: string }>({ pack: _pack, ...rest }: T) => rest;
    const [sources, entities, claims] = await Promise.all([
      this.db.sources.where('pack').equals(row.id).toArray(),
      this.db.entities.where('pack').equals(row.id).toArray(),
      this.db.claims.where('pack').equals(row.id).toArray(),
    ]);
    return JSON.stringify(
      {
        id: row.id,
        version: row.version,
        title: row.title,
        sources: sources.map(strip),
        entities: entities.map(strip),
        claims: claims.map(strip),
      },
      null,
      2,
    );
  }

  /** An imported pack's file, byte for byte as it was imported. */
  async exportPack(id: string): Promise<string> {
    return this.run(() =>
      this.db.transaction('r', this.packTables(), async () => {
        const row = await this.db.packs.get(id);
        if (!row) throw new Error(`no pack "${id}"`);
        if (row.bundled) throw new Error('the bundled pack cannot be exported');
        return this.packText(row);
      }),
    );
  }

  /**
   * Validates and stores a user's pack (all or nothing): its rows, its packs
   * row and, in `originals`, the file as given. A pack with the id of an
   * imported pack replaces it; ids may not collide with another pack's.
   */
  async importPack(json: string, check?: PacksCheck): Promise<PackRow> {
    const pack = Store.validatePack(json);
    await check?.([pack]);
    return this.run(() => this.db.transaction('rw', this.packTables(), () => this.writePack(pack, json)));
  }

  /** The user's own data: settings and imported packs (as imported). */
  async exportBackup(): Promise<string> {
    const { settings, packs, log } = await this.run(() =>
      this.db.transaction('r', [...this.packTables(), this.db.kv, this.db.log], async () => {
        const rows = (await this.db.packs.toArray()).filter((p) => !p.bundled);
        const packs: unknown[] = [];
        for (const row of rows) {
          let pack: unknown;
          try {
            pack = JSON.parse(await this.packText(row));
          } catch {
            pack = JSON.parse(await this.rebuildPack(row)); // an unreadable file: its rows still hold the pack
          }
          packs.push(pack);
        }
        const stored = await this.db.kv.get(SETTINGS_KEY);
        // The reading log, oldest first, without its row ids (a restore numbers them afresh).
        const log = (await this.db.log.orderBy('at').toArray()).map(({ id: _id, ...e }) => e);
        return { settings: stored ? normaliseSettings(stored.value) : DEFAULT_SETTINGS, packs, log };
      }),
    );
    // Compact: a backup is never larger than the packs' files together (MAX_IMPORTED_BYTES), the settings and the log.
    return JSON.stringify({
      factlens: 'backup',
      version: 1,
      exportedAt: new Date().toISOString(),
      settings,
      packs,
      log,
    });
  }

  /**
   * Restores a backup made by exportBackup: all of it, or nothing. It merges:
   * the backup's settings replace the current ones, its packs are added or
   * replace the packs of the same id, and packs it does not hold stay.
   */
  async importBackup(json: string, check?: PacksCheck): Promise<{ settings: Settings; packs: string[] }> {
    try {
      return await this.restore(json, check);
    } catch (err) {
      // Every refusal of a backup says "backup", also those found by the pack checks it runs.
      if (err instanceof PackImportError && err.what === 'pack') throw new PackImportError(err.problems, 'backup');
      throw err;
    }
  }

  private async restore(json: string, check?: PacksCheck): Promise<{ settings: Settings; packs: string[] }> {
    if (typeof json === 'string') checkSize(json, MAX_BACKUP_BYTES, 'backup');
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new PackImportError([`not valid JSON: ${err instanceof Error ? err.message : String(err)}`]);
    }
    const b = value as { factlens?: unknown; settings?: unknown; packs?: unknown; log?: unknown };
    if (typeof b !== 'object' || b === null || b.factlens !== 'backup')
      throw new PackImportError(['(root): not a Factlens backup (expected "factlens": "backup")']);
    if (!Array.isArray(b.packs)) throw new PackImportError(['packs: expected an array']);
    const settingsCheck = SettingsSchema.safeParse(b.settings);
    if (!settingsCheck.success)
      throw new PackImportError(formatIssues(settingsCheck.error.issues).map((e) => nest('settings', e)));
    const packs: { pack: Pack; json: string }[] = [];
    const problems: string[] = [];
    const firstOf = new Map<string, number>();
    b.packs.forEach((p: unknown, i) => {
      try {
        // Throws on input nested too deeply to serialise (a RangeError, not a pack problem).
        const text = JSON.stringify(p);
        const pack = Store.validatePack(text);
        const first = firstOf.get(pack.id);
        if (first !== undefined) throw new PackImportError([`id: "${pack.id}" is also the id of packs[${first}]`]);
        firstOf.set(pack.id, i);
        packs.push({ pack, json: text });
      } catch (err) {
        const found =
          err instanceof PackImportError
            ? err.problems
            : [`cannot be read (${err instanceof Error ? err.message : String(err)})`];
        for (const e of found) problems.push(nest(`packs[${i}]`, e));
      }
    });
    // The reading log (backups made before it have none: the current log stays).
    let log: LogEntry[] | undefined;
    if (b.log !== undefined) {
      const logCheck = LogEntrySchema.array().max(MAX_LOG_ENTRIES).safeParse(b.log);
      if (logCheck.success) log = logCheck.data;
      else problems.push(...formatIssues(logCheck.error.issues).map((e) => nest('log', e)));
    }
    if (problems.length) throw new PackImportError(problems);
    await check?.(packs.map((p) => p.pack));
    const settings = settingsCheck.data;
    await this.run(() =>
      this.db.transaction('rw', [...this.packTables(), this.db.kv, this.db.log], async () => {
        for (const [i, p] of packs.entries()) {
          try {
            await this.writePack(p.pack, p.json);
          } catch (err) {
            // Ids that clash with another pack, stored or earlier in this backup.
            if (err instanceof PackImportError)
              throw new PackImportError(err.problems.map((e) => nest(`packs[${i}]`, e)));
            throw err;
          }
        }
        await this.db.kv.put({ key: SETTINGS_KEY, value: settings });
        if (log) {
          await this.db.log.clear();
          await this.db.log.bulkAdd(log);
        }
      }),
    );
    return { settings, packs: packs.map((p) => p.pack.id) };
  }

  /**
   * Adds one entry to the reading log (validated), keeping the newest `max`
   * (MAX_LOG_ENTRIES). The same card on the same page within `sameWithinMs` of
   * its last entry is not logged again (a reader going back and forth over a mark).
   */
  async appendLog(
    entry: LogEntry,
    { max = MAX_LOG_ENTRIES, sameWithinMs = 10 * 60_000 }: { max?: number; sameWithinMs?: number } = {},
  ): Promise<boolean> {
    const clean = LogEntrySchema.parse(entry);
    return this.run(() =>
      this.db.transaction('rw', this.db.log, async () => {
        const last = await this.db.log
          .where('entity')
          .equals(clean.entity)
          .filter((e) => e.url === clean.url && clean.at - e.at < sameWithinMs)
          .first();
        if (last) return false;
        await this.db.log.add(clean);
        const over = (await this.db.log.count()) - max;
        if (over > 0) await this.db.log.orderBy('at').limit(over).delete();
        return true;
      }),
    );
  }

  /** The reading log, newest first. */
  async listLog(): Promise<LogEntry[]> {
    return this.run(() => this.db.log.orderBy('at').reverse().toArray());
  }

  /** Deletes reading-log entries by id, or all; answers how many went. */
  async deleteLog(which: { ids?: number[]; all?: boolean }): Promise<number> {
    return this.run(() =>
      this.db.transaction('rw', this.db.log, async () => {
        if (which.all) {
          const n = await this.db.log.count();
          await this.db.log.clear();
          return n;
        }
        const ids = which.ids ?? [];
        const found = (await this.db.log.bulkGet(ids)).filter(Boolean).length;
        await this.db.log.bulkDelete(ids);
        return found;
      }),
    );
  }

  async removePack(id: string): Promise<void> {
    await this.run(() =>
      this.db.transaction('rw', this.packTables(), async () => {
        const row = await this.db.packs.get(id);
        if (!row) throw new Error(`no pack "${id}"`);
        if (row.bundled) throw new Error('the bundled pack cannot be removed');
        await this.clearPackRows(id);
        await this.db.packs.delete(id);
        await this.db.originals.delete(id);
      }),
    );
  }

  /** Every installed pack's sources, bundled first, then by title. */
  async listSources(): Promise<Source[]> {
    return this.run(async () => {
      const bundled = new Set((await this.db.packs.toArray()).filter((p) => p.bundled).map((p) => p.id));
      const rows = await this.db.sources.toArray();
      return rows
        .sort((a, b) => Number(bundled.has(b.pack)) - Number(bundled.has(a.pack)) || a.title.localeCompare(b.title))
        .map(({ pack: _pack, ...source }) => source);
    });
  }

  async listPacks(): Promise<PackInfo[]> {
    return this.run(async () => {
      const packs = await this.db.packs.toArray();
      return Promise.all(
        packs.map(async (p) => ({
          id: p.id,
          title: p.title,
          version: p.version,
          hash: p.hash,
          bundled: p.bundled,
          installedAt: p.installedAt,
          entities: await this.db.entities.where('pack').equals(p.id).count(),
          claims: await this.db.claims.where('pack').equals(p.id).count(),
          sources: await this.db.sources.where('pack').equals(p.id).count(),
        })),
      );
    });
  }

  /** Changes whenever any pack changes: keys caches of derived data. */
  async packsKey(): Promise<string> {
    const packs = await this.run(() => this.db.packs.toArray());
    return packs
      .map((p) => `${p.id}@${p.hash}`)
      .sort()
      .join(',');
  }

  async getSettings(): Promise<Settings> {
    const row = await this.run(() => this.db.kv.get(SETTINGS_KEY));
    return row ? normaliseSettings(row.value) : DEFAULT_SETTINGS;
  }

  async putSettings(s: Settings): Promise<Settings> {
    const clean = normaliseSettings(s);
    await this.run(() => this.db.kv.put({ key: SETTINGS_KEY, value: clean }));
    return clean;
  }

  async getKv<T>(key: string): Promise<T | undefined> {
    return (await this.run(() => this.db.kv.get(key)))?.value as T | undefined;
  }

  async putKv(key: string, value: unknown): Promise<void> {
    await this.run(() => this.db.kv.put({ key, value }));
  }

  entity(id: string) {
    return this.run(() => this.db.entities.get(id));
  }
  allEntities() {
    return this.run(() => this.db.entities.toArray());
  }
  allClaims() {
    return this.run(() => this.db.claims.toArray());
  }
  claimsOf(entityId: string) {
    return this.run(() => this.db.claims.where('entities').equals(entityId).toArray());
  }
  async sources(): Promise<Map<string, SourceRow>> {
    const all = await this.run(() => this.db.sources.toArray());
    return new Map(all.map((s) => [s.id, s]));
  }
}
