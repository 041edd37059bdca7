/**
 * Before launching a campaign: how many authorities are targeted, how many can be reached, the authorities nobody
 * can be mailed (a page at a time, each with a link to add a contact), the invitation e-mail as it will be sent, and
 * the launch, confirmed by a checkbox.
 */
import {
  Button,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  formatNumber,
  Pagination,
  PostForm,
} from '../../../platform/ui/components.tsx';
import { organisationTypeLabel } from '../../organisations/index.ts';

export interface PreviewProps {
  campaign: { id: number; title: string; opensAt: string; closesAt: string; launchedAt: string | null };
  targeted: number;
  withRecipient: number;
  without: {
    total: number;
    page: number;
    pageCount: number;
    rows: { id: number; organisationName: string; organisationType: string; contactsPage: string }[];
  };
  mail: { subject: string; text: string };
  closed: boolean;
  errors?: Record<string, string>;
}

const n = formatNumber;

export function PreviewPage(props: PreviewProps) {
  const { campaign, targeted, withRecipient, without } = props;
  const url = `/coordination/campagnes/${campaign.id}`;
  return (
    <>
      <h1>Aperçu avant lancement : {campaign.title}</h1>
      <ErrorSummary errors={props.errors} />
      <dl class="cards" aria-label="Destinataires">
        <div class="card">
          <dt>Collectivités ciblées</dt>
          <dd class="card-title">{n(targeted)}</dd>
        </div>
        <div class="card">
          <dt>Avec au moins un destinataire</dt>
          <dd class="card-title">{n(withRecipient)}</dd>
        </div>
        <div class="card">
          <dt>Sans destinataire</dt>
          <dd class="card-title">{n(without.total)}</dd>
        </div>
      </dl>
      <p>
        Les invitations partent le {formatDate(campaign.opensAt, true)} (ou dès le lancement si la campagne est déjà
        ouverte) vers les contacts de chaque collectivité et ses membres inscrits. Le recensement ferme le{' '}
        {formatDate(campaign.closesAt, true)}.
      </p>

      {campaign.launchedAt ? (
        <p class="notice">
          Campagne lancée le {formatDate(campaign.launchedAt, true)}. <a href={url}>Voir le suivi</a>
        </p>
      ) : props.closed ? (
        <p class="notice">Cette campagne est close : elle ne peut plus être lancée.</p>
      ) : (
        <PostForm action={`${url}/lancer`} aria-label="Lancer la campagne">
          <ChoiceGroup
            name="confirm"
            legend="Confirmation"
            type="checkbox"
            value={[]}
            error={props.errors?.confirm}
            options={[
              {
                value: 'oui',
                label: `J’ai vérifié l’aperçu : envoyer l’invitation à ${n(withRecipient)} collectivité${withRecipient > 1 ? 's' : ''}`,
                hint:
                  without.total > 0
                    ? `${n(without.total)} collectivité${without.total > 1 ? 's' : ''} sans destinataire ne recevr${without.total > 1 ? 'ont' : 'a'} rien tant qu’un contact n’est pas ajouté.`
                    : undefined,
              },
            ]}
          />
          <Button>Lancer la campagne</Button>
        </PostForm>
      )}

      <h2 id="sans-destinataire">Collectivités sans destinataire</h2>
      {without.total === 0 ? (
        <p>Toutes les collectivités ciblées ont au moins un destinataire.</p>
      ) : (
        <>
          <p>
            Ni contact ni membre inscrit : ajoutez un contact, puis revenez sur cette page (les destinataires sont
            recomptés à chaque affichage)
            {without.pageCount > 1 ? ` — page ${without.page} sur ${without.pageCount}` : ''}.
          </p>
          <ul>
            {without.rows.map((r) => (
              <li>
                {r.organisationName} <span class="meta">({organisationTypeLabel(r.organisationType)})</span> —{' '}
                <a href={r.contactsPage}>
                  Ajouter un contact<span class="visually-hidden"> pour {r.organisationName}</span>
                </a>
              </li>
            ))}
          </ul>
          <Pagination
            page={without.page}
            pageCount={without.pageCount}
            href={(p) => `${url}/apercu${p > 1 ? `?page=${p}` : ''}#sans-destinataire`}
          />
        </>
      )}

      <h2>L’e-mail d’invitation</h2>
      <figure class="mail-preview">
        <figcaption>
          Objet : <strong>{props.mail.subject}</strong>
        </figcaption>
        <div class="mail-text">{props.mail.text}</div>
      </figure>
      <p>
        <a href={url}>Aller au suivi de la campagne</a>
      </p>
    </>
  );
}
