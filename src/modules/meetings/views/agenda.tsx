/** The network's agenda: upcoming meetings (public ones, and members-only ones of the reader's groups), filterable by group, with the iCal feed; past meetings with their published minutes. */
import { Select } from '../../../platform/ui/components.tsx';
import type { MeetingCard } from './view-models.ts';

export function MeetingSummary({ m, level = 3 }: { m: MeetingCard; level?: 2 | 3 }) {
  const H = `h${level}` as 'h3';
  return (
    <article class="card meeting-card">
      <H>
        <a href={m.path}>{m.title}</a>
        {m.status === 'cancelled' && <span class="badge badge-warning"> Annulée</span>}
      </H>
      <p>
        <strong>{m.when}</strong> — durée {m.duration}
      </p>
      <p>
        {m.groupPath ? <a href={m.groupPath}>{m.groupName}</a> : m.groupName}
        {m.place ? ` — ${m.place}` : ''}
        {m.remote ? ' — à distance possible' : ''}
        {m.visibility === 'members' ? ' — réservée aux membres' : ''}
      </p>
    </article>
  );
}

export function AgendaPage(v: {
  upcoming: MeetingCard[];
  past: (MeetingCard & { minutesPath: string })[];
  groups: { id: number; name: string }[];
  groupId: number | null;
  feedPath: string;
  signedIn: boolean;
  /** The groups whose meetings the reader schedules (leads, coordinators). */
  leading: { id: number; name: string }[];
}) {
  return (
    <>
      <h1>Agenda du réseau</h1>
      <p>
        Les réunions des groupes de travail et commissions du réseau. Les heures sont celles de Paris. Abonnez votre
        agenda (Outlook, Thunderbird, téléphone) au{' '}
        <a href={v.feedPath}>calendrier iCal {v.groupId ? 'de ce groupe' : 'des réunions publiques'}</a>
        {v.signedIn ? (
          <>
            {' '}
            ou à <a href="/mon-agenda">votre calendrier personnel</a>
          </>
        ) : null}
        .
      </p>
      {v.leading.length > 0 && (
        <section aria-labelledby="programmer">
          <h2 id="programmer">Programmer une réunion</h2>
          <ul>
            {v.leading.map((g) => (
              <li>
                <a href={`/groupes/${g.id}/reunions/nouvelle`}>Nouvelle réunion : {g.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form method="get" action="/agenda" class="filters" aria-label="Filtrer l’agenda">
        <Select
          name="groupe"
          label="Groupe"
          value={v.groupId ? String(v.groupId) : ''}
          emptyLabel="Tous les groupes"
          options={v.groups.map((g) => ({ value: String(g.id), label: g.name }))}
        />
        <button type="submit" class="button button-secondary">
          Filtrer
        </button>
      </form>
      <section aria-labelledby="a-venir">
        <h2 id="a-venir">Prochaines réunions</h2>
        {v.upcoming.length ? (
          v.upcoming.map((m) => <MeetingSummary m={m} />)
        ) : (
          <p>Aucune réunion à venir{v.groupId ? ' pour ce groupe' : ''}.</p>
        )}
      </section>
      <section aria-labelledby="passees">
        <h2 id="passees">Réunions passées et leurs comptes rendus</h2>
        {v.past.length ? (
          <ul>
            {v.past.map((m) => (
              <li>
                <a href={m.path}>{m.title}</a> — {m.groupName}, {m.when} — <a href={m.minutesPath}>compte rendu</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun compte rendu publié pour l’instant.</p>
        )}
      </section>
    </>
  );
}
