/** A use case's page: every field the reader may see, its authority, workflow actions, history and similar use cases. */
import type { VNode } from 'preact';
import { Button, formatDate, PostForm } from '../../../platform/ui/components.tsx';
import { usePage } from '../../../platform/ui/context.ts';
import { ACCESS_LABELS, FIELDS, FORM_STEPS } from '../fields.ts';
import { type FieldChange, type PresentedUseCase, WORKFLOW_ACTION_LABELS, type WorkflowAction } from '../model.ts';
import type { GlossarySegment } from '../ports.ts';
import { commonsCategories, countries, projectStatuses, themes } from '../reference.ts';
import type { SheetUpkeep } from '../services/reviews.ts';
import { ChangesTable, Notice, StateTag, UseCaseCard, UseCaseFields, useCaseHref } from './common.tsx';
import { PlainSummaryBlock } from './plain-language.tsx';
import { UpkeepLine, UpkeepPanel } from './upkeep.tsx';

export interface UseCasePageData {
  useCase: PresentedUseCase;
  /** « Informations vérifiées le … », next review, completeness for the editors (sheets kept alive). */
  upkeep?: SheetUpkeep | null;
  working: PresentedUseCase | null;
  actions: WorkflowAction[];
  similar: PresentedUseCase[];
  versions: { number: number; publishedAt: string }[];
  events: { id: number; at: string; event: string; comment: string | null; actor: string | null }[];
  openReports: { id: number; createdAt: string; message: string }[];
  /** For a reviewer: what changed since the published version or since the last request for changes. */
  review: { baseline: 'published' | 'reviewed'; at: string | null; changes: FieldChange[] } | null;
  /** The logo the server fetched for the sheet (never the other site's address). */
  logo?: string | null;
  /** The commons entries that use this sheet (commons module). */
  commons?: { name: string; path: string }[];
  /** The « Mutualisation » block (pooling module: « Nous faisons pareil »). */
  pooling?: VNode<any> | null;
  /** The « Contributions citoyennes » section (voice module): one page of the thread and its form. */
  voice?: VNode | null;
  /** The citizens' consultations on this sheet (consultations module). */
  consultations?: { title: string; path: string }[];
  /** The sheet's long texts with the glossary's words marked, by field (pages module's glossary). */
  linked?: Record<string, GlossarySegment[]>;
}

const EVENT_LABELS: Record<string, string> = {
  created: 'Fiche créée',
  revision_started: 'Révision commencée',
  submitted: 'Soumise pour relecture',
  revision_submitted: 'Révision soumise pour relecture',
  withdrawn: 'Retirée de la relecture',
  changes_requested: 'Modifications demandées',
  published: 'Publiée',
  revision_published: 'Révision publiée',
  revision_discarded: 'Révision abandonnée',
  archived: 'Archivée',
  restored: 'Republiée',
};

/** The fields a request for changes concerns: checkboxes grouped by form step, folded by default. */
function ConcernedFields() {
  return (
    <details class="concerned-fields">
      <summary>Champs concernés (facultatif)</summary>
      {FORM_STEPS.map((step) => (
        <fieldset class="field">
          <legend>{step.title}</legend>
          {FIELDS.filter((f) => f.step === step.key).map((f) => (
            <div class="checkbox">
              <input type="checkbox" id={`concerned-${f.key}`} name="fields" value={f.key} />
              <label for={`concerned-${f.key}`}>{f.label}</label>
            </div>
          ))}
        </fieldset>
      ))}
    </details>
  );
}

/** For a reviewer: the changes to judge, before the decision. */
function ReviewChanges({ review }: { review: NonNullable<UseCasePageData['review']> }) {
  const since =
    review.baseline === 'published'
      ? `la version publiée${review.at ? ` du ${formatDate(review.at)}` : ''}`
      : `la dernière demande de modifications${review.at ? ` du ${formatDate(review.at)}` : ''}`;
  return (
    <section aria-labelledby="review-changes-title" class="review-changes">
      <h2 id="review-changes-title">Ce qui a changé depuis {since}</h2>
      {review.changes.length === 0 ? (
        <p>Aucun champ n’a changé.</p>
      ) : (
        <ChangesTable
          changes={review.changes}
          before={review.baseline === 'published' ? 'Version publiée' : 'Version relue'}
          after="Version soumise"
        />
      )}
    </section>
  );
}

