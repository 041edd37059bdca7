/**
 * The campaign dashboard, built for 35,000 authorities and a phone: the summary and the actions first, the filters,
 * one page of the follow-up as cards (no sideways scrolling), pagination, the CSV export of the filtered list; then
 * the rates by type and région, the settings and the closing.
 */
import {
  Button,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  formatNumber,
  Pagination,
  PostForm,
  Select,
} from '../../../platform/ui/components.tsx';
import { organisationTypeLabel } from '../../organisations/index.ts';
import { CAMPAIGN_STATE_LABELS, type CampaignState } from '../campaigns.ts';
import type { FollowUpRow, FollowUpStatus } from '../store/follow-up.ts';
import type { CampaignView, VersionView } from './campaigns.tsx';

const STATUS_LABELS: Record<FollowUpStatus, string> = {
  not_started: 'Pas commencée',
  in_progress: 'En cours',
  submitted: 'Envoyée',
};

interface Option {
  value: string;
  label: string;
}

export interface DashboardProps {
  campaign: CampaignView & { launchedAt: string | null; responsesMode: 'one' | 'several' };
  state: CampaignState;
  version: VersionView;
  questionnaire: { id: number; title: string; latestVersion: number } | null;
  summary: {
    invited: number;
    reached: number;
    started: number;
    submitted: number;
    withoutRecipient: number;
    failed: number;
    retrying: number;
    responses: number;
    submittedResponses: number;
    anonymousResponses: number;
  };
  byType: { key: string; invited: number; submitted: number; percent: number }[];
  byRegion: { key: string; invited: number; submitted: number; percent: number }[];
  followUp: (FollowUpRow & { regionName: string | null })[];
  total: number;
  page: number;
  pageCount: number;
  query: Record<string, string | undefined>;
  filterOptions: { types: Option[]; regions: Option[]; networks: Option[] };
  publicLink: string | null;
  mapsToLibrary: boolean;
  contactsPage: (organisationId: number) => string;
  errors?: Record<string, string>;
}

const n = formatNumber;
const plural = (count: number, one: string, many: string) => `${n(count)} ${count > 1 ? many : one}`;
const percent = (part: number, whole: number) =>
  whole ? `${String(Math.round((part * 1000) / whole) / 10).replace('.', ',')} %` : '0 %';

