/** The initiative form (new, edit): one page, the error summary on top, each field with its message. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  Button,
  bindFields,
  ChoiceGroup,
  ErrorSummary,
  PostForm,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { AMBITIONS, COMMITMENTS } from '../commitments.ts';
import { BUDGET_BANDS, FORMATS, type InitiativeContent, LIMITS, PUBLICS, resourcesText, TOPICS } from '../model.ts';

/** The form's values as typed (after an error) or as stored. */
export type FormValues = Record<string, string | string[]>;

export function formValuesOf(c: InitiativeContent): FormValues {
  return {
    titre: c.title,
    en_bref: c.plainSummary,
    resume: c.summary,
    format: c.format ?? '',
    sujets: c.topics,
    publics: c.publics,
    eloignes: c.farFromDigital,
    debut: c.startDate ?? '',
    fin: c.endDate ?? '',
    partenaires: c.partners,
    budget: c.budgetBand ?? '',
    participants: c.participants === null ? '' : String(c.participants),
    resultats: c.outcomes,
    freins: c.obstacles,
    atouts: c.strengths,
    ressources: resourcesText(c.resources),
    contact: c.contact,
    engagements: c.commitments,
  };
}

export interface InitiativeFormView {
  action: string;
  title: string;
  values: FormValues;
  errors?: FieldErrors;
  version: number | null;
  /** A new initiative: the authorities the person may choose from (empty for a coordinator: code field). */
  authorities: { id: number; name: string }[] | null;
  /** Editing a published initiative: the changes make a revision. */
  revision: boolean;
}

export function InitiativeFormPage(v: InitiativeFormView) {
  const field = bindFields(v.values, v.errors);
  const listValue = (name: string) => {
    const raw = v.values[name];
    return Array.isArray(raw) ? raw : raw ? [raw] : [];
  };
  return (
    <>
      <h1>{v.title}</h1>
      <ErrorSummary errors={v.errors} />
      {v.revision && (
        <p class="notice">
          Cette initiative est publiée : vos modifications forment une révision, relue par les coordinateurs avant de
          remplacer la version publiée, qui reste visible en attendant.
        </p>
      )}
      <p>
        Seul le titre est nécessaire pour enregistrer un brouillon. Pour l’envoyer en relecture, remplissez aussi le
        résumé « en bref », le résumé, le format, les sujets, les publics et la date de début.
      </p>
      <PostForm action={v.action}>
        {v.version !== null && <input type="hidden" name="version" value={String(v.version)} />}
        {v.authorities !== null &&
          (v.authorities.length > 0 ? (
            <Select
              {...field('organisation')}
              label="Collectivité qui porte l’initiative"
              required
              options={v.authorities.map((o) => ({ value: String(o.id), label: o.name }))}
            />
          ) : (
            <TextInput
              {...field('organisation_code')}
              label="Collectivité qui porte l’initiative"
              hint="Son code, par exemple commune:44109 (coordinateurs)."
              required
              width="medium"
            />
          ))}
        {v.errors?.organisation && v.authorities !== null && v.authorities.length === 0 && (
          <p class="error-message" id="champ-organisation">
            {v.errors.organisation}
          </p>
        )}
        <TextInput {...field('titre')} label="Titre" required maxLength={LIMITS.title} />
        <TextArea
          {...field('en_bref')}
          label="En bref, en langage clair"
          hint="Deux ou trois phrases courtes, sans sigle ni jargon : ce qui a été fait, avec qui, et ce que cela a changé. C’est ce que les visiteurs lisent en premier."
          rows={3}
          maxLength={LIMITS.plainSummary}
        />
        <TextArea
          {...field('resume')}
          label="Résumé"
          hint="Le déroulé de la démarche, ses étapes."
          maxLength={LIMITS.text}
        />
        <ChoiceGroup
          {...field('format')}
          legend="Format"
          type="radio"
          options={FORMATS.map((f) => ({ value: f.code, label: f.label }))}
        />
        <ChoiceGroup
          name="sujets"
          error={v.errors?.sujets}
          legend="Sujets"
          type="checkbox"
          value={listValue('sujets')}
          options={TOPICS.map((t) => ({ value: t.code, label: t.label }))}
        />
        <ChoiceGroup
          name="publics"
          error={v.errors?.publics}
          legend="Publics touchés"
          type="checkbox"
          value={listValue('publics')}
          options={PUBLICS.map((t) => ({ value: t.code, label: t.label }))}
        />
        <TextArea
          {...field('eloignes')}
          label="Comment les personnes éloignées du numérique ont été associées"
          hint="Par exemple : permanences dans des lieux de passage, médiateurs numériques, documents papier, interprètes."
          maxLength={LIMITS.text}
        />
        <TextInput
          {...field('debut')}
          label="Date de début"
          hint="Au format AAAA-MM-JJ, par exemple 2025-03-15."
          type="date"
          width="medium"
        />
        <TextInput
          {...field('fin')}
          label="Date de fin"
          hint="Au format AAAA-MM-JJ ; vide si elle continue."
          type="date"
          width="medium"
        />
        <TextArea
          {...field('partenaires')}
          label="Partenaires"
          hint="Associations, médiathèques, opérateurs, chercheurs…"
          rows={3}
          maxLength={LIMITS.partners}
        />
        <Select
          {...field('budget')}
          label="Budget"
          emptyLabel="— Non indiqué —"
          options={BUDGET_BANDS.map((b) => ({ value: b.code, label: b.label }))}
        />
        <TextInput
          {...field('participants')}
          label="Nombre de participants"
          hint="Une estimation suffit."
          width="short"
          inputmode="numeric"
        />
        <TextArea {...field('resultats')} label="Ce qui a changé dans la politique menée" maxLength={LIMITS.text} />
        <TextArea
          {...field('freins')}
          label="Freins rencontrés"
          hint="Ce qui a été difficile sur votre territoire."
          maxLength={LIMITS.text}
        />
        <TextArea {...field('atouts')} label="Points forts" hint="Ce qui a aidé, localement." maxLength={LIMITS.text} />
        <TextArea
          {...field('ressources')}
          label="Ressources"
          hint="Une par ligne : « Intitulé | https://adresse » ou l’adresse seule (compte rendu, supports, vidéo)."
          rows={4}
        />
        <TextInput
          {...field('contact')}
          label="Contact"
          hint="Un service et son adresse e-mail de service, pas une adresse personnelle."
          maxLength={LIMITS.contact}
        />
        <ChoiceGroup
          name="engagements"
          error={v.errors?.engagements}
          legend="Engagements du Manifeste « Pour des territoires numériques responsables » mis en pratique"
          hint="Voir la page du Manifeste pour leur présentation."
          type="checkbox"
          value={listValue('engagements')}
          options={COMMITMENTS.map((c) => ({
            value: c.code,
            label: `${c.number}. ${c.title}`,
            hint: AMBITIONS[c.ambition],
          }))}
        />
        <p class="actions">
          <Button name="_etape" value="save">
            Enregistrer le brouillon
          </Button>{' '}
          <Button name="_etape" value="submit" kind="secondary">
            Enregistrer et envoyer en relecture
          </Button>
        </p>
      </PostForm>
    </>
  );
}
