/**
 * Writing a use case, GOV.UK style: one topic per page with hints and an error summary, then a check-your-answers
 * page from which the use case is submitted. Drafts are saved by each step and, with JavaScript, automatically.
 */
import {
  Button,
  ChoiceGroup,
  ErrorSummary,
  fieldId,
  formatDate,
  PostForm,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { ACCESS_LABELS, FIELDS, type FieldDef, FORM_STEPS, type FormStep, fieldsOfStep } from '../fields.ts';
import type { OrganisationSummary } from '../model.ts';
import {
  type DatasetLink,
  type FieldErrors,
  type PresentedUseCase,
  WORKFLOW_ACTION_LABELS,
  type WorkflowAction,
} from '../model.ts';
import { referenceList, subThemesOf, themes } from '../reference.ts';
import { FieldValue, Notice, StateTag, useCaseHref } from './common.tsx';
import { WorkflowActions } from './use-case.tsx';

export const FORM_SCRIPT = '/assets/library-form.js';

/** `?depuis=verification`: a step opened from the check page, where saving returns. */
export const FROM_CHECK = 'verification';

/** A stored value as the person would type it back. */
export function formValue(field: FieldDef, value: unknown): string | string[] {
  if (value == null) return field.type === 'codes' ? [] : '';
  switch (field.type) {
    case 'codes':
      return value as string[];
    case 'partialDate': {
      const [y, m, d] = String(value).split('-');
      return d ? `${d}/${m}/${y}` : m ? `${m}/${y}` : (y ?? '');
    }
    case 'date': {
      const [y, m, d] = String(value).split('-');
      return `${d}/${m}/${y}`;
    }
    case 'number':
    case 'integer':
      return String(value).replace('.', ',');
    case 'links':
      return (value as DatasetLink[]).map((l) => (l.title ? `${l.url} ${l.title}` : l.url)).join('\n');
    default:
      return String(value);
  }
}

const accessHint = (field: FieldDef) =>
  field.access === 'public' ? null : `Visible par : ${ACCESS_LABELS[field.access].toLowerCase()}.`;

function hintOf(field: FieldDef) {
  const access = accessHint(field);
  if (!field.hint && !access) return undefined;
  return (
    <>
      {field.hint}
      {field.hint && access ? ' ' : ''}
      {access && <strong class="access-hint">{access}</strong>}
    </>
  );
}

/** One field's input, chosen from its type and list. */
export function FieldInput({
  field,
  value,
  error,
  required,
}: {
  field: FieldDef;
  value: string | string[];
  error?: string;
  required: boolean;
}) {
  const common = {
    name: field.key,
    label: field.label,
    hint: hintOf(field),
    error,
    required,
    maxLength: field.maxLength,
  };
  switch (field.type) {
    case 'longtext':
      return <TextArea {...common} value={String(value)} rows={field.maxLength && field.maxLength <= 5000 ? 4 : 7} />;
    case 'links':
      return (
        <TextArea
          {...common}
          hint={<>{field.hint} Un lien par ligne : l’adresse, puis le titre si vous le souhaitez.</>}
          value={String(value)}
          rows={4}
        />
      );
    case 'code': {
      const list = referenceList(field.list!);
      const options = list.items.map((i) => ({ value: i.code, label: i.label, hint: i.description }));
      if (options.length <= 7) {
        return <ChoiceGroup {...common} legend={field.label} type="radio" options={options} value={String(value)} />;
      }
      return <Select {...common} options={options} value={String(value)} />;
    }
    case 'codes': {
      if (field.list === 'subThemes') {
        // Grouped by theme, so that 34 boxes stay readable.
        return (
          <fieldset class={`field choice-group${error ? ' field-error' : ''}`} id={fieldId(field.key)} tabIndex={-1}>
            <legend>
              {field.label}
              <span class="optional"> (facultatif)</span>
            </legend>
            <p class="hint">{field.hint}</p>
            {error && (
              <p class="error-message">
                <span class="visually-hidden">Erreur : </span>
                {error}
              </p>
            )}
            {themes.items.map((t) => (
              <fieldset class="sub-group">
                <legend>{t.label}</legend>
                {subThemesOf(t.code).map((s) => {
                  const id = `${fieldId(field.key)}-${s.code}`;
                  return (
                    <div class="choice">
                      <input
                        type="checkbox"
                        id={id}
                        name={field.key}
                        value={s.code}
                        checked={(value as string[]).includes(s.code)}
                      />
                      <label for={id}>{s.label}</label>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </fieldset>
        );
      }
      const list = referenceList(field.list!);
      return (
        <ChoiceGroup
          {...common}
          legend={field.label}
          type="checkbox"
          options={list.items.map((i) => ({ value: i.code, label: i.label, hint: i.description }))}
          value={value as string[]}
        />
      );
    }
    case 'email':
      return <TextInput {...common} type="email" value={String(value)} autocomplete="email" width="medium" />;
    case 'url':
      return <TextInput {...common} type="url" value={String(value)} />;
    case 'date':
      return <TextInput {...common} value={String(value)} width="short" extra={{ placeholder: 'JJ/MM/AAAA' }} />;
    case 'partialDate':
      return <TextInput {...common} value={String(value)} width="short" />;
    case 'integer':
      return <TextInput {...common} value={String(value)} inputmode="numeric" width="short" />;
    case 'number':
      return <TextInput {...common} value={String(value)} inputmode="decimal" width="short" />;
    default:
      return <TextInput {...common} value={String(value)} />;
  }
}

export function StepPage({
  useCase,
  step,
  values,
  errors,
  required,
  fromCheck = false,
}: {
  useCase: PresentedUseCase;
  step: FormStep;
  /** Values to show, as typed (after an error) or from the use case. */
  values: Record<string, string | string[]>;
  errors: FieldErrors | null;
  /** Keys required at submission, given the rest of the use case. */
  required: Set<string>;
  /** Opened from the check page to fix a field: saving goes back there. */
  fromCheck?: boolean;
}) {
  const index = FORM_STEPS.findIndex((s) => s.key === step.key);
  const base = useCaseHref(useCase);
  return (
    <>
      <p class="meta">
        {useCase.content.title ?? 'Nouvelle fiche'} · {useCase.organisation.name} · étape {index + 1} sur{' '}
        {FORM_STEPS.length}
      </p>
      <ErrorSummary errors={errors as Record<string, string> | null} />
      <h1>{step.title}</h1>
      <p class="lead">{step.intro}</p>
      <PostForm action={`${base}/modifier/${step.slug}`} data-autosave={`${base}/brouillon`} id="sheet-form">
        <input type="hidden" name="version" value={String(useCase.version)} />
        {fromCheck && <input type="hidden" name="depuis" value={FROM_CHECK} />}
        {fieldsOfStep(step.key).map((field) => (
          <FieldInput
            field={field}
            value={values[field.key] ?? formValue(field, useCase.content[field.key])}
            error={errors?.[field.key]}
            required={required.has(field.key)}
          />
        ))}
        <p class="autosave-status meta" aria-live="polite" data-autosave-status hidden />
        <div class="actions">
          <Button name="suite" value="1">
            {fromCheck ? 'Enregistrer et revenir au récapitulatif' : 'Enregistrer et continuer'}
          </Button>
          <Button kind="secondary" name="suite" value="0">
            Enregistrer le brouillon
          </Button>
          <a href={`${base}/verifier`}>Revenir au récapitulatif</a>
        </div>
      </PostForm>
    </>
  );
}

/** Check your answers: every step with its values, what is missing, and the workflow actions. */
export interface ChangesRequested {
  at: string;
  comment: string | null;
  fields: string[];
}

/** The reviewer's words where the editor works: first thing on the check page, each field linked to its step. */
function ChangesRequestedNotice({ request, base }: { request: ChangesRequested; base: string }) {
  const fields = FIELDS.filter((f) => request.fields.includes(f.key));
  return (
    <Notice kind="warning">
      <h2>Modifications demandées le {formatDate(request.at)}</h2>
      {request.comment && <blockquote class="prose">{request.comment}</blockquote>}
      {fields.length > 0 && (
        <>
          <p>{fields.length > 1 ? 'Champs concernés :' : 'Champ concerné :'}</p>
          <ul>
            {fields.map((f) => {
              const step = FORM_STEPS.find((s) => s.key === f.step)!;
              return (
                <li>
                  <a href={`${base}/modifier/${step.slug}?depuis=${FROM_CHECK}#${fieldId(f.key)}`}>{f.label}</a>
                  <span class="meta"> ({step.title})</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Notice>
  );
}

export function CheckPage({
  useCase,
  errors,
  actions,
  canSave,
  changesRequested = null,
}: {
  useCase: PresentedUseCase;
  errors: FieldErrors;
  actions: WorkflowAction[];
  canSave: boolean;
  changesRequested?: ChangesRequested | null;
}) {
  const base = useCaseHref(useCase);
  const missing = FIELDS.filter((f) => errors[f.key]);
  const canSubmit = actions.includes('submit');
  return (
    <>
      <h1>Vérifier la fiche</h1>
      <p class="meta">
        {useCase.organisation.name} · <StateTag useCase={{ state: useCase.state, revision: useCase.revision }} />
      </p>
      {changesRequested && <ChangesRequestedNotice request={changesRequested} base={base} />}
      {!canSave && (
        <Notice kind="warning">
          <p>
            La fiche est en relecture : elle ne peut pas être modifiée pour le moment.
            {actions.includes('withdraw') && ' Vous pouvez la retirer de la relecture pour la modifier.'}
          </p>
        </Notice>
      )}
      {missing.length > 0 && (
        <section class="error-summary" aria-labelledby="missing-title">
          <h2 id="missing-title">À compléter avant de soumettre la fiche</h2>
          <ul>
            {missing.map((f) => {
              const step = FORM_STEPS.find((s) => s.key === f.step)!;
              return (
                <li>
                  <a href={`${base}/modifier/${step.slug}?depuis=${FROM_CHECK}#${fieldId(f.key)}`}>{errors[f.key]}</a>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {FORM_STEPS.map((step) => (
        <section class="check-step" aria-labelledby={`check-${step.key}`}>
          <div class="check-heading">
            <h2 id={`check-${step.key}`}>{step.title}</h2>
            {canSave && (
              <a href={`${base}/modifier/${step.slug}?depuis=${FROM_CHECK}`}>
                Modifier<span class="visually-hidden"> : {step.title}</span>
              </a>
            )}
          </div>
          <dl class="summary">
            {fieldsOfStep(step.key).map((f) => (
              <>
                <dt>{f.label}</dt>
                <dd>
                  <FieldValue field={f} value={useCase.content[f.key]} />
                </dd>
              </>
            ))}
          </dl>
        </section>
      ))}
      {canSubmit && missing.length === 0 && (
        <section aria-labelledby="submit-title">
          <h2 id="submit-title">Soumettre pour relecture</h2>
          <p>
            Les coordinateurs du réseau relisent la fiche avant sa publication. Vous serez prévenu par courriel de leur
            décision.
          </p>
        </section>
      )}
      <WorkflowActions useCase={useCase} actions={actions.filter((a) => a !== 'submit' || missing.length === 0)} />
      <p>
        <a href={base}>Voir la fiche</a>
      </p>
    </>
  );
}

export function NewUseCasePage({
  organisations,
  any,
  errors,
  title,
  organisationId,
}: {
  organisations: OrganisationSummary[];
  any: boolean;
  errors: Record<string, string> | null;
  title: string;
  organisationId: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Rédiger une fiche</h1>
      <p class="lead">
        Décrivez un projet d’IA de votre collectivité. Vous pourrez enregistrer un brouillon à chaque étape.
      </p>
      <PostForm action="/bibliotheque/nouvelle">
        {any ? (
          <TextInput
            name="organisationId"
            label="Numéro de la collectivité"
            hint="Le numéro qui figure dans l’adresse de sa page (/collectivites/123)."
            value={organisationId}
            error={errors?.organisationId}
            required
            width="short"
          />
        ) : organisations.length === 1 ? (
          <>
            <input type="hidden" name="organisationId" value={String(organisations[0]!.id)} />
            <p>
              Collectivité : <strong>{organisations[0]!.name}</strong>
            </p>
          </>
        ) : (
          <ChoiceGroup
            name="organisationId"
            legend="Pour quelle collectivité ?"
            type="radio"
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            value={organisationId}
            error={errors?.organisationId}
            required
          />
        )}
        <TextInput
          name="title"
          label="Nom du projet"
          hint="Le nom sous lequel le projet est connu. Vous pourrez le changer."
          value={title}
          error={errors?.title}
          required
        />
        <Button>Commencer</Button>
      </PostForm>
    </>
  );
}

/** The two versions side by side when a save collides with someone else's. */
export function ConflictPage({
  mine,
  current,
}: {
  mine: Record<string, string | string[]>;
  current: PresentedUseCase;
}) {
  const base = useCaseHref(current);
  const changed = FIELDS.filter((f) => Object.hasOwn(mine, f.key));
  return (
    <>
      <h1>La fiche a été modifiée entre-temps</h1>
      <Notice kind="warning">
        <p>
          Quelqu’un a enregistré cette fiche pendant que vous la modifiiez. Votre saisie n’a pas été enregistrée :
          comparez les deux versions, puis reprenez l’étape.
        </p>
      </Notice>
      <div class="table-wrap">
        <table class="table">
          <caption>Vos valeurs et les valeurs enregistrées</caption>
          <thead>
            <tr>
              <th scope="col">Champ</th>
              <th scope="col">Votre saisie</th>
              <th scope="col">Version enregistrée</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((f) => (
              <tr>
                <th scope="row">{f.label}</th>
                <td class="prose">
                  {Array.isArray(mine[f.key]) ? (mine[f.key] as string[]).join(', ') : String(mine[f.key] ?? '')}
                </td>
                <td>
                  <FieldValue field={f} value={current.content[f.key]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="actions">
        <a class="button" href={`${base}/verifier`}>
          Reprendre à partir de la version enregistrée
        </a>
      </p>
    </>
  );
}

export const actionLabel = (a: WorkflowAction) => WORKFLOW_ACTION_LABELS[a];
