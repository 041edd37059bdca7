/** The list of working groups: the commission and its groups and sub-commissions, as nested lists. */
import { ROLE_LABELS } from '../model.ts';
import type { GroupListItem } from '../services/pages.ts';

function Items({ items }: { items: GroupListItem[] }) {
  return (
    <ul class="group-tree">
      {items.map((g) => (
        <li>
          <p>
            <a href={g.path}>
              <strong>{g.name}</strong>
            </a>{' '}
            {g.visibility === 'members' && <span class="tag">Réservé aux membres</span>}
            {g.myRole && <span class="tag tag-status">Vous êtes {ROLE_LABELS[g.myRole].toLowerCase()}</span>}
          </p>
          {g.purpose && <p class="meta">{g.purpose.length > 220 ? `${g.purpose.slice(0, 217)}…` : g.purpose}</p>}
          <p class="meta">
            {g.members} {g.members > 1 ? 'membres' : 'membre'}
          </p>
          {g.children.length > 0 && <Items items={g.children} />}
        </li>
      ))}
    </ul>
  );
}

export function GroupListPage({
  groups,
  canCreate,
  signedIn,
}: {
  groups: GroupListItem[];
  canCreate: boolean;
  signedIn: boolean;
}) {
  return (
    <>
      <h1>Groupes de travail</h1>
      <p>
        Les commissions et groupes de travail du réseau préparent ses positions et suivent les fiches, recensements et
        projets qui les concernent. Chacun est animé par des pilotes : élus et coordinateurs.
      </p>
      {!signedIn && (
        <p>
          <a href="/connexion?retour=%2Fgroupes">Connectez-vous</a> pour voir les groupes réservés à leurs membres et
          demander à rejoindre un groupe.
        </p>
      )}
      {canCreate && (
        <p>
          <a class="button button-primary" href="/groupes/nouveau">
            Créer un groupe
          </a>
        </p>
      )}
      {groups.length ? <Items items={groups} /> : <p>Aucun groupe de travail pour le moment.</p>}
    </>
  );
}
