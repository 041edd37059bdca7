/** The synonyms of the search, for coordinators: the groups, a form to add one, and a group's own page. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import type { SynonymGroup } from '../../../platform/search/index.ts';
import { Button, ErrorSummary, formatDate, PostForm, Table, TextArea } from '../../../platform/ui/components.tsx';

export const SYNONYMS_PATH = '/coordination/synonymes';

const HINT =
  'Une expression par ligne (un ou plusieurs mots). Chercher l’une trouve les fiches qui contiennent n’importe laquelle ' +
  'des autres ; majuscules, accents et pluriels sont sans effet.';

function ExpressionsField({ value, error }: { value: string; error?: string }) {
  return <TextArea name="expressions" label="Expressions" hint={HINT} value={value} error={error} rows={6} required />;
}

export function SynonymsPage(props: { groups: SynonymGroup[]; errors?: FieldErrors | null; typed?: string }) {
  const { groups, errors } = props;
  const count = groups.length;
  return (
    <>
      <h1>Synonymes de la recherche</h1>
      <p>
        Une recherche trouve aussi les fiches qui emploient un autre mot du même groupe : « vidéoprotection » trouve les
        fiches qui parlent de « caméras ». Les groupes s’appliquent à toute la bibliothèque, dès leur enregistrement.
      </p>
      <ErrorSummary errors={errors} />
      <h2>{count === 0 ? 'Aucun groupe' : count === 1 ? '1 groupe' : `${count.toLocaleString('fr-FR')} groupes`}</h2>
      {count > 0 && (
        <Table caption="Groupes de synonymes" columns={['Expressions', 'Modifié le', 'Actions']} wrap>
          {groups.map((g) => (
            <tr>
              <th scope="row">{g.expressions.join(' · ')}</th>
              <td>{formatDate(g.updatedAt)}</td>
              <td>
                <a href={`${SYNONYMS_PATH}/${g.id}`}>
                  Modifier<span class="visually-hidden"> le groupe « {g.expressions[0]} »</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 id="ajouter">Ajouter un groupe</h2>
      <PostForm action={SYNONYMS_PATH} aria-label="Ajouter un groupe de synonymes">
        <ExpressionsField value={props.typed ?? ''} error={errors?.expressions} />
        <Button>Ajouter le groupe</Button>
      </PostForm>
    </>
  );
}

export function SynonymGroupPage(props: {
  group: SynonymGroup;
  errors?: FieldErrors | null;
  typed?: string;
  /** The group as someone else saved it meanwhile (conflict). */
  conflict?: boolean;
}) {
  const { group, errors } = props;
  return (
    <>
      <h1>Groupe « {group.expressions[0]} »</h1>
      {props.conflict && (
        <div class="notice notice-warning" role="alert">
          <p>
            Ce groupe a été modifié par quelqu’un d’autre pendant que vous l’éditiez. Voici sa version actuelle : vos
            expressions sont conservées dans le champ ci-dessous ; enregistrez-les à nouveau si elles doivent la
            remplacer.
          </p>
          <p>Version actuelle : {group.expressions.join(' · ')}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <PostForm action={`${SYNONYMS_PATH}/${group.id}`} aria-label="Modifier le groupe">
        <input type="hidden" name="version" value={String(group.version)} />
        <ExpressionsField value={props.typed ?? group.expressions.join('\n')} error={errors?.expressions} />
        <Button>Enregistrer</Button>
      </PostForm>
      <h2>Supprimer le groupe</h2>
      <PostForm
        action={`${SYNONYMS_PATH}/${group.id}/supprimer`}
        aria-label="Supprimer le groupe"
        data-confirm="Supprimer ce groupe de synonymes ?"
      >
        <input type="hidden" name="version" value={String(group.version)} />
        <Button kind="danger">Supprimer le groupe</Button>
      </PostForm>
      <p>
        <a href={SYNONYMS_PATH}>Retour aux synonymes</a>
      </p>
    </>
  );
}
