/**
 * The official geographic code (INSEE COG, DGCL EPCI list) as organisation rows, read from the JSON files of
 * `@etalab/decoupage-administratif`. The package's main entry reads its data relative to the working directory,
 * so the files are located through the package's own `package.json` and read directly.
 *
 * Choices (documented because they change counts):
 * - Communes: current communes only (`commune-actuelle`). Delegated and associated communes (former communes
 *   merged into a « commune nouvelle ») and the municipal arrondissements of Paris, Lyon and Marseille are not
 *   authorities of their own and are skipped. Communes of the overseas collectivities (Polynésie française,
 *   Nouvelle-Calédonie, Saint-Pierre-et-Miquelon, Wallis-et-Futuna…) are kept: they are communes with a mayor;
 *   they have no département/région row here, so their parent codes are null.
 * - EPCI: every EPCI à fiscalité propre (métropoles incl. the Métropole de Lyon, CU, CA, CC) plus the
 *   établissements publics territoriaux of the Grand Paris (type `epci`). Their SIREN is their code.
 *   Their département/région is the one holding most of their members' population.
 * - Départements and régions: the 101 départements and 18 régions (metropolitan and overseas). The package also
 *   lists the overseas collectivities (975, 977, 978, 984, 986–989) as pseudo-départements/régions: skipped.
 *   Their SIREN is not in the package (null). Their population is the sum of their communes'.
 * - Postcodes: only communes carry postcodes (an EPCI is found by name or SIREN, not by its members' postcodes).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OrganisationType } from './model.ts';

export interface GeoOrganisation {
  /** Stable code: 'commune:75056', 'epci:200046977', 'departement:75', 'region:11'. */
  code: string;
  name: string;
  type: OrganisationType;
  /** INSEE code (commune, département, région); for an EPCI, its SIREN (INSEE identifies EPCI by SIREN). */
  inseeCode: string;
  siren: string | null;
  population: number | null;
  departementCode: string | null;
  regionCode: string | null;
  postcodes: string[];
  /** For a commune: the code of the EPCI à fiscalité propre it belongs to ('epci:…'), when any. */
  epciCode: string | null;
}

// Shapes of the package's JSON files (only the fields we read).
export interface RawCommune {
  code: string;
  nom: string;
  type: string;
  zone?: string;
  departement?: string;
  region?: string;
  siren?: string;
  population?: number;
  codesPostaux?: string[];
}
export interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  populationTotale?: number;
  membres: { code: string; siren?: string; nom: string; populationMunicipale?: number }[];
}
export interface RawDepartement {
  code: string;
  nom: string;
  region: string;
  zone?: string;
}
export interface RawRegion {
  code: string;
  nom: string;
  zone?: string;
}
export interface RawGeography {
  communes: RawCommune[];
  epci: RawEpci[];
  ept: RawEpci[];
  departements: RawDepartement[];
  regions: RawRegion[];
}

const EPCI_TYPES: Record<string, OrganisationType> = {
  METRO: 'metropole',
  MET69: 'metropole',
  CU: 'communaute_urbaine',
  CA: 'communaute_agglomeration',
  CC: 'communaute_communes',
};

/** Zones of the package kept as départements/régions: metropolitan France and the five DROM. */
const DEPARTEMENT_ZONES = new Set(['metro', 'drom']);

/** The folder holding the package's JSON files. */
export function decoupageDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');
}

/** Reads the package's files (in parallel) and returns the raw arrays. */
export async function readRawGeography(dir: string = decoupageDataDir()): Promise<RawGeography> {
  const read = async <T>(name: string): Promise<T> => {
    const path = join(dir, `${name}.json`);
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch (err) {
      throw new Error(`Lecture du code géographique impossible (${path}) : ${(err as Error).message}`);
    }
  };
  const [communes, epci, ept, departements, regions] = await Promise.all([
    read<RawCommune[]>('communes'),
    read<RawEpci[]>('epci'),
    read<RawEpci[]>('ept'),
    read<RawDepartement[]>('departements'),
    read<RawRegion[]>('regions'),
  ]);
  return { communes, epci, ept, departements, regions };
}

