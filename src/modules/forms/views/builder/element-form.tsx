/** The builder's forms: one element (question or information block, its condition) and one page. */
import {
  Button,
  bindFields,
  ChoiceGroup,
  ErrorSummary,
  PostForm,
  Select,
  TextArea,
  TextInput,
} from '../../../../platform/ui/components.tsx';
import { choiceLines, conditionRows } from '../../builder.ts';
import { type Element, isQuestion, QUESTION_TYPE_LABELS, type Question, type QuestionType } from '../../model.ts';
import { advancedOpen, ConditionEditor } from './condition-editor.tsx';

/** The page form of the builder: title and introduction; posts to `${basePath}/pages/<id>`. */
export function PageForm(props: {
  basePath: string;
  revision: number;
  page: { id: string; title: string; description?: string };
  errors?: Record<string, string>;
}) {
  return (
    <>
      <h1>Modifier la page « {props.page.title} »</h1>
      <ErrorSummary errors={props.errors} />
      <PostForm action={`${props.basePath}/pages/${props.page.id}`}>
        <input type="hidden" name="_revision" value={String(props.revision)} />
        <TextInput
          name="title"
          label="Titre de la page"
          value={props.page.title}
          required
          error={props.errors?.title}
        />
        <TextArea name="description" label="Introduction de la page" value={props.page.description ?? ''} />
        <div class="actions">
          <Button>Enregistrer</Button>
          <a href={props.basePath}>Annuler</a>
        </div>
      </PostForm>
    </>
  );
}

const FILE_TYPES = [
  { value: 'application/pdf', label: 'PDF' },
  { value: 'image/*', label: 'Images (PNG, JPEG…)' },
  { value: 'application/vnd.oasis.opendocument.text', label: 'Texte OpenDocument (ODT)' },
  { value: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)' },
  { value: 'application/vnd.oasis.opendocument.spreadsheet', label: 'Tableur OpenDocument (ODS)' },
  { value: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (XLSX)' },
  { value: 'text/csv', label: 'CSV' },
];

export interface ElementFormProps {
  /** The draft's builder URL: the form posts to `${basePath}/elements/<id>`. */
  basePath: string;
  revision: number;
  element: Element;
  /** Questions placed before this element (the only ones a condition may name). */
  earlier: Question[];
  /**
   * The fields a question may fill in the consumer's records (`libraryField`, e.g. the library's use-case fields);
   * without them, the choice is not offered.
   */
  libraryFields?: { value: string; label: string }[];
  errors?: Record<string, string>;
  /** The raw form on a failed save, to show back what was typed. */
  form?: Record<string, unknown>;
}

export function ElementForm(props: ElementFormProps) {
  const { element: e, errors = {}, form } = props;
  const type: QuestionType | 'info' = e.type;
  const field = bindFields(form, errors);
  const q = isQuestion(e) ? e : null;
  const rows = conditionRows(e.visibleIf);
  return (
    <>
      <h1>{e.type === 'info' ? 'Bloc d’information' : `Question : ${QUESTION_TYPE_LABELS[e.type]}`}</h1>
      <ErrorSummary errors={errors} />
      <PostForm action={`${props.basePath}/elements/${e.id}`}>
        <input type="hidden" name="_revision" value={String(props.revision)} />
        {/* Enter in a field saves (the first submit button is the default one), not « Afficher les réponses possibles ». */}
        <button type="submit" class="visually-hidden" tabIndex={-1} aria-hidden="true">
          Enregistrer
        </button>
        {e.type === 'info' ? (
          <>
            <TextInput {...field('title', e.title ?? '')} label="Titre du bloc" />
            <TextArea
              {...field('paragraphs', e.paragraphs.join('\n\n'))}
              label="Texte"
              hint="Séparez les paragraphes par une ligne vide. Pas de mise en forme."
              rows={8}
            />
          </>
        ) : (
          <>
            <TextArea {...field('label', q!.label)} label="Libellé de la question" required rows={2} />
            <TextArea
              {...field('hint', q!.hint ?? '')}
              label="Aide"
              hint="Une phrase qui aide à répondre, affichée sous le libellé."
              rows={2}
            />
            <Checkbox name="required" label="Réponse obligatoire" checked={form ? !!form.required : !!q!.required} />
            <Checkbox
              name="restricted"
              label="Réservée aux coordinateurs (masquée des résultats publics)"
              checked={form ? !!form.restricted : !!q!.restricted}
            />
            <Checkbox
              name="publicText"
              label="Réponses écrites publiables dans les résultats publics (sinon montrées aux seuls coordinateurs : elles peuvent nommer quelqu’un)"
              checked={form ? !!form.publicText : !!q!.publicText}
            />
            {props.libraryFields && (
              <Select
                {...field('libraryField', q!.libraryField ?? '')}
                label="Champ de la fiche de la bibliothèque alimenté par cette question"
                hint="Pour les recensements qui créent des fiches : la réponse remplit ce champ du brouillon."
                emptyLabel="— Aucun —"
                options={props.libraryFields}
              />
            )}
            <TypeFields type={type as QuestionType} question={q!} errors={errors} form={form} />
          </>
        )}
        <ConditionEditor earlier={props.earlier} rows={rows} field={field} form={form} />
        <details class="advanced-settings" open={advancedOpen(errors, rows)}>
          <summary>Réglages avancés</summary>
          <p class="hint">
            Ces réglages servent rarement : le code de la question relie ses réponses d’une version du questionnaire à
            l’autre et nomme sa colonne dans les exports ; la condition écrite en JSON permet des conditions imbriquées
            que les listes ci-dessus ne savent pas construire.
          </p>
          <TextInput
            {...field('id', e.id)}
            label="Code de la question dans les exports"
            hint="Une lettre d’abord, puis des lettres sans accent (minuscules ou majuscules), des chiffres et _. Ne le changez plus après la première campagne : les réponses déjà reçues ne seraient plus rapprochées."
            required
            width="medium"
          />
          <TextArea
            {...field('condition_json', rows ? '' : JSON.stringify(e.visibleIf, null, 2))}
            label="Condition écrite en JSON"
            hint='Remplace la condition choisie dans les listes si elle est remplie. Exemple : {"any": [{"question": "statut", "op": "equals", "value": "abandoned"}, {"all": [...]}]}'
            rows={4}
          />
        </details>
        <div class="actions">
          <Button>Enregistrer</Button>
          <a href={`${props.basePath}#element-${e.id}`}>Annuler</a>
        </div>
      </PostForm>
    </>
  );
}

function Checkbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field choice">
      <input type="checkbox" id={`champ-${name}`} name={name} value="on" checked={checked} />
      <label for={`champ-${name}`}>{label}</label>
    </div>
  );
}

