/**
 * The builder's section form: a group's title, presentation and display condition (which applies to every question of
 * the group). Posts to `${basePath}/groupes/<id>`; the condition is chosen from lists as in the element form, the
 * JSON field taking conditions the lists cannot build.
 */
import {
  Button,
  bindFields,
  ErrorSummary,
  PostForm,
  TextArea,
  TextInput,
} from '../../../../platform/ui/components.tsx';
import { conditionRows } from '../../builder.ts';
import type { Question, Section } from '../../model.ts';
import { advancedOpen, ConditionEditor } from './condition-editor.tsx';

export interface SectionFormProps {
  basePath: string;
  revision: number;
  section: Section;
  /** Questions placed before the group's first question (the only ones its condition may name). */
  earlier: Question[];
  errors?: Record<string, string>;
  form?: Record<string, unknown>;
}

export function SectionForm(props: SectionFormProps) {
  const { section, errors = {}, form } = props;
  const field = bindFields(form, errors);
  const rows = conditionRows(section.visibleIf);
  return (
    <>
      <h1>Modifier le groupe « {section.title ?? 'sans titre'} »</h1>
      <p class="lead">
        Un groupe rassemble des questions qui se suivent sur une page. S’il a une condition, ses questions ne sont
        posées que lorsqu’elle est remplie.
      </p>
      <ErrorSummary errors={errors} />
      <PostForm action={`${props.basePath}/groupes/${section.id}`}>
        <input type="hidden" name="_revision" value={String(props.revision)} />
        <button type="submit" class="visually-hidden" tabIndex={-1} aria-hidden="true">
          Enregistrer
        </button>
        <TextInput
          {...field('title', section.title ?? '')}
          label="Titre du groupe"
          hint="Affiché au-dessus de ses questions. Facultatif."
        />
        <TextArea
          {...field('description', section.description ?? '')}
          label="Présentation du groupe"
          hint="Facultative, sous le titre."
          rows={3}
        />
        <ConditionEditor earlier={props.earlier} rows={rows} field={field} form={form} />
        <details class="advanced-settings" open={advancedOpen(errors, rows)}>
          <summary>Réglages avancés</summary>
          <TextArea
            {...field('condition_json', rows ? '' : JSON.stringify(section.visibleIf, null, 2))}
            label="Condition écrite en JSON"
            hint='Remplace la condition choisie dans les listes si elle est remplie. Exemple : {"any": [{"question": "statut", "op": "equals", "value": "abandoned"}, {"all": [...]}]}'
            rows={4}
          />
        </details>
        <div class="actions">
          <Button>Enregistrer</Button>
          <a href={`${props.basePath}#groupe-${section.id}`}>Annuler</a>
        </div>
      </PostForm>
    </>
  );
}