/** Turns the raw files into organisation rows (pure). Order: régions, départements, EPCI, communes. */
export function buildGeography(raw: RawGeography): GeoOrganisation[] {
  const regions = raw.regions.filter((r) => DEPARTEMENT_ZONES.has(r.zone ?? 'metro'));
  const departements = raw.departements.filter((d) => DEPARTEMENT_ZONES.has(d.zone ?? 'metro'));
  const departementCodes = new Set(departements.map((d) => d.code));
  const regionOfDepartement = new Map(departements.map((d) => [d.code, d.region]));

  const communes = raw.communes.filter((c) => c.type === 'commune-actuelle');
  const departementOfCommune = new Map<string, string>();
  const populationOfDepartement = new Map<string, number>();
  for (const c of communes) {
    if (!c.departement || !departementCodes.has(c.departement)) continue;
    departementOfCommune.set(c.code, c.departement);
    populationOfDepartement.set(c.departement, (populationOfDepartement.get(c.departement) ?? 0) + (c.population ?? 0));
  }
  const populationOfRegion = new Map<string, number>();
  for (const [dep, pop] of populationOfDepartement) {
    const reg = regionOfDepartement.get(dep);
    if (reg) populationOfRegion.set(reg, (populationOfRegion.get(reg) ?? 0) + pop);
  }

  const out: GeoOrganisation[] = [];
  for (const r of regions) {
    out.push({
      code: `region:${r.code}`,
      name: r.nom,
      type: 'region',
      inseeCode: r.code,
      siren: null,
      population: populationOfRegion.get(r.code) ?? null,
      departementCode: null,
      regionCode: r.code,
      postcodes: [],
      epciCode: null,
    });
  }
  for (const d of departements) {
    out.push({
      code: `departement:${d.code}`,
      name: d.nom,
      type: 'departement',
      inseeCode: d.code,
      siren: null,
      population: populationOfDepartement.get(d.code) ?? null,
      departementCode: d.code,
      regionCode: d.region,
      postcodes: [],
      epciCode: null,
    });
  }

  const epciOfCommune = new Map<string, string>();
  const addEpci = (e: RawEpci, type: OrganisationType, fiscal: boolean) => {
    // Département holding most of the members' population.
    const weight = new Map<string, number>();
    for (const m of e.membres) {
      if (fiscal) epciOfCommune.set(m.code, `epci:${e.code}`);
      const dep = departementOfCommune.get(m.code);
      if (dep) weight.set(dep, (weight.get(dep) ?? 0) + (m.populationMunicipale ?? 0) + 1);
    }
    let dep: string | null = null;
    let best = -1;
    for (const [d, w] of weight) {
      if (w > best) {
        best = w;
        dep = d;
      }
    }
    out.push({
      code: `epci:${e.code}`,
      name: e.nom,
      type,
      inseeCode: e.code,
      siren: e.code,
      population: e.populationMunicipale ?? null,
      departementCode: dep,
      regionCode: dep ? (regionOfDepartement.get(dep) ?? null) : null,
      postcodes: [],
      epciCode: null,
    });
  };
  for (const e of raw.epci) addEpci(e, EPCI_TYPES[e.type] ?? 'epci', true);
  // The EPT's members also belong to the Métropole du Grand Paris: keep that (fiscal) link for communes.
  for (const e of raw.ept) addEpci(e, 'epci', false);

  for (const c of communes) {
    const dep = departementOfCommune.get(c.code) ?? null;
    out.push({
      code: `commune:${c.code}`,
      name: c.nom,
      type: 'commune',
      inseeCode: c.code,
      siren: c.siren ?? null,
      population: c.population ?? null,
      departementCode: dep,
      regionCode: dep ? (regionOfDepartement.get(dep) ?? null) : null,
      postcodes: [...new Set(c.codesPostaux ?? [])].sort(),
      epciCode: epciOfCommune.get(c.code) ?? null,
    });
  }
  return out;
}

/** Loads every authority of the geographic code (≈36k rows; well under a second on a laptop). */
export async function loadGeography(dir?: string): Promise<GeoOrganisation[]> {
  return buildGeography(await readRawGeography(dir));
}

/** The package's name and version (« decoupage-administratif@6.0.0 »): a new version means a new millésime. */
export async function geographyVersion(dir: string = decoupageDataDir()): Promise<string> {
  const pkg = JSON.parse(await readFile(join(dirname(dir), 'package.json'), 'utf8')) as { version: string };
  return `decoupage-administratif@${pkg.version}`;
}
