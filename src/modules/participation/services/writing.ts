/**
 * Writing initiatives and moving them through review: the form (the one form reader, French field messages),
 * creating a draft (from the form, the demo seed or a participation census response), saving, and the workflow acts
 * (submit, take back, return with a comment, publish, withdraw from publication, discard a revision). Every entry
 * point authorises first and acts in one transaction: the row (optimistic version), the history, the search
 * document of the published content and the audit log.
 */
import { type Actor, authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError, forbidden, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import {
  choiceField,
  type FormBody,
  formFields,
  integerField,
  listField,
  text,
  textField,
} from '../../../platform/http/form.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { SearchIndex } from '../../../platform/search/index.ts';
import { COMMITMENT_CODES } from '../commitments.ts';
import {
  BUDGET_CODES,
  completenessProblems,
  FORMAT_CODES,
  type InitiativeContent,
  isCalendarDate,
  LIMITS,
  PUBLIC_CODES,
  readResources,
  TOPIC_CODES,
} from '../model.ts';
import { rolesOf } from '../policy.ts';
import type { ParticipationPorts } from '../ports.ts';
import type { InitiativeChanges, InitiativeRecord, ParticipationStore } from '../store.ts';
import { workingContent } from '../store.ts';
import { type Action, transition } from '../workflow.ts';

const dateField = (label: string) =>
  textField(label, { pattern: /^\d{4}-\d{2}-\d{2}$/, patternMessage: `${label} : au format AAAA-MM-JJ.` });

/** The initiative form: one name per field, French labels (messages name them). */
export const InitiativeForm = formFields({
  titre: textField('Titre', { required: true, maxLength: LIMITS.title }),
  en_bref: textField('En bref, en langage clair', { maxLength: LIMITS.plainSummary }),
  resume: textField('Résumé', { maxLength: LIMITS.text }),
  format: choiceField('Format', FORMAT_CODES),
  sujets: listField('Sujets', { allowed: TOPIC_CODES }),
  publics: listField('Publics touchés', { allowed: PUBLIC_CODES }),
  eloignes: textField('Comment les personnes éloignées du numérique ont été associées', { maxLength: LIMITS.text }),
  debut: dateField('Date de début'),
  fin: dateField('Date de fin'),
  partenaires: textField('Partenaires', { maxLength: LIMITS.partners }),
  budget: choiceField('Budget', BUDGET_CODES),
  participants: integerField('Nombre de participants', { min: 0, max: 10_000_000 }),
  resultats: textField('Ce qui a changé dans la politique menée', { maxLength: LIMITS.text }),
  freins: textField('Freins rencontrés', { maxLength: LIMITS.text }),
  atouts: textField('Points forts', { maxLength: LIMITS.text }),
  ressources: textField('Ressources', { maxLength: LIMITS.resources * (LIMITS.url + 210) }),
  contact: textField('Contact', { maxLength: LIMITS.contact }),
  engagements: listField('Engagements du Manifeste', { allowed: COMMITMENT_CODES }),
});

/** Reads the form into content, or throws a ValidationError with one French message per wrong field. */
export function readInitiativeForm(body: FormBody): InitiativeContent {
  const { values, errors } = InitiativeForm.read(body);
  for (const [field, label] of [
    ['debut', 'Date de début'],
    ['fin', 'Date de fin'],
  ] as const)
    if (!errors[field] && values[field] && !isCalendarDate(values[field]))
      errors[field] = `${label} : le ${values[field]} n’existe pas.`;
  if (!errors.debut && !errors.fin && values.debut && values.fin && values.fin < values.debut)
    errors.fin = 'Date de fin : elle ne peut pas précéder la date de début.';
  const resources = readResources(text(body, 'ressources'));
  if ('error' in resources && !errors.ressources) errors.ressources = resources.error;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    title: values.titre,
    plainSummary: values.en_bref,
    summary: values.resume,
    format: values.format,
    topics: values.sujets,
    publics: values.publics,
    farFromDigital: values.eloignes,
    startDate: values.debut || null,
    endDate: values.fin || null,
    partners: values.partenaires,
    budgetBand: values.budget,
    participants: values.participants,
    outcomes: values.resultats,
    obstacles: values.freins,
    strengths: values.atouts,
    resources: 'resources' in resources ? resources.resources : [],
    contact: values.contact,
    commitments: values.engagements,
  };
}

/** The user recorded as author (null for the seed and the command line, whose actor has id 0). */
export const who = (actor: CurrentUser | null): number | null => (actor && actor.id > 0 ? actor.id : null);

/** Job type that sends participation's mail (enqueued in the same transaction as the act). */
export const MAIL_JOB = 'participation.send_mail';

