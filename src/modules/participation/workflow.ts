/**
 * The writing and review workflow of an initiative as a pure state machine (the same steps as the library's sheets):
 * the authority's members write a draft and send it for review; coordinators publish it or return it with a
 * comment; the writers may take a submission back, and a published initiative may be withdrawn from publication
 * (with a reason). Editing a published initiative makes a revision: the published content stays visible until the
 * revision is published in turn.
 */

export type InitiativeState = 'draft' | 'submitted' | 'returned' | 'published' | 'withdrawn';
export type RevisionState = 'draft' | 'submitted' | 'returned';
export interface Status {
  state: InitiativeState;
  revision: RevisionState | null;
}

export type Action = 'save' | 'submit' | 'withdraw' | 'return' | 'publish' | 'unpublish' | 'discard_revision';
export type Role = 'writer' | 'coordinator';

export const STATE_LABELS: Record<InitiativeState, string> = {
  draft: 'Brouillon',
  submitted: 'En relecture',
  returned: 'Renvoyée avec un commentaire',
  published: 'Publiée',
  withdrawn: 'Retirée de la publication',
};

const REVISION_LABELS: Record<RevisionState, string> = {
  draft: 'révision en brouillon',
  submitted: 'révision en relecture',
  returned: 'révision renvoyée avec un commentaire',
};

export const ACTION_LABELS: Record<Action, string> = {
  save: 'Enregistrer',
  submit: 'Envoyer en relecture',
  withdraw: 'Reprendre (retirer de la relecture)',
  return: 'Renvoyer avec un commentaire',
  publish: 'Publier',
  unpublish: 'Retirer la publication',
  discard_revision: 'Abandonner la révision',
};

export function statusLabel(s: Status): string {
  return s.state === 'published' && s.revision
    ? `${STATE_LABELS.published} (${REVISION_LABELS[s.revision]})`
    : STATE_LABELS[s.state];
}

interface Rule {
  from(s: Status): boolean;
  roles: readonly Role[];
  to(s: Status): Status;
}

const inReview = (s: Status) => s.state === 'submitted' || (s.state === 'published' && s.revision === 'submitted');
const editable = (s: Status) =>
  s.state === 'draft' ||
  s.state === 'returned' ||
  s.state === 'withdrawn' ||
  (s.state === 'published' && s.revision !== 'submitted');

const RULES: Record<Action, Rule> = {
  save: {
    from: editable,
    roles: ['writer', 'coordinator'],
    to: (s) => (s.state === 'published' ? { state: 'published', revision: s.revision ?? 'draft' } : s),
  },
  submit: {
    from: (s) =>
      s.state === 'draft' ||
      s.state === 'returned' ||
      s.state === 'withdrawn' ||
      (s.state === 'published' && (s.revision === 'draft' || s.revision === 'returned')),
    roles: ['writer'],
    to: (s) =>
      s.state === 'published' ? { state: 'published', revision: 'submitted' } : { state: 'submitted', revision: null },
  },
  withdraw: {
    from: inReview,
    roles: ['writer'],
    to: (s) =>
      s.state === 'published' ? { state: 'published', revision: 'draft' } : { state: 'draft', revision: null },
  },
  return: {
    from: inReview,
    roles: ['coordinator'],
    to: (s) =>
      s.state === 'published' ? { state: 'published', revision: 'returned' } : { state: 'returned', revision: null },
  },
  publish: {
    from: inReview,
    roles: ['coordinator'],
    to: () => ({ state: 'published', revision: null }),
  },
  unpublish: {
    from: (s) => s.state === 'published',
    roles: ['writer', 'coordinator'],
    to: () => ({ state: 'withdrawn', revision: null }),
  },
  discard_revision: {
    from: (s) => s.state === 'published' && s.revision !== null && s.revision !== 'submitted',
    roles: ['writer', 'coordinator'],
    to: () => ({ state: 'published', revision: null }),
  },
};

export type Transition =
  | { ok: true; next: Status }
  | { ok: false; code: 'forbidden' | 'invalid' | 'comment_required'; message: string };

/** Whether these roles may take this action in this state, and the state that follows. */
export function transition(
  s: Status,
  action: Action,
  roles: readonly Role[],
  input: { comment?: string | null } = {},
): Transition {
  const rule = RULES[action];
  if (!rule.roles.some((r) => roles.includes(r)))
    return {
      ok: false,
      code: 'forbidden',
      message:
        rule.roles.length === 1 && rule.roles[0] === 'coordinator'
          ? 'Seuls les coordinateurs du réseau peuvent faire cette action.'
          : 'Seuls les membres de la collectivité peuvent faire cette action.',
    };
  if (!rule.from(s))
    return {
      ok: false,
      code: 'invalid',
      message: `Action impossible : « ${ACTION_LABELS[action]} » sur une initiative « ${statusLabel(s)} ».`,
    };
  if ((action === 'return' || action === 'unpublish') && !input.comment?.trim())
    return {
      ok: false,
      code: 'comment_required',
      message:
        action === 'return'
          ? 'Expliquez ce qu’il faut modifier avant publication.'
          : 'Indiquez pourquoi l’initiative est retirée de la publication.',
    };
  return { ok: true, next: rule.to(s) };
}

/** The actions (other than saving) these roles may take now: the buttons of the page. */
export function availableActions(s: Status, roles: readonly Role[]): Action[] {
  return (Object.keys(RULES) as Action[]).filter(
    (a) => a !== 'save' && RULES[a].roles.some((r) => roles.includes(r)) && RULES[a].from(s),
  );
}

/** Whether the published content is visible to everyone. */
export const isPublic = (s: Status) => s.state === 'published';