/** The query string of the dashboard with `changes` applied (empty values dropped). */
function queryString(query: Record<string, string | undefined>, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function Summary({ summary, several }: { summary: DashboardProps['summary']; several: boolean }) {
  const s = summary;
  return (
    <dl class="cards" aria-label="Résumé de la campagne">
      <div class="card">
        <dt>Collectivités invitées</dt>
        <dd class="card-title">{n(s.invited)}</dd>
      </div>
      <div class="card">
        <dt>Jointes (au moins un e-mail remis)</dt>
        <dd class="card-title">
          {n(s.reached)} <span class="meta">({percent(s.reached, s.invited)})</span>
        </dd>
      </div>
      <div class="card">
        <dt>Réponse commencée</dt>
        <dd class="card-title">{n(s.started)}</dd>
      </div>
      <div class="card">
        <dt>Réponse envoyée</dt>
        <dd class="card-title">
          {n(s.submitted)} <span class="meta">({percent(s.submitted, s.invited)})</span>
        </dd>
      </div>
      <div class="card">
        <dt>Sans destinataire</dt>
        <dd class="card-title">{n(s.withoutRecipient)}</dd>
      </div>
      <div class="card">
        <dt>Échecs d’envoi</dt>
        <dd class="card-title">
          {n(s.failed)}
          {s.retrying > 0 && <span class="meta"> (et {n(s.retrying)} en cours de nouvel essai)</span>}
        </dd>
      </div>
      {(several || s.anonymousResponses > 0) && (
        <div class="card">
          <dt>Réponses</dt>
          <dd class="card-title">
            {plural(s.submittedResponses, 'envoyée', 'envoyées')} sur {n(s.responses)}
            {s.anonymousResponses > 0 && (
              <span class="meta"> (plus {plural(s.anonymousResponses, 'réponse', 'réponses')} par le lien public)</span>
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Actions({ url, state }: { url: string; state: CampaignState }) {
  return (
    <div class="actions">
      {state === 'open' && (
        <PostForm action={`${url}/relancer`} class="inline-form" aria-label="Relancer">
          <Button kind="secondary" name="scope" value="all">
            Relancer celles qui n’ont pas envoyé
          </Button>
        </PostForm>
      )}
      {state !== 'closed' && (
        <PostForm
          action={`${url}/clore`}
          class="inline-form"
          aria-label="Clore"
          data-confirm="Clore la campagne maintenant ? Plus personne ne pourra modifier ses réponses."
        >
          <Button kind="danger">Clore la campagne</Button>
        </PostForm>
      )}
      <a href={`${url}/resultats`}>Résultats</a>
    </div>
  );
}

function Filters(props: DashboardProps & { url: string }) {
  const q = props.query;
  return (
    <form method="get" action={`${props.url}#suivi`} class="search-form" aria-label="Filtrer le suivi">
      <Select
        name="statut"
        label="Réponse"
        emptyLabel="Toutes"
        value={q.statut ?? ''}
        options={[
          { value: 'not_started', label: 'Pas commencée' },
          { value: 'in_progress', label: 'En cours' },
          { value: 'submitted', label: 'Envoyée' },
        ]}
      />
      <Select name="type" label="Type" emptyLabel="Tous" value={q.type ?? ''} options={props.filterOptions.types} />
      <Select
        name="region"
        label="Région"
        emptyLabel="Toutes"
        value={q.region ?? ''}
        options={props.filterOptions.regions}
      />
      {props.filterOptions.networks.length > 0 && (
        <Select
          name="reseau"
          label="Réseau"
          emptyLabel="Tous"
          value={q.reseau ?? ''}
          options={props.filterOptions.networks}
        />
      )}
      <Select
        name="envoi"
        label="Envoi"
        emptyLabel="Tous"
        value={q.envoi ?? ''}
        options={[
          { value: 'sans-destinataire', label: 'Sans destinataire' },
          { value: 'echec', label: 'Échec d’envoi' },
        ]}
      />
      <button class="button button-secondary" type="submit">
        Filtrer
      </button>
    </form>
  );
}

function Delivery({ f, contactsPage }: { f: FollowUpRow; contactsPage: string }) {
  if (f.recipientCount === 0)
    return (
      <>
        Aucun destinataire : <a href={contactsPage}>ajouter un contact</a>
      </>
    );
  if (f.failedCount > 0) return <>Échec d’envoi : {f.lastError}</>;
  if (f.lastError) return <>Nouvel essai prévu ({f.lastError})</>;
  if (f.deliveredCount > 0) return <>{plural(f.deliveredCount, 'e-mail remis', 'e-mails remis')}</>;
  return <>{f.recipientCount > 0 ? `${plural(f.recipientCount, 'destinataire', 'destinataires')}, en attente` : '—'}</>;
}

function FollowUpCard({
  f,
  url,
  props,
}: {
  f: DashboardProps['followUp'][number];
  url: string;
  props: DashboardProps;
}) {
  return (
    <li class="card">
      <h3 class="card-title">{f.organisationName}</h3>
      <p class="meta">
        {organisationTypeLabel(f.organisationType)}
        {f.regionName ? ` — ${f.regionName}` : ''}
      </p>
      <dl>
        <dt>Réponse</dt>
        <dd>
          {f.responseId ? (
            <a href={`/coordination/reponses/${f.responseId}`}>{STATUS_LABELS[f.status]}</a>
          ) : (
            STATUS_LABELS[f.status]
          )}
          {f.status === 'in_progress' && ` (${f.progress} %)`}
          {f.submittedAt && ` le ${formatDate(f.submittedAt)}`}
          {f.responses > 1 && ` — ${n(f.responses)} réponses, dont ${n(f.submittedResponses)} envoyées`}
        </dd>
        <dt>E-mails</dt>
        <dd>
          <Delivery f={f} contactsPage={props.contactsPage(f.organisationId)} />
        </dd>
        {f.remindersSent > 0 && (
          <>
            <dt>Rappels</dt>
            <dd>
              {n(f.remindersSent)}, dernier le {formatDate(f.lastReminderAt)}
            </dd>
          </>
        )}
      </dl>
      <p>
        {f.revokedAt ? (
          `Lien révoqué le ${formatDate(f.revokedAt)}`
        ) : (
          <>
            {props.state === 'open' && f.status !== 'submitted' && (
              <label class="inline-choice">
                <input type="checkbox" name="ids" value={String(f.invitationId)} form="relance-selection" /> Relancer
                <span class="visually-hidden"> {f.organisationName}</span>
              </label>
            )}{' '}
            <a href={`${url}/invitations/${f.invitationId}`}>
              Lien et envois<span class="visually-hidden"> : {f.organisationName}</span>
            </a>
          </>
        )}
      </p>
    </li>
  );
}

export function DashboardPage(props: DashboardProps) {
  const { campaign, state } = props;
  const url = `/coordination/campagnes/${campaign.id}`;
  const several = campaign.responsesMode === 'several';
  return (
    <>
      <h1>{campaign.title}</h1>
      <p class="meta">
        {campaign.launchedAt ? CAMPAIGN_STATE_LABELS[state] : 'En préparation (pas encore lancée)'} — du{' '}
        {formatDate(campaign.opensAt)} au {formatDate(campaign.closedAt ?? campaign.closesAt)} — questionnaire «{' '}
        {props.questionnaire?.title} », version {props.version.number} —{' '}
        {several ? 'plusieurs réponses par collectivité (une par projet)' : 'une réponse par collectivité'}
        {campaign.invitationsSentAt
          ? ` — invitations mises en envoi le ${formatDate(campaign.invitationsSentAt, true)}`
          : campaign.launchedAt
            ? ' — invitations envoyées à l’ouverture'
            : ''}
      </p>
      {!campaign.launchedAt && (
        <p class="notice">
          Cette campagne n’est pas encore lancée. <a href={`${url}/apercu`}>Voir l’aperçu et lancer la campagne</a>
        </p>
      )}
      <ErrorSummary errors={props.errors} />
      <Summary summary={props.summary} several={several} />
      <Actions url={url} state={state} />

      <h2 id="suivi">Suivi des collectivités</h2>
      <Filters {...props} url={url} />
      <p>
        {plural(props.total, 'collectivité', 'collectivités')}
        {props.pageCount > 1 && ` — page ${props.page} sur ${props.pageCount}`} —{' '}
        <a href={`${url}/suivi.csv${queryString(props.query, { page: undefined })}`}>Exporter cette liste (CSV)</a>
      </p>
      <PostForm action={`${url}/relancer`} id="relance-selection" aria-label="Relancer une sélection">
        {state === 'open' && props.followUp.length > 0 && (
          <Button kind="secondary" name="scope" value="selection">
            Relancer les collectivités cochées
          </Button>
        )}
      </PostForm>
      {props.followUp.length === 0 ? (
        <p>Aucune collectivité ne correspond à ces filtres.</p>
      ) : (
        <ul class="cards">
          {props.followUp.map((f) => (
            <FollowUpCard f={f} url={url} props={props} />
          ))}
        </ul>
      )}
      <Pagination
        page={props.page}
        pageCount={props.pageCount}
        href={(p) => `${url}${queryString(props.query, { page: p > 1 ? String(p) : undefined })}#suivi`}
      />

      <h2>Taux de réponse</h2>
      <RateList caption="Par type de collectivité" rows={props.byType} />
      <RateList caption="Par région" rows={props.byRegion} />

      <h2>Exports et liens</h2>
      <p class="actions">
        <a href={`${url}/export.csv`}>Réponses (CSV)</a>
        <a href={`${url}/export.xlsx`}>Réponses (XLSX)</a>
        <a href={`${url}/export.json`}>Réponses (JSON)</a>
        {campaign.resultsPublic && <a href={`/recensements/${campaign.id}/resultats`}>Page publique des résultats</a>}
      </p>
      {props.publicLink && (
        <p>
          Lien public anonyme : <code class="copyable">{props.publicLink}</code>
        </p>
      )}
      <Settings {...props} url={url} />
    </>
  );
}

function RateList({ caption, rows }: { caption: string; rows: DashboardProps['byType'] }) {
  return (
    <details>
      <summary>{caption}</summary>
      <ul>
        {rows.map((r) => (
          <li>
            {r.key} : {n(r.submitted)} sur {n(r.invited)} ({String(r.percent).replace('.', ',')} %)
          </li>
        ))}
      </ul>
    </details>
  );
}

function Settings(props: DashboardProps & { url: string }) {
  const { campaign, url, state } = props;
  return (
    <>
      <h2>Réglages</h2>
      <PostForm action={`${url}/reglages`}>
        <ChoiceGroup
          name="settings"
          legend="Options de la campagne"
          type="checkbox"
          value={[
            campaign.resultsPublic ? 'results' : '',
            props.publicLink ? 'public' : '',
            campaign.libraryAuto ? 'library' : '',
          ].filter(Boolean)}
          options={[
            { value: 'results', label: 'Résultats publics' },
            { value: 'public', label: 'Lien public anonyme' },
            ...(props.mapsToLibrary
              ? [{ value: 'library', label: 'Créer une fiche brouillon à chaque réponse envoyée' }]
              : []),
          ]}
        />
        <Button kind="secondary">Enregistrer les réglages</Button>
      </PostForm>
      {props.questionnaire && props.questionnaire.latestVersion > props.version.number && state !== 'closed' && (
        <PostForm action={`${url}/version`}>
          <p>
            Une version plus récente du questionnaire existe (version {props.questionnaire.latestVersion}). Les réponses
            déjà commencées gardent leur version ; les nouvelles utiliseront la plus récente.
          </p>
          <Button kind="secondary">Passer à la version {props.questionnaire.latestVersion}</Button>
        </PostForm>
      )}
    </>
  );
}
