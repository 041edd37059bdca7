import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCESS_LEVELS, canRead, FIELDS, FORM_STEPS, fieldsOfStep, type UseCaseContent } from './fields.ts';
import { filledContent, SAMPLE_ORGANISATION, sampleRecord } from './fixtures.ts';
import {
  ANONYMOUS,
  accessFor,
  availableActions,
  diffContents,
  emptyContent,
  errorSummary,
  formatPartialDate,
  guessCommonsCategory,
  incompleteSteps,
  parsePartialDate,
  present,
  readContentPatch,
  readStepForm,
  searchDocument,
  slugify,
  transition,
  UseCaseContentSchema,
  type Viewer,
  validateContent,
  viewerOf,
  WORKFLOW_STATES,
  type WorkflowAction,
  type WorkflowRole,
  type WorkflowStatus,
  withDefaults,
  workflowRoles,
} from './model.ts';

const ORG = SAMPLE_ORGANISATION.id;
const OTHER_ORG = 99;

const VIEWERS: Record<string, Viewer> = {
  anonymous: ANONYMOUS,
  citizen: { kind: 'user', userId: 1 },
  memberElsewhere: { kind: 'member', userId: 2, organisations: [OTHER_ORG] },
  memberOfOrg: { kind: 'member', userId: 4, organisations: [OTHER_ORG, ORG] },
  coordinator: { kind: 'coordinator', userId: 5 },
  admin: { kind: 'admin', userId: 6 },
};

describe('dates as people type them', () => {
  it('reads years, months and days into ISO partial dates', () => {
    assert.equal(parsePartialDate('2024'), '2024');
    assert.equal(parsePartialDate('3/2024'), '2024-03');
    assert.equal(parsePartialDate('03/2024'), '2024-03');
    assert.equal(parsePartialDate('2024-03'), '2024-03');
    assert.equal(parsePartialDate('15/03/2024'), '2024-03-15');
    assert.equal(parsePartialDate('2024-03-15'), '2024-03-15');
  });
  it('refuses impossible dates', () => {
    assert.equal(parsePartialDate('13/2024'), null);
    assert.equal(parsePartialDate('31/02/2024'), null);
    assert.equal(parsePartialDate('mars 2024'), null);
    assert.equal(parsePartialDate('24'), null);
  });
  it('writes them in French words', () => {
    assert.equal(formatPartialDate('2024-03'), 'mars 2024');
    assert.equal(formatPartialDate('2024-08-01'), '1 août 2024');
    assert.equal(formatPartialDate('2024'), '2024');
  });
});

describe('slugs', () => {
  it('fold accents, ligatures and punctuation', () => {
    assert.equal(slugify('Prévision des repas — cantines'), 'prevision-des-repas-cantines');
    assert.equal(slugify('Cœur de ville : l’IA'), 'coeur-de-ville-l-ia');
    assert.equal(slugify('!!!'), 'fiche');
  });
});

