/**
 * The review workflow of a use case as a pure state machine: states, actions, who may take them, and what follows.
 */
import { cleanText } from './values.ts';

/** Workflow state of a use case. */
export type WorkflowState = 'draft' | 'submitted' | 'changes_requested' | 'published' | 'archived';
export const WORKFLOW_STATES: readonly WorkflowState[] = [
  'draft',
  'submitted',
  'changes_requested',
  'published',
  'archived',
];

/** State of the pending revision of a published use case (null: none). The published version stays visible meanwhile. */
export type RevisionState = 'draft' | 'submitted' | 'changes_requested';

export const WORKFLOW_STATE_LABELS: Record<WorkflowState, string> = {
  draft: 'Brouillon',
  submitted: 'En relecture',
  changes_requested: 'Modifications demandées',
  published: 'Publiée',
  archived: 'Archivée',
};

export const REVISION_STATE_LABELS: Record<RevisionState, string> = {
  draft: 'Révision en brouillon',
  submitted: 'Révision en relecture',
  changes_requested: 'Modifications demandées sur la révision',
};

export interface WorkflowStatus {
  state: WorkflowState;
  revision: RevisionState | null;
}

export type WorkflowAction =
  /** Saving the content (draft, requested changes, or a revision of a published use case). */
  | 'save'
  | 'submit'
  /** The editor takes back a submission before it is reviewed. */
  | 'withdraw'
  | 'request_changes'
  | 'publish'
  | 'discard_revision'
  | 'archive'
  | 'restore';

/** Roles for the workflow: editors of the use case's authority; coordinators (and administrators). */
export type WorkflowRole = 'editor' | 'coordinator';

export type WorkflowEvent =
  | 'saved'
  | 'revision_started'
  | 'submitted'
  | 'revision_submitted'
  | 'withdrawn'
  | 'changes_requested'
  | 'published'
  | 'revision_published'
  | 'revision_discarded'
  | 'archived'
  | 'restored';

export type TransitionError = 'forbidden' | 'invalid_transition' | 'comment_required' | 'reason_required';

export type TransitionResult =
  | {
      ok: true;
      next: WorkflowStatus;
      event: WorkflowEvent;
      /** The pending revision's content becomes the published content (a new published version). */
      publishesRevision: boolean;
      /** Content becomes a new published version (first publication, revision publication, restoration). */
      createsPublishedVersion: boolean;
    }
  | { ok: false; code: TransitionError; message: string };

export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, string> = {
  save: 'Enregistrer',
  submit: 'Soumettre pour relecture',
  withdraw: 'Retirer de la relecture',
  request_changes: 'Demander des modifications',
  publish: 'Publier',
  discard_revision: 'Abandonner la révision',
  archive: 'Archiver',
  restore: 'Republier',
};

interface Rule {
  from: (s: WorkflowStatus) => boolean;
  roles: readonly WorkflowRole[];
  to: (s: WorkflowStatus) => WorkflowStatus;
  event: (s: WorkflowStatus) => WorkflowEvent;
  publishesRevision?: boolean;
  createsPublishedVersion?: boolean;
}

const editable = (s: WorkflowStatus) =>
  s.state === 'draft' || s.state === 'changes_requested' || (s.state === 'published' && s.revision !== 'submitted');

