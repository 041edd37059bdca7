// Autosave of a library sheet's form step (progressive enhancement: without JavaScript, the step's buttons save).
// A few seconds after the last change, the step's fields are sent to the form's `data-autosave` address; the
// returned version replaces the form's, so the next save (automatic or by button) does not collide with our own.
const form = document.querySelector<HTMLFormElement>('form[data-autosave]');
const status = document.querySelector<HTMLElement>('[data-autosave-status]');

if (form && status) {
  const url = form.dataset.autosave!;
  const step = form.action.split('/').pop() ?? '';
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  const versionInput = form.querySelector<HTMLInputElement>('input[name="version"]');
  let timer: number | undefined;
  let sending = false;
  let pending = false;

  const say = (message: string) => {
    status.hidden = false;
    status.textContent = message;
  };

  async function save() {
    if (sending) {
      pending = true;
      return;
    }
    sending = true;
    const data = new URLSearchParams();
    for (const [k, v] of new FormData(form!)) if (typeof v === 'string') data.append(k, v);
    data.set('_step', step);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'x-csrf-token': csrf,
        },
        body: data,
        credentials: 'same-origin',
      });
      const body = await response.json().catch(() => null);
      if (response.ok && body?.version) {
        if (versionInput) versionInput.value = String(body.version);
        const time = new Date(body.savedAt).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
        say(`Brouillon enregistré automatiquement à ${time}.`);
      } else if (response.status === 409) {
        say('La fiche a été modifiée ailleurs : l’enregistrement automatique est suspendu. Enregistrez pour comparer.');
        form!.removeAttribute('data-autosave');
        return;
      } else if (response.status === 422) {
        say('Certaines valeurs sont à corriger : elles seront vérifiées quand vous enregistrerez.');
      } else {
        say('Enregistrement automatique impossible pour le moment. Pensez à enregistrer.');
      }
    } catch {
      say('Enregistrement automatique impossible (connexion ?). Pensez à enregistrer.');
    } finally {
      sending = false;
      if (pending) {
        pending = false;
        schedule();
      }
    }
  }

  function schedule() {
    if (!form!.hasAttribute('data-autosave')) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 4000);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', () => window.clearTimeout(timer));
}