describe('validation', () => {
  it('accepts a fully filled useCase for submission', () => {
    assert.deepEqual(validateContent(filledContent(), { complete: true }), {});
  });

  it('lets a draft be saved with nothing filled in', () => {
    assert.deepEqual(validateContent(emptyContent(), { complete: false }), {});
  });

  it('lists the missing required fields of a step, in page order, with French messages', () => {
    const errors = validateContent(emptyContent(), { steps: ['project'], complete: true });
    assert.deepEqual(Object.keys(errors), ['title', 'description']);
    assert.equal(errors.title, 'Saisissez le nom du projet.');
    const summary = errorSummary(errors);
    assert.deepEqual(
      summary.map((s) => s.label),
      ['Nom du projet', 'Description du service et de ses usages'],
    );
  });

  it('only checks the steps asked for', () => {
    const errors = validateContent(emptyContent(), { steps: ['location'], complete: true });
    assert.deepEqual(errors, {});
  });

  it('requires the reasons of an abandon only for abandoned projects', () => {
    const content = withDefaults({ ...filledContent(), abandonReason: null });
    assert.equal(
      validateContent(content, { steps: ['progress'], complete: true }).abandonReason,
      'Expliquez pourquoi le projet a été abandonné.',
    );
    content.projectStatus = 'deployment';
    assert.equal(validateContent(content, { steps: ['progress'], complete: true }).abandonReason, undefined);
  });

  it('requires legal basis, oversight and objection procedure only when the system takes part in decisions', () => {
    const content = withDefaults({
      ...filledContent(),
      legalBasis: null,
      humanOversight: null,
      objectionProcedure: null,
    });
    const withDecisions = validateContent(content, { steps: ['decisions'], complete: true });
    assert.deepEqual(Object.keys(withDecisions), ['legalBasis', 'humanOversight', 'objectionProcedure']);
    content.automationLevel = 'no_decision';
    assert.deepEqual(validateContent(content, { steps: ['decisions'], complete: true }), {});
  });

  it('checks formats even in drafts', () => {
    const content = withDefaults({
      serviceUrl: 'www.exemple.fr',
      contactEmail: 'pas-une-adresse',
      latitude: 123,
      longitude: 4,
      subThemes: ['education', 'parking', 'cybersecurity'],
      title: 'x'.repeat(201),
    });
    const errors = validateContent(content, { complete: false });
    assert.match(errors.serviceUrl!, /commençant par https:\/\//);
    assert.match(errors.contactEmail!, /adresse électronique valide/);
    assert.match(errors.latitude!, /inférieure ou égale à 90/);
    assert.match(errors.subThemes!, /au plus 2 valeurs/);
    assert.match(errors.title!, /au plus 200 caractères \(201 saisis\)/);
  });

  it('accepts https:// and http:// links, as the hint says, and refuses anything else', () => {
    for (const url of ['https://www.exemple.fr/projet', 'http://www.exemple.fr/projet']) {
      assert.equal(validateContent(withDefaults({ serviceUrl: url }), { complete: false }).serviceUrl, undefined, url);
    }
    const errors = validateContent(withDefaults({ serviceUrl: 'ftp://exemple.fr' }), { complete: false });
    assert.match(errors.serviceUrl!, /commençant par https:\/\/ \(ou http:\/\/\)/);
  });

  it('checks rules across fields', () => {
    const errors = validateContent(
      withDefaults({ startDate: '2024-05', endDate: '2023', latitude: 45.1, sourceCodeLicence: 'MIT' }),
      { complete: false },
    );
    assert.equal(errors.endDate, 'La date de fin doit être postérieure à la date de démarrage.');
    assert.equal(errors.longitude, 'Saisissez aussi la longitude, ou effacez la latitude.');
    assert.match(errors.sourceCodeUrl!, /lien vers le code source/);
    // Same year, more precise end: fine.
    assert.deepEqual(validateContent(withDefaults({ startDate: '2024', endDate: '2024-02' }), { complete: false }), {});
  });

  it('names the steps that still block a submission', () => {
    const content = withDefaults({ ...filledContent(), contactEmail: null, riskAssessment: null });
    assert.deepEqual(incompleteSteps(content), ['means']);
    assert.deepEqual(incompleteSteps(emptyContent()).slice(0, 3), ['project', 'classification', 'progress']);
  });
});

describe('reading form and API input', () => {
  it('reads a step form: trims, converts numbers with commas, keeps only list codes', () => {
    const { values, errors } = readStepForm('location', {
      latitude: ' 45,7640 ',
      longitude: '4.8357',
      title: 'ignoré',
    });
    assert.deepEqual(values, { latitude: 45.764, longitude: 4.8357 });
    assert.deepEqual(errors, {});
    const classification = readStepForm('classification', {
      theme: 'mobility',
      subThemes: ['parking', 'parking', 'traffic_flows'],
      audiences: 'agents',
      commonsCategory: 'inconnue',
    });
    assert.deepEqual(classification.values.subThemes, ['parking', 'traffic_flows']);
    assert.deepEqual(classification.values.audiences, ['agents']);
    assert.equal(classification.errors.commonsCategory, 'Catégorie de commun : choisissez une valeur de la liste.');
  });

  it('reads dates and integers, with a message when they cannot be read', () => {
    const progress = readStepForm('progress', { startDate: '03/2024', endDate: 'bientôt' });
    assert.equal(progress.values.startDate, '2024-03');
    assert.match(progress.errors.endDate!, /saisissez une année \(2024\)/);
    const decisions = readStepForm('decisions', { decisionsPerYear: '12 000' });
    assert.equal(decisions.values.decisionsPerYear, 12000);
    assert.match(readStepForm('decisions', { decisionsPerYear: '1,5' }).errors.decisionsPerYear!, /nombre entier/);
  });

  it('reads dataset links one per line, address first', () => {
    const { values } = readStepForm('data', {
      datasets: 'https://www.data.gouv.fr/fr/datasets/comptages/ Comptages routiers\n\nhttps://exemple.fr/b',
    });
    assert.deepEqual(values.datasets, [
      { url: 'https://www.data.gouv.fr/fr/datasets/comptages/', title: 'Comptages routiers' },
      { url: 'https://exemple.fr/b', title: '' },
    ]);
  });

  it('rejects unknown or system fields in an API patch', () => {
    const { values, errors } = readContentPatch({ title: ' Nom ', infoUpdatedOn: '2020-01-01', pirate: 1 });
    assert.deepEqual(values, { title: 'Nom' });
    assert.deepEqual(Object.keys(errors), ['infoUpdatedOn', 'pirate']);
  });
});

describe('workflow', () => {
  const EDITOR: WorkflowRole[] = ['editor'];
  const COORD: WorkflowRole[] = ['coordinator'];
  const s = (state: WorkflowStatus['state'], revision: WorkflowStatus['revision'] = null): WorkflowStatus => ({
    state,
    revision,
  });

  const allowed: [string, WorkflowStatus, WorkflowAction, WorkflowRole[], WorkflowStatus, string][] = [
    ['an editor saves a draft', s('draft'), 'save', EDITOR, s('draft'), 'saved'],
    ['an editor submits a draft', s('draft'), 'submit', EDITOR, s('submitted'), 'submitted'],
    ['an editor withdraws a submission', s('submitted'), 'withdraw', EDITOR, s('draft'), 'withdrawn'],
    [
      'a coordinator requests changes',
      s('submitted'),
      'request_changes',
      COORD,
      s('changes_requested'),
      'changes_requested',
    ],
    ['an editor saves requested changes', s('changes_requested'), 'save', EDITOR, s('changes_requested'), 'saved'],
    ['an editor resubmits', s('changes_requested'), 'submit', EDITOR, s('submitted'), 'submitted'],
    ['a coordinator publishes', s('submitted'), 'publish', COORD, s('published'), 'published'],
    [
      'editing a published useCase starts a revision',
      s('published'),
      'save',
      EDITOR,
      s('published', 'draft'),
      'revision_started',
    ],
    [
      'a revision is submitted',
      s('published', 'draft'),
      'submit',
      EDITOR,
      s('published', 'submitted'),
      'revision_submitted',
    ],
    [
      'changes are requested on a revision',
      s('published', 'submitted'),
      'request_changes',
      COORD,
      s('published', 'changes_requested'),
      'changes_requested',
    ],
    ['a revision is published', s('published', 'submitted'), 'publish', COORD, s('published'), 'revision_published'],
    [
      'a revision is discarded',
      s('published', 'draft'),
      'discard_revision',
      EDITOR,
      s('published'),
      'revision_discarded',
    ],
    ['an editor archives a published useCase', s('published'), 'archive', EDITOR, s('archived'), 'archived'],
    ['a coordinator restores an archived useCase', s('archived'), 'restore', COORD, s('published'), 'restored'],
  ];
  for (const [title, from, action, roles, to, event] of allowed) {
    it(`allows: ${title}`, () => {
      const r = transition(from, action, roles, { comment: 'Précisez la base légale.', reason: 'Projet arrêté.' });
      assert.ok(r.ok, `refusé : ${JSON.stringify(r)}`);
      assert.deepEqual(r.next, to);
      assert.equal(r.event, event);
    });
  }

  const forbidden: [string, WorkflowStatus, WorkflowAction, WorkflowRole[], string][] = [
    ['an editor cannot publish', s('submitted'), 'publish', EDITOR, 'forbidden'],
    ['a coordinator does not submit for an authority', s('draft'), 'submit', COORD, 'forbidden'],
    ['nobody publishes a draft that was not submitted', s('draft'), 'publish', COORD, 'invalid_transition'],
    ['a submitted useCase is not edited during review', s('submitted'), 'save', EDITOR, 'invalid_transition'],
    ['a revision under review is not edited', s('published', 'submitted'), 'save', EDITOR, 'invalid_transition'],
    ['an archived useCase is not edited', s('archived'), 'save', EDITOR, 'invalid_transition'],
    ['a draft is not archived', s('draft'), 'archive', EDITOR, 'invalid_transition'],
    ['an editor cannot restore', s('archived'), 'restore', EDITOR, 'forbidden'],
    ['no revision, nothing to discard', s('published'), 'discard_revision', EDITOR, 'invalid_transition'],
    ['no role, no action', s('draft'), 'save', [], 'forbidden'],
  ];
  for (const [title, from, action, roles, code] of forbidden) {
    it(`forbids: ${title}`, () => {
      const r = transition(from, action, roles, { comment: 'x', reason: 'x' });
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.code, code);
      assert.ok(!r.ok && r.message.length > 10);
    });
  }

  it('asks for a comment when requesting changes and a reason when archiving', () => {
    const a = transition(s('submitted'), 'request_changes', COORD, { comment: '  ' });
    assert.equal(!a.ok && a.code, 'comment_required');
    const b = transition(s('published'), 'archive', EDITOR, {});
    assert.equal(!b.ok && b.code, 'reason_required');
  });

  it('marks the transitions that create a published version', () => {
    const first = transition(s('submitted'), 'publish', COORD);
    assert.ok(first.ok && first.createsPublishedVersion && !first.publishesRevision);
    const revision = transition(s('published', 'submitted'), 'publish', COORD);
    assert.ok(revision.ok && revision.createsPublishedVersion && revision.publishesRevision);
    const save = transition(s('published'), 'save', EDITOR);
    assert.ok(save.ok && !save.createsPublishedVersion);
  });

  it('lists the buttons each role gets', () => {
    assert.deepEqual(availableActions(s('draft'), EDITOR), ['save', 'submit']);
    assert.deepEqual(availableActions(s('submitted'), COORD), ['request_changes', 'publish']);
    assert.deepEqual(availableActions(s('published', 'draft'), [...EDITOR, ...COORD]), [
      'save',
      'submit',
      'discard_revision',
      'archive',
    ]);
    assert.deepEqual(availableActions(s('published'), []), []);
  });

  it('gives workflow roles from the viewer', () => {
    assert.deepEqual(workflowRoles(VIEWERS.memberOfOrg!, ORG), ['editor']);
    assert.deepEqual(workflowRoles(VIEWERS.memberElsewhere!, ORG), []);
    assert.deepEqual(workflowRoles(VIEWERS.coordinator!, ORG), ['coordinator']);
  });
});