const EVENTS: Record<Exclude<Action, 'save'>, string> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  return: 'returned',
  publish: 'published',
  unpublish: 'unpublished',
  discard_revision: 'revision_discarded',
};

export function createWritingService(deps: {
  platform: Platform;
  store: ParticipationStore;
  ports: ParticipationPorts;
  search: SearchIndex;
  touched: () => void;
}) {
  const { platform, store, search, ports } = deps;
  const { audit, clock } = platform;
  const base = platform.config.baseUrl;

  /** Who is told of an act (read before the transaction opens). */
  async function recipientsOf(action: Action, organisationId: number): Promise<string[]> {
    if (action === 'submit') return ports.people.coordinatorEmails();
    if (action === 'return' || action === 'publish' || action === 'unpublish')
      return ports.organisations.memberEmails(organisationId);
    return [];
  }

  /** The mail of an act, enqueued in its transaction (sent if and only if the act commits). */
  async function tell(action: Action, id: number, title: string, comment: string | null, to: string[], trx: Db) {
    const list = [...new Set(to.filter(Boolean))];
    if (!list.length) return;
    const url = `${base}/initiatives/${id}`;
    const lines: Partial<Record<Action, [string, string[]]>> = {
      submit: [
        `Initiative à relire : ${title}`,
        [`L’initiative « ${title} » est envoyée en relecture.`, '', `${base}/coordination/initiatives`],
      ],
      return: [
        `Initiative renvoyée avec un commentaire : ${title}`,
        [
          'Les coordinateurs du réseau demandent des modifications avant publication :',
          '',
          (comment ?? '').replace(/^/gm, '> '),
          '',
          url,
        ],
      ],
      publish: [`Initiative publiée : ${title}`, [`L’initiative « ${title} » est publiée.`, '', url]],
      unpublish: [
        `Initiative retirée de la publication : ${title}`,
        [
          `L’initiative « ${title} » est retirée de la publication. Raison :`,
          '',
          (comment ?? '').replace(/^/gm, '> '),
          '',
          url,
        ],
      ],
    };
    const mail = lines[action];
    if (!mail) return;
    const text = ['Bonjour,', '', ...mail[1], '', '—', 'Bibliothèque IA des territoires', base].join('\n');
    await platform.jobs.enqueue(MAIL_JOB, { to: list, subject: mail[0], text }, {}, trx);
  }

  async function get(id: number, on?: Db): Promise<InitiativeRecord> {
    const found = Number.isSafeInteger(id) && id > 0 ? await store.find(id, on) : null;
    if (!found) throw notFound('Cette initiative est introuvable.');
    return found;
  }

  async function index(trx: Db, id: number, published: InitiativeContent | null) {
    if (published)
      await search.withDb(trx).upsert({
        kind: 'initiative',
        id,
        title: published.title,
        body: [published.plainSummary, published.summary, published.outcomes, published.partners].join('\n'),
      });
    else await search.withDb(trx).remove('initiative', id);
  }

  function stale(current: InitiativeRecord): never {
    throw new ConflictError(
      'Cette initiative a été modifiée par quelqu’un d’autre depuis que vous l’avez ouverte : rechargez la page pour voir sa version actuelle.',
      current,
    );
  }

  /** Creates a draft of `organisationId` (the caller has authorised it, or it is the seed / the census bridge). */
  async function insertDraft(
    actorId: number | null,
    organisationId: number,
    content: InitiativeContent,
    via: { event: string; comment?: string | null; originResponseId?: number | null },
  ): Promise<number> {
    const id = await platform.db.transaction().execute(async (trx) => {
      const at = clock.iso();
      const id = await store.insert(
        trx,
        { organisationId, draft: content, originResponseId: via.originResponseId },
        actorId,
        at,
      );
      await store.addVersion(
        trx,
        { initiativeId: id, event: via.event, content, comment: via.comment ?? null },
        actorId,
        at,
      );
      await audit.record(
        {
          actorUserId: actorId,
          action: 'initiative.created',
          subjectType: 'initiative',
          subjectId: id,
          details: { organisationId, via: via.event, responseId: via.originResponseId ?? null },
        },
        trx,
      );
      return id;
    });
    deps.touched();
    return id;
  }

  /** Applies a workflow action (or a save with new content) in one transaction. */
  async function apply(
    actor: CurrentUser,
    id: number,
    version: number | null,
    action: Action,
    input: { content?: InitiativeContent; comment?: string | null } = {},
  ): Promise<InitiativeRecord> {
    const before = await get(id);
    const to = await recipientsOf(action, before.organisationId);
    await platform.db.transaction().execute(async (trx) => {
      const row = await get(id, trx);
      authorize(actor, 'initiative.write', { organisationId: row.organisationId });
      if (version !== null && version !== row.version) stale(row);
      const t = transition({ state: row.state, revision: row.revision }, action, rolesOf(actor, row.organisationId), {
        comment: input.comment,
      });
      if (!t.ok) {
        if (t.code === 'forbidden') throw forbidden(t.message);
        if (t.code === 'comment_required') throw new ValidationError({ commentaire: t.message });
        throw new HttpError(409, 'invalid_transition', t.message);
      }
      const at = clock.iso();
      const working = input.content ?? workingContent(row);
      if (action === 'submit') {
        const problems = completenessProblems(working);
        if (Object.keys(problems).length) throw new ValidationError(problems, 'L’initiative n’est pas complète.');
      }
      const changes: InitiativeChanges = { state: t.next.state, revision: t.next.revision };
      if (action === 'save') changes.draft = working;
      if (action === 'submit') {
        changes.submittedAt = at;
        changes.reviewComment = null;
      }
      if (action === 'return' || action === 'unpublish') changes.reviewComment = input.comment!.trim();
      if (action === 'publish') {
        changes.published = working;
        changes.draft = null;
        changes.publishedAt = at;
        changes.reviewComment = null;
      }
      if (action === 'discard_revision') changes.draft = null;
      if (action === 'unpublish') changes.draft = row.draft ?? row.published;
      if (!(await store.update(trx, id, row.version, changes, who(actor), at))) stale(row);
      const event =
        action === 'save'
          ? row.state === 'published' && !row.revision
            ? 'revision_started'
            : 'saved'
          : EVENTS[action];
      await store.addVersion(
        trx,
        { initiativeId: id, event, content: working, comment: input.comment?.trim() || null },
        who(actor),
        at,
      );
      if (action === 'publish') await index(trx, id, working);
      if (action === 'unpublish') await index(trx, id, null);
      await tell(action, id, working.title, input.comment?.trim() || null, to, trx);
      if (action !== 'save')
        await audit.record(
          {
            actorUserId: who(actor),
            action: `initiative.${event}`,
            subjectType: 'initiative',
            subjectId: id,
            details: {
              organisationId: row.organisationId,
              ...(input.comment ? { comment: input.comment.trim() } : {}),
            },
          },
          trx,
        );
    });
    deps.touched();
    return get(id);
  }

  return {
    get,
    insertDraft,
    /** Throws unless `actor` may describe a new initiative. */
    assertMayCreate(actor: Actor) {
      authorize(actor, 'initiative.create');
    },
    /** Checks that `actor` may edit the initiative (404 when absent) and returns it. */
    async editable(actor: Actor, id: number): Promise<InitiativeRecord> {
      const row = await get(id);
      authorize(actor, 'initiative.write', { organisationId: row.organisationId });
      return row;
    },
    /** A new draft from the form, for one of the actor's authorities (coordinators: any). */
    async create(actor: CurrentUser, organisationId: number | null, body: FormBody): Promise<number> {
      authorize(actor, 'initiative.create');
      if (!organisationId)
        throw new ValidationError({ organisation: 'Choisissez la collectivité qui porte l’initiative.' });
      authorize(actor, 'initiative.write', { organisationId });
      const content = readInitiativeForm(body);
      const submit = text(body, '_etape') === 'submit';
      if (submit) {
        const problems = completenessProblems(content);
        if (Object.keys(problems).length) throw new ValidationError(problems, 'L’initiative n’est pas complète.');
      }
      const id = await insertDraft(who(actor), organisationId, content, { event: 'created' });
      if (submit) await apply(actor, id, null, 'submit');
      return id;
    },
    /** Saves the form on an existing initiative (a draft, or a revision of a published one); may send it for review. */
    async save(actor: CurrentUser, id: number, body: FormBody): Promise<InitiativeRecord> {
      const row = await this.editable(actor, id);
      const version = Number(text(body, 'version')) || 0;
      const content = readInitiativeForm(body);
      if (text(body, '_etape') === 'submit') {
        const problems = completenessProblems(content);
        if (Object.keys(problems).length) throw new ValidationError(problems, 'L’initiative n’est pas complète.');
      }
      const saved = await apply(actor, row.id, version, 'save', { content });
      return text(body, '_etape') === 'submit' ? apply(actor, id, saved.version, 'submit') : saved;
    },
    /** A workflow act from the initiative's page. */
    act(
      actor: CurrentUser,
      id: number,
      action: Exclude<Action, 'save'>,
      input: { version: number | null; comment?: string | null },
    ) {
      return apply(actor, id, input.version, action, { comment: input.comment });
    },
  };
}
export type WritingService = ReturnType<typeof createWritingService>;
