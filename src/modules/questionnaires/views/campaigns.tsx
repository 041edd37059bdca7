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
import { ORGANISATION_TYPES } from '../../organisations/index.ts';
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
  networks: { id: number; name: string }[];
  values: Record<string, unknown>;
  errors?: Record<string, string>;
}

const s = (v: unknown) => (typeof v === 'string' ? v : '');

export function CampaignFormPage({ questionnaires, regions, networks, values, errors }: CampaignFormProps) {
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
            Les critères se combinent : les types choisis, dans les régions et départements choisis ; plus les membres
            des réseaux choisis et les collectivités de la liste.
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
          {networks.length > 0 && (
            <ChoiceGroup
              name="networks"
              legend="Membres d’un réseau"
              type="checkbox"
              options={networks.map((n) => ({ value: String(n.id), label: n.name }))}
              value={listOf(values.networks)}
            />
          )}
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
          name="responsesMode"
          legend="Réponses"
          type="radio"
          value={s(values.responsesMode)}
          error={errors?.responsesMode}
          hint="Sans choix : plusieurs réponses pour le recensement des démarches d’IA, une seule sinon."
          options={[
            { value: 'one', label: 'Une réponse par collectivité' },
            {
              value: 'several',
              label: 'Plusieurs réponses par collectivité (une par projet)',
              hint: 'Chaque collectivité voit ses réponses, en ajoute une par projet et reprend celle de son choix.',
            },
          ]}
        />
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
          <Button>Préparer la campagne et voir l’aperçu</Button>
          <a href="/coordination/campagnes">Annuler</a>
        </div>
      </form>
    </>
  );
}

const MAIL_LABELS: Record<string, string> = { invite: 'Invitation', remind: 'Rappel', renew: 'Nouveau lien' };

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
  /** Where this invitation is mailed now (contacts, members, list addresses). */
  recipients: string[];
  contactsPage: string;
  deliveries: {
    id: number;
    mail: string;
    email: string;
    status: 'pending' | 'sent' | 'failed';
    attempts: number;
    lastError: string | null;
    sentAt: string | null;
  }[];
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
      <h2>Destinataires</h2>
      {props.recipients.length ? (
        <ul>
          {props.recipients.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      ) : (
        <p>Aucun destinataire : ni contact ni membre inscrit.</p>
      )}
      <p>
        <a href={props.contactsPage}>Gérer les contacts de cette collectivité</a>
      </p>
      <h2>Envois</h2>
      {props.deliveries.length === 0 ? (
        <p>Aucun e-mail envoyé pour le moment.</p>
      ) : (
        <ul>
          {props.deliveries.map((d) => (
            <li>
              {MAIL_LABELS[d.mail.split(':')[0]!] ?? d.mail} à {d.email} :{' '}
              {d.status === 'sent'
                ? `remis au serveur d’envoi le ${formatDate(d.sentAt, true)}`
                : d.status === 'failed'
                  ? `échec après ${d.attempts} essais (${d.lastError ?? 'erreur inconnue'})`
                  : d.lastError
                    ? `nouvel essai prévu après ${d.attempts} échec${d.attempts > 1 ? 's' : ''} (${d.lastError})`
                    : 'en attente d’envoi'}
            </li>
          ))}
        </ul>
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
  /** A participation census response: its initiative (null: none yet); undefined when it cannot have one. */
  initiative?: { id: number; url: string } | null;
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
      {props.initiative !== undefined && (
        <div class="notice">
          {props.initiative ? (
            <p>
              Initiative de participation créée : <a href={props.initiative.url}>voir l’initiative</a>.
            </p>
          ) : (
            <PostForm action={`/coordination/reponses/${response.id}/initiative`}>
              <p>
                Cette réponse peut devenir une initiative de participation en brouillon pour {response.organisationName}
                , qui la complétera avant de l’envoyer en relecture.
              </p>
              <Button>Créer l’initiative de participation</Button>
            </PostForm>
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
