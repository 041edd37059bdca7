/** The group form (create, edit) and the join request form. */
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
import { VISIBILITIES, VISIBILITY_LABELS } from '../model.ts';

export interface GroupFormValues {
  nom: string;
  objet: string;
  parent: string;
  visibilite: string;
  version?: string;
}

export function GroupFormPage(v: {
  title: string;
  action: string;
  values: GroupFormValues;
  errors?: FieldErrors;
  /** Groups that may be the parent ({ id, name, depth }), or null when the reader may not move the group. */
  parents: { id: number; name: string; depth: number }[] | null;
  cancel: string;
}) {
  const field = bindFields(v.values, v.errors);
  return (
    <>
      <h1>{v.title}</h1>
      <ErrorSummary errors={v.errors} />
      <PostForm action={v.action}>
        {v.values.version && <input type="hidden" name="version" value={v.values.version} />}
        <TextInput {...field('nom')} label="Nom du groupe" required maxLength={150} />
        <TextArea
          {...field('objet')}
          label="Objet du groupe"
          hint="Ce que le groupe prépare, pour qui, et comment il travaille."
          maxLength={3000}
        />
        {v.parents && (
          <Select
            {...field('parent')}
            label="Groupe parent"
            hint="Une commission contient des groupes et des sous-commissions. Laissez vide pour un groupe de premier niveau."
            emptyLabel="— Aucun (premier niveau) —"
            options={v.parents.map((p) => ({ value: String(p.id), label: `${'— '.repeat(p.depth)}${p.name}` }))}
          />
        )}
        <ChoiceGroup
          {...field('visibilite')}
          legend="Qui peut lire la page du groupe ?"
          type="radio"
          required
          options={VISIBILITIES.map((value) => ({ value, label: VISIBILITY_LABELS[value] }))}
        />
        <div class="actions">
          <button type="submit" class="button button-primary">
            Enregistrer
          </button>
          <a href={v.cancel}>Annuler</a>
        </div>
      </PostForm>
    </>
  );
}

export function JoinFormPage(v: { group: { name: string; path: string }; message: string; errors?: FieldErrors }) {
  return (
    <>
      <h1>Demander à rejoindre « {v.group.name} »</h1>
      <ErrorSummary errors={v.errors} />
      <p>
        Les pilotes du groupe reçoivent votre demande et y répondent ; vous êtes prévenu par e-mail de leur décision.
      </p>
      <PostForm action={`${v.group.path}/rejoindre`}>
        <TextArea
          name="message"
          value={v.message}
          error={v.errors?.message}
          label="Votre message aux pilotes"
          hint="Votre fonction, votre organisme, ce que vous souhaitez apporter au groupe (10 à 2 000 caractères)."
          required
          maxLength={2000}
        />
        <div class="actions">
          <button type="submit" class="button button-primary">
            Envoyer ma demande
          </button>
          <a href={v.group.path}>Annuler</a>
        </div>
      </PostForm>
    </>
  );
}
