/**
 * A lean read of the published sheets for computations over the whole library (pooling's suggestions): per page of
 * sheets in id order, only the id, the authority, the slug and the PUBLIC content fields asked for, straight from the
 * stored content (no organisation, no record, no presentation). A field that is not public is never returned, even
 * when asked: what this read gives is what an anonymous visitor may see of a published sheet.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Dialect } from '../../../platform/db/index.ts';
import { type ContentKey, fieldDef, type UseCaseContent } from '../fields.ts';
import '../tables.ts';

/** One published sheet's public fields among those asked for (absent or null fields are left out). */
export interface PublicFieldsRow {
  id: number;
  organisationId: number;
  slug: string;
  content: Partial<UseCaseContent>;
}

/** A page of the lean read: the published sheets of the page, and where the next page starts (null: the end). */
export interface PublicFieldsPage {
  rows: PublicFieldsRow[];
  /** The last id looked at (pass it as `afterId` for the next page), null when there is no more. */
  lastId: number | null;
}

/**
 * The published sheets among the `limit` sheets of any state after `afterId` (in id order), each with the public
 * ones of `keys`. One SELECT walking the primary key: filtering on the state in SQL would make both databases pick
 * the state index and sort every published sheet again for each page. The database extracts the asked fields from
 * the stored JSON (the whole content, several KB, never reaches the process); other states' content is not read.
 */
export async function publishedPublicFields(
  db: Db,
  dialect: Dialect,
  keys: readonly ContentKey[],
  afterId: number,
  limit: number,
): Promise<PublicFieldsPage> {
  const publicKeys = keys.filter((k) => fieldDef(k).access === 'public');
  const fields = fieldsObject(dialect, publicKeys);
  const rows = await db
    .selectFrom('use_cases')
    .select((eb) => [
      'id',
      'organisation_id',
      'slug',
      eb.case().when('state', '=', 'published').then(fields).else(null).end().as('content'),
    ])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  const page: PublicFieldsRow[] = [];
  for (const r of rows) {
    if (r.content === null) continue;
    const all = JSON.parse(r.content as string) as Record<string, unknown>;
    const content: Record<string, unknown> = {};
    for (const k of publicKeys) if (all[k] != null) content[k] = all[k];
    page.push({
      id: Number(r.id),
      organisationId: Number(r.organisation_id),
      slug: r.slug,
      content: content as Partial<UseCaseContent>,
    });
  }
  return { rows: page, lastId: rows.length ? Number(rows[rows.length - 1]!.id) : null };
}

/** A JSON text of the stored content's `keys` only (SQLite's JSON functions, PostgreSQL's jsonb). */
function fieldsObject(dialect: Dialect, keys: readonly string[]): RawBuilder<string> {
  if (!keys.length) return sql<string>`'{}'`;
  if (dialect === 'sqlite') {
    return sql<string>`json_object(${sql.join(keys.map((k) => sql`${sql.lit(k)}, json(content -> ${sql.lit(`$.${k}`)})`))})`;
  }
  // The content is parsed once per row (not once per key).
  return sql<string>`coalesce((select jsonb_object_agg(f.key, f.value) from jsonb_each(content::jsonb) f where f.key in (${sql.join(keys.map((k) => sql.lit(k)))}))::text, '{}')`;
}