describe('viewers', () => {
  it('are built from the signed-in user', () => {
    assert.deepEqual(viewerOf(null), ANONYMOUS);
    const base = { email: 'a@b.fr', name: 'A' };
    assert.equal(viewerOf({ ...base, id: 1, role: 'user', memberships: [] }).kind, 'user');
    assert.deepEqual(
      viewerOf({
        ...base,
        id: 2,
        role: 'user',
        memberships: [
          { organisationId: 5, role: 'member' },
          { organisationId: 6, role: 'editor' },
        ],
      }),
      { kind: 'member', userId: 2, organisations: [5, 6] },
    );
    assert.equal(viewerOf({ ...base, id: 3, role: 'coordinator', memberships: [] }).kind, 'coordinator');
  });

  it('get an access level per organisation', () => {
    const expected: Record<string, string> = {
      anonymous: 'public',
      citizen: 'public',
      memberElsewhere: 'members',
      memberOfOrg: 'editors',
      coordinator: 'editors',
      admin: 'editors',
    };
    for (const [name, viewer] of Object.entries(VIEWERS)) assert.equal(accessFor(viewer, ORG), expected[name], name);
  });
});

describe('the presenter', () => {
  /** Every string of a presented use case, flattened: a leak anywhere shows up here. */
  const serialised = (v: unknown) => JSON.stringify(v);

  for (const state of WORKFLOW_STATES) {
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      it(`never leaks a field the viewer may not read (${state}, ${name})`, () => {
        const record = sampleRecord({ state, revision: state === 'published' ? 'draft' : null });
        const presented = present(record, viewer);
        const access = accessFor(viewer, ORG);
        if (!presented) {
          // Unpublished use cases are for the authority's editors and the coordinators only.
          assert.ok(state !== 'published' && state !== 'archived');
          assert.notEqual(access, 'editors');
          return;
        }
        assert.equal(presented.access, access);
        const json = serialised(presented);
        for (const field of FIELDS) {
          const readable = canRead(access, field.access);
          assert.equal(Object.hasOwn(presented.content, field.key), readable, `${field.key} présent ?`);
          if (!readable) {
            // The value itself must not appear anywhere (text values carry a unique marker).
            const value = record.content[field.key];
            if (typeof value === 'string' && value.includes('m7:')) {
              assert.ok(!json.includes(value), `${field.key} fuit`);
            }
            assert.ok(!json.includes(`m7:${field.key}`), `${field.key} fuit`);
            if (field.type === 'email') assert.ok(!json.includes(String(value)), `${field.key} fuit`);
            if (field.type === 'url') assert.ok(!json.includes(String(value)), `${field.key} fuit`);
          } else {
            assert.deepEqual(presented.content[field.key], record.content[field.key]);
          }
        }
        // The revision state is internal to the authority and the coordinators.
        if (access !== 'editors') assert.equal(presented.revision, null);
      });
    }
  }

  it('shows unpublished useCases to their editors and coordinators only', () => {
    const draft = sampleRecord({ state: 'draft', publishedAt: null });
    assert.equal(present(draft, ANONYMOUS), null);
    assert.equal(present(draft, VIEWERS.memberElsewhere!), null);
    assert.ok(present(draft, VIEWERS.memberOfOrg!));
    assert.ok(present(draft, VIEWERS.coordinator!));
  });

  it('returns a copy: changing the presentation never changes the record', () => {
    const record = sampleRecord();
    const presented = present(record, VIEWERS.admin!)!;
    presented.content.subThemes!.push('parking');
    presented.organisation.name = 'Autre';
    assert.notDeepEqual(record.content.subThemes, presented.content.subThemes);
    assert.equal(record.organisation.name, 'Métropole de Lyon');
  });

  it('feeds search with public text only', () => {
    const doc = searchDocument(sampleRecord())!;
    const all = `${doc.A}\n${doc.B}\n${doc.C}`;
    assert.match(doc.A, /m7:title/);
    assert.match(all, /Métropole de Lyon/);
    for (const field of FIELDS) {
      if (field.access !== 'public') assert.ok(!all.includes(`m7:${field.key}`), `${field.key} indexé`);
    }
    assert.equal(searchDocument(sampleRecord({ state: 'draft' })), null);
  });

  it('covers every access level with at least one field', () => {
    for (const level of ACCESS_LEVELS)
      assert.ok(
        FIELDS.some((f) => f.access === level),
        level,
      );
  });
});

