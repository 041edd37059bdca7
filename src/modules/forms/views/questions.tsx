/**
 * One question as form fields, for every question type. Accessible by construction: labels or legends, hints and
 * errors linked with aria-describedby, a matrix as a table of radio buttons named by their row and column headers,
 * a ranking as one « rang » select per item (no drag and drop).
 */

import type { ComponentChildren } from 'preact';
import {
  ChoiceGroup,
  describedBy,
  FieldError,
  FieldHint,
  fieldId,
  RequiredMark,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { formatBytes, mimeLabel } from '../answers.ts';
import {
  type Answers,
  type AnswerValue,
  type ChoiceQuestion,
  type Element,
  type FileAnswer,
  type MultipleChoiceQuestion,
  OTHER_CODE,
  otherKey,
  type Page,
  type PageNode,
  pageTree,
  type Question,
} from '../model.ts';

/** One authority offered as an answer to an organisation question (from the consumer's organisation port). */
export interface OrganisationOption {
  id: number;
  name: string;
  /** A line that tells namesakes apart (postcode, SIREN…). */
  hint?: string;
}

/** What the authority picker of an organisation question is drawn with (the organisations module's picker props). */
export interface OrganisationPickerProps {
  /** Name of the typed text field: `<question id>.query`. */
  name: string;
  id: string;
  label: string;
  hint?: string;
  error?: string;
  mode: 'select';
  /** Name of the hidden field carrying the chosen id: the question id. */
  valueName: string;
  selectedId: number | null;
  /** The chosen authority's name. */
  value: string;
}

export interface QuestionFieldProps {
  question: Question;
  value: AnswerValue | undefined;
  other?: AnswerValue;
  errors: Record<string, string>;
  /** Display names of authorities referenced by answers (organisation questions), by id. */
  organisationNames?: Record<string, string>;
  /** Candidates when a typed authority name matched several (see `readOrganisationAnswer`). */
  organisationChoices?: readonly OrganisationOption[];
  /**
   * Draws the authority search field of organisation questions: the organisations module's picker, given by the
   * consumer (the engine knows no authorities). Without it, the question is a plain search field whose typed text
   * (`id.query`) `readOrganisationAnswer` resolves.
   */
  organisationPicker?: (props: OrganisationPickerProps) => ComponentChildren;
  /** URL of the currently attached file (file questions). */
  fileUrl?: (file: FileAnswer) => string;
}

const asString = (v: AnswerValue | undefined): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v).replace('.', ',') : '';
const asList = (v: AnswerValue | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

function Legend({ q }: { q: Question }) {
  return (
    <>
      {q.label}
      <RequiredMark required={q.required} />
    </>
  );
}

/** The choices of a choice question, with « Autre » last when the question allows another answer. */
const choiceOptions = (q: ChoiceQuestion | MultipleChoiceQuestion) => [
  ...q.choices.map((c) => ({ value: c.code, label: c.label })),
  ...(q.allowOther ? [{ value: OTHER_CODE, label: q.otherLabel ?? 'Autre' }] : []),
];

function OtherInput({
  q,
  value,
  error,
}: {
  q: Question & { otherLabel?: string };
  value?: AnswerValue;
  error?: string;
}) {
  return (
    <div class="other-answer">
      <TextInput
        name={otherKey(q.id)}
        label={`${q.otherLabel ?? 'Autre'} : précisez`}
        value={asString(value)}
        error={error}
        width="medium"
      />
    </div>
  );
}

export function QuestionField(props: QuestionFieldProps) {
  const { question: q, value, errors } = props;
  const error = errors[q.id];
  const id = fieldId(q.id);
  /** What every field made with a platform component takes from the question. */
  const field = { name: q.id, hint: q.hint, error, required: q.required };
  switch (q.type) {
    case 'short_text':
    case 'email':
    case 'url':
    case 'number':
      return (
        <TextInput
          {...field}
          label={q.label}
          value={asString(value)}
          type={q.type === 'email' ? 'email' : q.type === 'url' ? 'url' : 'text'}
          inputmode={q.type === 'number' ? 'decimal' : undefined}
          autocomplete={q.type === 'email' ? 'email' : q.type === 'url' ? 'url' : undefined}
          width={q.type === 'number' ? 'short' : 'full'}
          extra={q.validation?.maxLength ? { maxlength: String(q.validation.maxLength) } : undefined}
        />
      );
    case 'long_text':
      return <TextArea {...field} label={q.label} value={asString(value)} rows={6} />;
    case 'date': {
      const month = q.precision === 'month';
      const raw = asString(value);
      const shown = month && /^\d{4}-\d{2}$/.test(raw) ? `${raw.slice(5, 7)}/${raw.slice(0, 4)}` : raw;
      return (
        <TextInput
          {...field}
          label={q.label}
          hint={q.hint ?? (month ? 'Mois et année, par exemple 03/2024.' : 'Par exemple 15/03/2024.')}
          value={shown}
          type={month ? 'text' : 'date'}
          inputmode={month ? 'numeric' : undefined}
          width="short"
        />
      );
    }
    case 'single_choice':
    case 'multiple_choice': {
      const hint =
        q.type === 'multiple_choice' && q.maxChoices && !q.hint
          ? `${q.maxChoices} réponse${q.maxChoices > 1 ? 's' : ''} au plus.`
          : q.hint;
      return (
        <>
          <ChoiceGroup
            {...field}
            legend={q.label}
            hint={hint}
            type={q.type === 'single_choice' ? 'radio' : 'checkbox'}
            options={choiceOptions(q)}
            value={asList(value)}
          />
          {q.allowOther && <OtherInput q={q} value={props.other} error={errors[otherKey(q.id)]} />}
        </>
      );
    }
    case 'dropdown':
      return (
        <>
          <Select {...field} label={q.label} value={asString(value)} options={choiceOptions(q)} />
          {q.allowOther && <OtherInput q={q} value={props.other} error={errors[otherKey(q.id)]} />}
        </>
      );
    case 'yes_no':
      return (
        <ChoiceGroup
          {...field}
          legend={q.label}
          type="radio"
          inline
          options={[
            { value: 'oui', label: 'Oui' },
            { value: 'non', label: 'Non' },
          ]}
          value={value === true ? 'oui' : value === false ? 'non' : asString(value)}
        />
      );
    case 'scale': {
      const scaleHint = [
        q.hint,
        q.minLabel || q.maxLabel ? `1 : ${q.minLabel ?? 'minimum'} ; ${q.max} : ${q.maxLabel ?? 'maximum'}.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      return (
        <ChoiceGroup
          {...field}
          legend={q.label}
          hint={scaleHint || undefined}
          type="radio"
          inline
          options={Array.from({ length: q.max }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
          value={typeof value === 'number' ? String(value) : asString(value)}
        />
      );
    }
    case 'matrix': {
      const cells =
        value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
      return (
        <fieldset
          class={`field matrix${error ? ' field-error' : ''}`}
          id={id}
          tabIndex={-1}
          aria-describedby={describedBy(id, q.hint, error)}
        >
          <legend>
            <Legend q={q} />
          </legend>
          <FieldHint id={id}>{q.hint ?? 'Une réponse par ligne.'}</FieldHint>
          <FieldError id={id} error={error} />
          <div class="table-wrap">
            <table class="table matrix-table">
              <thead>
                <tr>
                  <td />
                  {q.columns.map((c, j) => (
                    <th scope="col" id={`${id}-col-${j}`}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.rows.map((r, i) => (
                  <tr>
                    <th scope="row" id={`${id}-row-${i}`}>
                      {r.label}
                    </th>
                    {q.columns.map((c, j) => (
                      <td>
                        <input
                          type="radio"
                          name={`${q.id}[${r.code}]`}
                          value={c.code}
                          checked={cells[r.code] === c.code}
                          id={`${id}-${i}-${j}`}
                          aria-labelledby={`${id}-row-${i} ${id}-col-${j}`}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
      );
    }
    case 'ranking': {
      const n = q.choices.length;
      const ranks: Record<string, string> = {};
      if (Array.isArray(value)) {
        for (const [i, code] of value.entries()) ranks[code] = String(i + 1);
      } else if (value && typeof value === 'object') Object.assign(ranks, value);
      return (
        <fieldset
          class={`field ranking${error ? ' field-error' : ''}`}
          id={id}
          tabIndex={-1}
          aria-describedby={describedBy(id, true, error)}
          data-ranking
        >
          <legend>
            <Legend q={q} />
          </legend>
          <FieldHint id={id}>
            {q.hint ?? `Donnez un rang à chaque élément, de 1 (le plus important) à ${n}, sans répéter un rang.`}
          </FieldHint>
          <FieldError id={id} error={error} />
          <ol class="ranking-list">
            {q.choices.map((c, i) => (
              <li class="ranking-item">
                <label for={`${id}-${i}`}>{c.label}</label>{' '}
                <select id={`${id}-${i}`} name={`${q.id}[${c.code}]`} class="input input-short">
                  <option value="">Rang</option>
                  {Array.from({ length: n }, (_, k) => (
                    <option value={String(k + 1)} selected={ranks[c.code] === String(k + 1)}>
                      {k + 1}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ol>
        </fieldset>
      );
    }
    case 'organisation':
      return <OrganisationField {...props} question={q} />;
    case 'file': {
      const current =
        value && typeof value === 'object' && !Array.isArray(value) && 'id' in value ? (value as FileAnswer) : null;
      const hint = [
        q.hint,
        `Formats acceptés : ${q.accept.map(mimeLabel).join(', ')} ; ${formatBytes(q.maxSizeBytes)} au plus.`,
      ]
        .filter(Boolean)
        .join(' ');
      return (
        <div class={`field${error ? ' field-error' : ''}`}>
          <label for={id}>
            <Legend q={q} />
          </label>
          <FieldHint id={id}>{hint}</FieldHint>
          <FieldError id={id} error={error} />
          {current && (
            <p class="current-file">
              Fichier joint : {props.fileUrl ? <a href={props.fileUrl(current)}>{current.name}</a> : current.name} (
              {formatBytes(current.size)}).{' '}
              <label class="inline-check">
                <input type="checkbox" name={`${q.id}.remove`} value="1" /> Retirer ce fichier
              </label>
            </p>
          )}
          <input
            type="file"
            id={id}
            name={q.id}
            accept={q.accept.join(',')}
            class="input"
            aria-describedby={describedBy(id, hint, error)}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
      );
    }
  }
}

/** An organisation question: the consumer's picker (or a plain search field), then the candidates when ambiguous. */
function OrganisationField(props: QuestionFieldProps & { question: Question }) {
  const { question: q, value, errors } = props;
  const error = errors[q.id];
  const id = fieldId(q.id);
  const selected = typeof value === 'string' && /^\d+$/.test(value) ? value : '';
  const choices = props.organisationChoices ?? [];
  const picker: OrganisationPickerProps = {
    name: `${q.id}.query`,
    id,
    label: `${q.label}${q.required ? ' (obligatoire)' : ' (facultatif)'}`,
    hint: q.hint,
    error: choices.length ? undefined : error,
    mode: 'select',
    valueName: q.id,
    selectedId: selected ? Number(selected) : null,
    value: selected ? (props.organisationNames?.[selected] ?? '') : '',
  };
  return (
    <div class="organisation-question">
      {props.organisationPicker ? (
        props.organisationPicker(picker)
      ) : (
        <>
          <TextInput
            name={picker.name}
            id={id}
            label={picker.label}
            hint={q.hint}
            error={picker.error}
            value={picker.value}
          />
          <input type="hidden" name={q.id} value={selected} />
        </>
      )}
      {choices.length > 0 && (
        <ChoiceGroup
          name={q.id}
          id={fieldId(`${q.id}-choix`)}
          legend="Laquelle de ces collectivités ?"
          error={error}
          required={q.required}
          type="radio"
          options={choices.map((o) => ({ value: String(o.id), label: o.name, hint: o.hint }))}
        />
      )}
    </div>
  );
}

/** A question or an information block, wrapped with its display condition for the browser island. */
export function ElementBlock(props: Omit<QuestionFieldProps, 'question'> & { element: Element; visible: boolean }) {
  const { element, visible } = props;
  const condition = element.visibleIf ? JSON.stringify(element.visibleIf) : undefined;
  if (element.type === 'info') {
    return (
      <div class="info-block" data-element={element.id} data-visible-if={condition} hidden={!visible}>
        {element.title && <h2 class="info-title">{element.title}</h2>}
        {element.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
      </div>
    );
  }
  return (
    <div
      class="question"
      data-element={element.id}
      data-question-type={element.type}
      data-visible-if={condition}
      hidden={!visible}
    >
      <QuestionField {...props} question={element} />
    </div>
  );
}

/**
 * The elements of a page, in their sections: each section is a titled group (hidden with its condition, like an
 * element: the browser island shows and hides it by `data-element`), nested as in the form.
 */
export function PageElements(
  props: Omit<QuestionFieldProps, 'question' | 'value' | 'other' | 'organisationChoices'> & {
    page: Page;
    answers: Answers;
    visible: ReadonlySet<string>;
    /** Candidates of an organisation question whose typed name matched several authorities. */
    organisationChoicesOf?: (id: string) => readonly OrganisationOption[] | undefined;
  },
) {
  const { page, answers, visible, organisationChoicesOf, ...rest } = props;
  const render = (nodes: PageNode[], depth: number): ComponentChildren =>
    nodes.map((node) => {
      if ('element' in node) {
        const { element } = node;
        return (
          <ElementBlock
            {...rest}
            element={element}
            visible={visible.has(element.id)}
            value={answers[element.id]}
            other={answers[otherKey(element.id)]}
            organisationChoices={organisationChoicesOf?.(element.id)}
          />
        );
      }
      const { section, children } = node;
      const headingId = `groupe-${section.id}`;
      const Heading = depth === 0 ? 'h2' : 'h3';
      return (
        <section
          class="form-section"
          data-element={section.id}
          data-visible-if={section.visibleIf ? JSON.stringify(section.visibleIf) : undefined}
          hidden={!visible.has(section.id)}
          aria-labelledby={section.title ? headingId : undefined}
        >
          {section.title && (
            <Heading id={headingId} class="form-section-title">
              {section.title}
            </Heading>
          )}
          {section.description && <p class="hint">{section.description}</p>}
          {render(children, depth + 1)}
        </section>
      );
    });
  return <>{render(pageTree(page), 0)}</>;
}
