// The plans the database's own planner makes for the statements a piece of code runs: for tests that a read reaches
// its rows through an index instead of walking a table (a walk is fast on a test's few rows, slow on 100,000).
import { CompiledQuery, type KyselyPlugin } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import type { DbHandle } from '../../src/platform/db/index.ts';

export interface ExplainedStatement {
  sql: string;
  /** The plan's lines: SQLite's `explain query plan` details, PostgreSQL's `explain` text. */
  plan: string[];
}

/**
 * Runs `run` on `handle`'s database with every statement it makes kept, then explains each with the same parameters.
 * On PostgreSQL sequential scans are disabled while explaining (`enable_seqscan = off`): on a test's few rows the
 * planner may prefer a walk anyway; disabled, it still walks only when no index can answer the statement.
 */
export async function explainStatements(
  handle: DbHandle,
  run: (db: Db) => Promise<unknown>,
): Promise<ExplainedStatement[]> {
  // Subqueries pass through `transformQuery` too (when their builder becomes a node): only the statements whose
  // result came back were run.
  const compiled = new Map<unknown, CompiledQuery>();
  const statements: CompiledQuery[] = [];
  const keep: KyselyPlugin = {
    transformQuery(args) {
      compiled.set(args.queryId, handle.db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => {
      statements.push(compiled.get(args.queryId)!);
      return args.result;
    },
  };
  await run(handle.db.withPlugin(keep) as Db);
  const out: ExplainedStatement[] = [];
  for (const s of statements) {
    if (handle.dialect === 'sqlite') {
      const rows = handle.sqlite!.prepare(`explain query plan ${s.sql}`).all(...s.parameters) as { detail: string }[];
      out.push({ sql: s.sql, plan: rows.map((r) => r.detail) });
      continue;
    }
    const plan = await handle.db.connection().execute(async (conn) => {
      await conn.executeQuery(CompiledQuery.raw('set enable_seqscan = off'));
      try {
        const r = await conn.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${s.sql}`, [...s.parameters]),
        );
        return r.rows.map((row) => row['QUERY PLAN']);
      } finally {
        await conn.executeQuery(CompiledQuery.raw('reset enable_seqscan'));
      }
    });
    out.push({ sql: s.sql, plan });
  }
  return out;
}
