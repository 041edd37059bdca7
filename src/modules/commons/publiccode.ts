/**
 * Reading a publiccode.yml file (the metadata standard for public-sector software) into a commons entry: pure code,
 * no I/O. Parsed with the `yaml` package (aliases limited, YAML 1.2 core schema); refused with one French message
 * naming the problem (not YAML, over 1 MB, nested too deep, a required key missing or wrong); what is read is mapped
 * onto the entry's fields and every other key is reported as not mapped.
 */
import { parseDocument } from 'yaml';
import { type CommonsStatus, type Contact, LIMITS, linkProblem } from './model.ts';
import { spdxIdentifier } from './spdx.ts';

export const MAX_PUBLICCODE_BYTES = 1024 * 1024;
export const MAX_DEPTH = 20;
const REQUIRED = ['publiccodeYmlVersion', 'name', 'url'] as const;
/** Description languages, in the order we take them: French first, then Italian (the standard's origin), English. */
const LANGUAGES = ['fr', 'it', 'en'];

const STATUS_OF: Record<string, CommonsStatus> = {
  concept: 'idea',
  development: 'building',
  beta: 'building',
  stable: 'available',
  obsolete: 'archived',
};

export interface PubliccodeEntry {
  name: string;
  summary: string;
  status: CommonsStatus;
  licence: string | null;
  repositoryUrl: string;
  downloadUrl: string | null;
  documentationUrl: string | null;
  contacts: Contact[];
}

export interface PubliccodeReading {
  entry: PubliccodeEntry;
  /** Keys (dotted paths) whose value was used. */
  mapped: string[];
  /** What was not used, each with why when there is a reason (« legal.repoOwner : … »). */
  notMapped: string[];
}

