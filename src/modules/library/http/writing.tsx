/**
 * Writing use cases (members of the authority, coordinators): starting one, the form steps (GOV.UK style, one topic
 * per page), autosave, the check page, workflow actions (submit, publish…), and the authority's own list.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { ConflictError, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, formFields, list, listField, text, textField } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { LooseForm, LooseQuery } from '../../../platform/http/schemas.ts';
import { FORM_STEPS, type FormStep, fieldsOfStep } from '../fields.ts';
import { type FieldErrors, type PresentedUseCase, readStepForm, type WorkflowAction } from '../model.ts';
import { useCasePath } from '../services/context.ts';
import { WORKFLOW_ACTIONS } from '../services/workflow.ts';
import { CheckPage, ConflictPage, FORM_SCRIPT, FROM_CHECK, NewUseCasePage, StepPage } from '../views/form.tsx';
import { MyUseCasesPage } from '../views/pages.tsx';
import { LIBRARY_CRUMB, type LibraryHttpDeps, UseCaseParams, UseCaseStepParams, useCaseIdOf } from './common.ts';

const ACTION_DONE: Record<string, string> = {
  submit: 'La fiche est envoyée aux coordinateurs pour relecture.',
  withdraw: 'La fiche est retirée de la relecture : vous pouvez la modifier.',
  request_changes: 'Les modifications demandées sont envoyées à la collectivité.',
  publish: 'La fiche est publiée.',
  discard_revision: 'La révision est abandonnée : la version publiée reste inchangée.',
  archive: 'La fiche est archivée.',
  restore: 'La fiche est de nouveau publiée.',
};

const NewUseCaseForm = formFields({
  title: textField('Nom du projet', { maxLength: 500 }),
  organisationId: textField('Collectivité'),
});

const ActionForm = formFields({
  action: textField('Action'),
  version: textField('Version'),
  comment: textField('Modifications demandées', { trim: false }),
  fields: listField('Champs concernés'),
  reason: textField('Raison de l’archivage', { trim: false }),
});

/** The raw values of a step's fields, through the one form reader (codes: every value; others: the last one). */
function stepValues(step: FormStep, body: FormBody): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of fieldsOfStep(step.key)) out[f.key] = f.type === 'codes' ? list(body, f.key) : text(body, f.key);
  return out;
}

function stepOf(params: unknown): FormStep {
  const slug = String((params as Record<string, string>).step);
  const step = FORM_STEPS.find((s) => s.slug === slug);
  if (!step) throw notFound('Cette étape n’existe pas.');
  return step;
}

const crumbs = (path: string, useCase: PresentedUseCase, label: string) => [
  LIBRARY_CRUMB,
  { href: path, label: useCase.content.title ?? 'Fiche' },
  { label },
];

