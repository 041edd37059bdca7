/**
 * The moderation pages: the queue and its decisions (editors of an authority for its targets, coordinators for all),
 * the pre-moderation setting (editors), the blocked people and the blocklist of words (coordinators).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, integerField, textField } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import type { VoiceServices } from '../services/index.ts';
import { ModerationPage, WordsPage } from '../views/pages.tsx';

/** Editors (of any authority: their own messages), coordinators and administrators. */
export const MODERATORS = ['editor', 'other_editor', 'coordinator', 'admin'] as const;

const DECISION_FORM = formFields({ decision: textField('Décision'), raison: textField('Raison') });
const SETTINGS_FORM = formFields({
  organisation: integerField('Organisme', { required: true, min: 1 }),
  mode: textField('Réglage'),
});
const WORD_FORM = formFields({ mot: textField('Terme à refuser') });
const CRUMB = { href: '/moderation', label: 'Modération' };

export function moderationRoutes({ services }: { services: VoiceServices }): FastifyPluginAsync {
  const { moderation } = services;

  async function queuePage(reply: FastifyReply, user: CurrentUser, errors?: FieldErrors) {
    const items = await moderation.queue(user);
    const settings = await moderation.settingsOf(user);
    const blocked = can(user, 'voice.administer') ? await moderation.blockedPeople(user) : null;
    return reply.page(
      errors ? 'Erreur — Modération des contributions' : 'Modération des contributions',
      <ModerationPage items={items} settings={settings} blocked={blocked} errors={errors} />,
      { status: errors ? 422 : undefined },
    );
  }

  async function wordsPage(reply: FastifyReply, user: CurrentUser, value?: string, errors?: FieldErrors) {
    return reply.page(
      errors ? 'Erreur — Termes refusés' : 'Termes refusés d’office',
      <WordsPage words={await moderation.words(user)} value={value} errors={errors} />,
      { status: errors ? 422 : undefined, breadcrumbs: [CRUMB, { label: 'Termes refusés' }] },
    );
  }

  return async (app) => {
    app.get('/moderation', { schema: {}, config: { access: MODERATORS } }, async (request, reply) =>
      queuePage(reply, requireUser(request)),
    );

    app.post(
      '/moderation/messages/:id',
      { schema: { params: IdParams, body: DECISION_FORM.schema }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const { values } = DECISION_FORM.read(request.body);
        try {
          const { decision } = await moderation.decide(user, id, values.decision, values.raison);
          const done = {
            approve: 'Message validé et publié.',
            hide: 'Message masqué ; la raison est envoyée à son auteur.',
            block: 'Message masqué et personne bloquée ; la raison lui est envoyée.',
          }[decision];
          return reply.flash('success', done).redirect('/moderation');
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          const fields = Object.fromEntries(
            Object.entries(e.fields ?? {}).map(([k, v]) => [k === 'raison' ? `raison-${id}` : k, v]),
          );
          return queuePage(reply, user, fields);
        }
      },
    );

    app.post(
      '/moderation/reglages',
      { schema: { body: SETTINGS_FORM.schema }, config: { access: ['editor'] } },
      async (request, reply) => {
        const user = requireUser(request);
        const { values } = SETTINGS_FORM.read(request.body);
        try {
          await moderation.setPremoderation(user, values.organisation ?? 0, values.mode);
        } catch (e) {
          if (e instanceof ValidationError) return queuePage(reply, user, e.fields);
          throw e;
        }
        return reply.flash('success', 'Réglage de pré-modération enregistré.').redirect('/moderation');
      },
    );

    app.post(
      '/moderation/personnes/:id/debloquer',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        await moderation.unblock(requireUser(request), idOf(request.params));
        return reply.flash('success', 'La personne peut de nouveau contribuer.').redirect('/moderation');
      },
    );

    app.get('/moderation/mots', { schema: {}, config: { access: ACCESS.coordinators } }, async (request, reply) =>
      wordsPage(reply, requireUser(request)),
    );

    app.post(
      '/moderation/mots',
      { schema: { body: WORD_FORM.schema }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const user = requireUser(request);
        const { values } = WORD_FORM.read(request.body);
        try {
          const word = await moderation.addWord(user, values.mot);
          return reply.flash('success', `« ${word} » est ajouté à la liste.`).redirect('/moderation/mots');
        } catch (e) {
          if (e instanceof ValidationError) return wordsPage(reply, user, values.mot, e.fields);
          throw e;
        }
      },
    );

    app.post(
      '/moderation/mots/:id/supprimer',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const word = await moderation.removeWord(requireUser(request), idOf(request.params));
        return reply.flash('success', `« ${word} » est retiré de la liste.`).redirect('/moderation/mots');
      },
    );
  };
}
