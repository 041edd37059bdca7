/** The page « Suggestions de mutualisation » and the « Nous faisons pareil » pages. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  Button,
  ErrorSummary,
  formatDate,
  formatNumber,
  Pagination,
  PostForm,
  Select,
  TextArea,
} from '../../../platform/ui/components.tsx';
import type { SuggestionsPage } from '../services/index.ts';
import { NOTE_MAX, type SheetBlock } from '../services/interests.ts';

export function SuggestionsView({ data }: { data: SuggestionsPage }) {
  return (
    <>
      <h1>Suggestions de mutualisation</h1>
      <p class="lead">
        Des fiches publiées par des collectivités différentes qui travaillent sur le même sujet, rapprochées par leurs
        textes (titre, description, données, techniques), leurs sous-thèmes et leur catégorie de commun, et par les
        collectivités qui ont dit « Nous faisons pareil ».
      </p>
      {data.run ? (
        <p>
          {formatNumber(data.total)} suggestion{data.total > 1 ? 's' : ''} calculée{data.total > 1 ? 's' : ''} le{' '}
          {formatDate(data.run.finishedAt, true)} sur {formatNumber(data.run.sheets)} fiche
          {data.run.sheets > 1 ? 's' : ''} publiée{data.run.sheets > 1 ? 's' : ''}. Elles sont recalculées quand la
          bibliothèque change.
        </p>
      ) : (
        <p>Les suggestions n’ont pas encore été calculées : elles le seront dès qu’une fiche sera publiée.</p>
      )}
      {data.run && data.items.length === 0 && <p>Aucune suggestion pour le moment.</p>}
      <ol class="pooling-suggestions" start={(data.page - 1) * 20 + 1}>
        {data.items.map((s) => (
          <li id={`suggestion-${s.id}`} class="card">
            <h2>{s.label}</h2>
            <p>
              {s.authorities.length} organisations · indice de proximité {s.score.toLocaleString('fr-FR')}
            </p>
            <h3>Organisations</h3>
            <ul>
              {s.authorities.map((a) => (
                <li>
                  {a.name}
                  {a.interested && ' (a dit « Nous faisons pareil »)'}
                </li>
              ))}
            </ul>
            <h3>Fiches</h3>
            <ul>
              {s.sheets.map((sh) => (
                <li>
                  <a href={sh.path}>{sh.title}</a> — {sh.authority}
                </li>
              ))}
            </ul>
            {data.canOpenChallenge && (
              <PostForm action={`/mutualisation/suggestions/${s.id}/defi`}>
                <Button kind="secondary">
                  Ouvrir un défi à partir de cette suggestion<span class="visually-hidden"> : {s.label}</span>
                </Button>
              </PostForm>
            )}
          </li>
        ))}
      </ol>
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/mutualisation/suggestions?page=${p}`} />
    </>
  );
}

/** The form of « Nous faisons pareil » (inside the sheet's block, and on its own page with errors). */
export function InterestForm({
  block,
  values,
  errors,
  inBlock = false,
}: {
  block: SheetBlock;
  values?: { organisation?: string; note?: string };
  errors?: FieldErrors;
  /** On the sheet's page: ids of their own, away from the page's other forms. */
  inBlock?: boolean;
}) {
  if (block.viewer.kind !== 'can_declare') return null;
  const orgs = block.viewer.organisations;
  return (
    <PostForm action={`/mutualisation/fiches/${block.sheet.id}/nous-faisons-pareil`}>
      {orgs.length > 1 ? (
        <Select
          name="organisation"
          id={inBlock ? 'mutualisation-organisation' : undefined}
          label="Votre collectivité"
          required
          value={values?.organisation ?? null}
          error={errors?.organisation}
          options={orgs.map((o) => ({ value: String(o.id), label: o.name }))}
        />
      ) : (
        <>
          <input type="hidden" name="organisation" value={String(orgs[0]!.id)} />
          {errors?.organisation && (
            <p class="error-message" id="champ-organisation" tabIndex={-1}>
              {errors.organisation}
            </p>
          )}
        </>
      )}
      <TextArea
        name="note"
        id={inBlock ? 'mutualisation-note' : undefined}
        label="Un mot pour l’équipe de la fiche"
        hint={`Ce que vous faites de votre côté, où vous en êtes : ${NOTE_MAX} caractères au plus.`}
        rows={3}
        value={values?.note ?? ''}
        error={errors?.note}
        maxLength={NOTE_MAX}
      />
      <Button>
        Nous faisons pareil{orgs.length === 1 ? <span class="visually-hidden"> ({orgs[0]!.name})</span> : null}
      </Button>
    </PostForm>
  );
}

