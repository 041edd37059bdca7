/** The commons entry form (new and edit): one page, the error summary on top, each field with its message. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  bindFields,
  ChoiceGroup,
  ErrorSummary,
  PostForm,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { CATEGORY_CODES, categoryLabel, KINDS, LIMITS, STATUSES, THEME_CODES, themeLabel } from '../model.ts';
import type { PresentedEntry } from '../services/presenter.ts';
import type { EntryFormValues } from '../services/writing.ts';

export interface EntryFormView {
  action: string;
  /** The entry being edited (null: a new one). */
  entry: PresentedEntry | null;
  /** What was typed (after an error), else null. */
  values: EntryFormValues | null;
  errors?: FieldErrors;
  /** The actor's authorities, offered as maintainers. */
  ownAuthorities: { id: number; name: string }[];
}

/** The form's values for an entry as stored. */
export function entryFormValues(e: PresentedEntry, own: readonly { id: number }[]): EntryFormValues {
  const ownIds = new Set(own.map((o) => o.id));
  return {
    nom: e.name,
    resume: e.summary,
    type: e.kind,
    statut: e.status,
    licence: e.licence ?? '',
    depot: e.links.repository ?? '',
    telechargement: e.links.download ?? '',
    documentation: e.links.documentation ?? '',
    themes: e.themes.map((t) => t.code),
    categorie: e.category?.code ?? '',
    mainteneurs: e.maintainers.filter((m) => ownIds.has(m.id)).map((m) => String(m.id)),
    autres_mainteneurs: e.maintainers
      .filter((m) => !ownIds.has(m.id))
      .map((m) => m.code)
      .join('\n'),
    utilisateurs: e.users.map((o) => o.code).join('\n'),
    contributeurs: e.contributors.map((o) => o.code).join('\n'),
    fiches: e.sheets.map((s) => String(s.id)).join('\n'),
  };
}

export function EntryFormPage(v: EntryFormView) {
  const values = v.values ?? (v.entry ? entryFormValues(v.entry, v.ownAuthorities) : null);
  const field = bindFields(values, v.errors);
  const listValue = (name: string) => {
    const raw = values?.[name];
    return Array.isArray(raw) ? raw : raw ? [raw] : [];
  };
  return (
    <>
      <h1>{v.entry ? `Modifier « ${v.entry.name} »` : 'Décrire un commun'}</h1>
      <ErrorSummary errors={v.errors} />
      <PostForm action={v.action}>
        {v.entry && <input type="hidden" name="version" value={String(v.entry.version)} />}
        <TextInput {...field('nom')} label="Nom" required maxLength={LIMITS.name} />
        <TextArea
          {...field('resume')}
          label="Résumé"
          hint="Ce que fait ce commun, pour qui, et ce qu’il faut pour s’en servir."
          required
          maxLength={LIMITS.summary}
        />
        <ChoiceGroup
          {...field('type')}
          legend="Type de commun"
          type="radio"
          required
          options={KINDS.map((k) => ({ value: k.code, label: k.label }))}
        />
        <ChoiceGroup
          {...field('statut')}
          legend="Statut"
          type="radio"
          required
          options={STATUSES.map((s) => ({ value: s.code, label: s.label }))}
        />
        <TextInput
          {...field('licence')}
          label="Licence"
          hint="Identifiant de la liste SPDX : par exemple MIT, Apache-2.0, EUPL-1.2, etalab-2.0, CC-BY-4.0."
          width="medium"
        />
        <TextInput
          {...field('depot')}
          label="Dépôt du code ou des données"
          hint="Adresse complète, https:// de préférence."
          type="url"
        />
        <TextInput {...field('telechargement')} label="Téléchargement" type="url" />
        <TextInput {...field('documentation')} label="Documentation" type="url" />
        <ChoiceGroup
          name="themes"
          error={v.errors?.themes}
          legend="Thèmes"
          type="checkbox"
          value={listValue('themes')}
          options={THEME_CODES.map((c) => ({ value: c, label: themeLabel(c) }))}
        />
        <Select
          {...field('categorie')}
          label="Catégorie de commun"
          options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c) }))}
          emptyLabel="— Aucune —"
        />
        {v.ownAuthorities.length > 0 && (
          <ChoiceGroup
            name="mainteneurs"
            error={v.errors?.mainteneurs}
            legend="Organismes mainteneurs parmi les vôtres"
            type="checkbox"
            value={listValue('mainteneurs')}
            options={v.ownAuthorities.map((o) => ({ value: String(o.id), label: o.name }))}
          />
        )}
        {v.ownAuthorities.length === 0 && v.errors?.mainteneurs && (
          <p class="error-message" id="champ-mainteneurs">
            {v.errors.mainteneurs}
          </p>
        )}
        <TextArea
          {...field('autres_mainteneurs')}
          label="Autres organismes mainteneurs"
          hint="Un par ligne : le code de l’organisme (commune:44109) ou son SIREN."
          rows={3}
        />
        <TextArea
          {...field('utilisateurs')}
          label="Collectivités qui l’utilisent"
          hint="Une par ligne : code ou SIREN."
          rows={3}
        />
        <TextArea
          {...field('contributeurs')}
          label="Organismes qui y contribuent"
          hint="Un par ligne : code ou SIREN."
          rows={3}
        />
        <TextArea
          {...field('fiches')}
          label="Fiches de la bibliothèque qui l’utilisent"
          hint="Une par ligne : le numéro de la fiche ou son adresse (/bibliotheque/12-…)."
          rows={3}
        />
        <button type="submit" class="button button-primary">
          {v.entry ? 'Enregistrer les modifications' : 'Enregistrer le commun'}
        </button>
      </PostForm>
    </>
  );
}
