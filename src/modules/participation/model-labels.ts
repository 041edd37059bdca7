/** French labels of the history's events (initiative_versions.event). */
const EVENT_LABELS: Record<string, string> = {
  created: 'Brouillon créé',
  drafted_from_census: 'Brouillon créé depuis une réponse au recensement',
  saved: 'Enregistrée',
  revision_started: 'Révision commencée',
  submitted: 'Envoyée en relecture',
  withdrawn: 'Reprise par la collectivité',
  returned: 'Renvoyée avec un commentaire',
  published: 'Publiée',
  unpublished: 'Retirée de la publication',
  revision_discarded: 'Révision abandonnée',
};

export const eventLabel = (event: string) => EVENT_LABELS[event] ?? event;
