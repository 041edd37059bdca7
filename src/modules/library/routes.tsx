/**
 * HTTP for the library: pages (search, sheet, form steps, check-your-answers, review, history, reports, map,
 * statistics, open data, admin import, API tokens) and the JSON API under /api/v1. Thin: parse -> service -> present.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import Type from 'typebox';
import { ConflictError, HttpError, notFound, ValidationError } from '../../platform/http/errors.ts';
import { pageRequest } from '../../platform/http/pagination.ts';
import { requireUser } from '../../platform/http/plugin.tsx';
import { FACET_KEYS, FACET_PARAMS, type FacetFilters, SORT_KEYS, type SortKey } from './facets.ts';
import { FIELDS, FORM_STEPS, fieldsOfStep, openDataFieldDocumentation, PUBLIC_FIELDS } from './fields.ts';
import {
  type FieldErrors,
  isRequired,
  PresentedUseCaseSchema,
  readContentPatch,
  readStepForm,
  type UseCaseContent,
  UseCaseContentInputSchema,
  validateContent,
  WORKFLOW_STATES,
  type WorkflowAction,
} from './model.ts';
import { canImport, canReview } from './policy.ts';
import { REFERENCE_LISTS, type ReferenceListKey } from './reference.ts';
import type { ExportFormat, LibraryQuery, LibraryService } from './service.ts';
import { MapPage, OpenDataPage, StatisticsPage } from './views-legacy/data.tsx';
import { CheckPage, ConflictPage, FORM_SCRIPT, NewSheetPage, StepPage } from './views-legacy/form.tsx';
import { FACET_TITLES, LibraryPage } from './views-legacy/library.tsx';
import {
  ComparePage,
  HistoryPage,
  ImportPage,
  MySheetsPage,
  ReportPage,
  ReportsPage,
  ReviewQueuePage,
  TokensPage,
  VersionPage,
} from './views-legacy/pages.tsx';
import { SheetPage } from './views-legacy/sheet.tsx';

const LIBRARY_CRUMB = { href: '/bibliotheque', label: 'Bibliothèque' };
const PAGE_CACHE_SIZE = 500;
/** Routes that send a `Server-Timing` header. */
const TIMED_ROUTES = new Set(['/bibliotheque', '/api/v1/use-cases']);
const ACTIONS: readonly WorkflowAction[] = [
  'submit',
  'withdraw',
  'request_changes',
  'publish',
  'discard_revision',
  'archive',
  'restore',
];
const ACTION_DONE: Record<string, string> = {
  submit: 'La fiche est envoyée aux coordinateurs pour relecture.',
  withdraw: 'La fiche est retirée de la relecture : vous pouvez la modifier.',
  request_changes: 'Les modifications demandées sont envoyées à la collectivité.',
  publish: 'La fiche est publiée.',
  discard_revision: 'La révision est abandonnée : la version publiée reste inchangée.',
  archive: 'La fiche est archivée.',
  restore: 'La fiche est de nouveau publiée.',
};

const EXPORTS: Record<string, { format: ExportFormat; label: string; description: string }> = {
  'bibliotheque-ia-interconnectes.csv': {
    format: 'interconnectes',
    label: 'CSV au format de la bibliothèque des Interconnectés',
    description: 'Les 16 colonnes de leur fichier public, avec leurs noms ; valide selon leur schéma.',
  },
  'bibliotheque-ia.json': {
    format: 'json',
    label: 'JSON',
    description: 'Tous les champs publics, valeurs codées, avec la documentation des champs.',
  },
  'bibliotheque-ia.xlsx': {
    format: 'xlsx',
    label: 'Tableur (XLSX)',
    description: 'Une feuille des fiches (libellés en clair) et une feuille de documentation des champs.',
  },
  'bibliotheque-ia-ats.json': {
    format: 'ats',
    label: 'JSON du standard européen de transparence algorithmique (Eurocities)',
    description: 'Un enregistrement par fiche, avec les noms d’attributs du standard (version 0.3.1).',
  },
};

/** A sheet reference in a URL: « 12 » or « 12-prevision-des-repas ». */
function sheetId(request: FastifyRequest): number {
  const ref = String((request.params as Record<string, string>).ref ?? '');
  const m = /^([1-9][0-9]{0,15})(?:-[a-z0-9-]*)?$/.exec(ref);
  if (!m) throw notFound("Cette fiche n'existe pas (ou plus).");
  return Number(m[1]);
}

