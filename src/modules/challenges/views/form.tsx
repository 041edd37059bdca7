/** The challenge form (new and edit): one page, the error summary on top, each field with its message. */
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
import { OrganisationPicker, PICKER_HINT } from '../../../platform/ui/organisation-picker.tsx';
import { CATEGORY_CODES, categoryLabel, LIMITS, THEME_CODES, themeLabel } from '../model.ts';
import type { PresentedChallenge } from '../services/presenter.ts';
import { type ChallengeFormValues, INVITE_SLOTS, inviteFields } from '../services/writing.ts';

export interface ChallengeFormView {
  action: string;
  challenge: PresentedChallenge | null;
  values: ChallengeFormValues | null;
  errors?: FieldErrors;
  /** The authorities the person is an editor of (« porté par »). */
  authorities: { id: number; name: string }[];
  /** Coordinators may open a challenge in the network's name. */
  mayStateForNetwork: boolean;
}

export function challengeFormValues(c: PresentedChallenge): ChallengeFormValues {
  return {
    titre: c.title,
    besoin: c.need,
    resultat: c.expectedResult,
    donnees: c.data,
    hebergement: c.hostingConstraints,
    donnees_personnelles: c.personalDataConstraints,
    date_limite: c.joinDeadline ?? '',
    cadrage_prevu: c.planned.scoping ?? '',
    realisation_prevue: c.planned.building ?? '',
    publication_prevue: c.planned.publication ?? '',
    themes: c.themes.map((t) => t.code),
    categorie: c.category?.code ?? '',
  };
}

const DAY_HINT = 'Au format AAAA-MM-JJ, facultatif.';

/** Coordinators invite authorities when they open a challenge: one authority picker per invitation. */
function Invitations(props: { values: ChallengeFormValues | null; errors?: FieldErrors }) {
  const one = (name: string) => {
    const v = props.values?.[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  return (
    <fieldset class="field choice-group">
      <legend>Collectivités invitées (facultatif)</legend>
      <p class="hint">
        Chacune reçoit par courriel une invitation à rejoindre le défi, adressée à ses responsables et à ses contacts.
      </p>
      {Array.from({ length: INVITE_SLOTS }, (_, k) => {
        const names = inviteFields(k + 1);
        const selected = Number(one(names.id));
        return (
          <OrganisationPicker
            name={names.query}
            label={`Collectivité invitée ${k + 1}`}
            hint={k === 0 ? `${PICKER_HINT} Sans JavaScript : son code, par exemple commune:44109.` : undefined}
            value={one(names.query)}
            error={props.errors?.[names.query]}
            mode="select"
            valueName={names.id}
            selectedId={Number.isInteger(selected) && selected > 0 ? selected : null}
          />
        );
      })}
    </fieldset>
  );
}

export function ChallengeFormPage(v: ChallengeFormView) {
  const values = v.values ?? (v.challenge ? challengeFormValues(v.challenge) : null);
  const field = bindFields(values, v.errors);
  const themes = values?.themes;
  const stated: { value: string; label: string }[] = [
    ...(v.mayStateForNetwork ? [{ value: '', label: 'La coordination du réseau' }] : []),
    ...v.authorities.map((a) => ({ value: String(a.id), label: a.name })),
  ];
  return (
    <>
      <ErrorSummary errors={v.errors} />
      <h1>{v.challenge ? `Modifier « ${v.challenge.title} »` : 'Ouvrir un défi'}</h1>
      {!v.challenge && (
        <p class="lead">
          Le défi s’ouvre à l’étape « Appel à intérêt » : les collectivités le rejoignent comme porteur, contributeur ou
          observateur, les laboratoires de l’État et autres organismes comme partenaires.
        </p>
      )}
      <PostForm action={v.action}>
        {v.challenge && <input type="hidden" name="version" value={String(v.challenge.version)} />}
        {!v.challenge && (
          <ChoiceGroup
            {...field('porte_par')}
            legend="Défi porté par"
            hint="Une collectivité qui ouvre un défi en devient porteuse."
            type="radio"
            required
            value={String(values?.porte_par ?? (v.mayStateForNetwork ? '' : (stated[0]?.value ?? '')))}
            options={stated}
          />
        )}
        <TextInput {...field('titre')} label="Titre" required maxLength={LIMITS.title} />
        <TextArea
          {...field('besoin')}
          label="Le besoin"
          hint="Le contexte : ce qui pose problème aujourd’hui, pour qui, et pourquoi l’IA peut aider."
          required
          maxLength={LIMITS.text}
        />
        <TextArea
          {...field('resultat')}
          label="Résultat attendu"
          hint="Le commun visé : un code, un jeu de données, un modèle, une méthode…"
          required
          maxLength={LIMITS.text}
        />
        <TextArea {...field('donnees')} label="Données disponibles ou nécessaires" maxLength={LIMITS.text} />
        <TextArea {...field('hebergement')} label="Contraintes d’hébergement" maxLength={LIMITS.text} rows={3} />
        <TextArea
          {...field('donnees_personnelles')}
          label="Données personnelles"
          hint="Le défi en traite-t-il ? Lesquelles, et avec quelles précautions ?"
          maxLength={LIMITS.text}
          rows={3}
        />
        <TextInput
          {...field('date_limite')}
          label="Date limite pour rejoindre"
          hint="Au format AAAA-MM-JJ. Sans date, les inscriptions restent ouvertes jusqu’au début de la réalisation."
          width="medium"
        />
        <TextInput {...field('cadrage_prevu')} label="Début du cadrage prévu" hint={DAY_HINT} width="medium" />
        <TextInput
          {...field('realisation_prevue')}
          label="Début de la réalisation prévu"
          hint={DAY_HINT}
          width="medium"
        />
        <TextInput
          {...field('publication_prevue')}
          label="Publication du commun prévue"
          hint={DAY_HINT}
          width="medium"
        />
        <ChoiceGroup
          name="themes"
          error={v.errors?.themes}
          legend="Thèmes"
          type="checkbox"
          value={Array.isArray(themes) ? themes : themes ? [themes] : []}
          options={THEME_CODES.map((c) => ({ value: c, label: themeLabel(c) }))}
        />
        <Select
          {...field('categorie')}
          label="Catégorie de commun"
          options={CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c) }))}
          emptyLabel="— Aucune —"
        />
        {!v.challenge && v.mayStateForNetwork && <Invitations values={values} errors={v.errors} />}
        <button type="submit" class="button button-primary">
          {v.challenge ? 'Enregistrer les modifications' : 'Ouvrir le défi'}
        </button>
      </PostForm>
    </>
  );
}