export function writingRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { writing, workflow, reading } = services;
  return async (app) => {
    app.get('/bibliotheque/nouvelle', { schema: {}, config: { access: ACCESS.signedIn } }, async (request, reply) => {
      const user = requireUser(request);
      const { any, organisations } = await writing.writableFor(user);
      const breadcrumbs = [LIBRARY_CRUMB, { label: 'Rédiger une fiche' }];
      if (!any && !organisations.length) {
        return reply.page(
          'Rédiger une fiche',
          <>
            <h1>Rédiger une fiche</h1>
            <p>
              Les fiches sont rédigées par les membres des collectivités.{' '}
              <a href="/collectivites">Trouvez votre collectivité</a> et demandez à la rejoindre ; vous pourrez ensuite
              décrire ses projets.
            </p>
          </>,
          { breadcrumbs },
        );
      }
      return reply.page(
        'Rédiger une fiche',
        <NewUseCasePage organisations={organisations} any={any} errors={null} title="" organisationId="" />,
        { breadcrumbs },
      );
    });

    app.post(
      '/bibliotheque/nouvelle',
      {
        schema: { body: NewUseCaseForm.schema },
        // For the authority chosen in the form (any, for coordinators).
        config: { access: ACCESS.authorityMembers, rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { values } = NewUseCaseForm.read(request.body);
        const errors: Record<string, string> = {};
        if (!values.title) errors.title = 'Saisissez le nom du projet.';
        if (!/^[1-9][0-9]{0,15}$/.test(values.organisationId)) errors.organisationId = 'Choisissez la collectivité.';
        const { any, organisations } = await writing.writableFor(user);
        const render = (e: Record<string, string>) =>
          reply.page(
            'Rédiger une fiche',
            <NewUseCasePage
              organisations={organisations}
              any={any}
              errors={e}
              title={values.title}
              organisationId={values.organisationId}
            />,
            { status: 422, breadcrumbs: [LIBRARY_CRUMB, { label: 'Rédiger une fiche' }] },
          );
        if (Object.keys(errors).length) return render(errors);
        try {
          const row = await writing.create(user, Number(values.organisationId), { title: values.title });
          return reply.redirect(`${useCasePath(row)}/modifier/${FORM_STEPS[0]!.slug}`);
        } catch (e) {
          if (e instanceof ValidationError) return render(e.fields ?? {});
          if (e instanceof HttpError && e.status === 404) return render({ organisationId: e.message });
          throw e;
        }
      },
    );

    app.get('/bibliotheque/mes-fiches', { schema: {}, config: { access: ACCESS.signedIn } }, async (request, reply) => {
      const user = requireUser(request);
      const items = await reading.myUseCases(user);
      const { organisations } = await writing.writableFor({ ...user, role: 'user' });
      const responsible = organisations.filter((o) =>
        user.memberships.some((m) => m.organisationId === o.id && m.role === 'editor'),
      );
      return reply.page('Les fiches de ma collectivité', <MyUseCasesPage items={items} organisations={responsible} />, {
        breadcrumbs: [LIBRARY_CRUMB, { label: 'Mes fiches' }],
      });
    });

    app.get(
      '/bibliotheque/:ref/verifier',
      { schema: { params: UseCaseParams }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const { useCase, canSave, actions, missing, path, changesRequested } = await writing.editable(
          user,
          useCaseIdOf(request.params),
        );
        return reply.page(
          `Vérifier « ${useCase.content.title ?? 'Sans titre'} »`,
          <CheckPage
            useCase={useCase}
            errors={missing}
            actions={actions}
            canSave={canSave}
            changesRequested={changesRequested}
          />,
          { breadcrumbs: crumbs(path, useCase, 'Vérifier') },
        );
      },
    );

    app.get(
      '/bibliotheque/:ref/modifier/:step',
      { schema: { params: UseCaseStepParams, querystring: LooseQuery }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const step = stepOf(request.params);
        const { useCase, canSave, path, required } = await writing.editable(user, useCaseIdOf(request.params));
        if (!canSave) {
          return reply
            .flash('info', 'La fiche est en relecture : elle ne peut pas être modifiée pour le moment.')
            .redirect(`${path}/verifier`);
        }
        return reply.page(
          `${step.title} — ${useCase.content.title ?? 'Nouvelle fiche'}`,
          <StepPage
            useCase={useCase}
            step={step}
            values={{}}
            errors={null}
            required={required}
            fromCheck={text(request.query as FormBody, 'depuis') === FROM_CHECK}
          />,
          { scripts: [FORM_SCRIPT], breadcrumbs: crumbs(path, useCase, step.title) },
        );
      },
    );

    app.post(
      '/bibliotheque/:ref/modifier/:step',
      { schema: { params: UseCaseStepParams, body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const step = stepOf(request.params);
        const id = useCaseIdOf(request.params);
        const body = request.body as FormBody;
        const typed = stepValues(step, body);
        const { values, errors } = readStepForm(step.key, typed);
        const render = async (errs: FieldErrors) => {
          const { useCase, path, required } = await writing.editable(user, id, values);
          return reply.page(
            `Erreur — ${step.title}`,
            <StepPage
              useCase={useCase}
              step={step}
              values={typed}
              errors={errs}
              required={required}
              fromCheck={text(body, 'depuis') === FROM_CHECK}
            />,
            { status: 422, scripts: [FORM_SCRIPT], breadcrumbs: crumbs(path, useCase, step.title) },
          );
        };
        if (Object.keys(errors).length) return render(errors);
        try {
          await writing.save(user, id, Number(text(body, 'version')), values);
        } catch (e) {
          if (e instanceof ValidationError) return render((e.fields ?? {}) as FieldErrors);
          if (e instanceof ConflictError && e.details) {
            return reply.page(
              'Modification en conflit',
              <ConflictPage mine={typed} current={e.details as PresentedUseCase} />,
              { status: 409 },
            );
          }
          throw e;
        }
        const { path } = await writing.editable(user, id);
        if (text(body, 'suite') === '1') {
          if (text(body, 'depuis') === FROM_CHECK) return reply.redirect(`${path}/verifier`);
          const next = FORM_STEPS[FORM_STEPS.findIndex((s) => s.key === step.key) + 1];
          return reply.redirect(next ? `${path}/modifier/${next.slug}` : `${path}/verifier`);
        }
        return reply.flash('success', 'Brouillon enregistré.').redirect(`${path}/modifier/${step.slug}`);
      },
    );

    /** Autosave (JavaScript): the step's fields as a form body; answers JSON. */
    app.post(
      '/bibliotheque/:ref/brouillon',
      {
        schema: { params: UseCaseParams, body: LooseForm },
        config: { access: ACCESS.authorityMembers, rateLimit: { max: 120, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const body = request.body as FormBody;
        const step = FORM_STEPS.find((s) => s.slug === text(body, '_step'));
        if (!step) throw new ValidationError({ _step: 'Étape inconnue.' });
        const { values, errors } = readStepForm(step.key, stepValues(step, body));
        if (Object.keys(errors).length) throw new ValidationError(errors as Record<string, string>);
        const saved = await writing.save(user, useCaseIdOf(request.params), Number(text(body, 'version')), values);
        return reply.send({ version: saved.version, savedAt: saved.savedAt });
      },
    );

    app.post(
      '/bibliotheque/:ref/action',
      { schema: { params: UseCaseParams, body: ActionForm.schema }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = useCaseIdOf(request.params);
        const form = ActionForm.read(request.body).values;
        const action = form.action as WorkflowAction;
        if (!(WORKFLOW_ACTIONS as readonly string[]).includes(action)) {
          throw new HttpError(400, 'bad_request', 'Action inconnue.');
        }
        try {
          const row = await workflow.act(user, id, action, {
            version: Number(form.version) || null,
            comment: form.comment,
            reason: form.reason,
            fields: form.fields,
          });
          return reply.flash('success', ACTION_DONE[action]!).redirect(useCasePath(row));
        } catch (e) {
          if (e instanceof ValidationError) {
            const message = Object.values(e.fields ?? {})[0] ?? e.message;
            const { path } = await writing.editable(user, id).catch(() => ({ path: `/bibliotheque/${id}` }));
            return reply.flash('error', message).redirect(action === 'submit' ? `${path}/verifier` : path);
          }
          throw e;
        }
      },
    );
  };
}