function TypeFields({
  type,
  question,
  errors,
  form,
}: {
  type: QuestionType;
  question: Question;
  errors: Record<string, string>;
  form?: Record<string, unknown>;
}) {
  const field = bindFields(form, errors);
  const v = question.validation ?? {};
  const num = (n: number | undefined) => (n === undefined ? '' : String(n).replace('.', ','));
  switch (type) {
    case 'short_text':
    case 'long_text':
    case 'email':
    case 'url':
      return (
        <>
          <TextInput
            {...field('validation_minLength', num(v.minLength))}
            label="Longueur minimale (caractères)"
            width="short"
            inputmode="numeric"
          />
          <TextInput
            {...field('validation_maxLength', num(v.maxLength))}
            label="Longueur maximale (caractères)"
            width="short"
            inputmode="numeric"
          />
          {(type === 'short_text' || type === 'long_text') && (
            <>
              <TextInput
                {...field('validation_pattern', v.pattern ?? '')}
                label="Format attendu (expression régulière)"
                hint="La réponse entière doit correspondre, par exemple [0-9]{5} pour un code postal."
                width="medium"
              />
              <TextInput
                {...field('validation_patternMessage', v.patternMessage ?? '')}
                label="Message si le format n’est pas respecté"
              />
            </>
          )}
        </>
      );
    case 'number':
      return (
        <>
          <TextInput
            {...field('validation_min', num(v.min))}
            label="Valeur minimale"
            width="short"
            inputmode="decimal"
          />
          <TextInput
            {...field('validation_max', num(v.max))}
            label="Valeur maximale"
            width="short"
            inputmode="decimal"
          />
        </>
      );
    case 'date':
      return (
        <Select
          {...field('precision', question.type === 'date' ? (question.precision ?? 'day') : 'day')}
          label="Précision"
          options={[
            { value: 'day', label: 'Jour (JJ/MM/AAAA)' },
            { value: 'month', label: 'Mois (MM/AAAA)' },
          ]}
        />
      );
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice': {
      const qq = question as Extract<Question, { choices: unknown }> & {
        allowOther?: boolean;
        otherLabel?: string;
        minChoices?: number;
        maxChoices?: number;
      };
      return (
        <>
          <TextArea
            {...field('choices', choiceLines(qq.choices))}
            label="Choix"
            hint="Un choix par ligne, sous la forme « code | Libellé » (le code est déduit du libellé s’il manque). Gardez les codes d’une version à l’autre."
            rows={8}
          />
          <Checkbox
            name="allowOther"
            label="Proposer « Autre, précisez »"
            checked={form ? !!form.allowOther : !!qq.allowOther}
          />
          <TextInput
            {...field('otherLabel', qq.otherLabel ?? '')}
            label="Libellé de l’option « Autre »"
            width="medium"
          />
          {type === 'multiple_choice' && (
            <>
              <TextInput
                {...field('minChoices', num(qq.minChoices))}
                label="Nombre minimum de cases à cocher"
                width="short"
              />
              <TextInput
                {...field('maxChoices', num(qq.maxChoices))}
                label="Nombre maximum de cases à cocher"
                width="short"
              />
            </>
          )}
        </>
      );
    }
    case 'ranking': {
      const qq = question as Extract<Question, { type: 'ranking' }>;
      return (
        <TextArea
          {...field('choices', choiceLines(qq.choices ?? []))}
          label="Éléments à classer"
          hint="Un élément par ligne, « code | Libellé »."
          rows={6}
        />
      );
    }
    case 'matrix': {
      const qq = question as Extract<Question, { type: 'matrix' }>;
      return (
        <>
          <TextArea
            {...field('rows', choiceLines(qq.rows ?? []))}
            label="Lignes"
            hint="Une ligne par ligne du tableau, « code | Libellé »."
            rows={6}
          />
          <TextArea
            {...field('columns', choiceLines(qq.columns ?? []))}
            label="Colonnes (réponses possibles)"
            hint="Une par ligne, « code | Libellé »."
            rows={5}
          />
          <Checkbox
            name="allRowsRequired"
            label="Une réponse obligatoire sur chaque ligne (si la question est obligatoire)"
            checked={form ? !!form.allRowsRequired : !!qq.allRowsRequired}
          />
        </>
      );
    }
    case 'scale': {
      const qq = question as Extract<Question, { type: 'scale' }>;
      return (
        <>
          <Select
            {...field('max', String(qq.max ?? 5))}
            label="Échelle"
            options={[
              { value: '5', label: 'De 1 à 5' },
              { value: '10', label: 'De 1 à 10' },
            ]}
          />
          <TextInput {...field('minLabel', qq.minLabel ?? '')} label="Libellé de la valeur 1" width="medium" />
          <TextInput {...field('maxLabel', qq.maxLabel ?? '')} label="Libellé de la valeur maximale" width="medium" />
        </>
      );
    }
    case 'file': {
      const qq = question as Extract<Question, { type: 'file' }>;
      const accepted = form
        ? Array.isArray(form.accept)
          ? form.accept
          : form.accept
            ? [form.accept]
            : []
        : (qq.accept ?? []);
      return (
        <>
          <TextInput
            {...field('maxSizeMo', num(qq.maxSizeBytes ? Math.round((qq.maxSizeBytes / 1048576) * 10) / 10 : 10))}
            label="Taille maximale (Mo)"
            width="short"
            inputmode="decimal"
          />
          <ChoiceGroup
            name="accept"
            legend="Types de fichiers acceptés"
            type="checkbox"
            required
            error={errors.accept}
            options={FILE_TYPES}
            value={accepted as string[]}
          />
        </>
      );
    }
    default:
      return null;
  }
}
