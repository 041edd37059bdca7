/** The questionnaire builder (coordinators): list, overview with actions per page and element, element form. */
import {
  Button,
  bindFields,
  ChoiceGroup,
  describedBy,
  ErrorSummary,
  FieldError,
  formatDate,
  PostForm,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { usePage } from '../../../platform/ui/context.ts';
import { FIELDS } from '../../library/fields.ts';
import { CONDITION_ROWS, choiceLines, conditionRows } from '../builder.ts';
import {
  allQuestions,
  CONDITION_OP_LABELS,
  CONDITION_OPS,
  type Condition,
  type Element,
  isComparison,
  isQuestion,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type Question,
  type Questionnaire,
  type QuestionType,
} from '../model.ts';
import type { CampaignRow, QuestionnaireRow, VersionRow } from '../store.ts';
import type { ReportEntry } from '../surveyjs.ts';

const base = (id: number) => `/coordination/questionnaires/${id}`;

function valueText(q: Question | undefined, v: unknown): string {
  if (q && 'choices' in q) return q.choices.find((c) => c.code === v)?.label ?? String(v);
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return String(v);
}

/** A condition in words: « Statut est égal à « Abandonné » et … ». */
export function describeCondition(c: Condition, questionnaire: Questionnaire): string {
  const questions = allQuestions(questionnaire);
  const walk = (x: Condition, nested: boolean): string => {
    if (isComparison(x)) {
      const q = questions.find((y) => y.id === x.question);
      const subject = `« ${q?.label ?? x.question} »`;
      return x.value === undefined
        ? `${subject} ${CONDITION_OP_LABELS[x.op]}`
        : `${subject} ${CONDITION_OP_LABELS[x.op]} « ${valueText(q, x.value)} »`;
    }
    const items = 'all' in x ? x.all : x.any;
    const text = items.map((i) => walk(i, true)).join('all' in x ? ' et ' : ' ou ');
    return nested && items.length > 1 ? `(${text})` : text;
  };
  return walk(c, false);
}

export function QuestionnaireListPage(props: {
  rows: (QuestionnaireRow & { campaignCount: number })[];
  errors?: Record<string, string>;
  title?: string;
  report?: ReportEntry[];
}) {
  return (
    <>
      <h1>Questionnaires</h1>
      <p class="lead">
        Construisez les questionnaires des recensements, publiez-en des versions, puis lancez des campagnes.
      </p>
      <ErrorSummary errors={props.errors} />
      <Table
        caption="Questionnaires"
        columns={['Questionnaire', 'Dernière version publiée', 'Campagnes', 'Modifié le']}
      >
        {props.rows.map((q) => (
          <tr>
            <th scope="row">
              <a href={base(q.id)}>{q.title}</a>
              {q.catalogueKey && <span class="tag">Fourni avec la plateforme</span>}
            </th>
            <td>{q.latestVersion ? `Version ${q.latestVersion}` : 'Jamais publié'}</td>
            <td>{q.campaignCount}</td>
            <td>{formatDate(q.updatedAt)}</td>
          </tr>
        ))}
      </Table>
      <div class="cards">
        <section class="card">
          <h2 class="card-title">Nouveau questionnaire</h2>
          <PostForm action="/coordination/questionnaires">
            <TextInput name="title" label="Titre" value={props.title ?? ''} error={props.errors?.title} required />
            <Button>Créer</Button>
          </PostForm>
        </section>
        <section class="card">
          <h2 class="card-title">Importer un questionnaire</h2>
          <form
            method="post"
            action={`/coordination/questionnaires/importer?_csrf=${encodeURIComponent(usePage().csrfToken)}`}
            enctype="multipart/form-data"
          >
            <ImportFields errors={props.errors} />
          </form>
        </section>
      </div>
    </>
  );
}

function ImportFields({ errors }: { errors?: Record<string, string> }) {
  return (
    <>
      <ChoiceGroup
        name="format"
        legend="Format du fichier"
        type="radio"
        required
        value="native"
        options={[
          { value: 'native', label: 'Format de la plateforme (JSON)' },
          {
            value: 'surveyjs',
            label: 'SurveyJS (JSON)',
            hint: 'Pages, questions, groupes, tableaux, conditions ; un rapport liste ce qui n’a pas pu être repris.',
          },
        ]}
      />
      <div class={`field${errors?.file ? ' field-error' : ''}`}>
        <label for="champ-file">Fichier</label>
        <FieldError id="champ-file" error={errors?.file} />
        <input
          type="file"
          id="champ-file"
          name="file"
          accept="application/json,.json"
          class="input"
          aria-describedby={describedBy('champ-file', undefined, errors?.file)}
        />
      </div>
      <Button kind="secondary">Importer</Button>
    </>
  );
}

export function ImportReportPage({ id, title, report }: { id: number; title: string; report: ReportEntry[] }) {
  return (
    <>
      <h1>Questionnaire importé : {title}</h1>
      {report.length === 0 ? (
        <div class="notice notice-success">
          <p>Tout a été repris.</p>
        </div>
      ) : (
        <>
          <div class="notice notice-warning">
            <p>
              {report.length} point{report.length > 1 ? 's' : ''} n’{report.length > 1 ? 'ont' : 'a'} pas pu être repris
              exactement. Relisez le questionnaire avant de le publier.
            </p>
          </div>
          <Table
            showCaption
            caption="Ce qui n’a pas pu être repris"
            columns={['Emplacement dans le fichier', 'Explication']}
          >
            {report.map((r) => (
              <tr>
                <td>
                  <code>{r.path}</code>
                </td>
                <td>{r.message}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      <p>
        <a class="button" href={base(id)}>
          Ouvrir le questionnaire
        </a>
      </p>
    </>
  );
}

function SmallAction({
  action,
  label,
  revision,
  kind = 'secondary',
  confirm,
}: {
  action: string;
  label: string;
  revision: number;
  kind?: 'secondary' | 'danger';
  confirm?: string;
}) {
  return (
    <PostForm action={action} class="inline-form" data-confirm={confirm} novalidate={false}>
      <input type="hidden" name="_revision" value={String(revision)} />
      <button type="submit" class={`link-button${kind === 'danger' ? ' danger' : ''}`}>
        {label}
      </button>
    </PostForm>
  );
}

export interface BuilderPageProps {
  questionnaire: QuestionnaireRow;
  versions: VersionRow[];
  campaigns: CampaignRow[];
  unpublishedChanges: boolean;
  errors?: Record<string, string>;
}

export function BuilderPage(props: BuilderPageProps) {
  const { questionnaire: row, versions } = props;
  const q = row.draft;
  const rev = row.draftRevision;
  const url = base(row.id);
  return (
    <>
      <h1>{q.title}</h1>
      <p class="meta">
        {versions.length
          ? `Version ${versions[0]!.number} publiée le ${formatDate(versions[0]!.publishedAt)}.`
          : 'Ce questionnaire n’a jamais été publié.'}{' '}
        {props.unpublishedChanges && <span class="tag">Modifications non publiées</span>}
      </p>
      <ErrorSummary errors={props.errors} />
      <div class="actions">
        <a class="button button-secondary" href={`${url}/apercu`}>
          Aperçu comme un répondant
        </a>
        {props.unpublishedChanges && (
          <PostForm action={`${url}/publier`} class="inline-form">
            <input type="hidden" name="_revision" value={String(rev)} />
            <Button>Publier la version {(versions[0]?.number ?? 0) + 1}</Button>
          </PostForm>
        )}
        {versions.length > 0 && (
          <a class="button button-secondary" href={`/coordination/campagnes/nouvelle?questionnaire=${row.id}`}>
            Lancer une campagne
          </a>
        )}
      </div>
      <p class="meta">
        Exporter :{' '}
        <a href={`${url}/export?format=native&version=draft`} download>
          brouillon (format de la plateforme)
        </a>
        {' — '}
        <a href={`${url}/export?format=surveyjs&version=draft`} download>
          brouillon (SurveyJS)
        </a>
      </p>

      <details>
        <summary>Titre et présentation</summary>
        <PostForm action={`${url}/titre`}>
          <input type="hidden" name="_revision" value={String(rev)} />
          <TextInput name="title" label="Titre" value={q.title} required error={props.errors?.title} />
          <TextArea
            name="description"
            label="Présentation"
            value={q.description ?? ''}
            hint="Affichée en tête du questionnaire."
          />
          <Button kind="secondary">Enregistrer</Button>
        </PostForm>
      </details>

      {q.pages.map((page, p) => (
        <section class="builder-page" aria-labelledby={`page-${page.id}`}>
          <h2 id={`page-${page.id}`}>
            Page {p + 1} : {page.title}
          </h2>
          <div class="actions">
            <a href={`${url}/pages/${page.id}`}>
              Modifier la page<span class="visually-hidden"> {page.title}</span>
            </a>
            {p > 0 && (
              <SmallAction action={`${url}/pages/${page.id}/monter`} label={`Monter la page ${p + 1}`} revision={rev} />
            )}
            {p < q.pages.length - 1 && (
              <SmallAction
                action={`${url}/pages/${page.id}/descendre`}
                label={`Descendre la page ${p + 1}`}
                revision={rev}
              />
            )}
            {q.pages.length > 1 && (
              <SmallAction
                action={`${url}/pages/${page.id}/supprimer`}
                label={`Supprimer la page ${p + 1}`}
                revision={rev}
                kind="danger"
                confirm={`Supprimer la page « ${page.title} » et ses questions ?`}
              />
            )}
          </div>
          {page.elements.length === 0 ? (
            <p class="meta">Page vide : ajoutez une question ci-dessous.</p>
          ) : (
            <ol class="builder-elements">
              {page.elements.map((e, i) => (
                <li id={`element-${e.id}`} class="builder-element">
                  <p>
                    <span class="tag">{e.type === 'info' ? 'Information' : QUESTION_TYPE_LABELS[e.type]}</span>{' '}
                    <strong>{e.type === 'info' ? (e.title ?? e.paragraphs[0]?.slice(0, 80)) : e.label}</strong>{' '}
                    <span class="meta">
                      ({e.id}){isQuestion(e) && e.required ? ' — obligatoire' : ''}
                      {isQuestion(e) && e.restricted ? ' — réservée aux coordinateurs' : ''}
                      {isQuestion(e) && e.libraryField ? ` — fiche : ${e.libraryField}` : ''}
                    </span>
                  </p>
                  {e.visibleIf && <p class="meta">Affichée si {describeCondition(e.visibleIf, q)}.</p>}
                  <div class="actions">
                    <a href={`${url}/elements/${e.id}`}>
                      Modifier<span class="visually-hidden"> : {e.type === 'info' ? e.id : e.label}</span>
                    </a>
                    {(i > 0 || p > 0) && (
                      <SmallAction action={`${url}/elements/${e.id}/monter`} label={`Monter ${e.id}`} revision={rev} />
                    )}
                    {(i < page.elements.length - 1 || p < q.pages.length - 1) && (
                      <SmallAction
                        action={`${url}/elements/${e.id}/descendre`}
                        label={`Descendre ${e.id}`}
                        revision={rev}
                      />
                    )}
                    <SmallAction
                      action={`${url}/elements/${e.id}/dupliquer`}
                      label={`Dupliquer ${e.id}`}
                      revision={rev}
                    />
                    <SmallAction
                      action={`${url}/elements/${e.id}/supprimer`}
                      label={`Supprimer ${e.id}`}
                      revision={rev}
                      kind="danger"
                      confirm={`Supprimer « ${e.id} » ?`}
                    />
                  </div>
                </li>
              ))}
            </ol>
          )}
          <PostForm
            action={`${url}/pages/${page.id}/elements`}
            class="search-form"
            aria-label={`Ajouter à la page ${p + 1}`}
          >
            <input type="hidden" name="_revision" value={String(rev)} />
            <Select
              name="type"
              id={`ajout-${page.id}`}
              label={`Ajouter à la page ${p + 1}`}
              options={[
                { value: 'info', label: 'Bloc d’information' },
                ...QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] })),
              ]}
              required
            />
            <Button kind="secondary">Ajouter</Button>
          </PostForm>
        </section>
      ))}

      <PostForm action={`${url}/pages`} class="search-form" aria-label="Ajouter une page">
        <input type="hidden" name="_revision" value={String(rev)} />
        <TextInput name="title" id="nouvelle-page" label="Nouvelle page" hint="Son titre" width="medium" />
        <Button kind="secondary">Ajouter la page</Button>
      </PostForm>

      <h2>Versions publiées</h2>
      {versions.length === 0 ? (
        <p>Aucune.</p>
      ) : (
        <Table caption="Versions publiées" columns={['Version', 'Publiée le', 'Exporter']}>
          {versions.map((v) => (
            <tr>
              <th scope="row">{v.number}</th>
              <td>{formatDate(v.publishedAt, true)}</td>
              <td>
                <a href={`${url}/export?format=native&version=${v.number}`}>format de la plateforme</a> —{' '}
                <a href={`${url}/export?format=surveyjs&version=${v.number}`}>SurveyJS</a>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {props.campaigns.length > 0 && (
        <>
          <h2>Campagnes</h2>
          <ul>
            {props.campaigns.map((c) => (
              <li>
                <a href={`/coordination/campagnes/${c.id}`}>{c.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function PageFormPage(props: {
  questionnaireId: number;
  revision: number;
  page: { id: string; title: string; description?: string };
  errors?: Record<string, string>;
}) {
  return (
    <>
      <h1>Modifier la page « {props.page.title} »</h1>
      <ErrorSummary errors={props.errors} />
      <PostForm action={`${base(props.questionnaireId)}/pages/${props.page.id}`}>
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
          <a href={base(props.questionnaireId)}>Annuler</a>
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
  questionnaireId: number;
  revision: number;
  questionnaire: Questionnaire;
  element: Element;
  /** Questions placed before this element (the only ones a condition may name). */
  earlier: Question[];
  errors?: Record<string, string>;
  /** The raw form on a failed save, to show back what was typed. */
  form?: Record<string, unknown>;
}

export function ElementFormPage(props: ElementFormProps) {
  const { element: e, errors = {}, form } = props;
  const type: QuestionType | 'info' = e.type;
  const field = bindFields(form, errors);
  const q = isQuestion(e) ? e : null;
  const rows = conditionRows(e.visibleIf);
  return (
    <>
      <h1>{e.type === 'info' ? 'Bloc d’information' : `Question : ${QUESTION_TYPE_LABELS[e.type]}`}</h1>
      <ErrorSummary errors={errors} />
      <PostForm action={`${base(props.questionnaireId)}/elements/${e.id}`}>
        <input type="hidden" name="_revision" value={String(props.revision)} />
        <TextInput
          {...field('id', e.id)}
          label="Identifiant stable"
          hint="Sert à rapprocher les réponses d’une version à l’autre et dans les exports. Lettres minuscules, chiffres et _ ; ne le changez plus après la première campagne."
          required
          width="medium"
        />
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
            <Select
              {...field('libraryField', q!.libraryField ?? '')}
              label="Champ de la fiche de la bibliothèque alimenté par cette question"
              hint="Pour les recensements qui créent des fiches : la réponse remplit ce champ du brouillon."
              emptyLabel="— Aucun —"
              options={FIELDS.filter((f) => f.step !== null).map((f) => ({
                value: f.key,
                label: `${f.label} (${f.key})`,
              }))}
            />
            <TypeFields type={type as QuestionType} question={q!} errors={errors} form={form} />
          </>
        )}
        <fieldset class="field condition-editor">
          <legend>Condition d’affichage</legend>
          <p class="hint">
            Laissez vide pour toujours afficher. Seules les questions placées avant peuvent servir de condition.
          </p>
          {rows ? (
            <>
              <Select
                {...field('condition_mode', rows.mode)}
                label="Combinaison"
                options={[
                  { value: 'all', label: 'Toutes les conditions (et)' },
                  { value: 'any', label: 'Au moins une condition (ou)' },
                ]}
              />
              {Array.from({ length: CONDITION_ROWS }, (_, i) => {
                const row = rows.rows[i];
                return (
                  <div class="condition-row">
                    <Select
                      {...field(`condition_${i}_question`, row?.question ?? '')}
                      label={`Condition ${i + 1} : question`}
                      emptyLabel="—"
                      options={props.earlier.map((x) => ({ value: x.id, label: `${x.label} (${x.id})` }))}
                    />
                    <Select
                      {...field(`condition_${i}_op`, row?.op ?? '')}
                      label="comparaison"
                      emptyLabel="—"
                      options={CONDITION_OPS.map((op) => ({ value: op, label: CONDITION_OP_LABELS[op] }))}
                    />
                    <TextInput
                      {...field(
                        `condition_${i}_value`,
                        row?.value === undefined
                          ? ''
                          : typeof row.value === 'boolean'
                            ? row.value
                              ? 'oui'
                              : 'non'
                            : String(row.value),
                      )}
                      label="valeur"
                      hint="Le code d’un choix, un nombre, « oui » ou « non », une date AAAA-MM-JJ."
                      width="medium"
                    />
                  </div>
                );
              })}
            </>
          ) : (
            <p>Cette condition est imbriquée : modifiez-la ci-dessous au format JSON.</p>
          )}
          <TextArea
            {...field('condition_json', rows ? '' : JSON.stringify(e.visibleIf, null, 2))}
            label="Condition avancée (JSON)"
            hint='Remplace les lignes ci-dessus si elle est remplie. Exemple : {"any": [{"question": "statut", "op": "equals", "value": "abandoned"}, {"all": [...]}]}'
            rows={4}
          />
        </fieldset>
        <div class="actions">
          <Button>Enregistrer</Button>
          <a href={`${base(props.questionnaireId)}#element-${e.id}`}>Annuler</a>
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
