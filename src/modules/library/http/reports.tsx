/**
 * « Signaler une erreur »: the report form of a use case (anyone, rate-limited), and the list of reports that the
 * authority's members and the coordinators handle.
 */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { formFields, textField } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { safeReturnPath } from '../../../platform/http/return-path.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { useCasePath } from '../services/context.ts';
import { ReportPage, ReportsPage } from '../views/pages.tsx';
import { LIBRARY_CRUMB, type LibraryHttpDeps, UseCaseParams, useCaseIdOf } from './common.ts';

const ReportForm = formFields({
  message: textField('Quelle est l’erreur ?', { trim: false }),
  email: textField('Votre adresse électronique', { trim: false }),
});

const HandledForm = formFields({ retour: textField('Page de retour') });

export function reportsRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { reports, reading } = services;
  return async (app) => {
    app.get(
      '/bibliotheque/signalements',
      {
        schema: { querystring: Type.Object({ etat: Type.Optional(Type.String()) }) },
        config: { access: ACCESS.signedIn },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const status = (request.query as { etat?: string }).etat === 'traites' ? 'handled' : 'open';
        const list = await reports.reports(user, status);
        return reply.page('Erreurs signalées', <ReportsPage reports={list} status={status} />, {
          breadcrumbs: [LIBRARY_CRUMB, { label: 'Erreurs signalées' }],
        });
      },
    );

    app.post(
      '/bibliotheque/signalements/:id/traite',
      { schema: { params: IdParams, body: HandledForm.schema }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        // Where to go back is read before acting: nothing after the change can fail on a bad address.
        const back =
          safeReturnPath(HandledForm.read(request.body).values.retour, { within: '/bibliotheque/' }) ??
          '/bibliotheque/signalements';
        await reports.handleReport(user, idOf(request.params));
        return reply.flash('success', 'Le signalement est marqué comme traité.').redirect(back);
      },
    );

    app.get(
      '/bibliotheque/:ref/signaler',
      { schema: { params: UseCaseParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const useCase = await reading.get(request.user, useCaseIdOf(request.params));
        return reply.page(
          'Signaler une erreur',
          <ReportPage useCase={useCase} errors={null} values={{ message: '', email: '' }} signedIn={!!request.user} />,
          {
            breadcrumbs: [
              LIBRARY_CRUMB,
              { href: useCasePath(useCase), label: useCase.content.title ?? 'Fiche' },
              { label: 'Signaler une erreur' },
            ],
          },
        );
      },
    );

    app.post(
      '/bibliotheque/:ref/signaler',
      {
        schema: { params: UseCaseParams, body: ReportForm.schema },
        config: { access: ACCESS.public, rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const id = useCaseIdOf(request.params);
        const { values } = ReportForm.read(request.body);
        try {
          await reports.report(request.user, id, values);
        } catch (e) {
          if (e instanceof ValidationError) {
            const useCase = await reading.get(request.user, id);
            return reply.page(
              'Erreur — Signaler une erreur',
              <ReportPage useCase={useCase} errors={e.fields ?? {}} values={values} signedIn={!!request.user} />,
              { status: 422 },
            );
          }
          throw e;
        }
        const useCase = await reading.get(request.user, id);
        return reply
          .flash('success', 'Merci : votre signalement est transmis à la collectivité et aux coordinateurs du réseau.')
          .redirect(useCasePath(useCase));
      },
    );
  };
}
