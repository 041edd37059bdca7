/**
 * A small Table Schema (frictionless) validator for CSV files: header names, required fields, enumerations and
 * types (string, number, integer, boolean, date). Enough to prove that our Interconnectés export validates against
 * their `schema.json`, and to check a file before importing it.
 *
 * Two options cover how the Interconnectés schema is used in practice:
 * - `columns: 'subset'`: the file may carry only some of the schema's fields (their public file has 16 of them);
 *   fields absent from the file are not checked, columns absent from the schema are errors;
 * - `listFields`: cells holding several enumerated values separated by a comma (their `Sous_Theme`, described as
 *   « un ou deux items »; their `Audience`); each item must belong to the enumeration.
 */
import { parseCsv } from './csv.ts';

export interface TableSchemaField {
  name: string;
  title?: string;
  type?: string;
  constraints?: { required?: boolean; enum?: readonly string[] };
}

export interface TableSchema {
  fields: readonly TableSchemaField[];
}

export interface TableIssue {
  line: number;
  column: string | null;
  message: string;
}

export interface TableValidationOptions {
  columns?: 'all' | 'subset';
  /** Field name -> separator of the items of a multi-valued cell. */
  listFields?: Readonly<Record<string, string>>;
}

function typeError(type: string | undefined, value: string): string | null {
  switch (type ?? 'string') {
    case 'string':
    case 'any':
      return null;
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) ? null : 'nombre attendu';
    case 'integer':
      return /^[+-]?\d+$/.test(value) ? null : 'entier attendu';
    case 'boolean':
      return /^(true|false|1|0)$/i.test(value) ? null : 'booléen attendu (true ou false)';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'date AAAA-MM-JJ attendue';
    default:
      return null;
  }
}

/** Validates CSV text against a Table Schema. Returns the issues (empty: valid). */
export function validateTable(
  schema: TableSchema,
  csvText: string,
  options: TableValidationOptions = {},
): TableIssue[] {
  const issues: TableIssue[] = [];
  const { records, errors } = parseCsv(csvText);
  for (const e of errors) issues.push({ line: e.line, column: null, message: e.message });
  const header = records[0];
  if (!header) return [{ line: 1, column: null, message: 'Fichier vide.' }];
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const columns = header.fields;
  for (const name of columns) {
    if (!byName.has(name)) issues.push({ line: header.line, column: name, message: 'Colonne absente du schéma.' });
  }
  if (new Set(columns).size !== columns.length) {
    issues.push({ line: header.line, column: null, message: 'Colonne en double.' });
  }
  if ((options.columns ?? 'all') === 'all') {
    for (const f of schema.fields) {
      if (!columns.includes(f.name)) issues.push({ line: header.line, column: f.name, message: 'Colonne manquante.' });
    }
  }
  for (const record of records.slice(1)) {
    if (record.fields.length !== columns.length) {
      issues.push({
        line: record.line,
        column: null,
        message: `${record.fields.length} valeurs pour ${columns.length} colonnes.`,
      });
      continue;
    }
    columns.forEach((name, i) => {
      const field = byName.get(name);
      if (!field) return;
      const value = record.fields[i]!;
      if (value === '') {
        if (field.constraints?.required)
          issues.push({ line: record.line, column: name, message: 'Valeur obligatoire.' });
        return;
      }
      const separator = options.listFields?.[name];
      const items = separator ? value.split(separator).map((v) => v.trim()) : [value];
      for (const item of items) {
        const error = typeError(field.type, item);
        if (error) issues.push({ line: record.line, column: name, message: `« ${item} » : ${error}.` });
        const allowed = field.constraints?.enum;
        if (allowed && !allowed.includes(item)) {
          issues.push({ line: record.line, column: name, message: `« ${item} » n’est pas une valeur autorisée.` });
        }
      }
    });
  }
  return issues;
}
