/**
 * The synonym groups as data (table `search_synonyms`, migration 0011): read, written and checked here, and given to
 * the search index as an analysed set (synonyms.ts) that follows every change, across server instances, through a
 * change counter (as the catalogue does): a change committed through one instance is applied by that instance at
 * once and by every other one within a second (TRUST_MS).
 *
 * Who may change them is the caller's rule (the coordination page authorises); this file checks the expressions.
 */

import { settingsCounter } from '../catalogue/change-counter.ts';
import type { Clock } from '../clock.ts';
import type { Db, Id } from '../db/database.ts';
import type { Dialect } from '../db/index.ts';
import { ConflictError, ValidationError } from '../http/errors.ts';
import { analyze } from './analyzer.ts';
import {
  compileSynonyms,
  MAX_EXPRESSION_LENGTH,
  MAX_EXPRESSION_WORDS,
  MAX_GROUP_EXPRESSIONS,
  NO_SYNONYMS,
  type SynonymSet,
} from './synonyms.ts';

declare module '../db/database.ts' {
  interface DB {
    search_synonyms: SearchSynonymsTable;
  }
}

export interface SearchSynonymsTable {
  id: Id;
  /** The expressions, one per line, as written. */
  expressions: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SynonymGroup {
  id: number;
  expressions: string[];
  version: number;
  updatedAt: string;
}

/**
 * The groups every new installation starts with (words of the field, written for this project). Coordinators
 * change or delete them like any other group; they are added once, never again.
 */
export const DEFAULT_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['vidéoprotection', 'vidéosurveillance', 'caméra', 'caméra de surveillance'],
  ['chatbot', 'agent conversationnel', 'assistant virtuel', 'robot conversationnel'],
  ['IA générative', 'intelligence artificielle générative', 'LLM', 'grand modèle de langage', 'modèle de langage'],
  ['IA', 'intelligence artificielle'],
  ['OCR', 'reconnaissance de caractères', 'reconnaissance optique de caractères', 'lecture automatique'],
  ['jumeau numérique', 'maquette numérique', 'modèle numérique du territoire'],
  ['prévoir', 'prévoit', 'prévoient', 'prévu', 'prévision', 'prévisionnel', 'anticiper', 'anticipation'],
  ['prédire', 'prédiction', 'prédictif'],
  ['transcription', 'reconnaissance vocale', 'reconnaissance de la parole', 'parole en texte'],
  ['traduction automatique', 'traducteur automatique'],
  ['vision par ordinateur', 'analyse d’images', 'reconnaissance d’images'],
  ['apprentissage automatique', 'machine learning', 'apprentissage statistique'],
  ['déchets', 'ordures', 'ordures ménagères'],
  ['dépôts sauvages', 'décharges sauvages', 'dépôts illégaux'],
  ['éclairage public', 'lampadaires', 'candélabres'],
  ['cantine', 'restauration scolaire'],
  ['RGPD', 'règlement général sur la protection des données', 'protection des données personnelles'],
  ['données ouvertes', 'open data', 'opendata'],
  ['stationnement', 'parking'],
  ['courrier', 'courriel', 'e-mail', 'mail'],
];

/**
 * How long a look at the change counter is trusted. The instance where a coordinator saves a group applies it at
 * once; other instances within this delay (one second on PostgreSQL: edits are rare, and a search then costs no
 * extra round trip to the database, which is what a search waits for most on a busy PostgreSQL server).
 */
const TRUST_MS: Record<Dialect, number> = { sqlite: 250, postgres: 1000 };
const SEEDED_KEY = 'synonyms.defaults_seeded';

