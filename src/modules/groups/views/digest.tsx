/** The digest for the next meeting: what happened in the group's scope since its last meeting. */
import { formatDate, formatNumber, PostForm, Table } from '../../../platform/ui/components.tsx';
import type { Digest } from '../services/digest.ts';

const rate = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)} %` : '—');

export function DigestPage({ d, canSend }: { d: Digest; canSend: boolean }) {
  return (
    <>
      <h1>Synthèse pour la prochaine réunion — {d.group.name}</h1>
      <p>
        Ce qui s’est passé dans le périmètre du groupe du {formatDate(d.since)} au {formatDate(d.until)}
        {d.lastMeeting ? (
          <>
            , depuis <a href={d.lastMeeting.path}>la dernière réunion</a>
          </>
        ) : (
          ' (les trente derniers jours : le groupe ne s’est pas encore réuni sur la plateforme)'
        )}
        .
      </p>
      {d.nextMeeting && (
        <p>
          Prochaine réunion : <a href={d.nextMeeting.path}>le {formatDate(d.nextMeeting.startsAt, true)}</a> (heure de
          Paris).
        </p>
      )}
      {canSend && (
        <PostForm action={`${d.group.path}/synthese/envoyer`}>
          <button type="submit" class="button button-secondary">
            M’envoyer la synthèse
          </button>
        </PostForm>
      )}

      <h2>Fiches publiées ou mises à jour</h2>
      <p class="meta">Les fiches que suit le groupe et celles des organismes de ses membres.</p>
      {d.sheets.length ? (
        <ul>
          {d.sheets.map((s) => (
            <li>
              <a href={s.path}>{s.title}</a> — {s.change === 'created' ? 'nouvelle fiche' : 'mise à jour'} du{' '}
              {formatDate(s.at)}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune fiche publiée ni mise à jour sur la période.</p>
      )}

      <h2>Avancement des recensements suivis</h2>
      {d.campaigns.length ? (
        <Table
          caption="Avancement des recensements suivis par le groupe"
          columns={['Recensement', 'Organismes invités', 'Ont commencé', 'Ont envoyé', 'Taux de réponse']}
        >
          {d.campaigns.map((c) => (
            <tr>
              <th scope="row">{c.title}</th>
              <td>{formatNumber(c.invited)}</td>
              <td>{formatNumber(c.started)}</td>
              <td>{formatNumber(c.submitted)}</td>
              <td>{rate(c.submitted, c.invited)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Le groupe ne suit aucun recensement.</p>
      )}

      {d.challengeNews && (
        <>
          <h2>Actualités des défis suivis</h2>
          {d.challengeNews.length ? (
            <ul>
              {d.challengeNews.map((n) => (
                <li>
                  <a href={n.path}>{n.title}</a> — {formatDate(n.at)}
                  {n.detail ? ` : ${n.detail}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucune actualité sur la période.</p>
          )}
        </>
      )}

      {d.initiatives && (
        <>
          <h2>Nouvelles initiatives</h2>
          {d.initiatives.length ? (
            <ul>
              {d.initiatives.map((n) => (
                <li>
                  <a href={n.path}>{n.title}</a> — {formatDate(n.at)}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucune nouvelle initiative sur la période.</p>
          )}
        </>
      )}

      {d.actions && (
        <>
          <h2>Actions ouvertes</h2>
          {d.actions.length ? (
            <Table caption="Actions ouvertes du groupe" columns={['Action', 'Responsable', 'Échéance', 'État']}>
              {d.actions.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={a.path}>{a.title}</a>
                  </th>
                  <td>{a.ownerName ?? '—'}</td>
                  <td>{a.dueDate ? formatDate(a.dueDate) : '—'}</td>
                  <td>{a.status}</td>
                </tr>
              ))}
            </Table>
          ) : (
            <p>Aucune action ouverte.</p>
          )}
        </>
      )}
      <p>
        <a href={d.group.path}>Retour à la page du groupe</a>
      </p>
    </>
  );
}
