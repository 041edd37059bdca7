/**
 * The review workflow: submit, withdraw, request changes, publish (a use case or its revision), discard a revision,
 * archive and restore; and the coordinators' review queue. Each act is one transaction: the new state, the published
 * version, the search index, the workflow log, the audit log, the mail to the people concerned and, on publication,
 * the `library.use_case_published` event (its mail is sent by notifications.ts).
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { authorize } from '../../../platform/auth/authorize.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError, forbidden, HttpError, unauthorized, ValidationError } from '../../../platform/http/errors.ts';
import { fieldDef, isContentKey } from '../fields.ts';
import {
  cleanText,
  type TransitionResult,
  transition,
  validateContent,
  viewerOf,
  type WorkflowAction,
  workflowRoles,
} from '../model.ts';
import type { UseCaseChanges, UseCaseRow } from '../store.ts';
import { baseUrlOf, type LibraryContext, listed, type Mail, type Records, recordOf, useCaseUrl } from './context.ts';
import type { LibrarySearch } from './search.ts';

/** The actions a person takes on a use case's page (saving is the form's). */
export const WORKFLOW_ACTIONS: readonly Exclude<WorkflowAction, 'save'>[] = [
  'submit',
  'withdraw',
  'request_changes',
  'publish',
  'discard_revision',
  'archive',
  'restore',
];

export interface ActInput {
  version?: number | null;
  comment?: string | null;
  reason?: string | null;
  /** Changes requested: the fields the comment concerns (keys of fields.ts). */
  fields?: readonly string[];
}

type Allowed = Extract<TransitionResult, { ok: true }>;

/** The changes of the row for an action, at `at`. */
function changesFor(
  action: WorkflowAction,
  row: UseCaseRow,
  t: Allowed,
  actorId: number,
  at: string,
  reason: string | null,
): UseCaseChanges {
  const working = row.draftContent ?? row.content;
  const changes: UseCaseChanges = { state: t.next.state, revision: t.next.revision, updatedBy: actorId };
  if (action === 'submit') changes.submittedAt = at;
  if (action === 'publish') {
    changes.content = working;
    changes.draftContent = null;
    changes.publishedAt = row.publishedAt ?? at;
    changes.contentUpdatedAt = at;
  }
  if (action === 'discard_revision') changes.draftContent = null;
  if (action === 'archive') {
    changes.draftContent = null;
    changes.archivedAt = at;
    changes.archiveReason = reason;
  }
  if (action === 'restore') {
    changes.archivedAt = null;
    changes.archiveReason = null;
    changes.contentUpdatedAt = at;
  }
  return changes;
}