const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

function list(v: unknown): string[] {
  const values = Array.isArray(v) ? v : v == null ? [] : [v];
  return values
    .map((x) => String(x).trim())
    .filter(Boolean)
    .slice(0, 50);
}

/** Reads the library's state from a query string (same parameters for the page and the API). */
export function parseLibraryQuery(query: Record<string, unknown>): LibraryQuery {
  const filters: FacetFilters = {};
  for (const key of FACET_KEYS) {
    const values = list(query[FACET_PARAMS[key]]);
    if (values.length) filters[key] = values;
  }
  const sortText = text(query.tri ?? query.sort);
  const sort = (SORT_KEYS as readonly string[]).includes(sortText) ? (sortText as SortKey) : null;
  const pr = pageRequest(query.page, query.per_page ?? query.par_page, { perPage: 20, max: 100 });
  return { q: text(query.q).trim().slice(0, 500), filters, sort, page: pr.page, perPage: pr.perPage };
}

/** The raw values of a step form, kept to show back what the person typed. */
function typedValues(
  step: (typeof FORM_STEPS)[number],
  form: Record<string, unknown>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of fieldsOfStep(step.key)) {
    const v = form[f.key];
    out[f.key] = f.type === 'codes' ? list(v) : text(v);
  }
  return out;
}

const FacetQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 500,
        description: 'Recherche en français (accents, pluriels, « expression », préfixe).',
      }),
    ),
    ...Object.fromEntries(
      FACET_KEYS.map((k) => [
        FACET_PARAMS[k],
        Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
      ]),
    ),
    sort: Type.Optional(Type.String({ enum: [...SORT_KEYS] })),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: true },
);

const FacetCountSchema = Type.Object({
  code: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  selected: Type.Boolean(),
});

const UseCaseListSchema = Type.Object({
  items: Type.Array(PresentedUseCaseSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
  facets: Type.Object(
    Object.fromEntries(
      FACET_KEYS.filter((k) => k !== 'organisation').map((k) => [FACET_PARAMS[k], Type.Array(FacetCountSchema)]),
    ),
  ),
  suggestion: Type.Union([Type.String(), Type.Null()]),
});

const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
    current: Type.Optional(Type.Any()),
  }),
});

