/**
 * Which body each imported row belongs to, decided once for the whole file before anything is written (so that a
 * dry run and the real run report the same bodies, and an ambiguous body stops the import before any change).
 *
 * Rules, in order:
 * 1. an identifier that passes its check digit finds the body by SIREN (the row's SIRET picks among bodies sharing
 *    it), then the code an earlier import gave the body, then, for départements and régions, their name (the type is
 *    inferred from the SIREN or the name when the file has no type column);
 * 2. otherwise (no body found, or an identifier failing its check digit) the bodies with the same normalised name are
 *    looked up, in the row's département when it is known (from a valid SIREN) or near the row's coordinates: one
 *    of them is an approximate match, named in the report; several, or a homonym with another valid SIREN, is an
 *    error unless homonyms are explicitly allowed;
 * 3. else a body is created (named in the report), once per code even if several rows name it.
 * A valid SIRET is kept on the matched body when it has none (its SIREN agreeing).
 */
import { foldText, importedBodyCode, luhnValid, validateSiret } from '../../organisations/index.ts';
import type { ImportIssue, ImportOrganisation } from '../model.ts';
import type { LibraryOrganisations, NameCandidate } from '../ports.ts';

/** The key of a row's body as the file describes it. */
export const orgKey = (o: ImportOrganisation) => `${o.siret ?? o.siren ?? ''}|${o.country}|${o.name}`;

/** A body named in the file: its first line and coordinates (for approximate matches). */
export interface FileBody {
  org: ImportOrganisation;
  line: number;
  latitude: number | null;
  longitude: number | null;
}

export type ResolutionKind = 'identifier' | 'approximate' | 'create' | 'same-as-created';

export interface Resolution {
  org: ImportOrganisation;
  line: number;
  kind: ResolutionKind;
  /** The existing body (null: created by the import, under `createCode`). */
  id: number | null;
  createCode: string | null;
  /** Approximate matches: the body's name and why the file's identifier was not used. */
  matchedName?: string;
  reason?: string;
  /** A valid SIRET of the file to keep on the body (it has none). */
  keepSiret: string | null;
}

export interface ResolutionReport {
  byKey: Map<string, Resolution>;
  errors: ImportIssue[];
}

/** « Département de … », « Conseil régional … »: the type of a row that has none. */
function inferredType(org: ImportOrganisation): ImportOrganisation['type'] {
  if (org.type) return org.type;
  const name = foldText(org.name);
  if (/^(conseil departemental|departement)\b/.test(name)) return 'departement';
  if (/^(conseil regional|region)\b/.test(name)) return 'region';
  if (org.siren && luhnValid(org.siren) && org.siren.startsWith('22')) return 'departement';
  return null;
}

/** The département of a public body from a valid SIREN (« 21 », « 22 », « 24 », « 25 » + département), or null. */
export function departementOfSiren(siren: string | null): string | null {
  if (!siren || !/^\d{9}$/.test(siren) || !luhnValid(siren)) return null;
  if (!/^2[1245]/.test(siren)) return null;
  const two = siren.slice(2, 4);
  if (two === '20') return null; // Corse: 2A or 2B
  if (two === '97') return siren.slice(2, 5);
  return two;
}

const R = 6371;
function kilometres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** Candidates within a département's reach of the row (50 km), nearest first. */
function nearby(body: FileBody, candidates: NameCandidate[]): NameCandidate[] {
  if (body.latitude == null || body.longitude == null) return [];
  const here = { lat: body.latitude, lon: body.longitude };
  return candidates
    .filter((c) => c.latitude != null && c.longitude != null)
    .map((c) => ({ c, d: kilometres(here, { lat: c.latitude!, lon: c.longitude! }) }))
    .filter((x) => x.d <= 50)
    .sort((a, b) => a.d - b.d)
    .map((x) => x.c);
}

export interface ResolveOptions {
  /** Create a body even when another one has the same name in the same département. */
  allowHomonyms: boolean;
}

