import { formatNumber, Pagination, Table } from '../../../platform/ui/components.tsx';
import { OrganisationPicker, PICKER_HINT } from '../../../platform/ui/organisation-picker.tsx';
import { ORGANISATION_TYPES, type OrganisationFilter } from '../model.ts';
import type { DirectoryPageModel } from '../services/pages.ts';

export type OrganisationListProps = DirectoryPageModel;

/** Query string of the list page for a filter (and page). */
export function listHref(filter: OrganisationFilter, page = 1): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.type) params.set('type', filter.type);
  if (filter.regionCode) params.set('region', filter.regionCode);
  if (filter.departementCode) params.set('departement', filter.departementCode);
  if (filter.networkId) params.set('reseau', String(filter.networkId));
  if (filter.withSheets) params.set('fiches', 'avec');
  if (filter.sort) params.set('tri', filter.sort);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/collectivites?${qs}` : '/collectivites';
}

function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  value?: string;
  empty: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} class="input input-medium">
        <option value="">{props.empty}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function OrganisationListPage(props: OrganisationListProps) {
  const { filter, rows, total, departements, regions } = props;
  const filtered = !!(
    filter.q ||
    filter.type ||
    filter.regionCode ||
    filter.departementCode ||
    filter.networkId ||
    filter.withSheets
  );
  return (
    <>
      <h1>Collectivités et organismes</h1>
      <p class="lead">
        Les communes, intercommunalités, départements et régions viennent du code officiel géographique ; les autres
        organismes (syndicats mixtes, opérateurs, associations…) sont ajoutés par les administrateurs.
      </p>
      {(props.canCreate || props.canReview) && (
        <div class="actions">
          {props.canReview && <a href="/collectivites/demandes">Demandes d'adhésion en attente</a>}
          {props.canCreate && (
            <a class="button button-secondary" href="/admin/collectivites/nouvelle">
              Ajouter un organisme
            </a>
          )}
        </div>
      )}
      <form method="get" action="/collectivites" aria-label="Rechercher et filtrer les collectivités">
        <OrganisationPicker label="Rechercher une collectivité ou un organisme" hint={PICKER_HINT} value={filter.q} />
        <FilterSelect
          id="filtre-type"
          name="type"
          label="Type"
          value={filter.type}
          empty="Tous les types"
          options={ORGANISATION_TYPES.map((t) => ({ value: t.code, label: t.plural }))}
        />
        <FilterSelect
          id="filtre-region"
          name="region"
          label="Région"
          value={filter.regionCode}
          empty="Toutes les régions"
          options={regions.map((r) => ({ value: r.code, label: r.name }))}
        />
        <FilterSelect
          id="filtre-departement"
          name="departement"
          label="Département"
          value={filter.departementCode}
          empty="Tous les départements"
          options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
        />
        {props.networks.length > 0 && (
          <FilterSelect
            id="filtre-reseau"
            name="reseau"
            label="Réseau"
            value={filter.networkId ? String(filter.networkId) : undefined}
            empty="Tous, membres d’un réseau ou non"
            options={props.networks.map((n) => ({ value: String(n.id), label: n.name }))}
          />
        )}
        <FilterSelect
          id="filtre-tri"
          name="tri"
          label="Ordre (sans recherche par nom)"
          value={filter.sort}
          empty="Population décroissante"
          options={[
            { value: 'nom', label: 'Ordre alphabétique' },
            { value: 'fiches', label: 'Nombre de fiches publiées' },
          ]}
        />
        <div class="field choice">
          <input type="checkbox" id="filtre-fiches" name="fiches" value="avec" checked={!!filter.withSheets} />
          <label for="filtre-fiches">
            Avec des fiches publiées dans la bibliothèque ({formatNumber(props.withSheets)})
          </label>
        </div>
        <div class="actions">
          <button type="submit" class="button">
            Afficher
          </button>
          {filtered && <a href="/collectivites">Effacer la recherche et les filtres</a>}
        </div>
      </form>

      <h2 id="resultats">
        {total === 0
          ? 'Aucun résultat'
          : `${formatNumber(total)} résultat${total > 1 ? 's' : ''}${props.pageCount > 1 ? ` — page ${props.page} sur ${formatNumber(props.pageCount)}` : ''}`}
      </h2>
      {total === 0 ? (
        <p>
          Aucune collectivité ne correspond{filter.q ? ` à « ${filter.q} »` : ''}. Vérifiez l'orthographe, essayez un
          code postal ou retirez un filtre.
        </p>
      ) : (
        <Table
          wrap
          caption="Collectivités et organismes correspondant à la recherche"
          columns={['Nom', 'Type', 'Département', 'Population', 'Fiches publiées']}
        >
          {rows.map((o) => (
            <tr>
              <th scope="row">
                <a href={o.href}>{o.name}</a>
              </th>
              <td>{o.typeLabel}</td>
              <td>{o.departement}</td>
              <td>{o.population == null ? '—' : formatNumber(o.population)}</td>
              <td>{formatNumber(o.sheets)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={props.page} pageCount={props.pageCount} href={(p) => `${listHref(filter, p)}#resultats`} />
    </>
  );
}
