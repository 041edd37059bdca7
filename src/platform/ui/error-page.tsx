const TITLES: Record<number, string> = {
  400: 'Demande incorrecte',
  401: 'Connexion nécessaire',
  403: 'Accès refusé',
  404: 'Page introuvable',
  409: 'Modification concurrente',
  410: 'Lien expiré ou révoqué',
  413: 'Fichier trop volumineux',
  422: 'Informations à corriger',
  429: 'Trop de tentatives',
  500: 'Erreur du service',
  503: 'Service indisponible',
};

export function errorTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? TITLES[500]! : TITLES[400]!);
}

/** French error page body; never shows a stack trace. */
export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <div class="error-page">
      <h1>{errorTitle(status)}</h1>
      <p class="lead">{message}</p>
      <p class="meta">Code d'erreur : {status}</p>
      <ul>
        <li>
          <a href="/">Revenir à l'accueil</a>
        </li>
        <li>
          <a href="/bibliotheque">Parcourir la bibliothèque</a>
        </li>
      </ul>
    </div>
  );
}
