/** The pages of citizens' voice beside the thread: charter, pseudonym, report, moderation queue, blocklist. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  Button,
  bindFields,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  PostForm,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import {
  DELETED_AUTHOR,
  KIND_LABELS,
  LIMITS,
  PREMODERATION_LABELS,
  type Premoderation,
  REPORT_REASONS,
} from '../model.ts';
import type { QueueItem } from '../services/moderation.ts';
import type { ProfileRecord } from '../store.ts';

export function CharterPage() {
  return (
    <>
      <h1>Charte des contributions citoyennes</h1>
      <p class="lead">
        Sous chaque fiche publiée et chaque initiative, les personnes inscrites peuvent poser une question, commenter,
        dire qu’elles sont concernées ou qu’elles soutiennent le projet. L’organisme responsable y répond
        officiellement. Cette charte dit ce qui est attendu de chacun et comment la modération est faite, sans
        prestataire extérieur.
      </p>
      <h2>Ce que nous attendons</h2>
      <ul>
        <li>Parler du projet ou de l’initiative de la page, avec respect pour les personnes et les agents.</li>
        <li>Pas d’injure, de propos haineux ou discriminatoires, de menace ni de harcèlement.</li>
        <li>
          Pas de donnée personnelle d’une autre personne (nom, adresse, téléphone) ni de la vôtre au-delà de votre
          pseudonyme.
        </li>
        <li>Pas de publicité ; {LIMITS.linksMax} liens au plus par message, vers des sources utiles.</li>
        <li>
          Des messages de {LIMITS.textMax} caractères au plus. Le texte est affiché tel quel : le code et la mise en
          forme ne sont pas interprétés.
        </li>
      </ul>
      <h2>Votre pseudonyme</h2>
      <p>
        Votre premier message vous fait choisir un pseudonyme, unique sur la plateforme : c’est la seule information
        publique vous concernant. Votre adresse électronique n’est jamais affichée. Vous pouvez le changer depuis la
        page <a href="/participation/pseudonyme">Mon pseudonyme</a>.
      </p>
      <h2>Comment la modération fonctionne</h2>
      <ul>
        <li>
          Le premier message d’une personne attend la validation d’un responsable de l’organisme concerné avant d’être
          publié. Chaque organisme peut choisir de valider tous les messages, ou aucun.
        </li>
        <li>
          Toute personne inscrite peut signaler un message en donnant une raison ; un signalement compte une fois par
          personne. Un message signalé par {LIMITS.reportsToHide} personnes différentes est masqué jusqu’à la décision
          d’un modérateur.
        </li>
        <li>
          Les responsables de l’organisme et les coordinateurs du réseau valident, masquent un message (la raison est
          envoyée à son auteur par courriel) ou bloquent une personne qui ne respecte pas la charte. Chaque décision est
          inscrite au journal d’audit.
        </li>
        <li>
          Pour éviter les envois en rafale : {LIMITS.perPersonBurst} messages par personne en {LIMITS.burstMinutes}{' '}
          minutes et {LIMITS.perPersonDay} par jour, {LIMITS.perAddressBurst} par connexion en {LIMITS.burstMinutes}{' '}
          minutes. Quelques termes sont refusés d’office (liste tenue par les coordinateurs).
        </li>
      </ul>
      <h2>Suivre une discussion</h2>
      <p>
        Écrire un message vous abonne à la discussion ; le bouton « Suivre » fait de même sans écrire. Vous recevez les
        réponses officielles par courriel, et « Ne plus suivre » arrête ces envois.
      </p>
      <h2>Vos données</h2>
      <p>
        Vos contributions figurent dans l’export de vos données (« Mon compte »). Si vous supprimez votre compte, votre
        pseudonyme est effacé et vos messages restent publiés sous la mention « {DELETED_AUTHOR} », sans rien qui
        permette de vous retrouver ; vos signalements et abonnements sont supprimés.
      </p>
    </>
  );
}

export function PseudonymPage(props: { current: string | null; value?: string; errors?: FieldErrors }) {
  const field = bindFields({ pseudonyme: props.value ?? props.current ?? '' }, props.errors);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Mon pseudonyme</h1>
      <p>
        {props.current
          ? `Vos contributions sont signées « ${props.current} ». Un nouveau pseudonyme remplace l’ancien sur tous vos messages.`
          : 'Vous n’avez pas encore de pseudonyme : choisissez celui qui signera vos contributions.'}
      </p>
      <PostForm action="/participation/pseudonyme">
        <TextInput
          {...field('pseudonyme')}
          label="Pseudonyme"
          hint={`${LIMITS.pseudonymMin} à ${LIMITS.pseudonymMax} caractères : lettres, chiffres, espaces, points, tirets. Unique sur la plateforme.`}
          width="medium"
          required
        />
        <Button type="submit">Enregistrer</Button>
      </PostForm>
    </>
  );
}

export function ReportPage(props: {
  messageId: number;
  author: string;
  body: string;
  back: string;
  values?: { motif?: string; precision?: string };
  errors?: FieldErrors;
}) {
  const field = bindFields(props.values ?? {}, props.errors);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Signaler un message</h1>
      <blockquote class="contribution-quote">
        <p class="meta">{props.author}</p>
        {props.body.split(/\n+/).map((l) => (
          <p>{l}</p>
        ))}
      </blockquote>
      <p>
        Un signalement compte une fois par personne. Un message signalé par {LIMITS.reportsToHide} personnes est masqué
        jusqu’à la décision d’un modérateur.
      </p>
      <PostForm action={`/contributions/messages/${props.messageId}/signaler`}>
        <ChoiceGroup
          {...field('motif')}
          name="motif"
          type="radio"
          legend="Raison du signalement"
          options={Object.entries(REPORT_REASONS).map(([value, label]) => ({ value, label }))}
          value={props.values?.motif}
          required
        />
        <TextArea
          {...field('precision')}
          label="Précision (facultatif)"
          hint={`${LIMITS.reasonMax} caractères au plus.`}
          rows={3}
        />
        <Button type="submit">Envoyer le signalement</Button>
      </PostForm>
      <p>
        <a href={props.back}>Revenir à la discussion sans signaler</a>
      </p>
    </>
  );
}

export function ModerationPage(props: {
  items: QueueItem[];
  settings: { organisationId: number; name: string; mode: Premoderation }[];
  blocked: ProfileRecord[] | null;
  errors?: FieldErrors;
}) {
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Modération des contributions</h1>
      <p>
        Messages en attente de validation et messages masqués par {LIMITS.reportsToHide} signalements, les plus anciens
        d’abord. Chaque décision est inscrite au journal d’audit ; la raison d’un masquage est envoyée à l’auteur. Voir
        la <a href="/participation/charte">charte</a>.
      </p>
      <h2>File d’attente ({props.items.length})</h2>
      {props.items.length === 0 ? (
        <p>Aucun message n’attend de décision.</p>
      ) : (
        <ul class="moderation-queue">
          {props.items.map((item) => (
            <QueueEntry item={item} error={props.errors?.[`raison-${item.message.id}`]} />
          ))}
        </ul>
      )}
      {props.settings.length > 0 && (
        <>
          <h2>Pré-modération de vos organismes</h2>
          {props.settings.map((s) => (
            <PostForm action="/moderation/reglages" aria-label={`Pré-modération de ${s.name}`}>
              <input type="hidden" name="organisation" value={String(s.organisationId)} />
              <ChoiceGroup
                name="mode"
                id={`champ-mode-${s.organisationId}`}
                type="radio"
                legend={s.name}
                options={(['first', 'all', 'none'] as const).map((m) => ({ value: m, label: PREMODERATION_LABELS[m] }))}
                value={s.mode}
                error={props.errors?.[`mode-${s.organisationId}`]}
              />
              <Button kind="secondary" type="submit">
                Enregistrer le réglage
              </Button>
            </PostForm>
          ))}
        </>
      )}
      {props.blocked && (
        <>
          <h2>Personnes bloquées ({props.blocked.length})</h2>
          {props.blocked.length === 0 ? (
            <p>Personne n’est bloqué.</p>
          ) : (
            <Table caption="Personnes bloquées" columns={['Pseudonyme', 'Depuis', 'Raison', 'Action']}>
              {props.blocked.map((p) => (
                <tr>
                  <th scope="row">{p.pseudonym}</th>
                  <td>{formatDate(p.blockedAt)}</td>
                  <td>{p.blockedReason}</td>
                  <td>
                    <PostForm
                      action={`/moderation/personnes/${p.userId}/debloquer`}
                      aria-label={`Débloquer ${p.pseudonym}`}
                    >
                      <Button kind="secondary" type="submit">
                        Débloquer
                      </Button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </Table>
          )}
          <p>
            <a href="/moderation/mots">Termes refusés d’office</a>
          </p>
        </>
      )}
    </>
  );
}

function QueueEntry({ item, error }: { item: QueueItem; error?: string }) {
  const m = item.message;
  const id = m.id;
  return (
    <li class="card">
      <article aria-labelledby={`queue-${id}`}>
        <h3 id={`queue-${id}`}>
          {m.status === 'pending'
            ? 'En attente de validation'
            : `Masqué par ${m.reports - m.reportsCleared} signalements`}{' '}
          — {KIND_LABELS[m.kind]} de {item.author}
        </h3>
        <p class="meta">
          {item.target ? <a href={item.target.path}>{item.target.title}</a> : 'Page retirée'} ·{' '}
          {formatDate(m.createdAt, true)}
        </p>
        {m.body ? m.body.split(/\n+/).map((l) => <p>{l}</p>) : <p class="meta">(sans texte)</p>}
        {item.reports.length > 0 && (
          <ul>
            {item.reports.map((r) => (
              <li>
                {REPORT_REASONS[r.reason as keyof typeof REPORT_REASONS] ?? r.reason}
                {r.details ? ` : ${r.details}` : ''}
              </li>
            ))}
          </ul>
        )}
        <PostForm action={`/moderation/messages/${id}`} aria-label={`Décision sur le message ${id}`}>
          <TextInput
            name="raison"
            id={`champ-raison-${id}`}
            label="Raison (obligatoire pour masquer ou bloquer, envoyée à l’auteur)"
            error={error}
          />
          <p class="actions">
            <Button name="decision" value="approve" type="submit">
              Valider et publier
            </Button>
            <Button name="decision" value="hide" kind="secondary" type="submit">
              Masquer
            </Button>
            <Button name="decision" value="block" kind="danger" type="submit">
              Masquer et bloquer la personne
            </Button>
          </p>
        </PostForm>
      </article>
    </li>
  );
}

export function WordsPage(props: {
  words: { id: number; word: string; createdAt: string }[];
  value?: string;
  errors?: FieldErrors;
}) {
  const field = bindFields({ mot: props.value ?? '' }, props.errors);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Termes refusés d’office</h1>
      <p>
        Un message ou un pseudonyme qui contient l’un de ces termes (mot ou expression entière, sans tenir compte des
        accents ni des majuscules) est refusé, avec un message qui invite à reformuler. Chaque ajout et chaque retrait
        est inscrit au journal d’audit.
      </p>
      <PostForm action="/moderation/mots">
        <TextInput
          {...field('mot')}
          label="Terme à refuser"
          hint={`${LIMITS.wordMax} caractères au plus.`}
          width="medium"
          required
        />
        <Button type="submit">Ajouter</Button>
      </PostForm>
      {props.words.length === 0 ? (
        <p>La liste est vide.</p>
      ) : (
        <Table
          caption={`Termes refusés (${props.words.length})`}
          showCaption
          columns={['Terme', 'Ajouté le', 'Action']}
        >
          {props.words.map((w) => (
            <tr>
              <th scope="row">{w.word}</th>
              <td>{formatDate(w.createdAt)}</td>
              <td>
                <PostForm action={`/moderation/mots/${w.id}/supprimer`} aria-label={`Retirer « ${w.word} »`}>
                  <Button kind="secondary" type="submit">
                    Retirer
                  </Button>
                </PostForm>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p>
        <a href="/moderation">Revenir à la modération</a>
      </p>
    </>
  );
}
