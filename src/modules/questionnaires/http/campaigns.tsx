/**
 * Campaigns (coordinators): the list, the creation form, the dashboard (follow-up, reminders, closing, settings,
 * moving to the latest version) and each invitation's page (link, renewal, revocation).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CSV_CONTENT_TYPE, CsvSeparatorQuery, csvDialectOf, csvStream } from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { formFields, list, listField, readMultipartForm, text, textField } from '../../../platform/http/form.ts';
import { IdParams, idOf, LooseQuery } from '../../../platform/http/schemas.ts';
import { assertUploadSize } from '../../../platform/http/upload-limit.ts';
import { isOrganisationType } from '../../organisations/index.ts';
import { emptyTargets, parseFormDate, parseReminderDays, type TargetSpec } from '../campaigns.ts';
import type { OrganisationDirectory } from '../ports.ts';
import type { CampaignService } from '../services/campaigns.ts';
import type { FollowUpQuery } from '../services/follow-up.ts';
import type { InvitationService } from '../services/invitations.ts';
import type { QuestionnaireService } from '../services/questionnaires.ts';
import { CampaignFormPage, CampaignListPage, InvitationPage } from '../views/campaigns.tsx';
import { DashboardPage } from '../views/dashboard.tsx';
import { PreviewPage } from '../views/preview.tsx';
import { InvitationParams, MultipartForm } from './schemas.ts';

export const C_CRUMB = { href: '/coordination/campagnes', label: 'Campagnes' };
const config = { access: ACCESS.coordinators };

const RemindForm = formFields({ scope: textField('Destinataires'), ids: listField('Collectivités') });
const SettingsForm = formFields({ settings: listField('Réglages', { allowed: ['results', 'public', 'library'] }) });
const EmptyForm = formFields({});
const LaunchForm = formFields({ confirm: listField('Confirmation', { allowed: ['oui'] }) });

/** The dashboard's filters in the query string (checked again by the service). */
const FollowUpQuerySchema = Type.Object({
  statut: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.Optional(Type.String({ maxLength: 40 })),
  region: Type.Optional(Type.String({ maxLength: 3 })),
  reseau: Type.Optional(Type.String({ maxLength: 12 })),
  envoi: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.String({ maxLength: 9 })),
});

const FollowUpCsvQuery = Type.Object({ ...FollowUpQuerySchema.properties, ...CsvSeparatorQuery.properties });

function followUpQuery(query: unknown): FollowUpQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const keys = ['statut', 'type', 'region', 'reseau', 'envoi', 'page'] as const;
  return Object.fromEntries(keys.map((k) => [k, text(q, k) || undefined]).filter(([, v]) => v)) as FollowUpQuery;
}

export interface CampaignRoutesDeps {
  questionnaires: QuestionnaireService;
  campaigns: CampaignService;
  invitations: InvitationService;
  organisations: Pick<OrganisationDirectory, 'regions' | 'networks'>;
}

/** The campaign form's targets: types, régions, départements (typed, separated by spaces or commas). */
function readTargets(form: Record<string, unknown>): TargetSpec {
  return {
    ...emptyTargets(),
    types: list(form, 'types').filter(isOrganisationType),
    regions: list(form, 'regions').filter((r) => /^[0-9]{2,3}$/.test(r)),
    networks: list(form, 'networks')
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
    departements: text(form, 'departements')
      .split(/[\s,;]+/)
      .map((d) => d.trim().toUpperCase())
      .filter((d) => /^([0-9]{2,3}|2A|2B)$/.test(d)),
  };
}

