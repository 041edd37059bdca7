/** Networks of authorities: their list, a network's page (coordinators, members) and the import of its members. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  Button,
  ErrorSummary,
  formatDate,
  formatNumber,
  Pagination,
  PostForm,
  Select,
  Table,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { organisationTypeLabel } from '../model.ts';
import type { Network } from '../model-contacts.ts';
import type { Person } from '../ports.ts';
import type { ImportReport } from '../services/imports.ts';
import type { NetworkPage as NetworkPageModel } from '../services/networks.ts';
import { CsvColumnsHelp, ImportForm } from './contacts.tsx';
import { ImportReportView } from './imports.tsx';

const members = (n: number) => (n === 0 ? 'aucun membre' : `${formatNumber(n)} membre${n > 1 ? 's' : ''}`);

export function NetworksPage({ networks }: { networks: Network[] }) {
  return (
    <>
      <h1>Réseaux de collectivités</h1>
      <p class="lead">
        Les réseaux qui portent la plateforme et leurs collectivités membres. Un recensement peut viser les membres d’un
        réseau.
      </p>
      {networks.length === 0 ? (
        <p>Aucun réseau n’est encore enregistré.</p>
      ) : (
        <ul>
          {networks.map((n) => (
            <li>
              <h2>
                <a href={`/reseaux/${n.id}`}>{n.name}</a>
              </h2>
              <p>{n.description}</p>
              <p class="meta">{members(n.memberCount)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface NetworkPageProps extends NetworkPageModel {
  page: number;
  pageCount: number;
  candidates: Person[];
  errors?: FieldErrors;
  values?: { ref?: string };
}

export function NetworkPage(props: NetworkPageProps) {
  const { network, coordinators } = props;
  const base = `/reseaux/${network.id}`;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{network.name}</h1>
      <p class="lead">{network.description}</p>
      {network.website && (
        <p>
          <a href={network.website} rel="noopener">
            Site du réseau {network.name}
          </a>
        </p>
      )}
      <h2>Coordination</h2>
      {coordinators.length === 0 ? (
        <p>Aucun coordinateur n’est nommé pour ce réseau : les coordinateurs de la plateforme gèrent ses membres.</p>
      ) : (
        <ul>
          {coordinators.map((p) => (
            <li>
              {p.name || p.email}
              {props.canAppoint && (
                <PostForm action={`${base}/coordinateurs/${p.id}/retirer`} class="inline-form">
                  <Button kind="secondary">
                    Retirer<span class="visually-hidden"> {p.name || p.email} de la coordination</span>
                  </Button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canAppoint && props.candidates.length > 0 && (
        <PostForm action={`${base}/coordinateurs`} aria-label="Nommer un coordinateur">
          <Select
            name="userId"
            label="Nommer un coordinateur du réseau"
            hint="Parmi les coordinateurs de la plateforme."
            options={props.candidates.map((p) => ({
              value: String(p.id),
              label: p.name ? `${p.name} (${p.email})` : p.email,
            }))}
            error={props.errors?.userId}
          />
          <Button kind="secondary">Nommer</Button>
        </PostForm>
      )}

      <h2 id="membres">Membres</h2>
      {props.members.total === 0 ? (
        <p>Ce réseau n’a encore aucun membre enregistré.</p>
      ) : (
        <>
          <Table
            caption={`${members(props.members.total)} du réseau ${network.name}, par nom${props.pageCount > 1 ? ` (page ${props.page} sur ${props.pageCount})` : ''}`}
            columns={
              props.canManage ? ['Collectivité', 'Type', 'Ajoutée', 'Action'] : ['Collectivité', 'Type', 'Ajoutée']
            }
            wrap
          >
            {props.members.rows.map((m) => (
              <tr>
                <th scope="row">
                  <a href={`/collectivites/${m.organisationId}`}>{m.name}</a>
                </th>
                <td>{organisationTypeLabel(m.type as never)}</td>
                <td>
                  {formatDate(m.addedAt)}
                  {m.source !== 'saisie' && <span class="meta"> ({m.source})</span>}
                </td>
                {props.canManage && (
                  <td>
                    <PostForm action={`${base}/membres/${m.organisationId}/retirer`} class="inline-form">
                      <button type="submit" class="button button-secondary" aria-label={`Retirer ${m.name} du réseau`}>
                        Retirer
                      </button>
                    </PostForm>
                  </td>
                )}
              </tr>
            ))}
          </Table>
          <Pagination page={props.page} pageCount={props.pageCount} href={(p) => `${base}?page=${p}#membres`} />
        </>
      )}
      {props.canManage && (
        <>
          <h2>Ajouter des membres</h2>
          <PostForm action={`${base}/membres`} aria-label="Ajouter un membre">
            <TextInput
              name="ref"
              label="SIREN, SIRET ou code INSEE de la collectivité"
              hint="Exemple : 49007 (code INSEE d’Angers) ou 217 500 016 (SIREN de Paris)."
              value={props.values?.ref}
              error={props.errors?.ref}
              width="medium"
              required
            />
            <Button>Ajouter au réseau</Button>
          </PostForm>
          <p>
            <a href={`${base}/import`}>Importer une liste de membres (CSV)</a>
          </p>
        </>
      )}
    </>
  );
}

export function NetworkImportPage(props: { network: Network; report: ImportReport | null; errors?: FieldErrors }) {
  const { network } = props;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Importer les membres du réseau {network.name}</h1>
      {props.report && <ImportReportView report={props.report} what={{ one: 'membre', many: 'membres' }} />}
      <CsvColumnsHelp contacts={false} />
      <ImportForm action={`/reseaux/${network.id}/import`} errors={props.errors} />
      <p>
        <a href={`/reseaux/${network.id}`}>Retour au réseau {network.name}</a>
      </p>
    </>
  );
}
