import type { FieldErrors } from '../../../platform/http/errors.ts';
import { Button, bindFields, ErrorSummary, PostForm, Select, TextInput } from '../../../platform/ui/components.tsx';
import { type Division, OTHER_BODY_TYPES, type OtherBodyInput, organisationTypeLabel } from '../model.ts';

export interface NewBodyProps {
  values: OtherBodyInput;
  errors?: FieldErrors;
  departements: Division[];
  regions: Division[];
}

/** Administrators add a body that is not in the geographic code: syndicat mixte, opérateur, State lab, company… */
export function NewBodyPage({ values, errors, departements, regions }: NewBodyProps) {
  const field = bindFields(values, errors);
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Ajouter un organisme</h1>
      <p class="lead">
        Les communes, intercommunalités, départements et régions viennent du code officiel géographique : inutile de les
        ajouter. Cherchez-les d'abord dans la <a href="/collectivites">liste des collectivités</a>.
      </p>
      <PostForm action="/admin/collectivites/nouvelle">
        <TextInput {...field('name')} label="Nom de l'organisme" required />
        <Select
          {...field('type')}
          label="Type d'organisme"
          required
          options={OTHER_BODY_TYPES.map((t) => ({ value: t, label: organisationTypeLabel(t) }))}
        />
        <TextInput
          {...field('siren')}
          label="Numéro SIREN"
          hint="9 chiffres, espaces permis (exemple : 130 025 265). Facultatif si vous saisissez le SIRET, et pour un laboratoire de l'État (une équipe au sein d'une administration)."
          inputmode="numeric"
          width="medium"
        />
        <TextInput
          {...field('siret')}
          label="Numéro SIRET de l'établissement principal"
          hint="14 chiffres : le SIREN suivi des 5 chiffres de l'établissement."
          inputmode="numeric"
          width="medium"
        />
        <TextInput
          {...field('website')}
          label="Site web"
          hint="Exemple : https://www.exemple.fr"
          type="url"
          autocomplete="url"
        />
        <Select
          {...field('departementCode')}
          label="Département du siège"
          emptyLabel="— Aucun (organisme national) —"
          options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
        />
        <Select
          {...field('regionCode')}
          label="Région"
          hint="Déduite du département si vous la laissez vide."
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
