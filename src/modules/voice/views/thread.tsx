/**
 * The thread of contributions under a sheet or an initiative: counts, the form (pseudonym at the first message, kind,
 * text, a trap field hidden from people), the follow button, the reader's own messages waiting for a moderator, and
 * one page of published messages with official answers first. Texts are shown as text (Preact escapes them).
 */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  Button,
  bindFields,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  Pagination,
  PostForm,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { CITIZEN_KINDS, KIND_LABELS, LIMITS, type ThreadMessage, type ThreadPage } from '../model.ts';
import type { Reader } from '../services/thread.ts';

export const TARGET_SEGMENTS = { use_case: 'fiches', initiative: 'initiatives' } as const;

/** Where a target's contributions are posted (and shown on their own page). */
export function threadAction(thread: ThreadPage): string {
  return `/contributions/${TARGET_SEGMENTS[thread.target.kind]}/${thread.target.id}`;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{1,}/).map((line) => (
        <p>{line}</p>
      ))}
    </>
  );
}

function Message({ m, waiting }: { m: ThreadMessage; waiting?: boolean }) {
  const statusNote =
    m.status === 'pending' || m.status === 'reported'
      ? 'En attente de modération : vous seul·e voyez ce message.'
      : m.status === 'hidden'
        ? 'Masqué par la modération : vous seul·e le voyez.'
        : null;
  return (
    <li class={`contribution${m.official ? ' contribution-official' : ''}${waiting ? ' contribution-waiting' : ''}`}>
      <article aria-labelledby={`contribution-${m.id}`}>
        <p class="meta" id={`contribution-${m.id}`}>
          <strong>{m.author}</strong> · <span class="tag">{KIND_LABELS[m.kind]}</span> ·{' '}
          <time datetime={m.createdAt}>{formatDate(m.createdAt, true)}</time>
        </p>
        {statusNote && <p class="notice notice-info">{statusNote}</p>}
        {m.body ? <Paragraphs text={m.body} /> : null}
        {!waiting && !m.mine && (
          <p class="meta">
            <a href={`/contributions/messages/${m.id}/signaler`}>Signaler ce message</a>
          </p>
        )}
      </article>
    </li>
  );
}

export interface ThreadFormState {
  values?: { type?: string; message?: string; pseudonyme?: string };
  errors?: FieldErrors;
}

function ContributionForm(props: { thread: ThreadPage; reader: Reader; state?: ThreadFormState }) {
  const { reader, thread } = props;
  const action = threadAction(thread);
  if (!reader.signedIn)
    return (
      <p>
        <a href={`/connexion?retour=${encodeURIComponent(`${thread.target.path}#contributions`)}`}>Connectez-vous</a>{' '}
        pour poser une question, commenter ou dire que vous êtes concerné·e ou que vous soutenez ce projet.
      </p>
    );
  if (reader.blocked)
    return (
      <p class="notice notice-warning">Votre compte ne peut plus publier de contributions (décision de modération).</p>
    );
  const field = bindFields(props.state?.values ?? {}, props.state?.errors);
  const options = CITIZEN_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
  if (reader.canAnswer)
    options.push({
      value: 'official',
      label: `Réponse officielle de ${reader.organisationName ?? 'votre organisme'}`,
    } as never);
  return (
    <PostForm action={action} aria-label="Écrire une contribution">
      {props.state?.errors && <ErrorSummary errors={props.state.errors} />}
      {reader.pseudonym ? (
        <p class="meta">
          Vous écrivez sous le pseudonyme <strong>{reader.pseudonym}</strong> (
          <a href="/participation/pseudonyme">le changer</a>).
        </p>
      ) : (
        <TextInput
          {...field('pseudonyme')}
          label="Votre pseudonyme"
          hint={`Le seul nom affiché à côté de vos messages (${LIMITS.pseudonymMin} à ${LIMITS.pseudonymMax} caractères). Ne mettez ni votre nom complet ni votre adresse.`}
          width="medium"
          required
        />
      )}
      <ChoiceGroup
        {...field('type')}
        name="type"
        type="radio"
        legend="Type de contribution"
        options={options}
        value={props.state?.values?.type ?? 'question'}
        inline
        required
      />
      <TextArea
        {...field('message')}
        label="Votre message"
        hint={`${LIMITS.textMax} caractères au plus, ${LIMITS.linksMax} liens au plus ; facultatif pour « Je suis concerné·e » et « Je soutiens ». Le texte est affiché tel quel (sans mise en forme).`}
        rows={5}
      />
      <div hidden>
        <label for="champ-site_web">Ne remplissez pas ce champ</label>
        <input id="champ-site_web" name="site_web" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <Button type="submit">Publier ma contribution</Button>
    </PostForm>
  );
}

/** The whole section (sheet page, initiative page, the thread's own page). */
export function ThreadSection(props: {
  thread: ThreadPage;
  reader: Reader;
  state?: ThreadFormState;
  /** Address of page n of the thread. */
  pageHref: (page: number) => string;
  /** The heading level: h2 under a sheet, h2 on the thread's own page too (its h1 names the target). */
}) {
  const { thread, reader } = props;
  const action = threadAction(thread);
  return (
    <section id="contributions" aria-labelledby="contributions-title" class="contributions">
      <h2 id="contributions-title">Contributions citoyennes ({thread.total})</h2>
      <p class="meta">
        {thread.counts.concerned} personne{thread.counts.concerned > 1 ? 's' : ''} concernée
        {thread.counts.concerned > 1 ? 's' : ''} · {thread.counts.support} soutien{thread.counts.support > 1 ? 's' : ''}
        . Les messages respectent la <a href="/participation/charte">charte des contributions</a> ; chacun s’affiche
        sous un pseudonyme.
      </p>
      <ContributionForm thread={thread} reader={reader} state={props.state} />
      {reader.signedIn && (
        <PostForm action={`${action}/suivre`} aria-label="Suivre la discussion">
          <input type="hidden" name="suivre" value={reader.following ? '0' : '1'} />
          <Button kind="secondary" type="submit">
            {reader.following
              ? 'Ne plus suivre la discussion'
              : 'Suivre la discussion (réponses officielles par courriel)'}
          </Button>
        </PostForm>
      )}
      {thread.waiting.length > 0 && (
        <>
          <h3>Vos messages en attente</h3>
          <ul class="contribution-list">
            {thread.waiting.map((m) => (
              <Message m={m} waiting />
            ))}
          </ul>
        </>
      )}
      {thread.messages.length ? (
        <ul class="contribution-list" aria-label="Contributions publiées">
          {thread.messages.map((m) => (
            <Message m={m} />
          ))}
        </ul>
      ) : (
        <p>Aucune contribution publiée pour l’instant.</p>
      )}
      <Pagination page={thread.page} pageCount={thread.pageCount} href={props.pageHref} />
    </section>
  );
}

/** The thread's own page (the form re-shown with its errors, or any page of a long thread). */
export function ThreadPageView(props: { thread: ThreadPage; reader: Reader; state?: ThreadFormState }) {
  const { thread } = props;
  return (
    <>
      <h1>Contributions : {thread.target.title}</h1>
      <p>
        <a href={thread.target.path}>Revenir à la page « {thread.target.title} »</a>
      </p>
      <ThreadSection {...props} pageHref={(p) => `${threadAction(thread)}?page=${p}#contributions`} />
    </>
  );
}