describe('diff of two versions', () => {
  const before = withDefaults({
    title: 'Prévision des repas',
    theme: 'administration',
    subThemes: ['education'],
    startDate: '2024-03',
    internalNotes: 'note interne',
    funding: 'Budget propre',
  });
  const after: UseCaseContent = {
    ...before,
    title: 'Prévision des repas des cantines',
    subThemes: ['education', 'waste_circular_economy'],
    startDate: null,
    description: 'Nouvelle description',
    internalNotes: 'autre note',
    funding: 'France 2030',
  };

  it('lists changed, added and removed fields with French values', () => {
    const changes = diffContents(before, after, 'public');
    assert.deepEqual(
      changes.map((c) => [c.key, c.kind]),
      [
        ['title', 'changed'],
        ['description', 'added'],
        ['subThemes', 'changed'],
        ['startDate', 'removed'],
      ],
    );
    const sub = changes.find((c) => c.key === 'subThemes')!;
    assert.equal(sub.beforeText, 'Education');
    assert.equal(sub.afterText, 'Education, Déchets et économie circulaire');
    assert.equal(changes.find((c) => c.key === 'startDate')!.beforeText, 'mars 2024');
  });

  it('never shows fields above the access level', () => {
    assert.deepEqual(
      diffContents(before, after, 'members').map((c) => c.key),
      ['title', 'description', 'subThemes', 'startDate', 'funding'],
    );
    assert.ok(diffContents(before, after, 'editors').some((c) => c.key === 'internalNotes'));
  });

  it('treats empty text, null and absent fields as the same', () => {
    assert.deepEqual(diffContents({ title: null, subThemes: [] }, { partners: null }, 'editors'), []);
  });
});