export function libraryRoutes(deps: { library: LibraryService }): FastifyPluginAsync {
  const svc = deps.library;
  /** Library page bodies for visitors who are not signed in, by address (see the route). */
  const pageCache = new Map<string, { version: number; html: string }>();
  /** Exports are rebuilt only when the library changed (or after an hour). */
  const exportCache = new Map<
    string,
    { seq: number; at: number; file: Awaited<ReturnType<LibraryService['exportFile']>> }
  >();

  return async (app) => {
    // The facet index is built in the background as soon as the server is ready (not before: start-up stays short).
    app.addHook('onReady', async () => {
      svc.warm();
    });

    // Searching pages say how long the server took (`Server-Timing`, read by the benchmarks and browser tools).
    const timed = new WeakMap<FastifyRequest, number>();
    app.addHook('onRequest', async (request) => {
      if (TIMED_ROUTES.has(request.routeOptions.url ?? '')) timed.set(request, performance.now());
    });
    app.addHook('onSend', async (request, reply) => {
      const started = timed.get(request);
      if (started !== undefined) reply.header('server-timing', `app;dur=${(performance.now() - started).toFixed(2)}`);
    });

    // -- library page ------------------------------------------------------------------------------------------

    app.get('/bibliotheque', async (request, reply) => {
      const query = parseLibraryQuery(request.query as Record<string, unknown>);
      const title = query.q ? `Recherche « ${query.q} » — Bibliothèque` : 'Bibliothèque';
      const options = {
        alternates: [
          { type: 'application/atom+xml', href: '/bibliotheque/flux.atom', title: 'Fiches nouvelles et mises à jour' },
        ],
      };
      const pageTitle = query.page > 1 ? `${title} (page ${query.page})` : title;
      // Visitors who are not signed in all see the same page for the same address: its body is kept until the
      // library changes (the layout, with its per-request token, is still rendered for each request).
      const cacheKey = request.user ? null : request.url;
      if (cacheKey) {
        await svc.ensureIndex();
        const hit = pageCache.get(cacheKey);
        if (hit && hit.version === svc.indexVersion()) {
          return reply.page(
            pageTitle,
            <div class="page-body" dangerouslySetInnerHTML={{ __html: hit.html }} />,
            options,
          );
        }
      }
      const result = await svc.search(request.user, query);
      const orgFilter = query.filters.organisation;
      const organisationName =
        orgFilter?.length === 1
          ? ((await svc.search(null, { ...query, q: '', page: 1, perPage: 1 })).items[0]?.sheet.organisation.name ??
            null)
          : null;
      const body = (
        <LibraryPage
          query={query}
          result={result}
          canWrite={!!request.user && (request.user.memberships.length > 0 || canReview(request.user))}
          organisationName={organisationName}
        />
      );
      if (cacheKey) {
        if (pageCache.size >= PAGE_CACHE_SIZE) pageCache.delete(pageCache.keys().next().value!);
        const html = renderToString(body);
        pageCache.set(cacheKey, { version: svc.indexVersion(), html });
        return reply.page(pageTitle, <div class="page-body" dangerouslySetInnerHTML={{ __html: html }} />, options);
      }
      return reply.page(pageTitle, body, options);
    });

    app.get('/bibliotheque/flux.atom', async (_request, reply) =>
      reply.type('application/atom+xml; charset=utf-8').send(await svc.feed()),
    );

    // -- writing -----------------------------------------------------------------------------------------------

    app.get('/bibliotheque/nouvelle', async (request, reply) => {
      const user = requireUser(request);
      const { any, organisations } = await svc.writableFor(user);
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
          { breadcrumbs: [LIBRARY_CRUMB, { label: 'Rédiger une fiche' }] },
        );
      }
      return reply.page(
        'Rédiger une fiche',
        <NewSheetPage organisations={organisations} any={any} errors={null} title="" organisationId="" />,
        { breadcrumbs: [LIBRARY_CRUMB, { label: 'Rédiger une fiche' }] },
      );
    });

    app.post(
      '/bibliotheque/nouvelle',
      { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const user = requireUser(request);
        const form = body(request);
        const title = text(form.title).trim();
        const orgText = text(form.organisationId).trim();
        const errors: Record<string, string> = {};
        if (!title) errors.title = 'Saisissez le nom du projet.';
        if (!/^[1-9][0-9]{0,15}$/.test(orgText)) errors.organisationId = 'Choisissez la collectivité.';
        const { any, organisations } = await svc.writableFor(user);
        const render = (e: Record<string, string>) =>
          reply.page(
            'Rédiger une fiche',
            <NewSheetPage organisations={organisations} any={any} errors={e} title={title} organisationId={orgText} />,
            {
              status: 422,
              breadcrumbs: [LIBRARY_CRUMB, { label: 'Rédiger une fiche' }],
            },
          );
        if (Object.keys(errors).length) return render(errors);
        try {
          const row = await svc.create(user, Number(orgText), { title });
          return reply.redirect(`${svc.sheetPath(row)}/modifier/${FORM_STEPS[0]!.slug}`);
        } catch (e) {
          if (e instanceof ValidationError) return render(e.fields ?? {});
          if (e instanceof HttpError && e.status === 404) return render({ organisationId: e.message });
          throw e;
        }
      },
    );

    app.get('/bibliotheque/mes-fiches', async (request, reply) => {
      const user = requireUser(request);
      const items = await svc.mySheets(user);
      const { organisations } = await svc.writableFor({ ...user, role: 'user' });
      const responsible = organisations.filter((o) =>
        user.memberships.some((m) => m.organisationId === o.id && m.role === 'editor'),
      );
      return reply.page('Les fiches de ma collectivité', <MySheetsPage items={items} organisations={responsible} />, {
        breadcrumbs: [LIBRARY_CRUMB, { label: 'Mes fiches' }],
      });
    });

    app.get('/bibliotheque/signalements', async (request, reply) => {
      const user = requireUser(request);
      const status = text((request.query as any).etat) === 'traites' ? 'handled' : 'open';
      const reports = await svc.reports(user, status);
      return reply.page('Erreurs signalées', <ReportsPage reports={reports} status={status} />, {
        breadcrumbs: [LIBRARY_CRUMB, { label: 'Erreurs signalées' }],
      });
    });

    app.post('/bibliotheque/signalements/:id/traite', async (request, reply) => {
      const user = requireUser(request);
      const id = Number((request.params as any).id);
      if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
      await svc.handleReport(user, id);
      const back = text(body(request).retour);
      return reply
        .flash('success', 'Le signalement est marqué comme traité.')
        .redirect(back.startsWith('/bibliotheque/') ? back : '/bibliotheque/signalements');
    });

    app.get('/coordination/fiches', async (request, reply) => {
      const user = requireUser(request);
      const [items, reports] = await Promise.all([svc.reviewQueue(user), svc.reports(user, 'open')]);
      return reply.page('Fiches à relire', <ReviewQueuePage items={items} openReports={reports.length} />, {
        breadcrumbs: [{ href: '/coordination', label: 'Coordination' }, { label: 'Fiches à relire' }],
      });
    });

    // -- API tokens (per authority) ------------------------------------------------------------------------------

    const orgParam = (request: FastifyRequest) => {
      const v = text((request.query as any).organisation);
      if (!/^[1-9][0-9]{0,15}$/.test(v)) throw notFound();
      return Number(v);
    };

    async function tokensPage(
      request: FastifyRequest,
      reply: FastifyReply,
      created: string | null,
      errors: Record<string, string> | null,
    ) {
      const user = requireUser(request);
      const organisationId = orgParam(request);
      const tokens = await svc.tokens(user, organisationId);
      const { organisations } = await svc.writableFor({ ...user, role: 'user' });
      const name = organisations.find((o) => o.id === organisationId)?.name ?? `Collectivité n° ${organisationId}`;
      return reply.page(
        'Jetons d’API',
        <TokensPage organisation={{ id: organisationId, name }} tokens={tokens} created={created} errors={errors} />,
        {
          status: errors ? 422 : 200,
          breadcrumbs: [
            LIBRARY_CRUMB,
            { href: '/bibliotheque/mes-fiches', label: 'Mes fiches' },
            { label: 'Jetons d’API' },
          ],
        },
      );
    }

    app.get('/bibliotheque/jetons', (request, reply) => tokensPage(request, reply, null, null));

    app.post(
      '/bibliotheque/jetons',
      { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const user = requireUser(request);
        try {
          const token = await svc.createToken(user, orgParam(request), text(body(request).name));
          return tokensPage(request, reply, token, null);
        } catch (e) {
          if (e instanceof ValidationError) return tokensPage(request, reply, null, e.fields ?? {});
          throw e;
        }
      },
    );

    app.post('/bibliotheque/jetons/:id/revoquer', async (request, reply) => {
      const user = requireUser(request);
      const organisationId = orgParam(request);
      await svc.revokeToken(user, organisationId, Number((request.params as any).id));
      return reply
        .flash('success', 'Le jeton est révoqué.')
        .redirect(`/bibliotheque/jetons?organisation=${organisationId}`);
    });

    // -- admin import ----------------------------------------------------------------------------------------------

    app.get('/admin/bibliotheque/import', async (request, reply) => {
      const user = requireUser(request);
      if (!canImport(user)) throw new HttpError(403, 'forbidden', 'Seuls les administrateurs importent des fiches.');
      return reply.page('Importer des fiches', <ImportPage report={null} errors={null} />, {
        breadcrumbs: [{ href: '/admin', label: 'Administration' }, { label: 'Importer des fiches' }],
      });
    });

    app.post('/admin/bibliotheque/import', async (request, reply) => {
      const user = requireUser(request);
      if (!canImport(user)) throw new HttpError(403, 'forbidden', 'Seuls les administrateurs importent des fiches.');
      const fields: Record<string, string> = {};
      let data: Buffer | null = null;
      if (request.isMultipart()) {
        for await (const part of request.parts()) {
          if (part.type === 'file') data = await part.toBuffer();
          else fields[part.fieldname] = String(part.value ?? '');
        }
      }
      const format = fields.format === 'pstw' ? 'pstw' : fields.format === 'interconnectes' ? 'interconnectes' : null;
      const errors: Record<string, string> = {};
      if (!format) errors.format = 'Choisissez le format du fichier.';
      if (!data?.length) errors.file = 'Choisissez un fichier CSV à importer.';
      const crumbs = { breadcrumbs: [{ href: '/admin', label: 'Administration' }, { label: 'Importer des fiches' }] };
      if (Object.keys(errors).length) {
        return reply.page('Importer des fiches', <ImportPage report={null} errors={errors} />, {
          status: 422,
          ...crumbs,
        });
      }
      const report = await svc.importFile(user, {
        format: format!,
        data: data!,
        dryRun: fields.dryRun === '1',
        asDraft: fields.asDraft === '1',
      });
      return reply.page('Importer des fiches', <ImportPage report={report} errors={null} />, {
        status: report.errors.length ? 422 : 200,
        ...crumbs,
      });
    });

    // -- statistics, map, open data ------------------------------------------------------------------------------

    app.get('/statistiques', async (_request, reply) =>
      reply.page('Statistiques', <StatisticsPage stats={await svc.statistics()} />),
    );

    app.get('/carte', async (_request, reply) => reply.page('Carte', <MapPage data={await svc.mapData()} />));

    app.get('/donnees-ouvertes', async (_request, reply) => {
      const stats = await svc.statistics();
      const downloads = Object.entries(EXPORTS).map(([name, e]) => ({
        href: `/donnees-ouvertes/${name}`,
        label: e.label,
        description: e.description,
      }));
      return reply.page(
        'Données ouvertes',
        <OpenDataPage downloads={downloads} fields={openDataFieldDocumentation()} count={stats.total} />,
        {
          alternates: [
            {
              type: 'application/atom+xml',
              href: '/bibliotheque/flux.atom',
              title: 'Fiches nouvelles et mises à jour',
            },
          ],
        },
      );
    });

    app.get('/donnees-ouvertes/:file', async (request, reply) => {
      const name = String((request.params as any).file);
      const spec = EXPORTS[name];
      if (!spec)
        throw notFound('Ce fichier n’existe pas. Les téléchargements sont listés sur la page « Données ouvertes ».');
      const seq = await svc.changeSeq();
      const cached = exportCache.get(spec.format);
      let file = cached && cached.seq === seq && Date.now() - cached.at < 3600_000 ? cached.file : null;
      if (!file) {
        file = await svc.exportFile(spec.format);
        exportCache.set(spec.format, { seq, at: Date.now(), file });
      }
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('access-control-allow-origin', '*')
        .send(file.body);
    });

    // -- a sheet -----------------------------------------------------------------------------------------------

    app.get('/bibliotheque/:ref', async (request, reply) => {
      const id = sheetId(request);
      const data = await svc.sheetPage(request.user, id);
      const canEdit =
        data.actions.includes('save') || data.actions.includes('withdraw') || data.actions.includes('submit');
      const title = data.sheet.content.title ?? 'Fiche';
      return reply.page(title, <SheetPage data={data} canEdit={canEdit} />, {
        breadcrumbs: [LIBRARY_CRUMB, { label: title }],
      });
    });

    app.get('/bibliotheque/:ref/verifier', async (request, reply) => {
      const user = requireUser(request);
      const { sheet, canSave, actions } = await svc.editable(user, sheetId(request));
      const full = { ...sheet.content } as UseCaseContent;
      const errors = validateContent(full, { complete: true });
      return reply.page(
        `Vérifier « ${sheet.content.title ?? 'Sans titre'} »`,
        <CheckPage sheet={sheet} errors={errors} actions={actions} canSave={canSave} />,
        {
          breadcrumbs: [
            LIBRARY_CRUMB,
            { href: svc.sheetPath(sheet), label: sheet.content.title ?? 'Fiche' },
            { label: 'Vérifier' },
          ],
        },
      );
    });

    function stepOf(request: FastifyRequest) {
      const slug = String((request.params as any).step);
      const step = FORM_STEPS.find((s) => s.slug === slug);
      if (!step) throw notFound('Cette étape n’existe pas.');
      return step;
    }

    app.get('/bibliotheque/:ref/modifier/:step', async (request, reply) => {
      const user = requireUser(request);
      const step = stepOf(request);
      const { sheet, canSave, path } = await svc.editable(user, sheetId(request));
      if (!canSave)
        return reply
          .flash('info', 'La fiche est en relecture : elle ne peut pas être modifiée pour le moment.')
          .redirect(`${path}/verifier`);
      const content = sheet.content as UseCaseContent;
      const required = new Set(FIELDS.filter((f) => isRequired(f, content)).map((f) => f.key as string));
      return reply.page(
        `${step.title} — ${sheet.content.title ?? 'Nouvelle fiche'}`,
        <StepPage sheet={sheet} step={step} values={{}} errors={null} required={required} />,
        {
          scripts: [FORM_SCRIPT],
          breadcrumbs: [LIBRARY_CRUMB, { href: path, label: sheet.content.title ?? 'Fiche' }, { label: step.title }],
        },
      );
    });

    app.post('/bibliotheque/:ref/modifier/:step', async (request, reply) => {
      const user = requireUser(request);
      const step = stepOf(request);
      const id = sheetId(request);
      const form = body(request);
      const version = Number(text(form.version));
      const { values, errors } = readStepForm(step.key, form);
      const render = async (errs: FieldErrors) => {
        const { sheet, path } = await svc.editable(user, id);
        const content = { ...sheet.content, ...values } as UseCaseContent;
        const required = new Set(FIELDS.filter((f) => isRequired(f, content)).map((f) => f.key as string));
        return reply.page(
          `Erreur — ${step.title}`,
          <StepPage sheet={sheet} step={step} values={typedValues(step, form)} errors={errs} required={required} />,
          {
            status: 422,
            scripts: [FORM_SCRIPT],
            breadcrumbs: [LIBRARY_CRUMB, { href: path, label: sheet.content.title ?? 'Fiche' }, { label: step.title }],
          },
        );
      };
      if (Object.keys(errors).length) return render(errors);
      try {
        await svc.save(user, id, version, values);
      } catch (e) {
        if (e instanceof ValidationError) return render((e.fields ?? {}) as FieldErrors);
        if (e instanceof ConflictError && e.details) {
          return reply.page(
            'Modification en conflit',
            <ConflictPage mine={typedValues(step, form)} current={e.details as any} />,
            {
              status: 409,
            },
          );
        }
        throw e;
      }
      const { path } = await svc.editable(user, id);
      if (text(form.suite) === '1') {
        const index = FORM_STEPS.findIndex((s) => s.key === step.key);
        const next = FORM_STEPS[index + 1];
        return reply.redirect(next ? `${path}/modifier/${next.slug}` : `${path}/verifier`);
      }
      return reply.flash('success', 'Brouillon enregistré.').redirect(`${path}/modifier/${step.slug}`);
    });

    /** Autosave (JavaScript): the step's fields as a form body; answers JSON. */
    app.post(
      '/bibliotheque/:ref/brouillon',
      { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const user = requireUser(request);
        const form = body(request);
        const step = FORM_STEPS.find((s) => s.slug === text(form._step));
        if (!step) throw new ValidationError({ _step: 'Étape inconnue.' });
        const { values, errors } = readStepForm(step.key, form);
        if (Object.keys(errors).length) throw new ValidationError(errors as Record<string, string>);
        const saved = await svc.save(user, sheetId(request), Number(text(form.version)), values);
        return reply.send({ version: saved.version, savedAt: new Date().toISOString() });
      },
    );

    app.post('/bibliotheque/:ref/action', async (request, reply) => {
      const user = requireUser(request);
      const id = sheetId(request);
      const form = body(request);
      const action = text(form.action) as WorkflowAction;
      if (!ACTIONS.includes(action)) throw new HttpError(400, 'bad_request', 'Action inconnue.');
      try {
        const row = await svc.act(user, id, action, {
          version: Number(text(form.version)) || null,
          comment: text(form.comment),
          reason: text(form.reason),
        });
        return reply.flash('success', ACTION_DONE[action]!).redirect(svc.sheetPath(row));
      } catch (e) {
        if (e instanceof ValidationError) {
          const message = Object.values(e.fields ?? {})[0] ?? e.message;
          const { path } = await svc.editable(user, id).catch(() => ({ path: `/bibliotheque/${id}` }));
          return reply.flash('error', message).redirect(action === 'submit' ? `${path}/verifier` : path);
        }
        throw e;
      }
    });

    // -- history -----------------------------------------------------------------------------------------------

    app.get('/bibliotheque/:ref/historique', async (request, reply) => {
      const { sheet, versions, path } = await svc.versions(request.user, sheetId(request));
      return reply.page(`Historique — ${sheet.content.title}`, <HistoryPage sheet={sheet} versions={versions} />, {
        breadcrumbs: [LIBRARY_CRUMB, { href: path, label: sheet.content.title ?? 'Fiche' }, { label: 'Historique' }],
      });
    });

    app.get('/bibliotheque/:ref/historique/comparer', async (request, reply) => {
      const q = request.query as Record<string, unknown>;
      const from = Number(text(q.de));
      const to = Number(text(q.a));
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < 1) {
        throw new HttpError(400, 'bad_request', 'Choisissez deux versions à comparer.');
      }
      const data = await svc.compare(request.user, sheetId(request), from, to);
      return reply.page(
        `Comparaison — ${data.sheet.content.title}`,
        <ComparePage sheet={data.sheet} from={data.from} to={data.to} changes={data.changes} />,
        {
          breadcrumbs: [
            LIBRARY_CRUMB,
            { href: data.path, label: data.sheet.content.title ?? 'Fiche' },
            { href: `${data.path}/historique`, label: 'Historique' },
            { label: 'Comparaison' },
          ],
        },
      );
    });

    app.get('/bibliotheque/:ref/historique/:number', async (request, reply) => {
      const number = Number((request.params as any).number);
      if (!Number.isSafeInteger(number) || number < 1) throw notFound('Cette version n’existe pas.');
      const data = await svc.versionContent(request.user, sheetId(request), number);
      return reply.page(
        `Version ${number} — ${data.sheet.content.title}`,
        <VersionPage sheet={data.sheet} version={data.version} />,
        {
          breadcrumbs: [
            LIBRARY_CRUMB,
            { href: data.path, label: data.sheet.content.title ?? 'Fiche' },
            { href: `${data.path}/historique`, label: 'Historique' },
            { label: `Version ${number}` },
          ],
        },
      );
    });

    // -- error reports -------------------------------------------------------------------------------------------

    app.get('/bibliotheque/:ref/signaler', async (request, reply) => {
      const sheet = await svc.get(request.user, sheetId(request));
      return reply.page(
        'Signaler une erreur',
        <ReportPage sheet={sheet} errors={null} values={{ message: '', email: '' }} signedIn={!!request.user} />,
        {
          breadcrumbs: [
            LIBRARY_CRUMB,
            { href: svc.sheetPath(sheet), label: sheet.content.title ?? 'Fiche' },
            { label: 'Signaler une erreur' },
          ],
        },
      );
    });

    app.post(
      '/bibliotheque/:ref/signaler',
      { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const id = sheetId(request);
        const form = body(request);
        const values = { message: text(form.message), email: text(form.email) };
        try {
          await svc.report(request.user, id, values);
        } catch (e) {
          if (e instanceof ValidationError) {
            const sheet = await svc.get(request.user, id);
            return reply.page(
              'Erreur — Signaler une erreur',
              <ReportPage sheet={sheet} errors={e.fields ?? {}} values={values} signedIn={!!request.user} />,
              {
                status: 422,
              },
            );
          }
          throw e;
        }
        const sheet = await svc.get(request.user, id);
        return reply
          .flash('success', 'Merci : votre signalement est transmis à la collectivité et aux coordinateurs du réseau.')
          .redirect(svc.sheetPath(sheet));
      },
    );

    // -- JSON API ----------------------------------------------------------------------------------------------

    const tags = ['use-cases'];
    const withToken = [{ token: [] }];

    app.get(
      '/api/v1/use-cases',
      {
        schema: {
          tags,
          summary: 'Chercher des fiches publiées',
          description:
            'Mêmes paramètres que la page Bibliothèque : `q`, chaque facette (`theme`, `sous_theme`, `statut`, `technique`, `commun`, `public`, `type`, `region`, `departement`, `annee`, `pays`, `organisation`), `sort`, `page`, `per_page`. Renvoie les fiches, le total et les comptes de chaque facette.',
          querystring: FacetQuerySchema,
          response: { 200: UseCaseListSchema },
        },
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async (request) => {
        const query = parseLibraryQuery(request.query as Record<string, unknown>);
        const result = await svc.search(request.user, query);
        const facets: Record<string, unknown> = {};
        for (const [key] of FACET_TITLES) facets[FACET_PARAMS[key]] = result.facets[key];
        return {
          items: result.items.map((i) => i.sheet),
          total: result.total,
          page: result.page,
          per_page: result.perPage,
          facets,
          suggestion: result.suggestion,
        };
      },
    );

    app.get(
      '/api/v1/use-cases/:ref',
      {
        schema: {
          tags,
          summary: 'Une fiche',
          description:
            'Les champs que l’appelant peut lire (publics sans jeton). Avec `?working=1`, la révision en cours pour la collectivité.',
          response: { 200: PresentedUseCaseSchema, 404: ErrorSchema },
        },
      },
      async (request) =>
        svc.get(request.user, sheetId(request), { working: text((request.query as any).working) === '1' }),
    );

    app.get(
      '/api/v1/use-cases/:ref/versions',
      {
        schema: {
          tags,
          summary: 'Les versions publiées d’une fiche',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({ number: Type.Integer(), published_at: Type.String(), url: Type.String() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { versions } = await svc.versions(request.user, sheetId(request));
        return {
          items: versions.map((v) => ({
            number: v.number,
            published_at: v.publishedAt,
            url: `/api/v1/use-cases/${sheetId(request)}/versions/${v.number}`,
          })),
        };
      },
    );

    app.get(
      '/api/v1/use-cases/:ref/versions/:number',
      {
        schema: {
          tags,
          summary: 'Une version publiée d’une fiche',
          response: {
            200: Type.Object({
              number: Type.Integer(),
              published_at: Type.String(),
              content: UseCaseContentInputSchema,
            }),
          },
        },
      },
      async (request) => {
        const number = Number((request.params as any).number);
        if (!Number.isSafeInteger(number) || number < 1) throw notFound('Cette version n’existe pas.');
        const { version } = await svc.versionContent(request.user, sheetId(request), number);
        return { number: version.number, published_at: version.publishedAt, content: version.content };
      },
    );

    app.post(
      '/api/v1/use-cases',
      {
        schema: {
          tags,
          summary: 'Créer un brouillon',
          description:
            'Pour une collectivité dont l’appelant est membre (jeton de la collectivité). La fiche reste un brouillon jusqu’à sa soumission.',
          security: withToken,
          body: Type.Object({ organisationId: Type.Integer({ minimum: 1 }), content: UseCaseContentInputSchema }),
          response: { 201: PresentedUseCaseSchema, 422: ErrorSchema },
        },
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const input = request.body as { organisationId: number; content: Record<string, unknown> };
        const row = await svc.create(user, input.organisationId, input.content);
        return reply.status(201).send(await svc.get(user, row.id, { working: true }));
      },
    );

    app.patch(
      '/api/v1/use-cases/:ref',
      {
        schema: {
          tags,
          summary: 'Modifier un brouillon (ou commencer une révision d’une fiche publiée)',
          description:
            '`version` : la version lue. Les champs absents restent inchangés. Conflit : 409 avec la version enregistrée.',
          security: withToken,
          body: Type.Object({ version: Type.Integer({ minimum: 1 }), content: UseCaseContentInputSchema }),
          response: { 200: PresentedUseCaseSchema, 409: ErrorSchema, 422: ErrorSchema },
        },
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      },
      async (request) => {
        const user = requireUser(request);
        const id = sheetId(request);
        const input = request.body as { version: number; content: Record<string, unknown> };
        const { values, errors } = readContentPatch(input.content);
        if (Object.keys(errors).length) throw new ValidationError(errors);
        await svc.save(user, id, input.version, values);
        return svc.get(user, id, { working: true });
      },
    );

    app.post(
      '/api/v1/use-cases/:ref/submit',
      {
        schema: {
          tags,
          summary: 'Soumettre une fiche (ou sa révision) pour relecture',
          security: withToken,
          body: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
          response: { 200: PresentedUseCaseSchema, 409: ErrorSchema, 422: ErrorSchema },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const id = sheetId(request);
        await svc.act(user, id, 'submit', { version: (request.body as { version: number }).version });
        return svc.get(user, id, { working: true });
      },
    );

    app.get(
      '/api/v1/reference-lists',
      { schema: { tags: ['reference'], summary: 'Toutes les listes de référence (codes stables et libellés)' } },
      async () =>
        Object.fromEntries(
          Object.entries(REFERENCE_LISTS).map(([key, l]) => [key, { label: l.label, items: l.items }]),
        ),
    );

    app.get(
      '/api/v1/reference-lists/:key',
      { schema: { tags: ['reference'], summary: 'Une liste de référence' } },
      async (request) => {
        const key = String((request.params as any).key) as ReferenceListKey;
        const l = (REFERENCE_LISTS as Record<string, (typeof REFERENCE_LISTS)[ReferenceListKey]>)[key];
        if (!l) throw notFound(`Liste inconnue : ${key}.`);
        return { key, label: l.label, items: l.items };
      },
    );

    app.get(
      '/api/v1/fields',
      { schema: { tags: ['reference'], summary: 'Les champs publics des fiches, documentés' } },
      async () => ({
        items: openDataFieldDocumentation(),
        states: WORKFLOW_STATES,
        public_fields: PUBLIC_FIELDS.length,
      }),
    );
  };
}
