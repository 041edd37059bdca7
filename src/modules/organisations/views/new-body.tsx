import type { FieldErrors } from '../../../platform/http/errors.ts';
import { Button, ErrorSummary, PostForm, Select, TextInput } from '../../../platform/ui/components.tsx';
import { type Division, OTHER_BODY_TYPES, type OtherBodyInput, organisationTypeLabel } from '../model.ts';

export interface NewBodyProps {
  values: OtherBodyInput;
  errors?: FieldErrors;
  departements: Division[];
  regions: Division[];
}

/** Administrators add a body that is not in the geographic code: syndicat mixte, opérateur, association… */
export function NewBodyPage({ values, errors, departements, regions }: NewBodyProps) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Ajouter un organisme</h1>
      <p class="lead">
        Les communes, intercommunalités, départements et régions viennent du code officiel géographique : inutile de les
        ajouter. Cherchez-les d'abord dans la <a href="/collectivites">liste des collectivités</a>.
      </p>
      <PostForm action="/admin/collectivites/nouvelle">
        <TextInput name="name" label="Nom de l'organisme" value={values.name} error={errors?.name} required />
        <Select
          name="type"
          label="Type d'organisme"
          value={values.type}
          error={errors?.type}
          required
          options={OTHER_BODY_TYPES.map((t) => ({ value: t, label: organisationTypeLabel(t) }))}
        />
        <TextInput
          name="siren"
          label="Numéro SIREN"
          hint="9 chiffres, espaces permis (exemple : 130 025 265). Facultatif si vous saisissez le SIRET."
          value={values.siren}
          error={errors?.siren}
          inputmode="numeric"
          width="medium"
          required
        />
        <TextInput
          name="siret"
          label="Numéro SIRET de l'établissement principal"
          hint="14 chiffres : le SIREN suivi des 5 chiffres de l'établissement."
          value={values.siret}
          error={errors?.siret}
          inputmode="numeric"
          width="medium"
        />
        <TextInput
          name="website"
          label="Site web"
          hint="Exemple : https://www.exemple.fr"
          value={values.website}
          error={errors?.website}
          type="url"
          autocomplete="url"
        />
        <Select
          name="departementCode"
          label="Département du siège"
          value={values.departementCode}
          error={errors?.departementCode}
          emptyLabel="— Aucun (organisme national) —"
          options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
        />
        <Select
          name="regionCode"
          label="Région"
          hint="Déduite du département si vous la laissez vide."
          value={values.regionCode}
          error={errors?.regionCode}
          emptyLabel="— Aucune —"
          options={regions.map((r) => ({ value: r.code, label: r.name }))}
        />
        <div class="actions">
          <Button>Ajouter l'organisme</Button>
          <a href="/collectivites">Annuler</a>
        </div>
      </PostForm>
    </>
  );
}
