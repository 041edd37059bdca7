import { ofName } from '../../../platform/text/french.ts';
import { formatDate, formatNumber } from '../../../platform/ui/components.tsx';
import { formatSiren, formatSiret, MEMBERSHIP_ROLES, organisationTypeLabel } from '../model.ts';
import type { AuthorityUseCases } from '../ports.ts';
import type { AuthorityPageModel } from '../services/pages.ts';

export type OrganisationPageProps = AuthorityPageModel;

/** The use cases (« fiches ») the authority published in the library. */
function UseCasesBlock({ name, sheets }: { name: string; sheets: AuthorityUseCases }) {
  if (!sheets.total) {
    return (
      <section aria-labelledby="fiches-titre">
        <h2 id="fiches-titre">Fiches publiées dans la bibliothèque</h2>
        <p>Aucune fiche de cette collectivité n'est encore publiée dans la bibliothèque.</p>
      </section>
    );
  }
  const shown = sheets.items.length;
  return (
    <section aria-labelledby="fiches-titre">
      <h2 id="fiches-titre">Fiches publiées dans la bibliothèque</h2>
      <div class="table-wrap">
        <table class="table">
          <caption>
            {sheets.total > shown
              ? `Les ${formatNumber(shown)} premières fiches publiées par ${name} (sur ${formatNumber(sheets.total)}), par titre`
              : `${sheets.total > 1 ? `Les ${formatNumber(sheets.total)} fiches publiées` : 'La fiche publiée'} par ${name}, par titre`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Fiche</th>
              <th scope="col">Thème</th>
              <th scope="col">Statut du projet</th>
            </tr>
          </thead>
          <tbody>
            {sheets.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a href={s.href}>{s.title}</a>
                </th>
                <td>{s.theme ?? 'non renseigné'}</td>
                <td>{s.status ?? 'non renseigné'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={sheets.href}>
          {sheets.total > 1
            ? `Chercher parmi les ${formatNumber(sheets.total)} fiches ${ofName(name)} dans la bibliothèque`
            : `Voir la fiche ${ofName(name)} dans la bibliothèque`}
        </a>
      </p>
    </section>
  );
}

function MembershipBlock(props: OrganisationPageProps) {
  const { organisation: org, membership: m } = props;
  const joinHref = `/collectivites/${org.id}/rejoindre`;
  if (!props.signedIn) {
    return (
      <p>
        Vous travaillez pour cette collectivité ?{' '}
        <a href={`/connexion?retour=${encodeURIComponent(joinHref)}`}>Connectez-vous pour demander à la rejoindre</a> ou{' '}
        <a href="/inscription">créez un compte</a>.
      </p>
    );
  }
  if (!m) {
    return (
      <p>
        <a class="button" href={joinHref}>
          Demander à rejoindre {org.name}
        </a>
      </p>
    );
  }
  if (m.status === 'pending') {
    return (
      <div class="notice" role="status">
        <p>
          Votre demande pour rejoindre cette collectivité, envoyée le {formatDate(m.requestedAt)}, attend la réponse
          d'un responsable ou d'un coordinateur du réseau.
        </p>
      </div>
    );
  }
  if (m.status === 'refused') {
    return (
      <div class="notice notice-warning">
        <p>
          Votre demande du {formatDate(m.requestedAt)} n'a pas été acceptée.{' '}
          <a href={joinHref}>Renouveler la demande</a>
        </p>
      </div>
    );
  }
  const role = MEMBERSHIP_ROLES.find((r) => r.code === m.role);
  return (
    <div class="notice notice-success">
      <p>
        Vous êtes {role?.label.toLowerCase()} de cette collectivité : vous {role?.hint}.
      </p>
    </div>
  );
}

export function OrganisationPage(props: OrganisationPageProps) {
  const { organisation: org, departement, region } = props;
  const fromCode = org.source === 'cog';
  return (
    <>
      <h1>
        {org.name}
        <span class="visually-hidden"> — </span> <span class="tag">{organisationTypeLabel(org.type)}</span>
      </h1>
      <h2>Identité</h2>
      <dl class="summary">
        <dt>Type</dt>
        <dd>{organisationTypeLabel(org.type)}</dd>
        {org.inseeCode && org.inseeCode !== org.siren && (
          <>
            <dt>Code INSEE</dt>
            <dd>{org.inseeCode}</dd>
          </>
        )}
        <dt>SIREN</dt>
        <dd>{org.siren ? formatSiren(org.siren) : 'non renseigné'}</dd>
        {org.siret && (
          <>
            <dt>SIRET</dt>
            <dd>{formatSiret(org.siret)}</dd>
          </>
        )}
        {org.population != null && (
          <>
            <dt>Population</dt>
            <dd>{formatNumber(org.population)} habitants</dd>
          </>
        )}
        {departement && org.type !== 'departement' && (
          <>
            <dt>Département</dt>
            <dd>
              <a href={`/collectivites?departement=${departement.code}`}>
                {departement.name} ({departement.code})
              </a>
            </dd>
          </>
        )}
        {region && org.type !== 'region' && (
          <>
            <dt>Région</dt>
            <dd>
              <a href={`/collectivites?region=${region.code}`}>{region.name}</a>
            </dd>
          </>
        )}
        {org.postcodes.length > 0 && (
          <>
            <dt>{org.postcodes.length > 1 ? 'Codes postaux' : 'Code postal'}</dt>
            <dd>{org.postcodes.join(', ')}</dd>
          </>
        )}
        {props.fields?.contactEmail && (
          <>
            <dt>Contact</dt>
            <dd>
              <a href={`mailto:${props.fields.contactEmail}`}>{props.fields.contactEmail}</a>
            </dd>
          </>
        )}
        {props.networks.length > 0 && (
          <>
            <dt>{props.networks.length > 1 ? 'Réseaux' : 'Réseau'}</dt>
            <dd>
              {props.networks.map((n, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`/reseaux/${n.id}`}>{n.name}</a>
                </>
              ))}
            </dd>
          </>
        )}
        {org.website && (
          <>
            <dt>Site web</dt>
            <dd>
              <a href={org.website} rel="noopener">
                {org.website}
              </a>
            </dd>
          </>
        )}
      </dl>
      {(org.type === 'departement' || org.type === 'region') && (
        <p>
          <a href={`/collectivites?${org.type === 'region' ? 'region' : 'departement'}=${org.inseeCode}`}>
            Voir les collectivités {org.type === 'region' ? 'de la région' : 'du département'}
          </a>
        </p>
      )}
      <p class="meta">
        {fromCode
          ? "Source : code officiel géographique de l'INSEE et liste des intercommunalités de la DGCL (paquet « découpage administratif » d'Etalab) ; populations légales de l'INSEE."
          : `Organisme ajouté par un administrateur le ${formatDate(org.createdAt)}.`}
      </p>

      {props.useCases && <UseCasesBlock name={org.name} sheets={props.useCases} />}

      <h2>Sur la plateforme</h2>
      <p>
        {props.memberCount === 0
          ? "Aucun agent n'a encore rejoint cette collectivité sur la plateforme."
          : `${formatNumber(props.memberCount)} agent${props.memberCount > 1 ? 's ont' : ' a'} rejoint cette collectivité sur la plateforme.`}
      </p>
      <MembershipBlock {...props} />
      {(props.canEdit || props.canSeeContacts) && (
        <ul class="inline-links">
          {props.canEdit && (
            <li>
              <a href={`/collectivites/${org.id}/modifier`}>Modifier la fiche (SIRET, contact, site, logo)</a>
            </li>
          )}
          {props.canSeeContacts && (
            <li>
              <a href={`/collectivites/${org.id}/contacts`}>Contacts de la collectivité</a>
            </li>
          )}
        </ul>
      )}
      {props.canManage && (
        <p>
          <a href={`/collectivites/${org.id}/membres`}>
            Gérer les membres
            {props.pendingCount > 0 &&
              ` (${props.pendingCount} demande${props.pendingCount > 1 ? 's' : ''} en attente)`}
          </a>
        </p>
      )}
    </>
  );
}