function lines(expressions: string): string[] {
  return expressions
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * The expressions of a group as typed in the form (one per line; commas and semicolons also separate), checked:
 * French messages on the field `expressions`.
 */
export function readExpressions(input: string): string[] {
  const parts = input
    .split(/[\n;,]/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const seen = new Map<string, string>();
  for (const p of parts) {
    if (p.length > MAX_EXPRESSION_LENGTH) {
      throw new ValidationError({ expressions: `« ${p.slice(0, 30)}… » dépasse ${MAX_EXPRESSION_LENGTH} caractères.` });
    }
    const stems = analyze(p);
    if (!stems.length) {
      throw new ValidationError({
        expressions: `« ${p} » ne contient aucun mot cherchable (seulement des mots outils ou des symboles).`,
      });
    }
    if (stems.length > MAX_EXPRESSION_WORDS) {
      throw new ValidationError({ expressions: `« ${p} » compte plus de ${MAX_EXPRESSION_WORDS} mots.` });
    }
    const key = stems.join(' ');
    const twin = seen.get(key);
    if (twin !== undefined) {
      throw new ValidationError({
        expressions: `« ${p} » et « ${twin} » se cherchent déjà de la même façon : gardez-en une seule.`,
      });
    }
    seen.set(key, p);
  }
  if (seen.size < 2) {
    throw new ValidationError({ expressions: 'Indiquez au moins deux expressions, une par ligne.' });
  }
  if (seen.size > MAX_GROUP_EXPRESSIONS) {
    throw new ValidationError({ expressions: `Un groupe compte au plus ${MAX_GROUP_EXPRESSIONS} expressions.` });
  }
  return [...seen.values()];
}

function toGroup(r: { id: number; expressions: string; version: number; updated_at: string }): SynonymGroup {
  return { id: Number(r.id), expressions: lines(r.expressions), version: Number(r.version), updatedAt: r.updated_at };
}

export interface SynonymStore {
  list(): Promise<SynonymGroup[]>;
  find(id: number): Promise<SynonymGroup | null>;
  create(expressions: string[], trx: Db): Promise<SynonymGroup>;
  /** ConflictError when the group changed since `version` was read. */
  update(id: number, version: number, expressions: string[], trx: Db): Promise<SynonymGroup>;
  remove(id: number, version: number, trx: Db): Promise<void>;
  /** Adds the default groups to an installation that never had them (a coordinator's deletions stay deleted). */
  seedDefaults(trx?: Db): Promise<number>;
  /** The analysed groups, up to date with every committed change (cheap: one counter read, none on SQLite). */
  current(): Promise<{ version: number; set: SynonymSet }>;
}

export function createSynonymStore(db: Db, dialect: Dialect, clock: Clock, options: { trustMs?: number } = {}) {
  const counter = settingsCounter(db, 'synonyms.change_seq');
  const trustMs = options.trustMs ?? TRUST_MS[dialect];
  let cached: { version: number; set: SynonymSet } = { version: -1, set: NO_SYNONYMS };
  let lookedAt = Number.NEGATIVE_INFINITY;
  let localWrite = true;
  let pending: Promise<{ version: number; set: SynonymSet }> | null = null;

  async function reload(): Promise<{ version: number; set: SynonymSet }> {
    localWrite = false;
    lookedAt = clock.millis();
    const version = await counter.read();
    if (version !== cached.version) {
      const rows = await db.selectFrom('search_synonyms').select('expressions').orderBy('id').execute();
      cached = { version, set: version === 0 ? NO_SYNONYMS : compileSynonyms(rows.map((r) => lines(r.expressions))) };
    }
    return cached;
  }

  const store: SynonymStore = {
    async list() {
      const rows = await db.selectFrom('search_synonyms').selectAll().orderBy('id').execute();
      return rows.map(toGroup).sort((a, b) => a.expressions[0]!.localeCompare(b.expressions[0]!, 'fr'));
    },

    async find(id) {
      const row = await db.selectFrom('search_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toGroup(row) : null;
    },

    async create(expressions, trx) {
      const now = clock.iso();
      const row = await trx
        .insertInto('search_synonyms')
        .values({ expressions: expressions.join('\n'), version: 1, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await counter.next(trx);
      localWrite = true;
      return toGroup(row);
    },

    async update(id, version, expressions, trx) {
      const row = await trx
        .updateTable('search_synonyms')
        .set({ expressions: expressions.join('\n'), version: version + 1, updated_at: clock.iso() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw await conflict(id, trx);
      await counter.next(trx);
      localWrite = true;
      return toGroup(row);
    },

    async remove(id, version, trx) {
      const result = await trx
        .deleteFrom('search_synonyms')
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!Number(result.numDeletedRows)) throw await conflict(id, trx);
      await counter.next(trx);
      localWrite = true;
    },

    async seedDefaults(on = db) {
      const run = async (trx: Db) => {
        await counter.lock(trx);
        const done = await trx.selectFrom('settings').select('value').where('key', '=', SEEDED_KEY).executeTakeFirst();
        if (done) return 0;
        for (const group of DEFAULT_SYNONYM_GROUPS) await store.create([...group], trx);
        await trx.insertInto('settings').values({ key: SEEDED_KEY, value: '1' }).execute();
        return DEFAULT_SYNONYM_GROUPS.length;
      };
      return on.isTransaction ? run(on) : on.transaction().execute(run);
    },

    async current() {
      // A look in progress is not trusted yet: its callers wait for what it reads.
      const trusted = trustMs > 0 && !localWrite && !pending && clock.millis() - lookedAt < trustMs;
      if (trusted) return cached;
      // Searches arriving together share one look (unless this process wrote since it started).
      if (pending && !localWrite) return pending;
      const look: Promise<{ version: number; set: SynonymSet }> = reload().finally(() => {
        if (pending === look) pending = null;
      });
      pending = look;
      return look;
    },
  };

  async function conflict(id: number, trx: Db): Promise<Error> {
    const current = await trx.selectFrom('search_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) return new ConflictError('Ce groupe de synonymes a été supprimé entre-temps.', null);
    return new ConflictError('Ce groupe de synonymes a été modifié entre-temps.', toGroup(current));
  }

  return store;
}