/** One form per workflow action (comments and reasons where the rules ask for them). */
export function WorkflowActions({ useCase, actions }: { useCase: PresentedUseCase; actions: WorkflowAction[] }) {
  const base = useCaseHref(useCase);
  const acts = actions.filter((a) => a !== 'save');
  if (!acts.length) return null;
  return (
    <section class="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Relecture et publication</h2>
      {acts.map((action) => (
        <PostForm action={`${base}/action`} class="workflow-form">
          <input type="hidden" name="action" value={action} />
          <input type="hidden" name="version" value={String(useCase.version)} />
          {action === 'request_changes' && (
            <div class="field">
              <label for={`comment-${action}`}>Modifications demandées</label>
              <p class="hint" id={`comment-${action}-hint`}>
                Ce message est envoyé aux membres de la collectivité.
              </p>
              <textarea
                id={`comment-${action}`}
                name="comment"
                class="input"
                rows={3}
                aria-describedby={`comment-${action}-hint`}
              />
            </div>
          )}
          {action === 'request_changes' && <ConcernedFields />}
          {action === 'archive' && (
            <div class="field">
              <label for="reason-archive">Raison de l’archivage</label>
              <p class="hint" id="reason-archive-hint">
                Affichée sur la fiche, par exemple « Service arrêté en 2025 ».
              </p>
              <input id="reason-archive" name="reason" class="input" aria-describedby="reason-archive-hint" />
            </div>
          )}
          <Button
            kind={
              action === 'archive' || action === 'discard_revision'
                ? 'danger'
                : action === 'publish' || action === 'submit'
                  ? 'primary'
                  : 'secondary'
            }
          >
            {WORKFLOW_ACTION_LABELS[action]}
          </Button>
        </PostForm>
      ))}
    </section>
  );
}

