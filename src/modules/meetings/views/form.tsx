/** The meeting form (new and edit): one page, the error summary on top, each field with its message; agenda items and documents as rows. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import { ChoiceGroup, ErrorSummary, fieldId, PostForm, TextArea, TextInput } from '../../../platform/ui/components.tsx';
import { type MeetingFormValues, VISIBILITIES, VISIBILITY_LABELS } from '../model.ts';

const EXTRA_ROWS = 3;

export function MeetingFormPage(v: {
  action: string;
  heading: string;
  groupName: string;
  values: MeetingFormValues;
  errors?: FieldErrors;
  ambiguous?: boolean;
  version?: number;
}) {
  const e = v.errors ?? {};
  const val = v.values;
  const agenda = [
    ...val.agenda,
    ...Array.from({ length: EXTRA_ROWS }, () => ({ titre: '', intervenant: '', fonction: '', invite: false })),
  ];
  const documents = [...val.documents, ...Array.from({ length: 2 }, () => ({ titre: '', url: '', moment: 'before' }))];
  return (
    <>
      <h1>{v.heading}</h1>
      <p>Groupe : {v.groupName}. Les heures sont celles de Paris.</p>
      <ErrorSummary errors={v.errors} />
      <PostForm action={v.action}>
        {v.version != null && <input type="hidden" name="version" value={String(v.version)} />}
        <TextInput name="titre" label="Titre" required value={val.titre} error={e.titre} maxLength={200} />
        <TextArea name="description" label="Présentation" value={val.description} error={e.description} rows={4} />
        <TextInput
          name="date"
          type="date"
          label="Date"
          hint="Au format AAAA-MM-JJ."
          required
          value={val.date}
          error={e.date}
          width="medium"
        />
        <TextInput
          name="heure"
          type="time"
          label="Heure de début (heure de Paris)"
          hint="Au format HH:MM, par exemple 14:30."
          required
          value={val.heure}
          error={e.heure}
          width="short"
        />
        <TextInput
          name="heure_fin"
          type="time"
          label="Heure de fin (heure de Paris)"
          required
          value={val.heure_fin}
          error={e.heure_fin}
          width="short"
        />
        {(v.ambiguous || val.heure_ambigue) && (
          <ChoiceGroup
            name="heure_ambigue"
            legend="Cette heure existe deux fois ce jour-là (passage à l’heure d’hiver) : laquelle ?"
            type="radio"
            value={val.heure_ambigue}
            options={[
              { value: 'earlier', label: 'La première (encore à l’heure d’été, UTC+2)' },
              { value: 'later', label: 'La seconde (déjà à l’heure d’hiver, UTC+1)' },
            ]}
          />
        )}
        <TextInput
          name="lieu"
          label="Lieu"
          hint="Adresse et salle ; laissez vide pour une réunion à distance."
          value={val.lieu}
          error={e.lieu}
        />
        <TextInput
          name="visio"
          type="url"
          label="Lien de visioconférence"
          hint="Adresse complète, https://…"
          value={val.visio}
          error={e.visio}
        />
        <ChoiceGroup
          name="visibilite"
          legend="Qui voit la réunion"
          type="radio"
          required
          value={val.visibilite || 'public'}
          error={e.visibilite}
          options={VISIBILITIES.map((x) => ({ value: x, label: VISIBILITY_LABELS[x] }))}
        />
        <TextInput
          name="capacite"
          label="Nombre de places"
          hint="Vide : sans limite. Au-delà, les inscrits vont sur la liste d’attente."
          value={val.capacite}
          error={e.capacite}
          width="short"
          inputmode="numeric"
        />
        <fieldset class="field" id={fieldId('agenda')}>
          <legend>Ordre du jour</legend>
          <p class="hint">
            Un point par ligne, dans l’ordre ; l’intervenant peut être une personne invitée hors du réseau (nom et
            fonction).
          </p>
          {e.agenda && <p class="error-message">{e.agenda}</p>}
          {agenda.map((row, i) => (
            <fieldset class="agenda-row">
              <legend>Point {i + 1}</legend>
              <TextInput
                id={fieldId(`agenda_titre_${i}`)}
                name="agenda_titre"
                label="Intitulé"
                value={row.titre}
                error={e[`agenda_titre_${i}`]}
              />
              <TextInput
                id={fieldId(`agenda_intervenant_${i}`)}
                name="agenda_intervenant"
                label="Intervenant·e"
                value={row.intervenant}
                error={e[`agenda_intervenant_${i}`]}
              />
              <TextInput
                id={fieldId(`agenda_fonction_${i}`)}
                name="agenda_fonction"
                label="Fonction de l’intervenant·e"
                value={row.fonction}
              />
              <div class="choice">
                <input
                  type="checkbox"
                  id={`agenda-invite-${i}`}
                  name="agenda_invite"
                  value={String(i)}
                  checked={row.invite}
                />
                <label for={`agenda-invite-${i}`}>Personne invitée, hors du réseau</label>
              </div>
            </fieldset>
          ))}
        </fieldset>
        <fieldset class="field" id={fieldId('documents')}>
          <legend>Documents</legend>
          <p class="hint">
            Liens vers les documents préparatoires ou ceux de la réunion (présentations, enregistrement).
          </p>
          {e.documents && <p class="error-message">{e.documents}</p>}
          {documents.map((row, i) => (
            <fieldset class="document-row">
              <legend>Document {i + 1}</legend>
              <TextInput
                id={fieldId(`document_titre_${i}`)}
                name="document_titre"
                label="Titre"
                value={row.titre}
                error={e[`document_titre_${i}`]}
              />
              <TextInput
                id={fieldId(`document_url_${i}`)}
                name="document_url"
                type="url"
                label="Adresse"
                value={row.url}
                error={e[`document_url_${i}`]}
              />
              <label for={`document-moment-${i}`}>Quand</label>{' '}
              <select id={`document-moment-${i}`} name="document_moment" class="input input-medium">
                <option value="before" selected={row.moment !== 'after'}>
                  Avant la réunion
                </option>
                <option value="after" selected={row.moment === 'after'}>
                  Après la réunion
                </option>
              </select>
            </fieldset>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary">
          Enregistrer et envoyer les invitations
        </button>
      </PostForm>
    </>
  );
}