describe('form steps', () => {
  it('each has fields, and every form field belongs to a known step', () => {
    for (const step of FORM_STEPS) assert.ok(fieldsOfStep(step.key).length > 0, step.key);
    const keys = new Set(FORM_STEPS.map((s) => s.key));
    for (const f of FIELDS) if (f.step) assert.ok(keys.has(f.step), f.key);
  });
});

describe('commons category from text', () => {
  it('recognises the usual clues in French and English', () => {
    assert.equal(guessCommonsCategory('Un callbot répond aux usagers'), 'conversational_assistant');
    assert.equal(guessCommonsCategory('Détection des fuites d’eau'), 'anomaly_detection');
    assert.equal(guessCommonsCategory('Prévision de la fréquentation des cantines'), 'forecasting');
    assert.equal(guessCommonsCategory('Piscines repérées sur les orthophotos'), 'aerial_shape_classification');
    assert.equal(
      guessCommonsCategory('Satellite images for crops', ['machine_learning']),
      null,
      'images aériennes sans vision par ordinateur : pas de conclusion',
    );
    assert.equal(guessCommonsCategory('Optimisation des tournées'), 'optimisation');
    assert.equal(guessCommonsCategory('Charte éthique'), null);
  });
});

describe('API schema', () => {
  it('describes every field with its French label and lists codes as enumerations', () => {
    const schema = UseCaseContentSchema as any;
    assert.equal(Object.keys(schema.properties).length, FIELDS.length);
    assert.equal(schema.properties.title.title, 'Nom du projet');
    const theme = JSON.stringify(schema.properties.theme);
    assert.match(theme, /ecological_transition/);
    assert.equal(schema.additionalProperties, false);
  });
});
