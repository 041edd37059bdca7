/**
 * The French messages this module sends. Pure functions: (links, names) → { subject, text }.
 */
import type { Mail } from '../../platform/mail/mailer.ts';

type Message = Omit<Mail, 'to'>;

const SIGNATURE = [
  '',
  '—',
  'Bibliothèque IA des territoires',
  'Ce message est envoyé automatiquement ; merci de ne pas y répondre.',
].join('\n');

const greeting = (name: string) => (name ? `Bonjour ${name},` : 'Bonjour,');

export function confirmationMail(input: { name: string; link: string }): Message {
  return {
    subject: 'Confirmez votre adresse électronique',
    text: [
      greeting(input.name),
      '',
      'Vous venez de créer un compte sur la Bibliothèque IA des territoires.',
      'Pour confirmer votre adresse électronique, ouvrez ce lien (valable 48 heures, utilisable une seule fois) :',
      '',
      input.link,
      '',
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : aucun compte ne sera activé.",
      SIGNATURE,
    ].join('\n'),
  };
}

export function signUpAttemptMail(input: { name: string; signInLink: string; resetLink: string }): Message {
  return {
    subject: 'Tentative de création de compte avec votre adresse',
    text: [
      greeting(input.name),
      '',
      "Quelqu'un vient d'essayer de créer un compte sur la Bibliothèque IA des territoires avec votre adresse",
      'électronique. Vous avez déjà un compte : aucun nouveau compte n’a été créé.',
      '',
      `Si c'était vous, connectez-vous ici : ${input.signInLink}`,
      `Mot de passe oublié ? Choisissez-en un nouveau ici : ${input.resetLink}`,
      '',
      "Si ce n'était pas vous, vous pouvez ignorer ce message : votre compte n'a pas été modifié.",
      SIGNATURE,
    ].join('\n'),
  };
}

export function resetMail(input: { name: string; link: string }): Message {
  return {
    subject: 'Choisir un nouveau mot de passe',
    text: [
      greeting(input.name),
      '',
      'Une demande de nouveau mot de passe a été faite pour votre compte.',
      'Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, utilisable une seule fois) :',
      '',
      input.link,
      '',
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
      SIGNATURE,
    ].join('\n'),
  };
}

export function magicLinkMail(input: { name: string; link: string; minutes: number }): Message {
  return {
    subject: 'Votre lien de connexion',
    text: [
      greeting(input.name),
      '',
      `Pour vous connecter, ouvrez ce lien (valable ${input.minutes} minutes, utilisable une seule fois) :`,
      '',
      input.link,
      '',
      "Si vous n'avez pas demandé à vous connecter, ignorez ce message : personne ne peut utiliser ce lien sans",
      'accéder à votre messagerie.',
      SIGNATURE,
    ].join('\n'),
  };
}

export function emailChangeMail(input: { name: string; link: string }): Message {
  return {
    subject: 'Confirmez votre nouvelle adresse électronique',
    text: [
      greeting(input.name),
      '',
      'Vous avez demandé à utiliser cette adresse pour votre compte de la Bibliothèque IA des territoires.',
      'Pour confirmer ce changement, ouvrez ce lien (valable 24 heures, utilisable une seule fois) :',
      '',
      input.link,
      '',
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
      SIGNATURE,
    ].join('\n'),
  };
}

export function emailChangedNotice(input: { name: string; newEmail: string }): Message {
  return {
    subject: 'Votre adresse électronique a été modifiée',
    text: [
      greeting(input.name),
      '',
      `L'adresse de votre compte est désormais ${input.newEmail}. Les prochains messages y seront envoyés.`,
      '',
      "Si vous n'êtes pas à l'origine de ce changement, prévenez sans attendre l'administration de la plateforme.",
      SIGNATURE,
    ].join('\n'),
  };
}

export function passwordChangedNotice(input: { name: string; resetLink: string }): Message {
  return {
    subject: 'Votre mot de passe a été modifié',
    text: [
      greeting(input.name),
      '',
      'Le mot de passe de votre compte vient d’être modifié. Toutes les autres sessions ont été fermées.',
      '',
      `Si vous n'êtes pas à l'origine de ce changement, choisissez tout de suite un nouveau mot de passe : ${input.resetLink}`,
      SIGNATURE,
    ].join('\n'),
  };
}
