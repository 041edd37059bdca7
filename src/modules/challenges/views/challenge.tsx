/**
 * A challenge's public page: the need and what is expected, where it stands (the stage timeline, planned dates), who
 * takes part (by role, partners apart), the sheets it came from, the resulting commons entry, the news; and, for those
 * who may, the forms that move its stage and post news.
 */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  PostForm,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { frenchDate, nextStages, stageLabel } from '../model.ts';
import type { PresentedChallenge } from '../services/presenter.ts';

export interface ChallengePageProps {
  c: PresentedChallenge;
  signedIn: boolean;
  /** The participating organisations the viewer may withdraw. */
  leavable: number[];
  /** The errors of the stage or news form, with what was typed. */
  form?: { name: 'stage' | 'news'; errors: FieldErrors; values: Record<string, string> };
}

function Text({ title, value }: { title: string; value: string }) {
  if (!value) return null;
  return (
    <>
      <h2>{title}</h2>
      {value.split(/\n{2,}/).map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

const PLANNED: Record<string, 'scoping' | 'building' | 'publication'> = {
  scoping: 'scoping',
  building: 'building',
  published: 'publication',
};

export function ChallengePage({ c, signedIn, leavable, form }: ChallengePageProps) {
  const stageErrors = form?.name === 'stage' ? form.errors : undefined;
  const newsErrors = form?.name === 'news' ? form.errors : undefined;
  const value = (name: string) => form?.values[name] ?? '';
  const next = nextStages(c.stage);
  const partners = c.groups.filter((g) => g.role === 'partner');
  const authorities = c.groups.filter((g) => g.role !== 'partner');
  return (
    <>
      <ErrorSummary errors={form?.errors} />
      <h1>{c.title}</h1>
      <p class="meta">
        Étape : <strong>{c.stageLabel}</strong> ·{' '}
        {c.statedBy ? (
          <>
            défi porté par <a href={c.statedBy.path}>{c.statedBy.name}</a>
          </>
        ) : (
          'défi ouvert par la coordination du réseau'
        )}{' '}
        · mis à jour le {formatDate(c.updatedAt)}
      </p>
      <p>
        {c.open && (
          <>
            <a class="button button-primary" href={`${c.path}/participer`}>
              Rejoindre ce défi
            </a>{' '}
          </>
        )}
        {c.canWrite && (
          <>
            <a class="button button-secondary" href={`${c.path}/modifier`}>
              Modifier ce défi
            </a>{' '}
          </>
        )}
        <a href={`${c.path}/calendrier.ics`}>Calendrier des étapes (iCal)</a>
      </p>
      <p>
        {c.open
          ? c.joinDeadline
            ? `Inscriptions ouvertes jusqu’au ${frenchDate(c.joinDeadline)} inclus.`
            : 'Inscriptions ouvertes jusqu’au début de la réalisation.'
          : 'Les inscriptions sont closes.'}
      </p>
      <Text title="Le besoin" value={c.need} />
      <Text title="Résultat attendu" value={c.expectedResult} />
      <Text title="Données disponibles ou nécessaires" value={c.data} />
      {(c.hostingConstraints || c.personalDataConstraints) && (
        <>
          <h2>Contraintes</h2>
          <dl class="summary-list">
            {c.hostingConstraints && (
              <>
                <dt>Hébergement</dt>
                <dd>{c.hostingConstraints}</dd>
              </>
            )}
            {c.personalDataConstraints && (
              <>
                <dt>Données personnelles</dt>
                <dd>{c.personalDataConstraints}</dd>
              </>
            )}
          </dl>
        </>
      )}
      {(c.themes.length > 0 || c.category) && (
        <dl class="summary-list">
          {c.themes.length > 0 && (
            <>
              <dt>Thèmes</dt>
              <dd>{c.themes.map((t) => t.label).join(', ')}</dd>
            </>
          )}
          {c.category && (
            <>
              <dt>Catégorie de commun</dt>
              <dd>{c.category.label}</dd>
            </>
          )}
        </dl>
      )}
      <h2>Où en est le défi</h2>
      <ol class="timeline">
        {c.timeline.map((t) => {
          const plannedDay = PLANNED[t.stage] ? c.planned[PLANNED[t.stage]!] : null;
          return (
            <li aria-current={t.current ? 'step' : undefined}>
              <strong>{t.label}</strong>
              {t.current ? ' (étape actuelle)' : ''} —{' '}
              {t.reachedAt
                ? `depuis le ${formatDate(t.reachedAt)}`
                : plannedDay
                  ? `prévu le ${frenchDate(plannedDay)}`
                  : 'à venir'}
              {t.note && <p>Pourquoi : {t.note}</p>}
            </li>
          );
        })}
      </ol>
      {c.commons && (
        <p>
          Le commun issu de ce défi : <a href={c.commons.path}>{c.commons.name}</a>.
        </p>
      )}
      <h2>Qui participe</h2>
      {authorities.length === 0 && <p>Aucune collectivité n’a encore rejoint ce défi.</p>}
      {authorities.map((g) => (
        <>
          <h3>{g.label}</h3>
          <ul>
            {g.participants.map((p) => (
              <li>
                <a href={p.path}>{p.name}</a> ({p.typeLabel}){p.brings ? ` — apporte : ${p.brings}` : ''}
                {leavable.includes(p.id) && c.stage !== 'published' && c.stage !== 'abandoned' && (
                  <PostForm action={`${c.path}/quitter`} class="inline-form" aria-label={`Retirer ${p.name} du défi`}>
                    <input type="hidden" name="organisme" value={String(p.id)} />
                    <button type="submit" class="button button-secondary">
                      Retirer {p.name}
                    </button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        </>
      ))}
      <h2>Partenaires</h2>
      {partners.length === 0 ? (
        <p>Aucun laboratoire de l’État ni autre organisme partenaire pour le moment.</p>
      ) : (
        <ul>
          {partners[0]!.participants.map((p) => (
            <li>
              <a href={p.path}>{p.name}</a> ({p.typeLabel}){p.brings ? ` — apporte : ${p.brings}` : ''}
              {leavable.includes(p.id) && c.stage !== 'published' && c.stage !== 'abandoned' && (
                <PostForm action={`${c.path}/quitter`} class="inline-form" aria-label={`Retirer ${p.name} du défi`}>
                  <input type="hidden" name="organisme" value={String(p.id)} />
                  <button type="submit" class="button button-secondary">
                    Retirer {p.name}
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {c.invited.length > 0 && (
        <>
          <h2>Collectivités invitées</h2>
          <p>{c.invited.map((o) => o.name).join(', ')}</p>
        </>
      )}
      {(c.participants.length > 0 || c.statedBy) && (
        <p>
          <a href={`${c.path}/contacter`}>Contacter l’équipe</a>
          {signedIn ? '' : ' (réservé aux personnes connectées)'} ; les adresses des responsables ne sont pas affichées.
        </p>
      )}
      {c.sheets.length > 0 && (
        <>
          <h2>Fiches de la bibliothèque liées au défi</h2>
          <ul>
            {c.sheets.map((s) => (
              <li>
                <a href={s.path}>{s.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Actualités</h2>
      {c.news.length === 0 ? (
        <p>Aucune actualité pour le moment.</p>
      ) : (
        <ul class="news-list">
          {c.news.map((n) => (
            <li id={`actualite-${n.id}`}>
              <h3>
                {formatDate(n.postedAt)} — {n.title}
              </h3>
              {n.body && <p>{n.body}</p>}
            </li>
          ))}
        </ul>
      )}
      {c.canPostNews && (
        <PostForm action={`${c.path}/actualites`} aria-label="Publier une actualité">
          <h3>Publier une actualité</h3>
          <p>Les responsables des organismes participants la reçoivent par courriel.</p>
          <TextInput
            name="titre"
            label="Titre de l’actualité"
            value={value('titre')}
            error={newsErrors?.titre}
            required
          />
          <TextArea name="texte" label="Texte" value={value('texte')} error={newsErrors?.texte} required />
          <button type="submit" class="button button-primary">
            Publier l’actualité
          </button>
        </PostForm>
      )}
      {c.canWrite && next.length > 0 && (
        <PostForm action={`${c.path}/etape`} aria-label="Changer l’étape du défi">
          <h2>Changer l’étape</h2>
          <p>Le changement est daté, inscrit au journal et annoncé aux participants.</p>
          <ChoiceGroup
            name="etape"
            legend="Nouvelle étape"
            type="radio"
            required
            value={value('etape')}
            error={stageErrors?.etape}
            options={next.map((s) => ({ value: s, label: stageLabel(s) }))}
          />
          {next.includes('published') && (
            <TextInput
              name="commun"
              label="Commun publié"
              hint="Pour « Commun publié » : le numéro du commun ou son adresse (/communs/12)."
              value={value('commun')}
              error={stageErrors?.commun}
            />
          )}
          <TextArea
            name="motif"
            label="Pourquoi le défi est abandonné"
            hint="Pour « Abandonné » seulement : les participants et les visiteurs le liront."
            value={value('motif')}
            error={stageErrors?.motif}
          />
          <button type="submit" class="button button-primary">
            Changer l’étape
          </button>
        </PostForm>
      )}
    </>
  );
}