export function createWorkflowService(ctx: LibraryContext & { records: Records; search: LibrarySearch; mail: Mail }) {
  const { platform, store, ports, records, search, mail } = ctx;
  const { db, audit, clock } = platform;
  const base = baseUrlOf(platform);

  /** Who is told of an action (read before the transaction opens). */
  async function recipientsOf(action: WorkflowAction, organisationId: number): Promise<string[]> {
    if (action === 'submit') return ports.people.coordinatorEmails();
    if (['request_changes', 'archive', 'restore'].includes(action)) {
      return ports.organisations.memberEmails(organisationId);
    }
    return [];
  }

  /** The mail of an action (publication is told by notifications.ts, on the event). */
  async function tell(
    action: WorkflowAction,
    t: Allowed,
    row: UseCaseRow,
    about: { title: string; organisation: string; comment: string | null; reason: string | null; fields: string[] },
    to: string[],
    trx: Db,
  ): Promise<void> {
    const { title } = about;
    if (action === 'submit') {
      const revision = t.event === 'revision_submitted';
      await mail(
        to,
        revision ? `Révision à relire : ${title}` : `Fiche à relire : ${title}`,
        [
          'Bonjour,',
          '',
          `${about.organisation} ${revision ? 'propose une révision de' : 'soumet'} la fiche « ${title} » pour relecture.`,
          '',
          `${base}/coordination/fiches`,
        ],
        trx,
      );
    } else if (action === 'request_changes') {
      await mail(
        to,
        `Modifications demandées : ${title}`,
        [
          'Bonjour,',
          '',
          `Les coordinateurs du réseau demandent des modifications sur la fiche « ${title} » :`,
          '',
          about.comment!.replace(/^/gm, '> '),
          '',
          ...(about.fields.length
            ? [
                about.fields.length > 1 ? 'Champs concernés :' : 'Champ concerné :',
                ...about.fields.map((f) => `- ${fieldDef(f as Parameters<typeof fieldDef>[0]).label}`),
                '',
              ]
            : []),
          'Le commentaire est affiché en haut de la page de vérification de la fiche :',
          `${base}/bibliotheque/${row.id}-${row.slug}/verifier`,
        ],
        trx,
      );
    } else if (action === 'archive' || action === 'restore') {
      await mail(
        to,
        action === 'archive' ? `Fiche archivée : ${title}` : `Fiche republiée : ${title}`,
        [
          'Bonjour,',
          '',
          action === 'archive'
            ? `La fiche « ${title} » a été archivée. Raison : ${about.reason}`
            : `La fiche « ${title} » est de nouveau publiée.`,
          '',
          useCaseUrl(platform, row),
        ],
        trx,
      );
    }
  }

  /** Applies a workflow action (submit, withdraw, request changes, publish, discard revision, archive, restore). */
  async function act(actor: Actor, id: number, action: WorkflowAction, input: ActInput = {}): Promise<UseCaseRow> {
    if (!actor) throw unauthorized('Connectez-vous pour agir sur une fiche.');
    if (action === 'save') throw new HttpError(409, 'invalid_action', 'Action inconnue.');
    const row = await records.rowOrThrow(id);
    authorize(actor, 'use_case.write', { organisationId: row.organisationId });
    // A stale page is answered first (whatever the action): the person sees the stored version.
    if (input.version != null && input.version !== row.version) {
      throw new ConflictError(
        'La fiche a changé depuis que vous l’avez ouverte. Vérifiez la version enregistrée avant de recommencer.',
        await records.presentFor(actor, row, true),
      );
    }
    // Which role takes which action in which state: the workflow's own rule.
    const roles = workflowRoles(viewerOf(actor), row.organisationId);
    const t = transition({ state: row.state, revision: row.revision }, action, roles, input);
    if (!t.ok) {
      if (t.code === 'forbidden') throw forbidden(t.message);
      if (t.code === 'comment_required') throw new ValidationError({ comment: t.message });
      if (t.code === 'reason_required') throw new ValidationError({ reason: t.message });
      throw new HttpError(409, 'invalid_transition', t.message);
    }
    const working = row.draftContent ?? row.content;
    if (action === 'submit') {
      const errors = validateContent(working, { complete: true });
      if (Object.keys(errors).length) {
        throw new ValidationError(
          errors,
          'La fiche est incomplète : complétez les informations signalées avant de la soumettre.',
        );
      }
    }
    const comment = cleanText(input.comment);
    const reason = cleanText(input.reason);
    const unknownField = (input.fields ?? []).find((f) => !isContentKey(f));
    if (unknownField !== undefined) {
      throw new ValidationError({ fields: `Champ inconnu dans la liste des champs concernés : « ${unknownField} ».` });
    }
    const fields = action === 'request_changes' ? [...new Set(input.fields ?? [])] : [];
    const organisation = await records.organisationOf(row.organisationId);
    const at = clock.iso();
    const title = working.title ?? 'Sans titre';
    const to = await recipientsOf(action, row.organisationId);

    await db.transaction().execute(async (trx) => {
      const newVersion = await store.update(row.id, row.version, changesFor(action, row, t, actor.id, at, reason), trx);
      if (newVersion === null) throw new ConflictError('La fiche vient de changer. Rechargez la page et recommencez.');
      const after = (await store.findById(row.id, trx))!;
      if (action === 'publish') {
        await store.insertVersion({ useCaseId: row.id, publishedBy: actor.id, publishedAt: at }, trx);
      }
      await search.index(recordOf(after, organisation), trx);
      await store.insertEvent(
        {
          useCaseId: row.id,
          actorUserId: actor.id,
          event: t.event,
          comment: comment ?? reason,
          fields,
          // What the reviewer judged: the baseline of the next review's « what changed ».
          snapshot: action === 'request_changes' ? working : null,
        },
        trx,
      );
      await audit.record(
        {
          actorUserId: actor.id,
          action: `use_case.${t.event}`,
          subjectType: 'use_case',
          subjectId: row.id,
          details: { organisationId: row.organisationId, title, ...(reason ? { reason } : {}) },
        },
        trx,
      );
      if (action === 'publish') await platform.events.emit('library.use_case_published', { useCaseId: row.id }, trx);
      if (action === 'archive') await platform.events.emit('library.use_case_withdrawn', { useCaseId: row.id }, trx);
      await tell(action, t, row, { title, organisation: organisation.name, comment, reason, fields }, to, trx);
    });
    return (await store.findById(row.id))!;
  }

  /** Use cases waiting for a coordinator, oldest submission first (with their pending revision). */
  async function reviewQueue(actor: Actor) {
    authorize(actor, 'use_case.review');
    const rows = await store.reviewQueue();
    const list = await records.records(rows, true);
    const viewer = viewerOf(actor);
    return list.map((r, i) => listed(r, rows[i]!, viewer));
  }

  return { act, reviewQueue };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