/** Resolves every body of the file (reads only). */
export async function resolveOrganisations(
  bodies: Map<string, FileBody>,
  port: LibraryOrganisations,
  options: ResolveOptions,
): Promise<ResolutionReport> {
  const byKey = new Map<string, Resolution>();
  const errors: ImportIssue[] = [];
  const entries = [...bodies.entries()].map(([key, b]) => {
    const org = { ...b.org, type: inferredType(b.org) };
    const sirenValid = !!org.siren && luhnValid(org.siren);
    const siretValid = !!org.siret && validateSiret(org.siret).ok;
    // An identifier that fails its check digit is no identifier: it must not find (or make) a body of its own.
    const lookup: ImportOrganisation = sirenValid ? org : { ...org, siren: null, siret: null };
    return { key, body: b, org, lookup, sirenValid, siretValid };
  });
  // Rows with a valid identifier first: the body they name is the one a row with a wrong identifier should find.
  entries.sort((a, b) => Number(b.sirenValid) - Number(a.sirenValid));

  const found: (number | null)[] = [];
  for (let i = 0; i < entries.length; i += 500) {
    found.push(...(await port.matchMany(entries.slice(i, i + 500).map((e) => e.lookup))));
  }
  const summaries = await port.summaries(found.filter((id): id is number => id !== null));
  /** Bodies this import will create, by folded name (homonyms inside the file). */
  const planned = new Map<string, NameCandidate[]>();
  const createdCodes = new Map<string, string>();

  for (const [i, e] of entries.entries()) {
    const id = found[i] ?? null;
    const line = e.body.line;
    if (id !== null) {
      const s = summaries.get(id);
      const keep =
        e.siretValid && s && !s.siret && (!s.siren || s.siren === e.org.siret!.slice(0, 9)) ? e.org.siret : null;
      byKey.set(e.key, { org: e.org, line, kind: 'identifier', id, createCode: null, keepSiret: keep });
      continue;
    }
    let candidates: NameCandidate[] = [];
    if (e.org.country === 'FR') {
      const folded = foldText(e.org.name);
      const existing = await port.byName(e.org.name);
      candidates = [...existing, ...(planned.get(folded) ?? [])].filter((c) => c.country === e.org.country);
      const dep = e.sirenValid ? departementOfSiren(e.org.siren) : null;
      if (dep) candidates = candidates.filter((c) => !c.departementCode || c.departementCode === dep);
    }
    const reason = e.org.siret && !e.siretValid ? `SIRET ${e.org.siret} invalide (clé de contrôle)` : 'SIRET inconnu';
    if (candidates.length > 1) {
      const near = nearby(e.body, candidates);
      if (near.length) candidates = [near[0]!];
    }
    const homonym =
      candidates.length === 1 &&
      e.sirenValid &&
      !!candidates[0]!.siren &&
      candidates[0]!.siren !== e.org.siren &&
      candidates[0]!.id > 0;
    if (candidates.length === 1 && !homonym) {
      const c = candidates[0]!;
      if (c.id > 0) {
        byKey.set(e.key, {
          org: e.org,
          line,
          kind: 'approximate',
          id: c.id,
          createCode: null,
          matchedName: c.name,
          reason,
          keepSiret: null,
        });
      } else {
        byKey.set(e.key, {
          org: e.org,
          line,
          kind: 'same-as-created',
          id: null,
          createCode: c.code!,
          matchedName: c.name,
          reason,
          keepSiret: null,
        });
      }
      continue;
    }
    if (candidates.length && !options.allowHomonyms) {
      const names = candidates
        .slice(0, 5)
        .map((c) => `« ${c.name} »${c.departementCode ? ` (${c.departementCode})` : ''}`)
        .join(', ');
      errors.push({
        line,
        column: null,
        message: homonym
          ? `« ${e.org.name} » : une autre organisation porte ce nom dans ce département avec un autre SIREN (${names}). Corrigez le SIRET, ou autorisez explicitement les homonymes.`
          : `« ${e.org.name} » : ${candidates.length} organisations portent ce nom (${names}) et le fichier ne permet pas de choisir (${reason}). Corrigez le SIRET, ou autorisez explicitement les homonymes.`,
      });
      continue;
    }
    const code = importedBodyCode(e.lookup);
    const first = createdCodes.get(code);
    if (first) {
      byKey.set(e.key, { org: e.org, line, kind: 'same-as-created', id: null, createCode: code, keepSiret: null });
      continue;
    }
    createdCodes.set(code, e.key);
    byKey.set(e.key, { org: e.lookup, line, kind: 'create', id: null, createCode: code, keepSiret: null });
    const folded = foldText(e.org.name);
    const dep = e.sirenValid ? departementOfSiren(e.org.siren) : null;
    planned.set(folded, [
      ...(planned.get(folded) ?? []),
      {
        id: 0,
        code,
        name: e.org.name,
        country: e.org.country,
        siren: e.sirenValid ? e.org.siren : null,
        departementCode: dep,
        latitude: e.body.latitude,
        longitude: e.body.longitude,
      },
    ]);
  }
  return { byKey, errors };
}
