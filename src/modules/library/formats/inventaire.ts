/**
 * The inventory of public algorithms (CRPA L312-1-3: online publication of the rules of the main algorithmic
 * processes that ground individual decisions), in the layout Etalab proposes in its practical sheet « l'inventaire
 * des principaux traitements algorithmiques » (guides.etalab.gouv.fr/algorithmes/inventaire, version of 11 February
 * 2021): information on the administration, on the algorithm and the decision, on the decision's impact, on the
 * algorithm's inner working. Each column says which of our fields feeds it; a column we do not collect (the
 * department carrying the project) is kept empty rather than invented. We add three columns of our own, at the end:
 * the authority's SIREN, the AI Act category and the address of the sheet.
 *
 * The rows are built from sheets as the presenter shows them: to a visitor, only public fields; a field reserved to
 * the network's members (contact, data sources…) is empty in the public file.
 */
import { type CsvValue, calendarDate } from '../../../platform/export/csv.ts';
import { type ContentKey, fieldDef, type UseCaseContent } from '../fields.ts';
import { displayValue, type PresentedUseCase } from '../model.ts';

/** One column of the inventory: its heading (Etalab's wording), its section, and how a sheet fills it. */
export interface InventoryColumn {
  label: string;
  section: 'administration' | 'décision' | 'impact' | 'fonctionnement' | 'bibliothèque';
  width: number;
  value(useCase: PresentedUseCase, url: string): CsvValue;
}

/** The display value of one or several fields of the sheet, joined by a blank line ('' when all are empty). */
function fields(c: Partial<UseCaseContent>, ...keys: ContentKey[]): string {
  return keys
    .map((k) => displayValue(fieldDef(k), c[k]))
    .filter((v) => v !== '')
    .join('\n\n');
}

/** The inventory's columns, in Etalab's order, then ours. */
export const INVENTORY_COLUMNS: readonly InventoryColumn[] = [
  // Informations sur l'administration
  {
    label: "Nom de l'administration concernée",
    section: 'administration',
    width: 32,
    value: (s) => s.organisation.name,
  },
  { label: 'Direction/service porteur', section: 'administration', width: 20, value: () => '' },
  {
    label: "Contact au sein de l'administration concernée",
    section: 'administration',
    width: 28,
    value: (s) => [s.content.contactName, s.content.contactEmail].filter(Boolean).join(' — '),
  },
  {
    label: 'Date de mise à jour des informations',
    section: 'administration',
    width: 14,
    value: (s) => calendarDate(s.content.infoUpdatedOn ?? s.updatedAt.slice(0, 10)),
  },
  // Informations métier sur l'algorithme et la décision prise
  {
    label: "Nom de l'algorithme",
    section: 'décision',
    width: 32,
    value: (s) => s.content.algorithmName || s.content.title || '',
  },
  { label: 'Contexte global', section: 'décision', width: 50, value: (s) => fields(s.content, 'description') },
  { label: "Finalité de l'algorithme", section: 'décision', width: 40, value: (s) => fields(s.content, 'goal') },
  {
    label: "Comment et quand l'algorithme intervient-il dans la prise de décision ?",
    section: 'décision',
    width: 40,
    value: (s) => fields(s.content, 'algorithmDescription', 'humanOversight'),
  },
  {
    label: "Niveau d'automatisation de la décision",
    section: 'décision',
    width: 24,
    value: (s) => fields(s.content, 'automationLevel'),
  },
  { label: 'Fondements juridiques', section: 'décision', width: 32, value: (s) => fields(s.content, 'legalBasis') },
  {
    label: 'Ressources connexes (décision)',
    section: 'décision',
    width: 28,
    value: (s) => fields(s.content, 'serviceUrl'),
  },
  // Informations sur l'impact de la décision
  {
    label: 'Nombre de décisions administratives prises par an',
    section: 'impact',
    width: 14,
    value: (s) => s.content.decisionsPerYear ?? null,
  },
  { label: 'Portée de la décision', section: 'impact', width: 32, value: (s) => fields(s.content, 'decisionScope') },
  {
    label: 'Public concerné par la décision',
    section: 'impact',
    width: 32,
    value: (s) => fields(s.content, 'affectedPublic', 'audiences'),
  },
  // Informations sur le fonctionnement interne de l'algorithme
  {
    label: 'Données traitées',
    section: 'fonctionnement',
    width: 40,
    value: (s) => fields(s.content, 'dataSourceDetails', 'datasets'),
  },
  {
    label: 'Source des données traitées',
    section: 'fonctionnement',
    width: 28,
    value: (s) => fields(s.content, 'dataSources'),
  },
  {
    label: 'Mode de collecte des données traitées',
    section: 'fonctionnement',
    width: 28,
    value: (s) => fields(s.content, 'dataAccess'),
  },
  { label: "Type d'algorithme", section: 'fonctionnement', width: 28, value: (s) => fields(s.content, 'techniques') },
  {
    label: "Opérations effectuées par l'algorithme",
    section: 'fonctionnement',
    width: 40,
    value: (s) => fields(s.content, 'algorithmOperations'),
  },
  {
    label: 'Ressources connexes (fonctionnement)',
    section: 'fonctionnement',
    width: 28,
    value: (s) => fields(s.content, 'sourceCodeUrl', 'resourcesUrl'),
  },
  // Our own columns
  { label: "SIREN de l'administration", section: 'bibliothèque', width: 12, value: (s) => s.organisation.siren ?? '' },
  {
    label: 'Catégorie de risque (règlement européen sur l’IA)',
    section: 'bibliothèque',
    width: 24,
    value: (s) => fields(s.content, 'aiActRiskCategory'),
  },
  { label: 'Fiche dans la bibliothèque', section: 'bibliothèque', width: 40, value: (_s, url) => url },
];

/** The inventory's heading row. */
export function inventoryHeader(): string[] {
  return INVENTORY_COLUMNS.map((c) => c.label);
}

/** One sheet as a row of the inventory. */
export function inventoryRow(useCase: PresentedUseCase, url: string): CsvValue[] {
  return INVENTORY_COLUMNS.map((c) => c.value(useCase, url));
}

/** A SIREN as given on the command line or in the query string: nine digits (spaces allowed), else null. */
export function parseSiren(text: string): string | null {
  const digits = text.replace(/\s+/g, '');
  return /^\d{9}$/.test(digits) ? digits : null;
}
