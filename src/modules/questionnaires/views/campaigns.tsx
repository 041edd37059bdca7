/** Campaigns (coordinators): list, creation form, dashboard with follow-up and reminders, one response. */

import { listOf } from '../../../platform/http/form.ts';
import {
  Button,
  bindFields,
  ChoiceGroup,
  CsrfField,
  ErrorSummary,
  FieldHint,
  formatDate,
  formatNumber,
  PostForm,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import {
  type Answers,
  cellText,
  type FileAnswer,
  type Form,
  isQuestion,
  visibleElementIds,
} from '../../forms/index.ts';
import { ORGANISATION_TYPES, organisationTypeLabel } from '../../organisations/index.ts';
import { CAMPAIGN_STATE_LABELS, type CampaignState } from '../campaigns.ts';

// ---- view-models: what these pages read (the services' records satisfy them) ------------------------------------

export interface CampaignView {
  id: number;
  title: string;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  resultsPublic: boolean;
  libraryAuto: boolean;
  invitationsSentAt: string | null;
}

export interface FollowUpView {
  invitationId: number;
  organisationName: string;
  organisationType: string;
  revokedAt: string | null;
  remindersSent: number;
  lastReminderAt: string | null;
  responseId: number | null;
  status: 'not_started' | 'in_progress' | 'submitted';
  progress: number;
  submittedAt: string | null;
}

export interface VersionView {
  number: number;
  content: Form;
}

export interface ResponseView {
  id: number;
  organisationId: number | null;
  organisationName: string | null;
  answers: Answers;
  status: 'in_progress' | 'submitted';
  progress: number;
  updatedAt: string;
  submittedAt: string | null;
  libraryUseCaseId: number | null;
}

const STATUS_LABELS: Record<FollowUpView['status'], string> = {
  not_started: 'Pas commencée',
  in_progress: 'En cours',
  submitted: 'Envoyée',
};

export function CampaignListPage({
  rows,
}: {
  rows: (CampaignView & { state: CampaignState; questionnaireTitle: string })[];
}) {
  return (
    <>
      <h1>Campagnes de recensement</h1>
      <p>
        <a class="button" href="/coordination/campagnes/nouvelle">
          Nouvelle campagne
        </a>{' '}
        <a href="/coordination/questionnaires">Questionnaires</a>
      </p>
      {rows.length === 0 ? (
        <p>Aucune campagne pour le moment.</p>
      ) : (
        <Table caption="Campagnes" columns={['Campagne', 'Questionnaire', 'État', 'Ouverture', 'Clôture']}>
          {rows.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/coordination/campagnes/${c.id}`}>{c.title}</a>
              </th>
              <td>{c.questionnaireTitle}</td>
              <td>{CAMPAIGN_STATE_LABELS[c.state]}</td>
              <td>{formatDate(c.opensAt)}</td>
              <td>{formatDate(c.closedAt ?? c.closesAt)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export interface CampaignFormProps {
  questionnaires: { id: number; title: string; latestVersion: number }[];
  regions: { code: string; name: string }[];
  values: Record<string, unknown>;
  errors?: Record<string, string>;
}

const s = (v: unknown) => (typeof v === 'string' ? v : '');

export function CampaignFormPage({ questionnaires, regions, values, errors }: CampaignFormProps) {
  const field = bindFields(values, errors);
  return (
    <>
      <h1>Nouvelle campagne</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/coordination/campagnes" enctype="multipart/form-data" noValidate>
        <CsrfField />
        <Select
          {...field('questionnaireId')}
          label="Questionnaire"
          required
          options={questionnaires
            .filter((q) => q.latestVersion > 0)
            .map((q) => ({ value: String(q.id), label: `${q.title} (version ${q.latestVersion})` }))}
        />
        <TextInput
          {...field('title')}
          label="Titre de la campagne"
          hint="Par exemple « Recensement des démarches d’IA 2025 »."
          required
        />
        <TextArea
          {...field('description')}
          label="Message d’invitation"
          hint="Repris dans l’e-mail d’invitation et les rappels."
          rows={4}
        />
        <TextInput {...field('opensAt')} type="date" label="Ouverture" required width="short" />
        <TextInput {...field('closesAt')} type="date" label="Clôture (fin de journée)" required width="short" />
        <fieldset class={`field${errors?.targets ? ' field-error' : ''}`} id="champ-targets" tabIndex={-1}>
          <legend>Collectivités invitées</legend>
          {errors?.targets && (
            <p class="error-message">
              <span class="visually-hidden">Erreur : </span>
              {errors.targets}
            </p>
          )}
          <p class="hint">
            Les critères se combinent : les types choisis, dans les régions et départements choisis ; plus les
            collectivités de la liste.
          </p>
          <ChoiceGroup
            name="types"
            legend="Types"
            type="checkbox"
            options={ORGANISATION_TYPES.map((t) => ({ value: t.code, label: t.plural }))}
            value={listOf(values.types)}
          />
          <ChoiceGroup
            name="regions"
            legend="Régions"
            type="checkbox"
            options={regions.map((r) => ({ value: r.code, label: r.name }))}
            value={listOf(values.regions)}
          />
          <TextInput
            {...field('departements')}
            label="Départements"
            hint="Codes séparés par des virgules, par exemple « 35, 29, 2A »."
            width="medium"
          />
          <TextArea
            {...field('sirenList')}
            label="Liste de SIREN"
            hint="Un SIREN (ou SIRET) par ligne, suivi si besoin des adresses e-mail des contacts, séparés par des points-virgules : « 213502388;numerique@rennes.fr »."
            rows={5}
          />
          <div class="field">
            <label for="champ-sirenFile">Ou un fichier CSV de SIREN</label>
            <FieldHint id="champ-sirenFile">
              Même format : une ligne par collectivité, le SIREN en première colonne.
            </FieldHint>
            <input
              type="file"
              id="champ-sirenFile"
              name="sirenFile"
              accept=".csv,text/csv,text/plain"
              class="input"
              aria-describedby="champ-sirenFile-hint"
            />
          </div>
        </fieldset>
        <ChoiceGroup
          name="options"
          legend="Options"
          type="checkbox"
          value={listOf(values.options)}
          options={[
            {
              value: 'public',
              label: 'Ouvrir aussi un lien public anonyme',
              hint: 'Toute personne ayant le lien peut répondre, sans compte (anti-robots discret, débit limité).',
            },
            {
              value: 'results',
              label: 'Publier les résultats',
              hint: 'Les questions réservées aux coordinateurs restent masquées.',
            },
            {
              value: 'library',
              label: 'Créer une fiche brouillon dans la bibliothèque à chaque réponse envoyée',
              hint: 'Pour les questionnaires associés aux champs de la fiche (recensement des démarches d’IA).',
            },
          ]}
        />
        <TextInput
          name="reminderDays"
          label="Rappels automatiques (jours avant la clôture)"
          hint="Par exemple « 7, 2 ». Laissez vide pour ne pas relancer automatiquement."
          value={s(values.reminderDays ?? '7, 2')}
          error={errors?.reminderDays}
          width="short"
        />
        <div class="actions">
          <Button>Créer la campagne</Button>
          <a href="/coordination/campagnes">Annuler</a>
        </div>
      </form>
    </>
  );
}

interface Rate {
  invited: number;
  submitted: number;
  inProgress: number;
  notStarted: number;
  percent: number;
}

function RateTable({ caption, rows, header }: { caption: string; header: string; rows: (Rate & { key: string })[] }) {
  return (
    <Table
      showCaption
      caption={caption}
      columns={[header, 'Invitées', 'Envoyées', 'En cours', 'Pas commencées', 'Taux de réponse']}
    >
      {rows.map((r) => (
        <tr>
          <th scope="row">{r.key}</th>
          <td>{formatNumber(r.invited)}</td>
          <td>{formatNumber(r.submitted)}</td>
          <td>{formatNumber(r.inProgress)}</td>
          <td>{formatNumber(r.notStarted)}</td>
          <td>{String(r.percent).replace('.', ',')} %</td>
        </tr>
      ))}
    </Table>
  );
}

export interface DashboardProps {
  campaign: CampaignView;
  state: CampaignState;
  version: VersionView;
  questionnaire: { id: number; title: string; latestVersion: number } | null;
  followUp: FollowUpView[];
  overall: Rate;
  byType: (Rate & { key: string })[];
  byRegion: (Rate & { key: string })[];
  anonymousResponses: number;
  publicLink: string | null;
  mapsToLibrary: boolean;
  statusFilter: string;
  errors?: Record<string, string>;
}

export function DashboardPage(props: DashboardProps) {
  const { campaign, state, overall } = props;
  const url = `/coordination/campagnes/${campaign.id}`;
  const shown = props.statusFilter ? props.followUp.filter((f) => f.status === props.statusFilter) : props.followUp;
  return (
    <>
      <h1>{campaign.title}</h1>
      <p class="meta">
        {CAMPAIGN_STATE_LABELS[state]} — du {formatDate(campaign.opensAt)} au{' '}
        {formatDate(campaign.closedAt ?? campaign.closesAt)} — questionnaire « {props.questionnaire?.title} », version{' '}
        {props.version.number}
        {campaign.invitationsSentAt
          ? ` — invitations envoyées le ${formatDate(campaign.invitationsSentAt, true)}`
          : ' — invitations envoyées à l’ouverture'}
      </p>
      <ErrorSummary errors={props.errors} />
      <div class="cards">
        <div class="card">
          <p class="card-title">{String(overall.percent).replace('.', ',')} % de réponses envoyées</p>
          <p>
            {formatNumber(overall.submitted)} envoyées, {formatNumber(overall.inProgress)} en cours,{' '}
            {formatNumber(overall.notStarted)} pas commencées, sur {formatNumber(overall.invited)} collectivités
            invitées.
            {props.anonymousResponses > 0 &&
              ` Plus ${formatNumber(props.anonymousResponses)} réponse(s) par le lien public.`}
          </p>
        </div>
      </div>
      <p class="actions">
        <a href={`${url}/resultats`}>Résultats</a>
        <a href={`${url}/export.csv`}>Export CSV</a>
        <a href={`${url}/export.xlsx`}>Export XLSX</a>
        <a href={`${url}/export.json`}>Export JSON</a>
        {campaign.resultsPublic && <a href={`/recensements/${campaign.id}/resultats`}>Page publique des résultats</a>}
      </p>
      {props.publicLink && (
        <p>
          Lien public anonyme : <code class="copyable">{props.publicLink}</code>
        </p>
      )}
      <RateTable caption="Taux de réponse par type de collectivité" header="Type" rows={props.byType} />
      <RateTable caption="Taux de réponse par région" header="Région" rows={props.byRegion} />

      <h2 id="suivi">Suivi des collectivités</h2>
      <form method="get" action={url} class="search-form" aria-label="Filtrer le suivi">
        <Select
          name="statut"
          label="Où en est la réponse"
          emptyLabel="Toutes"
          value={props.statusFilter}
          options={[
            { value: 'not_started', label: 'Pas commencée' },
            { value: 'in_progress', label: 'En cours' },
            { value: 'submitted', label: 'Envoyée' },
          ]}
        />
        <button class="button button-secondary" type="submit">
          Afficher
        </button>
      </form>
      <PostForm action={`${url}/relancer`} aria-label="Relancer une sélection">
        <Table
          wrap
          showCaption
          caption={
            <>
              {shown.length} collectivité{shown.length > 1 ? 's' : ''}
              {props.statusFilter
                ? ` (${STATUS_LABELS[props.statusFilter as FollowUpView['status']].toLowerCase()})`
                : ''}
            </>
          }
          columns={[
            <span class="visually-hidden">Sélection</span>,
            'Collectivité',
            'Réponse',
            'Rappels',
            'Lien personnel',
          ]}
        >
          {shown.map((f) => (
            <tr>
              <td>
                {f.status !== 'submitted' && !f.revokedAt && (
                  <input
                    type="checkbox"
                    name="ids"
                    value={String(f.invitationId)}
                    id={`relance-${f.invitationId}`}
                    aria-label={`Relancer ${f.organisationName}`}
                  />
                )}
              </td>
              <th scope="row">
                {f.organisationName} <span class="meta">({organisationTypeLabel(f.organisationType)})</span>
              </th>
              <td>
                {f.responseId ? (
                  <a href={`/coordination/reponses/${f.responseId}`}>{STATUS_LABELS[f.status]}</a>
                ) : (
                  STATUS_LABELS[f.status]
                )}
                {f.status === 'in_progress' && ` (${f.progress} %)`}
                {f.submittedAt && ` le ${formatDate(f.submittedAt)}`}
              </td>
              <td>{f.remindersSent ? `${f.remindersSent}, dernier le ${formatDate(f.lastReminderAt)}` : '—'}</td>
              <td>
                {f.revokedAt ? (
                  `Révoqué le ${formatDate(f.revokedAt)}`
                ) : (
                  <a href={`${url}/invitations/${f.invitationId}`}>Voir et gérer</a>
                )}
              </td>
            </tr>
          ))}
        </Table>
        {state === 'open' && (
          <div class="actions">
            <Button kind="secondary" name="scope" value="selection">
              Relancer la sélection
            </Button>
            <Button kind="secondary" name="scope" value="all">
              Relancer toutes celles qui n’ont pas envoyé
            </Button>
          </div>
        )}
      </PostForm>

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
      {state !== 'closed' && (
        <PostForm
          action={`${url}/clore`}
          data-confirm="Clore la campagne maintenant ? Plus personne ne pourra modifier ses réponses."
          novalidate={false}
        >
          <h2>Clore la campagne</h2>
          <p>Les réponses ne pourront plus être modifiées ; ce qui a été enregistré est conservé.</p>
          <Button kind="danger">Clore maintenant</Button>
        </PostForm>
      )}
    </>
  );
}

export function InvitationPage(props: {
  campaign: CampaignView;
  invitation: {
    id: number;
    organisationName: string;
    expiresAt: string;
    revokedAt: string | null;
    contactEmails: string[];
  };
  link: string;
}) {
  const url = `/coordination/campagnes/${props.campaign.id}/invitations/${props.invitation.id}`;
  return (
    <>
      <h1>Invitation de {props.invitation.organisationName}</h1>
      <p>
        Lien personnel, valable jusqu’au {formatDate(props.invitation.expiresAt)} :{' '}
        <code class="copyable">{props.link}</code>
      </p>
      {props.invitation.contactEmails.length > 0 && (
        <p>Contacts indiqués à la création : {props.invitation.contactEmails.join(', ')}.</p>
      )}
      <div class="actions">
        <PostForm action={`${url}/renouveler`} class="inline-form">
          <Button kind="secondary">Remplacer par un nouveau lien</Button>
        </PostForm>
        {!props.invitation.revokedAt && (
          <PostForm action={`${url}/revoquer`} class="inline-form">
            <Button kind="danger">Révoquer ce lien</Button>
          </PostForm>
        )}
      </div>
      <p>
        <a href={`/coordination/campagnes/${props.campaign.id}#suivi`}>Retour au suivi</a>
      </p>
    </>
  );
}

export function ResponsePage(props: {
  response: ResponseView;
  campaign: CampaignView;
  version: VersionView;
  mapsToLibrary: boolean;
  libraryAvailable: boolean;
  organisationNames: Record<string, string>;
}) {
  const { response, version } = props;
  const q: Form = version.content;
  const visible = visibleElementIds(q, response.answers);
  return (
    <>
      <h1>
        Réponse de {response.organisationName ?? 'répondant anonyme'} — {props.campaign.title}
      </h1>
      <p class="meta">
        {response.status === 'submitted'
          ? `Envoyée le ${formatDate(response.submittedAt, true)}`
          : `En cours (${response.progress} %), mise à jour le ${formatDate(response.updatedAt, true)}`}{' '}
        — version {version.number} du questionnaire.
      </p>
      {props.mapsToLibrary && response.organisationId && (
        <div class="notice">
          {response.libraryUseCaseId ? (
            <p>
              Fiche créée dans la bibliothèque :{' '}
              <a href={`/bibliotheque/${response.libraryUseCaseId}`}>voir la fiche</a>.
            </p>
          ) : props.libraryAvailable ? (
            <PostForm action={`/coordination/reponses/${response.id}/fiche`}>
              <p>
                Cette réponse peut devenir une fiche brouillon de la bibliothèque pour {response.organisationName}, qui
                suivra ensuite la relecture habituelle.
              </p>
              <Button>Créer la fiche dans la bibliothèque</Button>
            </PostForm>
          ) : (
            <p>La bibliothèque n’est pas disponible pour créer une fiche.</p>
          )}
        </div>
      )}
      {q.pages
        .filter((p) => p.elements.some((e) => visible.has(e.id)))
        .map((page) => (
          <section aria-labelledby={`p-${page.id}`}>
            <h2 id={`p-${page.id}`}>{page.title}</h2>
            <dl class="summary">
              {page.elements
                .filter(isQuestion)
                .filter((x) => visible.has(x.id))
                .map((x) => {
                  const v = response.answers[x.id];
                  const file = x.type === 'file' && v && typeof v === 'object' ? (v as FileAnswer) : null;
                  const text =
                    x.type === 'organisation' && typeof v === 'string'
                      ? (props.organisationNames[v] ?? v)
                      : cellText(x, response.answers);
                  return (
                    <>
                      <dt>{x.label}</dt>
                      <dd>
                        {file ? (
                          <a href={`/coordination/fichiers/${file.id}`}>{file.name}</a>
                        ) : (
                          text || <span class="meta">Non renseigné</span>
                        )}
                      </dd>
                    </>
                  );
                })}
            </dl>
          </section>
        ))}
    </>
  );
}
