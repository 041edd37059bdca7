/**
 * « Contacter l'équipe »: the limits, the form fields and the page shared by every module that lets a signed-in
 * person write to the people behind a page (a sheet's authority, a commons entry's maintainers). The sending itself
 * is the organisations module's `contactEditors`; this file only shows the form.
 */

import type { FieldErrors } from '../http/errors.ts';
import { formFields, textField } from '../http/form.ts';
import { Button, bindFields, ErrorSummary, PostForm, TextArea, TextInput } from './components.tsx';

export const CONTACT_LIMITS = { subjectMax: 150, textMin: 20, textMax: 3000, linksMax: 2, perHour: 5 } as const;

/** The form's fields; `site_web` is a trap hidden from people (a robot that fills it is refused). */
export const CONTACT_FORM = formFields({
  objet: textField('Objet', { trim: false }),
  message: textField('Votre message', { trim: false }),
  site_web: textField('Site web', { trim: false }),
});

export function ContactPage(props: {
  /** What the message is about (« Prévision des consommations d’eau »). */
  title: string;
  /** Who receives it, in words (« les responsables de Ville de Rennes »). */
  recipients: string;
  action: string;
  back: string;
  values?: { objet?: string; message?: string };
  errors?: FieldErrors;
}) {
  const field = bindFields(props.values ?? {}, props.errors);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Contacter l’équipe</h1>
      <p class="lead">
        À propos de « {props.title} ». Votre message est transmis à {props.recipients} par la plateforme : leurs
        adresses ne vous sont pas montrées, et la vôtre leur est donnée pour qu’ils vous répondent directement.
      </p>
      <PostForm action={props.action}>
        <TextInput
          {...field('objet')}
          label="Objet"
          hint={`${CONTACT_LIMITS.subjectMax} caractères au plus.`}
          required
        />
        <TextArea
          {...field('message')}
          label="Votre message"
          hint={`De ${CONTACT_LIMITS.textMin} à ${CONTACT_LIMITS.textMax} caractères, ${CONTACT_LIMITS.linksMax} liens au plus. Au plus ${CONTACT_LIMITS.perHour} messages par heure.`}
          rows={8}
          required
        />
        <div hidden>
          <label for="champ-site_web">Ne remplissez pas ce champ</label>
          <input id="champ-site_web" name="site_web" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <Button type="submit">Envoyer le message</Button>
      </PostForm>
      <p>
        <a href={props.back}>Revenir à la page sans envoyer</a>
      </p>
    </>
  );
}