export function campaignRoutes(deps: CampaignRoutesDeps): FastifyPluginAsync {
  const { campaigns, invitations } = deps;

  return async (app) => {
    app.get('/coordination/campagnes', { schema: {}, config }, async (request, reply) => {
      const rows = await campaigns.list(request.user);
      return reply.page('Campagnes de recensement', <CampaignListPage rows={rows} />, {
        breadcrumbs: [{ label: 'Campagnes' }],
      });
    });

    async function campaignForm(
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      errors?: Record<string, string>,
    ) {
      const [questionnaires, regions, networks] = await Promise.all([
        deps.questionnaires.list(request.user),
        deps.organisations.regions(),
        deps.organisations.networks(),
      ]);
      return reply.page(
        `${errors ? 'Erreur : ' : ''}Nouvelle campagne`,
        <CampaignFormPage
          questionnaires={questionnaires}
          regions={regions}
          networks={networks}
          values={values}
          errors={errors}
        />,
        { status: errors ? 422 : undefined, breadcrumbs: [C_CRUMB, { label: 'Nouvelle campagne' }] },
      );
    }

    app.get('/coordination/campagnes/nouvelle', { schema: { querystring: LooseQuery }, config }, (request, reply) =>
      campaignForm(request, reply, {
        questionnaireId: text(request.query as Record<string, unknown>, 'questionnaire'),
        reminderDays: '7, 2',
        options: [],
      }),
    );

    // The SIREN list file is an import file: its size limit is UPLOAD_LIMIT_IMPORT_MO (platform/http/upload-limit.ts).
    const withFile = { ...config, upload: 'import' as const };
    app.post(
      '/coordination/campagnes',
      { schema: { body: MultipartForm }, config: withFile },
      async (request, reply) => {
        const { form, files, tooLarge } = await readMultipartForm(request);
        assertUploadSize(request, files, tooLarge);
        const options = list(form, 'options');
        const csv = files.find((f) => f.field === 'sirenFile');
        const sirenList = [text(form, 'sirenList'), csv ? csv.data.toString('utf8') : '']
          .filter((t) => t.trim())
          .join('\n');
        try {
          const created = await campaigns.create(request.user, {
            questionnaireId: Number(text(form, 'questionnaireId')),
            title: text(form, 'title'),
            description: text(form, 'description'),
            opensAt: parseFormDate(text(form, 'opensAt')),
            closesAt: parseFormDate(text(form, 'closesAt'), true),
            targets: readTargets(form),
            sirenList,
            publicLink: options.includes('public'),
            resultsPublic: options.includes('results'),
            libraryAuto: options.includes('library'),
            reminderDays: parseReminderDays(text(form, 'reminderDays')),
            responsesMode: ['one', 'several'].includes(text(form, 'responsesMode'))
              ? (text(form, 'responsesMode') as 'one' | 'several')
              : undefined,
            prepareOnly: true,
          });
          const n = created.invited;
          reply.flash(
            'success',
            `Campagne préparée : ${n} collectivité${n > 1 ? 's' : ''} ciblée${n > 1 ? 's' : ''}. Vérifiez l’aperçu, puis lancez-la.`,
          );
          return reply.redirect(`/coordination/campagnes/${created.id}/apercu`);
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          return campaignForm(request, reply, { ...form, sirenList }, e.fields);
        }
      },
    );

    async function dashboard(
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      status?: number,
    ) {
      const data = await campaigns.dashboard(request.user, idOf(request.params), followUpQuery(request.query));
      return reply.page(data.campaign.title, <DashboardPage {...data} query={{ ...data.query }} errors={errors} />, {
        status,
        breadcrumbs: [C_CRUMB, { label: data.campaign.title }],
      });
    }

    app.get(
      '/coordination/campagnes/:id',
      { schema: { params: IdParams, querystring: FollowUpQuerySchema }, config },
      (request, reply) => dashboard(request, reply),
    );

    app.get(
      '/coordination/campagnes/:id/suivi.csv',
      { schema: { params: IdParams, querystring: FollowUpCsvQuery }, config },
      async (request, reply) => {
        const query = request.query as Record<string, string | undefined>;
        const csv = await campaigns.followUpCsv(request.user, idOf(request.params), followUpQuery(query));
        return reply
          .type(CSV_CONTENT_TYPE)
          .header('content-disposition', `attachment; filename="suivi-campagne-${csv.campaign.id}.csv"`)
          .header('cache-control', 'no-store')
          .send(csvStream(csv.header, csv.rows, csvDialectOf(query)));
      },
    );

    async function preview(
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      status?: number,
    ) {
      const page = Number(text(request.query as Record<string, unknown>, 'page')) || 1;
      const data = await campaigns.preview(request.user, idOf(request.params), page);
      return reply.page(
        `${errors ? 'Erreur : ' : ''}Aperçu : ${data.campaign.title}`,
        <PreviewPage {...data} closed={data.state === 'closed'} errors={errors} />,
        {
          status,
          breadcrumbs: [
            C_CRUMB,
            { href: `/coordination/campagnes/${data.campaign.id}`, label: data.campaign.title },
            { label: 'Aperçu' },
          ],
        },
      );
    }

    app.get(
      '/coordination/campagnes/:id/apercu',
      {
        schema: { params: IdParams, querystring: Type.Object({ page: Type.Optional(Type.String({ maxLength: 9 })) }) },
        config,
      },
      (request, reply) => preview(request, reply),
    );

    app.post(
      '/coordination/campagnes/:id/lancer',
      { schema: { params: IdParams, body: LaunchForm.schema }, config },
      async (request, reply) => {
        const { confirm } = LaunchForm.read(request.body).values;
        try {
          const launched = await campaigns.launch(request.user, idOf(request.params), confirm.includes('oui'));
          const n = launched.targeted;
          reply.flash(
            'success',
            `Campagne lancée : ${n} collectivité${n > 1 ? 's' : ''} invitée${n > 1 ? 's' : ''}. Les e-mails partent à l’ouverture.`,
          );
          return reply.redirect(`/coordination/campagnes/${idOf(request.params)}`);
        } catch (e) {
          if (e instanceof ValidationError) return preview(request, reply, e.fields, 422);
          throw e;
        }
      },
    );

    app.post(
      '/coordination/campagnes/:id/relancer',
      { schema: { params: IdParams, body: RemindForm.schema }, config },
      async (request, reply) => {
        const { scope, ids } = RemindForm.read(request.body).values;
        const selection = scope === 'all' ? null : ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
        try {
          const sent = await invitations.remind(request.user, idOf(request.params), selection);
          reply.flash(
            'success',
            sent
              ? `Rappel en cours d’envoi à ${sent} collectivité${sent > 1 ? 's' : ''}.`
              : 'Aucun rappel à envoyer : pas de contact connu ou réponses déjà envoyées.',
          );
          return reply.redirect(`/coordination/campagnes/${idOf(request.params)}#suivi`);
        } catch (e) {
          if (e instanceof ValidationError) return dashboard(request, reply, e.fields, 422);
          throw e;
        }
      },
    );

    app.post(
      '/coordination/campagnes/:id/clore',
      { schema: { params: IdParams, body: EmptyForm.schema }, config },
      async (request, reply) => {
        await campaigns.close(request.user, idOf(request.params));
        reply.flash('success', 'Campagne close. Les réponses enregistrées sont conservées.');
        return reply.redirect(`/coordination/campagnes/${idOf(request.params)}`);
      },
    );

    app.post(
      '/coordination/campagnes/:id/reglages',
      { schema: { params: IdParams, body: SettingsForm.schema }, config },
      async (request, reply) => {
        const settings = list(request.body as Record<string, unknown>, 'settings');
        await campaigns.updateSettings(request.user, idOf(request.params), {
          resultsPublic: settings.includes('results'),
          publicLink: settings.includes('public'),
          libraryAuto: settings.includes('library'),
        });
        reply.flash('success', 'Réglages enregistrés.');
        return reply.redirect(`/coordination/campagnes/${idOf(request.params)}`);
      },
    );

    app.post(
      '/coordination/campagnes/:id/version',
      { schema: { params: IdParams, body: EmptyForm.schema }, config },
      async (request, reply) => {
        try {
          const n = await campaigns.upgradeVersion(request.user, idOf(request.params));
          reply.flash('success', `La campagne utilise maintenant la version ${n}.`);
          return reply.redirect(`/coordination/campagnes/${idOf(request.params)}`);
        } catch (e) {
          if (e instanceof ValidationError) return dashboard(request, reply, e.fields, 422);
          throw e;
        }
      },
    );

    // -- invitations ----------------------------------------------------------------------------------------------

    app.get(
      '/coordination/campagnes/:id/invitations/:invitationId',
      { schema: { params: InvitationParams }, config },
      async (request, reply) => {
        const campaignId = idOf(request.params);
        const data = await invitations.get(request.user, campaignId, idOf(request.params, 'invitationId'));
        return reply.page(
          `Invitation de ${data.invitation.organisationName}`,
          <InvitationPage
            campaign={data.campaign}
            invitation={data.invitation}
            link={data.link}
            recipients={data.recipients}
            contactsPage={data.contactsPage}
            deliveries={data.deliveries}
          />,
          {
            breadcrumbs: [
              C_CRUMB,
              { href: `/coordination/campagnes/${campaignId}`, label: data.campaign.title },
              { label: data.invitation.organisationName },
            ],
          },
        );
      },
    );

    app.post(
      '/coordination/campagnes/:id/invitations/:invitationId/renouveler',
      { schema: { params: InvitationParams, body: EmptyForm.schema }, config },
      async (request, reply) => {
        const invitationId = idOf(request.params, 'invitationId');
        await invitations.renew(request.user, invitationId);
        reply.flash('success', 'Nouveau lien créé et envoyé aux contacts ; l’ancien ne fonctionne plus.');
        return reply.redirect(`/coordination/campagnes/${idOf(request.params)}/invitations/${invitationId}`);
      },
    );

    app.post(
      '/coordination/campagnes/:id/invitations/:invitationId/revoquer',
      { schema: { params: InvitationParams, body: EmptyForm.schema }, config },
      async (request, reply) => {
        await invitations.revoke(request.user, idOf(request.params, 'invitationId'));
        reply.flash('success', 'Lien révoqué.');
        return reply.redirect(`/coordination/campagnes/${idOf(request.params)}#suivi`);
      },
    );
  };
}
