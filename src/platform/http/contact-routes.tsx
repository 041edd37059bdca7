/**
 * The two routes of « Contacter l'équipe » (GET the form, POST the message) for any page whose team a signed-in
 * person may write to: a sheet, a commons entry, a challenge. The module says where the routes live, what the page is
 * (title, path, who receives the message, breadcrumbs) and how the message is sent; this file does the rest the same
 * way everywhere (422 with the form kept on a validation error, a flash and a redirect to the page once sent).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TSchema } from 'typebox';
import type { CurrentUser } from '../auth/user.ts';
import { CONTACT_FORM, ContactPage } from '../ui/contact-form.tsx';
import { ACCESS } from './access.ts';
import { type FieldErrors, ValidationError } from './errors.ts';
import { requireUser } from './plugin.tsx';

/** The page a message is about, as the form shows it. */
export interface ContactTarget {
  title: string;
  /** The page's own path (the form posts to `${path}/contacter`, and the person comes back to it). */
  path: string;
  /** Who receives it, in words (« les responsables de Ville de Rennes »). */
  recipients: string;
  /** The trail above the form's own crumb (« Contacter »). */
  breadcrumbs: { href?: string; label: string }[];
}

export function contactRoutes(spec: {
  /** The form's route, ending in `/contacter` (« /communs/:id/contacter »). */
  route: string;
  params: TSchema;
  idOf(params: unknown): number;
  /** The page, as `user` may see it (throws 404 / 403 when it has no team to contact). */
  target(user: CurrentUser, id: number): Promise<ContactTarget>;
  /** Sends the message (throws ValidationError with French field messages on bad input or over the limits). */
  send(user: CurrentUser, id: number, values: { objet: string; message: string; site_web: string }): Promise<unknown>;
}): FastifyPluginAsync {
  async function page(
    reply: FastifyReply,
    user: CurrentUser,
    id: number,
    values?: { objet?: string; message?: string },
    errors?: FieldErrors,
  ) {
    const t = await spec.target(user, id);
    return reply.page(
      errors ? 'Erreur — Contacter l’équipe' : 'Contacter l’équipe',
      <ContactPage
        title={t.title}
        recipients={t.recipients}
        action={`${t.path}/contacter`}
        back={t.path}
        values={values}
        errors={errors}
      />,
      { status: errors ? 422 : undefined, breadcrumbs: [...t.breadcrumbs, { label: 'Contacter' }] },
    );
  }

  return async (app) => {
    app.get(
      spec.route,
      { schema: { params: spec.params }, config: { access: ACCESS.signedIn } },
      async (request, reply) => page(reply, requireUser(request), spec.idOf(request.params)),
    );

    app.post(
      spec.route,
      { schema: { params: spec.params, body: CONTACT_FORM.schema }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = spec.idOf(request.params);
        const { values } = CONTACT_FORM.read(request.body);
        try {
          await spec.send(user, id, values);
        } catch (e) {
          if (e instanceof ValidationError) return page(reply, user, id, values, e.fields);
          throw e;
        }
        const { path } = await spec.target(user, id);
        return reply
          .flash('success', 'Votre message est envoyé : l’équipe vous répondra à votre adresse électronique.')
          .redirect(path);
      },
    );
  };
}
