/** Importing a publiccode.yml file: the form (upload or paste, maintainers), then the report of what was mapped. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  ChoiceGroup,
  ErrorSummary,
  FieldError,
  FieldHint,
  PostForm,
  TextArea,
} from '../../../platform/ui/components.tsx';
import type { PubliccodeImport } from '../services/publiccode.ts';

export function PubliccodeFormPage(props: {
  errors?: FieldErrors;
  values?: { contenu: string; mainteneurs: string[]; autres_mainteneurs: string };
  ownAuthorities: { id: number; name: string }[];
}) {
  const { errors, values } = props;
  return (
    <>
      <h1>Importer un fichier publiccode.yml</h1>
      <p>
        Le fichier publiccode.yml décrit un logiciel du secteur public. Le commun dont le dépôt a la même adresse est
        mis à jour ; sinon un nouveau commun est créé. Ce qui n’a pas pu être repris vous est indiqué.
      </p>
      <ErrorSummary errors={errors} />
      <PostForm action="/communs/importer-publiccode" enctype="multipart/form-data">
        <div class={`field${errors?.fichier ? ' field-error' : ''}`}>
          <label for="champ-fichier">
            Fichier publiccode.yml <span class="optional"> (facultatif)</span>
          </label>
          <FieldHint id="champ-fichier">1 Mo au plus. Ou collez son contenu ci-dessous.</FieldHint>
          <FieldError id="champ-fichier" error={errors?.fichier} />
          <input
            type="file"
            id="champ-fichier"
            name="fichier"
            accept=".yml,.yaml,text/yaml,application/yaml"
            aria-describedby="champ-fichier-hint"
          />
        </div>
        <TextArea
          name="contenu"
          label="Contenu du fichier"
          value={values?.contenu ?? ''}
          error={errors?.contenu}
          rows={10}
        />
        {props.ownAuthorities.length > 0 && (
          <ChoiceGroup
            name="mainteneurs"
            legend="Organismes mainteneurs parmi les vôtres (pour un nouveau commun)"
            type="checkbox"
            value={values?.mainteneurs ?? []}
            error={errors?.mainteneurs}
            options={props.ownAuthorities.map((o) => ({ value: String(o.id), label: o.name }))}
          />
        )}
        <TextArea
          name="autres_mainteneurs"
          label="Autres organismes mainteneurs"
          hint="Un par ligne : le code de l’organisme (commune:44109) ou son SIREN."
          value={values?.autres_mainteneurs ?? ''}
          error={errors?.autres_mainteneurs ?? (props.ownAuthorities.length ? undefined : errors?.mainteneurs)}
          rows={2}
        />
        <button type="submit" class="button button-primary">
          Importer
        </button>
      </PostForm>
    </>
  );
}

export function PubliccodeReportPage({ result, path }: { result: PubliccodeImport; path: string }) {
  return (
    <>
      <h1>{result.created ? 'Commun créé depuis publiccode.yml' : 'Commun mis à jour depuis publiccode.yml'}</h1>
      <p>
        <a href={path}>{result.reading.entry.name}</a>
      </p>
      <h2>Clés reprises ({result.reading.mapped.length})</h2>
      <ul>
        {result.reading.mapped.map((k) => (
          <li>
            <code>{k}</code>
          </li>
        ))}
      </ul>
      <h2>Non repris ({result.reading.notMapped.length})</h2>
      {result.reading.notMapped.length === 0 ? (
        <p>Tout le fichier a été repris.</p>
      ) : (
        <ul>
          {result.reading.notMapped.map((k) => (
            <li>{k}</li>
          ))}
        </ul>
      )}
      <p>
        Complétez le commun (type, thèmes, catégorie, collectivités qui l’utilisent, fiches) depuis{' '}
        <a href={`${path}/modifier`}>sa page de modification</a>.
      </p>
    </>
  );
}
