/** A sheet's page: every field the reader may see, its authority, workflow actions, history and similar sheets. */
import { Button, formatDate, PostForm } from '../../../platform/ui/components.tsx';
import { usePage } from '../../../platform/ui/context.ts';
import { ACCESS_LABELS } from '../fields.ts';
import { type PresentedUseCase, WORKFLOW_ACTION_LABELS, type WorkflowAction } from '../model.ts';
import { commonsCategories, countries, projectStatuses, themes } from '../reference.ts';
import { Notice, SheetCard, SheetFields, StateTag, sheetHref } from './common.tsx';

export interface SheetPageData {
  sheet: PresentedUseCase;
  working: PresentedUseCase | null;
  actions: WorkflowAction[];
  similar: PresentedUseCase[];
  versions: { number: number; publishedAt: string }[];
  events: { id: number; at: string; event: string; comment: string | null; actor: string | null }[];
  openReports: { id: number; createdAt: string; message: string }[];
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

/** One form per workflow action (comments and reasons where the rules ask for them). */
export function WorkflowActions({ sheet, actions }: { sheet: PresentedUseCase; actions: WorkflowAction[] }) {
  const base = sheetHref(sheet);
  const acts = actions.filter((a) => a !== 'save');
  if (!acts.length) return null;
  return (
    <section class="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Relecture et publication</h2>
      {acts.map((action) => (
        <PostForm action={`${base}/action`} class="workflow-form">
          <input type="hidden" name="action" value={action} />
          <input type="hidden" name="version" value={String(sheet.version)} />
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

export function SheetPage({ data, canEdit }: { data: SheetPageData; canEdit: boolean }) {
  const { sheet, working, actions, similar, versions, events, openReports } = data;
  const { user } = usePage();
  const c = sheet.content;
  const href = sheetHref(sheet);
  return (
    <article class="sheet">
      <header>
        <h1>{c.title ?? 'Sans titre'}</h1>
        <p class="meta">
          Porté par <a href={`/collectivites/${sheet.organisation.id}`}>{sheet.organisation.name}</a>
          {sheet.organisation.country !== 'FR' && ` (${countries.labelOf(sheet.organisation.country)})`}
          {sheet.publishedAt && ` · publiée le ${formatDate(sheet.publishedAt)}`}
          {` · mise à jour le ${formatDate(sheet.updatedAt)}`}
        </p>
        <p>
          {c.theme && <span class="tag">{themes.labelOf(c.theme)}</span>}
          {c.projectStatus && <span class="tag tag-status">{projectStatuses.labelOf(c.projectStatus)}</span>}
          {c.commonsCategory && <span class="tag tag-commons">{commonsCategories.labelOf(c.commonsCategory)}</span>}
          <StateTag sheet={sheet} />
        </p>
      </header>

      {sheet.state === 'archived' && (
        <Notice kind="warning">
          <p>
            <strong>Fiche archivée</strong>
            {sheet.archivedAt && ` le ${formatDate(sheet.archivedAt)}`}
            {sheet.archiveReason && ` : ${sheet.archiveReason}`}
          </p>
        </Notice>
      )}
      {sheet.state !== 'published' && sheet.state !== 'archived' && (
        <Notice kind="warning">
          <p>
            Cette fiche n’est pas publiée : seuls les membres de {sheet.organisation.name} et les coordinateurs du
            réseau la voient.
          </p>
        </Notice>
      )}
      {working && (
        <Notice>
          <p>
            Une révision de cette fiche est en cours ({sheet.revision === 'submitted' ? 'en relecture' : 'brouillon'}).
            La version publiée reste affichée jusqu’à sa publication. <a href={`${href}/verifier`}>Voir la révision</a>
          </p>
        </Notice>
      )}
      {sheet.access === 'public' && (
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
            {sheet.state === 'published' ? 'Modifier (nouvelle révision)' : 'Modifier ou soumettre'}
          </a>
        </p>
      )}

      <WorkflowActions sheet={working ?? sheet} actions={actions} />

      <SheetFields content={c} skip={['title']} />

      <section aria-labelledby="about-title">
        <h2 id="about-title">À propos de cette fiche</h2>
        <ul class="link-list">
          <li>
            <a href={`${href}/historique`}>Historique des versions publiées ({versions.length})</a>
          </li>
          {(sheet.state === 'published' || sheet.state === 'archived') && (
            <li>
              <a href={`${href}/signaler`}>Signaler une erreur sur cette fiche</a>
            </li>
          )}
          <li>
            <a href={`/api/v1/use-cases/${sheet.id}`}>Cette fiche en JSON (API)</a>
          </li>
          <li>
            <a href={`/bibliotheque?organisation=${sheet.organisation.id}`}>
              Toutes les fiches de {sheet.organisation.name}
            </a>
          </li>
        </ul>
        <p class="meta">Niveau d’accès de cette page : {ACCESS_LABELS[sheet.access].toLowerCase()}.</p>
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
              <SheetCard sheet={s} />
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
