/**
 * Loading the official geographic code (geo.ts) into `organisations`: at every start when it is missing or when the
 * package's version changed (the module's reference seed), and on demand (`organisations:load`).
 */
import { type GeoOrganisation, geographyVersion, loadGeography } from '../geo.ts';
import type { OrganisationsContext } from './context.ts';

const GEO_VERSION_SETTING = 'organisations.geography_version';

export function createGeographyService(
  context: OrganisationsContext,
  deps: { loaded(): void; read?: () => Promise<GeoOrganisation[]>; version?: () => Promise<string> },
) {
  const store = context.organisations;
  const read = deps.read ?? (() => loadGeography());
  const version = deps.version ?? (() => geographyVersion());

  /**
   * Loads (or refreshes) the official geographic code into `organisations`: idempotent upsert by code.
   * Returns the number of rows and the time taken.
   */
  async function load(log: (line: string) => void = () => {}): Promise<{ rows: number; ms: number }> {
    const started = performance.now();
    const rows = await read();
    await store.upsertGeography(rows);
    await store.setSetting(GEO_VERSION_SETTING, await version());
    deps.loaded();
    const ms = Math.round(performance.now() - started);
    log(`Code géographique : ${rows.length} collectivités chargées ou mises à jour en ${ms} ms.`);
    return { rows: rows.length, ms };
  }

  return {
    load,

    /** Loads the geographic code when it is missing or when the package's version changed since last time. */
    async ensure(log: (line: string) => void = () => {}): Promise<boolean> {
      const [current, stored, loaded] = await Promise.all([
        version(),
        store.getSetting(GEO_VERSION_SETTING),
        store.hasSource('cog'),
      ]);
      if (loaded && stored === current) return false;
      await load(log);
      return true;
    },

    /** Organisations by type (the load command's summary). */
    countByType: () => store.countByType(),
  };
}

export type GeographyService = ReturnType<typeof createGeographyService>;
