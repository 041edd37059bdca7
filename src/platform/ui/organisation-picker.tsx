/**
 * The authority picker, shared by every page that asks for an organisation (the directory, « Rejoindre ma
 * collectivité », questionnaires' authority questions, campaign targeting…). It knows no module: its suggestions
 * come from a JSON endpoint (by default the organisations module's `/api/v1/organisations`, answering
 * `{ data: [{ id, name, context, url }], total }` to `?q=&perPage=`), read by the island client/organisation-picker.ts.
 */
import { describedBy, FieldError, FieldHint, fieldId } from './components.tsx';

export interface OrganisationPickerProps {
  /** Name of the text field (the query). */
  name?: string;
  id?: string;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  /**
   * navigate: choosing a suggestion opens `href` (« {id} » replaced by the organisation's id).
   * select: choosing a suggestion fills the hidden field `valueName` with the id (for forms of other modules).
   */
  mode?: 'navigate' | 'select';
  href?: string;
  valueName?: string;
  selectedId?: number | null;
  /** Extra query string for the JSON endpoint (« type=commune »). */
  filter?: string;
  /** The JSON endpoint of suggestions (default: the authority directory's API). */
  endpoint?: string;
}

/** The authority directory's search API: what the picker asks by default. */
export const PICKER_ENDPOINT = '/api/v1/organisations';

/**
 * The authority picker. Without JavaScript it is a plain search field: the surrounding GET form shows a results
 * page. With JavaScript (`/assets/organisation-picker.js`), it becomes an ARIA 1.2 combobox with a listbox of
 * suggestions fed by the endpoint (`?q=`). Load the script with `reply.page(title, view, { scripts: [PICKER_SCRIPT] })`.
 */
export function OrganisationPicker(props: OrganisationPickerProps) {
  const name = props.name ?? 'q';
  const id = props.id ?? fieldId(name);
  return (
    <div
      class={`field combobox${props.error ? ' field-error' : ''}`}
      data-organisation-picker
      data-mode={props.mode ?? 'navigate'}
      data-href={props.href ?? '/collectivites/{id}'}
      data-filter={props.filter}
      data-endpoint={props.endpoint && props.endpoint !== PICKER_ENDPOINT ? props.endpoint : undefined}
    >
      <label for={id}>{props.label}</label>
      <FieldHint id={id}>{props.hint}</FieldHint>
      <FieldError id={id} error={props.error} />
      <input
        type="search"
        id={id}
        name={name}
        value={props.value ?? ''}
        class="input"
        autoComplete="off"
        spellcheck={false}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        data-picker-input
      />
      {props.mode === 'select' && (
        <input
          type="hidden"
          name={props.valueName ?? 'organisationId'}
          value={props.selectedId ?? ''}
          data-picker-value
        />
      )}
    </div>
  );
}

export const PICKER_SCRIPT = '/assets/organisation-picker.js';

export const PICKER_HINT =
  'Nom, code postal, code INSEE ou SIREN. Exemples : « st etienne », « 69003 », « 217 500 016 ».';