const RULES: Record<WorkflowAction, Rule> = {
  save: {
    from: editable,
    roles: ['editor', 'coordinator'],
    to: (s) => (s.state === 'published' ? { state: 'published', revision: s.revision ?? 'draft' } : s),
    event: (s) => (s.state === 'published' && s.revision === null ? 'revision_started' : 'saved'),
  },
  submit: {
    from: (s) =>
      s.state === 'draft' ||
      s.state === 'changes_requested' ||
      (s.state === 'published' && (s.revision === 'draft' || s.revision === 'changes_requested')),
    roles: ['editor'],
    to: (s) =>
      s.state === 'published' ? { state: 'published', revision: 'submitted' } : { state: 'submitted', revision: null },
    event: (s) => (s.state === 'published' ? 'revision_submitted' : 'submitted'),
  },
  withdraw: {
    from: (s) => s.state === 'submitted' || (s.state === 'published' && s.revision === 'submitted'),
    roles: ['editor'],
    to: (s) =>
      s.state === 'published' ? { state: 'published', revision: 'draft' } : { state: 'draft', revision: null },
    event: () => 'withdrawn',
  },
  request_changes: {
    from: (s) => s.state === 'submitted' || (s.state === 'published' && s.revision === 'submitted'),
    roles: ['coordinator'],
    to: (s) =>
      s.state === 'published'
        ? { state: 'published', revision: 'changes_requested' }
        : { state: 'changes_requested', revision: null },
    event: () => 'changes_requested',
  },
  publish: {
    from: (s) => s.state === 'submitted' || (s.state === 'published' && s.revision === 'submitted'),
    roles: ['coordinator'],
    to: () => ({ state: 'published', revision: null }),
    event: (s) => (s.state === 'published' ? 'revision_published' : 'published'),
    createsPublishedVersion: true,
  },
  discard_revision: {
    from: (s) => s.state === 'published' && s.revision !== null,
    roles: ['editor', 'coordinator'],
    to: () => ({ state: 'published', revision: null }),
    event: () => 'revision_discarded',
  },
  archive: {
    from: (s) => s.state === 'published',
    roles: ['editor', 'coordinator'],
    to: () => ({ state: 'archived', revision: null }),
    event: () => 'archived',
  },
  restore: {
    from: (s) => s.state === 'archived',
    roles: ['coordinator'],
    to: () => ({ state: 'published', revision: null }),
    event: () => 'restored',
  },
};

/**
 * Applies a workflow action. Pure: says whether the action is allowed for these roles in this state, and what
 * follows. Requesting changes needs a comment; archiving needs a reason.
 */
export function transition(
  status: WorkflowStatus,
  action: WorkflowAction,
  roles: readonly WorkflowRole[],
  input: { comment?: string | null; reason?: string | null } = {},
): TransitionResult {
  const rule = RULES[action];
  if (!rule.roles.some((r) => roles.includes(r))) {
    return {
      ok: false,
      code: 'forbidden',
      message:
        rule.roles.length === 1 && rule.roles[0] === 'coordinator'
          ? 'Seuls les coordinateurs du réseau peuvent faire cette action.'
          : 'Seuls les rédacteurs de la collectivité peuvent faire cette action.',
    };
  }
  if (!rule.from(status)) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `Action impossible : « ${WORKFLOW_ACTION_LABELS[action]} » sur une fiche « ${statusLabel(status)} ».`,
    };
  }
  if (action === 'request_changes' && !cleanText(input.comment)) {
    return { ok: false, code: 'comment_required', message: 'Expliquez les modifications demandées.' };
  }
  if (action === 'archive' && !cleanText(input.reason)) {
    return { ok: false, code: 'reason_required', message: 'Indiquez la raison de l’archivage.' };
  }
  const publishesRevision = action === 'publish' && status.state === 'published';
  return {
    ok: true,
    next: rule.to(status),
    event: rule.event(status),
    publishesRevision,
    createsPublishedVersion: rule.createsPublishedVersion === true || action === 'restore',
  };
}

/** The actions these roles may take on a use case in this state (buttons to show). */
export function availableActions(status: WorkflowStatus, roles: readonly WorkflowRole[]): WorkflowAction[] {
  return (Object.keys(RULES) as WorkflowAction[]).filter(
    (a) => RULES[a].roles.some((r) => roles.includes(r)) && RULES[a].from(status),
  );
}

export function statusLabel(status: WorkflowStatus): string {
  return status.revision && status.state === 'published'
    ? `${WORKFLOW_STATE_LABELS.published} (${REVISION_STATE_LABELS[status.revision].toLowerCase()})`
    : WORKFLOW_STATE_LABELS[status.state];
}
