/**
 * The display-condition editor of the builder: for each row, the question is chosen from the questions placed
 * before, then the comparison and the answer from that question's own choices (« Oui / Non » for a yes/no
 * question). Without JavaScript it is a two-step form: « Afficher les réponses possibles » shows the form again with
 * the answers of the chosen questions, nothing saved. With JavaScript (client/condition-editor.ts), choosing a
 * question puts its comparisons and answers in place at once, from one `<template>` per question rendered here with
 * the same components (`__ROW__` standing for the row number), and the next row appears.
 */
import { Select, TextInput } from '../../../../platform/ui/components.tsx';
import { CONDITION_ROWS } from '../../builder.ts';
import { CONDITION_OP_LABELS, type Comparison, OPS_BY_TYPE, type Question } from '../../model.ts';

/** The island that enhances the editor (client/condition-editor.ts): pages that show the editor load it. */
export const CONDITION_EDITOR_SCRIPT = '/assets/condition-editor.js';

type Field = (name: string, current?: string) => { name: string; value: string; error?: string };

/** The value of a saved comparison as the form posts it (a yes/no answer as « oui » / « non »). */
function valueText(v: Comparison['value']): string {
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return String(v);
}

/** The answers a condition on this question may compare with, when they form a list. */
export function answerOptions(q: Question): { value: string; label: string }[] | null {
  if (q.type === 'yes_no')
    return [
      { value: 'oui', label: 'Oui' },
      { value: 'non', label: 'Non' },
    ];
  if ('choices' in q && Array.isArray(q.choices) && q.type !== 'ranking')
    return q.choices.map((c) => ({ value: c.code, label: c.label }));
  return null;
}

const VALUE_HINTS: Partial<Record<Question['type'], string>> = {
  number: 'Un nombre, par exemple 12 ou 3,5.',
  scale: 'Un nombre de l’échelle, par exemple 3.',
  date: 'Une date, par exemple 2025-03-31.',
};

export function ConditionEditor(props: {
  earlier: Question[];
  rows: { mode: 'all' | 'any'; rows: Comparison[] } | null;
  field: Field;
  form?: Record<string, unknown>;
}) {
  const { earlier, rows, field, form } = props;
  if (!rows)
    return (
      <fieldset class="field condition-editor">
        <legend>Condition d’affichage</legend>
        <p>
          Cette condition combine plusieurs groupes : elle ne se construit pas avec les listes. Modifiez-la dans les
          réglages avancés ci-dessous.
        </p>
      </fieldset>
    );
  const chosen = (i: number) =>
    form ? String(form[`condition_${i}_question`] ?? '').trim() : (rows.rows[i]?.question ?? '');
  const filled = Array.from({ length: CONDITION_ROWS }, (_, i) => i).filter((i) => chosen(i));
  const shown = Math.min(CONDITION_ROWS, (filled.length ? Math.max(...filled) + 1 : 0) + 1);
  /** The comparison and the answer fields of a row once its question is chosen. */
  const details = (target: Question, row: number | string, saved?: Comparison) => {
    const ops = OPS_BY_TYPE[target.type];
    const answers = answerOptions(target);
    const op = field(`condition_${row}_op`, saved?.op ?? ops[0] ?? '');
    const value = field(`condition_${row}_value`, valueText(saved?.value));
    return (
      <>
        <Select
          {...op}
          value={op.value || ops[0] || ''}
          label="comparaison"
          emptyLabel="—"
          options={ops.map((o) => ({ value: o, label: CONDITION_OP_LABELS[o] }))}
        />
        {answers ? (
          <Select {...value} label="réponse" emptyLabel="—" options={answers} />
        ) : (
          <TextInput
            {...value}
            label="valeur"
            hint={`${VALUE_HINTS[target.type] ?? 'Le texte attendu.'} Inutile pour « a une réponse » et « n’a pas de réponse ».`}
            width="medium"
          />
        )}
      </>
    );
  };
  return (
    <fieldset class="field condition-editor" data-condition-editor="">
      <legend>Condition d’affichage</legend>
      <p class="hint">
        Laissez vide pour toujours afficher. Choisissez une question placée avant, puis la réponse qui fait apparaître
        celle-ci.
      </p>
      <div data-condition-mode="" hidden={filled.length <= 1}>
        <Select
          {...field('condition_mode', rows.mode)}
          label="Combinaison"
          emptyLabel="— Toutes les conditions —"
          options={[
            { value: 'all', label: 'Toutes les conditions (et)' },
            { value: 'any', label: 'Au moins une condition (ou)' },
          ]}
        />
      </div>
      {Array.from({ length: CONDITION_ROWS }, (_, i) => {
        const row = rows.rows[i];
        const target = earlier.find((q) => q.id === chosen(i));
        return (
          <div class="condition-row" data-condition-row={String(i)} hidden={i >= shown}>
            <Select
              {...field(`condition_${i}_question`, row?.question ?? '')}
              label={`Condition ${i + 1} : question`}
              emptyLabel="— Aucune —"
              options={earlier.map((x) => ({ value: x.id, label: x.label }))}
            />
            <div data-condition-details="">{target && details(target, i, row)}</div>
          </div>
        );
      })}
      {earlier.map((q) => (
        <template data-condition-for={q.id}>{details(q, '__ROW__')}</template>
      ))}
      {earlier.length > 0 ? (
        <button
          type="submit"
          name="_step"
          value="condition"
          class="button button-secondary"
          formnovalidate
          data-condition-step=""
        >
          Afficher les réponses possibles
        </button>
      ) : (
        <p class="meta">Aucune question n’est placée avant celle-ci : pas de condition possible.</p>
      )}
    </fieldset>
  );
}

/** The advanced settings open when they hold something to fix or a condition the lists cannot show. */
export function advancedOpen(errors: Record<string, string>, rows: unknown): boolean {
  return !rows || !!errors.id || !!errors.condition_json;
}