export function UseCasePage({ data, canEdit }: { data: UseCasePageData; canEdit: boolean }) {
  const { useCase, working, actions, similar, versions, events, openReports } = data;
  const { user } = usePage();
  const c = useCase.content;
  const href = useCaseHref(useCase);
  return (
    <article class="sheet">
      <header>
        <h1>{c.title ?? 'Sans titre'}</h1>
        <p class="meta">
          Porté par <a href={`/collectivites/${useCase.organisation.id}`}>{useCase.organisation.name}</a>
          {useCase.organisation.country !== 'FR' && ` (${countries.labelOf(useCase.organisation.country)})`}
          {useCase.publishedAt && ` · publiée le ${formatDate(useCase.publishedAt)}`}
          {` · mise à jour le ${formatDate(useCase.updatedAt)}`}
        </p>
        <UpkeepLine upkeep={data.upkeep ?? null} />
        <p>
          {c.theme && <span class="tag">{themes.labelOf(c.theme)}</span>}
          {c.projectStatus && <span class="tag tag-status">{projectStatuses.labelOf(c.projectStatus)}</span>}
          {c.commonsCategory && <span class="tag tag-commons">{commonsCategories.labelOf(c.commonsCategory)}</span>}
          <StateTag useCase={useCase} />
        </p>
      </header>

      <PlainSummaryBlock text={c.plainSummary} segments={data.linked?.plainSummary} canEdit={canEdit} />

      {useCase.state === 'archived' && (
        <Notice kind="warning">
          <p>
            <strong>Fiche archivée</strong>
            {useCase.archivedAt && ` le ${formatDate(useCase.archivedAt)}`}
            {useCase.archiveReason && ` : ${useCase.archiveReason}`}
          </p>
        </Notice>
      )}
      {useCase.state !== 'published' && useCase.state !== 'archived' && (
        <Notice kind="warning">
          <p>
            Cette fiche n’est pas publiée : seuls les membres de {useCase.organisation.name} et les coordinateurs du
            réseau la voient.
          </p>
        </Notice>
      )}
      {working && (
        <Notice>
          <p>
            Une révision de cette fiche est en cours ({useCase.revision === 'submitted' ? 'en relecture' : 'brouillon'}
            ). La version publiée reste affichée jusqu’à sa publication.{' '}
            <a href={`${href}/verifier`}>Voir la révision</a>
          </p>
        </Notice>
      )}
      {useCase.access === 'public' && (
        <Notice>
          <p>
            Certaines informations (moyens, contact, détails de l’algorithme) sont réservées aux membres du réseau.
            {!user && (
              <>
                {' '}
                <a href={`/connexion?retour=${encodeURIComponent(href)}`}>Se connecter</a>
              </>
            )}
          </p>
        </Notice>
      )}
      {canEdit && (
        <p class="actions">
          <a class="button" href={`${href}/verifier`}>
            {useCase.state === 'published' ? 'Modifier (nouvelle révision)' : 'Modifier ou soumettre'}
          </a>
        </p>
      )}

      <UpkeepPanel upkeep={data.upkeep ?? null} href={href} />
      {data.review && <ReviewChanges review={data.review} />}
      <WorkflowActions useCase={working ?? useCase} actions={actions} />

      <UseCaseFields content={c} skip={['title', 'plainSummary']} logo={data.logo} linked={data.linked} />

      {(data.commons?.length ?? 0) > 0 && (
        <section aria-labelledby="commons-title">
          <h2 id="commons-title">Communs utilisés</h2>
          <ul class="link-list">
            {data.commons!.map((c) => (
              <li>
                <a href={c.path}>{c.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {(data.consultations?.length ?? 0) > 0 && (
        <section aria-labelledby="consultations-title">
          <h2 id="consultations-title">Consultations des habitants</h2>
          <ul class="link-list">
            {data.consultations!.map((k) => (
              <li>
                <a href={k.path}>{k.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {data.pooling}

      {data.voice}

      <section aria-labelledby="about-title">
        <h2 id="about-title">À propos de cette fiche</h2>
        <ul class="link-list">
          {versions.length > 0 ? (
            <li>
              <a href={`${href}/historique`}>Historique des versions publiées ({versions.length})</a>
            </li>
          ) : (
            <li class="meta">Pas encore de version publiée.</li>
          )}
          <li>
            <a href={`${href}/synthese`}>Synthèse imprimable (fonctionnement, données, décisions, droits)</a>
          </li>
          <li>
            <a href={`${href}/ia-responsable`}>
              IA responsable : auto-évaluation, règlement européen sur l’IA, obligations
            </a>
          </li>
          {(useCase.state === 'published' || useCase.state === 'archived') && (
            <li>
              <a href={`${href}/signaler`}>Signaler une erreur sur cette fiche</a>
            </li>
          )}
          {useCase.state === 'published' && (
            <li>
              <a href={`${href}/contacter`}>Contacter l’équipe</a> (personnes connectées ; les adresses ne sont pas
              affichées)
            </li>
          )}
          <li>
            <a href={`/api/v1/use-cases/${useCase.id}`}>Cette fiche en JSON (API)</a>
          </li>
          <li>
            <a href={`/bibliotheque?organisation=${useCase.organisation.id}`}>
              Toutes les fiches de {useCase.organisation.name}
            </a>
          </li>
        </ul>
        <p class="meta">Niveau d’accès de cette page : {ACCESS_LABELS[useCase.access].toLowerCase()}.</p>
      </section>

      {openReports.length > 0 && (
        <section aria-labelledby="reports-title" class="reports">
          <h2 id="reports-title">Erreurs signalées ({openReports.length})</h2>
          <ul>
            {openReports.map((r) => (
              <li>
                <p class="meta">Le {formatDate(r.createdAt, true)}</p>
                <p class="prose">{r.message}</p>
                <PostForm action={`/bibliotheque/signalements/${r.id}/traite`}>
                  <input type="hidden" name="retour" value={href} />
                  <Button kind="secondary">Marquer comme traité</Button>
                </PostForm>
              </li>
            ))}
          </ul>
        </section>
      )}

      {events.length > 0 && (
        <section aria-labelledby="events-title">
          <h2 id="events-title">Suivi de la relecture</h2>
          <ol class="timeline">
            {events.map((e) => (
              <li>
                <p>
                  <strong>{EVENT_LABELS[e.event] ?? e.event}</strong>
                  <span class="meta">
                    {' '}
                    — {formatDate(e.at, true)}
                    {e.actor && `, ${e.actor}`}
                  </span>
                </p>
                {e.comment && <p class="prose">{e.comment}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}

      {similar.length > 0 && (
        <section aria-labelledby="similar-title">
          <h2 id="similar-title">Fiches semblables</h2>
          <ul class="cards">
            {similar.map((s) => (
              <UseCaseCard useCase={s} />
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