/** The block of a sheet's page (shown by the library through its `pooling` port). */
export function SheetPoolingBlock({ block }: { block: SheetBlock }) {
  const v = block.viewer;
  return (
    <section id="mutualisation" aria-labelledby="mutualisation-title" class="pooling-block">
      <h2 id="mutualisation-title">Mutualisation</h2>
      {block.suggestion && (
        <p>
          Cette fiche fait partie de la suggestion de mutualisation{' '}
          <a href={block.suggestion.href}>« {block.suggestion.label} »</a>.
        </p>
      )}
      {v.kind === 'anonymous' && (
        <p>
          Votre collectivité fait la même chose ?{' '}
          <a href={`/connexion?retour=${encodeURIComponent(`${block.sheet.path}#mutualisation`)}`}>Connectez-vous</a>{' '}
          pour le dire à l’équipe de cette fiche.
        </p>
      )}
      {v.kind === 'can_declare' && (
        <>
          <p>Votre collectivité fait la même chose ? Dites-le à l’équipe de cette fiche et aux coordinateurs.</p>
          <InterestForm block={block} inBlock />
        </>
      )}
      {v.kind === 'declared' && (
        <>
          <p>
            Vous avez indiqué que {v.organisation} fait pareil
            {v.interest.createdAt ? ` (le ${formatDate(v.interest.createdAt)})` : ''}.
          </p>
          {v.interest.canWithdraw && (
            <PostForm action={`/mutualisation/interets/${v.interest.id}/retirer`}>
              <Button kind="secondary">Retirer « Nous faisons pareil »</Button>
            </PostForm>
          )}
        </>
      )}
      {block.challenges.length > 0 && (v.kind === 'declared' || v.kind === 'can_declare' || v.kind === 'own') && (
        <>
          <h3>Défis ouverts sur ce sujet</h3>
          <p>Rejoignez un défi pour travailler ensemble :</p>
          <ul>
            {block.challenges.map((c) => (
              <li>
                <a href={c.path}>{c.title}</a> ({c.stage})
              </li>
            ))}
          </ul>
        </>
      )}
      {block.interests && (
        <>
          <h3>Collectivités qui font pareil</h3>
          {block.interests.length === 0 ? (
            <p>Aucune collectivité n’a encore dit faire pareil.</p>
          ) : (
            <ul>
              {block.interests.map((i) => (
                <li>
                  <strong>{i.organisation}</strong>
                  {i.person && ` — ${i.person}`}, le {formatDate(i.createdAt)}
                  {i.note && <blockquote>{i.note}</blockquote>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** « Nous faisons pareil » on its own page: the form again with what was wrong. */
export function InterestPage({
  block,
  values,
  errors,
}: {
  block: SheetBlock;
  values?: { organisation?: string; note?: string };
  errors?: FieldErrors;
}) {
  return (
    <>
      <h1>Nous faisons pareil : {block.sheet.title}</h1>
      <ErrorSummary errors={errors} />
      {block.viewer.kind === 'can_declare' ? (
        <InterestForm block={block} values={values} errors={errors} />
      ) : (
        <p>
          {block.viewer.kind === 'declared'
            ? 'Votre collectivité a déjà dit faire pareil sur cette fiche.'
            : '« Nous faisons pareil » est proposé aux membres des autres collectivités.'}
        </p>
      )}
      <p>
        <a href={block.sheet.path}>Retour à la fiche</a>
      </p>
    </>
  );
}