export class PubliccodeError extends Error {
  constructor(
    message: string,
    readonly key: string | null = null,
  ) {
    super(message);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function depthOf(v: unknown, limit: number, depth = 0): number {
  if (depth > limit) return depth;
  if (Array.isArray(v)) return Math.max(depth, ...v.map((x) => depthOf(x, limit, depth + 1)));
  if (isObject(v)) return Math.max(depth, ...Object.values(v).map((x) => depthOf(x, limit, depth + 1)));
  return depth;
}

/** Every leaf key path of a value (« description.en.features »), for the report. */
function leafPaths(v: unknown, prefix: string): string[] {
  if (isObject(v)) {
    const keys = Object.keys(v);
    return keys.length ? keys.flatMap((k) => leafPaths(v[k], prefix ? `${prefix}.${k}` : k)) : [prefix];
  }
  return [prefix];
}

/** Reads the bytes (or text) of a publiccode.yml file, or throws a PubliccodeError with a French message. */
export function readPubliccode(input: string | Buffer): PubliccodeReading {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size === 0) throw new PubliccodeError('Le fichier publiccode.yml est vide.');
  if (size > MAX_PUBLICCODE_BYTES)
    throw new PubliccodeError(
      `Le fichier publiccode.yml pèse ${(size / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo : 1 Mo au plus est accepté.`,
    );
  const buffer = typeof input === 'string' ? Buffer.from(input) : input;
  if (buffer.includes(0))
    throw new PubliccodeError('Ce fichier contient des caractères nuls : ce n’est pas un fichier YAML en texte.');
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const where = e.linePos?.[0] ? ` (ligne ${e.linePos[0].line}, colonne ${e.linePos[0].col})` : '';
    const detail = e.code === 'DUPLICATE_KEY' ? 'une clé apparaît deux fois' : 'la syntaxe n’est pas reconnue';
    throw new PubliccodeError(`Ce fichier n’est pas du YAML valide${where} : ${detail}.`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    throw new PubliccodeError('Ce fichier YAML utilise trop d’alias (références « * ») : il n’est pas accepté.');
  }
  if (!isObject(data))
    throw new PubliccodeError(
      'Ce fichier YAML ne décrit pas un logiciel : il doit commencer par des clés (publiccodeYmlVersion, name, url…).',
    );
  if (depthOf(data, MAX_DEPTH) > MAX_DEPTH)
    throw new PubliccodeError(`Ce fichier YAML est imbriqué sur plus de ${MAX_DEPTH} niveaux : il n’est pas accepté.`);
  for (const key of REQUIRED)
    if (data[key] === undefined || data[key] === null || data[key] === '')
      throw new PubliccodeError(`La clé obligatoire « ${key} » manque dans le fichier publiccode.yml.`, key);
  const name = str(data.name);
  if (!name) throw new PubliccodeError('La clé « name » doit être un texte (le nom du logiciel).', 'name');
  if (name.length > LIMITS.name)
    throw new PubliccodeError(`La clé « name » dépasse ${LIMITS.name} caractères.`, 'name');
  const url = str(data.url);
  const urlProblem = url ? linkProblem('La clé « url »', url) : 'La clé « url » doit être une adresse.';
  if (urlProblem) throw new PubliccodeError(urlProblem, 'url');

  const mapped = ['publiccodeYmlVersion', 'name', 'url'];
  const notMapped: string[] = [];
  const used = new Set(mapped);

  // Description: French first, then Italian, English, then any language given.
  const descriptions = isObject(data.description) ? data.description : {};
  const language =
    LANGUAGES.find((l) => isObject(descriptions[l])) ??
    Object.keys(descriptions).find((l) => isObject(descriptions[l]));
  let summary = '';
  let documentationUrl: string | null = null;
  if (language) {
    const d = descriptions[language] as Record<string, Json>;
    const long = str(d.longDescription);
    const short = str(d.shortDescription);
    summary = long ?? short ?? '';
    if (long) mapped.push(`description.${language}.longDescription`);
    else if (short) mapped.push(`description.${language}.shortDescription`);
    if (long && short) notMapped.push(`description.${language}.shortDescription : la description longue est reprise`);
    const doc = str(d.documentation);
    if (doc && !linkProblem('Documentation', doc)) {
      documentationUrl = doc;
      mapped.push(`description.${language}.documentation`);
    }
    for (const p of leafPaths(descriptions, 'description'))
      if (!mapped.includes(p) && !notMapped.some((n) => n.startsWith(`${p} `))) notMapped.push(p);
  }
  used.add('description');
  if (!summary) {
    summary = `${name} : logiciel décrit par son fichier publiccode.yml, sans description.`;
    notMapped.push('description : absente, un résumé par défaut est écrit');
  }
  if (summary.length > LIMITS.summary) {
    summary = `${summary.slice(0, LIMITS.summary - 1)}…`;
    notMapped.push(`description : coupée à ${LIMITS.summary} caractères`);
  }

  let downloadUrl: string | null = null;
  const landing = str(data.landingURL);
  used.add('landingURL');
  if (landing && !linkProblem('landingURL', landing)) {
    if (!documentationUrl) {
      documentationUrl = landing;
      mapped.push('landingURL');
    } else {
      downloadUrl = landing;
      mapped.push('landingURL');
    }
  } else if (landing) notMapped.push('landingURL : ce n’est pas une adresse http(s)');

  // Licence: an SPDX identifier we list; an expression (« MIT OR Apache-2.0 ») is reported.
  const legal = isObject(data.legal) ? data.legal : {};
  used.add('legal');
  let licence: string | null = null;
  const licenceText = str(legal.license);
  if (licenceText) {
    licence = spdxIdentifier(licenceText);
    if (licence) mapped.push('legal.license');
    else
      notMapped.push(
        `legal.license : « ${licenceText.slice(0, 80)} » n’est pas un identifiant SPDX seul que nous connaissons`,
      );
  }
  for (const k of Object.keys(legal))
    if (k !== 'license')
      notMapped.push(
        k === 'repoOwner' || k === 'mainCopyrightOwner'
          ? `legal.${k} : « ${String(legal[k]).slice(0, 80)} » (indiquez l’organisme mainteneur dans le formulaire)`
          : `legal.${k}`,
      );

  // Status: developmentStatus, then « maintenu » for stable software with internal, contract or community upkeep.
  used.add('developmentStatus');
  const development = str(data.developmentStatus);
  let status: CommonsStatus = 'available';
  if (development && STATUS_OF[development]) {
    status = STATUS_OF[development]!;
    mapped.push('developmentStatus');
  } else
    notMapped.push(
      development
        ? `developmentStatus : « ${development.slice(0, 40)} » inconnu, statut « disponible » retenu`
        : 'developmentStatus : absent, statut « disponible » retenu',
    );

  used.add('maintenance');
  const maintenance = isObject(data.maintenance) ? data.maintenance : {};
  const upkeep = str(maintenance.type);
  if (upkeep && status === 'available' && ['internal', 'contract', 'community'].includes(upkeep)) {
    status = 'maintained';
    mapped.push('maintenance.type');
  } else if (upkeep) notMapped.push('maintenance.type');
  const contacts: Contact[] = [];
  if (Array.isArray(maintenance.contacts)) {
    for (const c of maintenance.contacts.slice(0, 20))
      if (isObject(c) && str(c.name))
        contacts.push({ name: str(c.name)!.slice(0, 200), email: str(c.email)?.slice(0, 200) ?? null });
    if (contacts.length) mapped.push('maintenance.contacts');
  }
  for (const k of Object.keys(maintenance)) if (k !== 'type' && k !== 'contacts') notMapped.push(`maintenance.${k}`);

  used.add('softwareType');
  if (str(data.softwareType)) mapped.push('softwareType');

  for (const k of Object.keys(data)) if (!used.has(k)) notMapped.push(...leafPaths(data[k], k));

  return {
    entry: {
      name,
      summary,
      status,
      licence,
      repositoryUrl: url!,
      downloadUrl,
      documentationUrl,
      contacts,
    },
    mapped,
    notMapped,
  };
}
