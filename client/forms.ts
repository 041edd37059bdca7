// Answering a form (forms engine island), enhanced: questions appear and disappear as answers change (the same
// condition code as the server: src/modules/forms/conditions.ts), and every change is saved automatically (autosave) with
// the response's version, so that two agents never overwrite each other silently. Without this script, the page
// works the same way through its buttons.
// Served as /assets/forms.js and, for the pages that name it so, /assets/questionnaire.js (client/questionnaire.ts).
import {
  type Answers,
  type AnswerValue,
  applyForm,
  type Form,
  type FormBody,
  pageKeys,
  sameAnswer,
  visibleElementIds,
} from '../src/modules/forms/browser.ts';

interface PageData {
  questionnaire: Form;
  answers: Answers;
  pageId: string;
}

const SAVE_DELAY_MS = 800;

function readBody(form: HTMLFormElement): FormBody {
  const body: FormBody = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value !== 'string') continue;
    const previous = body[name];
    body[name] =
      previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous as string, value];
  }
  return body;
}

function enhance(form: HTMLFormElement) {
  const dataNode = document.getElementById('questionnaire-data');
  if (!dataNode?.textContent) return;
  const data = JSON.parse(dataNode.textContent) as PageData;
  const { questionnaire, pageId } = data;
  const keys = pageKeys(questionnaire, pageId);
  const status = form.querySelector<HTMLElement>('[data-autosave-status]');
  const versionField = form.querySelector<HTMLInputElement>('input[name="_version"]');
  const baseField = form.querySelector<HTMLInputElement>('input[name="_base"]');
  const endpoint = form.dataset.autosave;
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  let version = Number(form.dataset.version ?? '0');
  /** The page's answers as last saved (what the server has, as far as we know). */
  let saved: Answers = { ...data.answers };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let again = false;

  const current = (): Answers => applyForm(questionnaire, data.answers, readBody(form), { pageId });

  function refreshVisibility(answers: Answers) {
    const visible = visibleElementIds(questionnaire, answers);
    for (const block of form.querySelectorAll<HTMLElement>('[data-element]')) {
      const id = block.dataset.element!;
      const show = visible.has(id);
      if (block.hidden === show) block.hidden = !show;
    }
  }

  function say(text: string) {
    if (status) status.textContent = text;
  }

  function showConflicts(conflicts: { key: string; yours?: AnswerValue; theirs?: AnswerValue }[]) {
    if (!conflicts.length) return;
    let notice = document.getElementById('conflits-autosave');
    if (!notice) {
      notice = document.createElement('div');
      notice.id = 'conflits-autosave';
      notice.className = 'notice notice-warning';
      notice.setAttribute('role', 'alert');
      form.before(notice);
    }
    const labels = conflicts.map((c) => {
      const id = c.key.replace(/\.other$/, '');
      const q = questionnaire.pages.flatMap((p) => p.elements).find((e) => e.id === id);
      return q && q.type !== 'info' ? q.label : c.key;
    });
    notice.textContent = `Quelqu’un a modifié en même temps que vous : ${labels.join(' ; ')}. Sa réponse est conservée ; rechargez la page pour la voir, puis saisissez de nouveau la vôtre si elle est la bonne.`;
  }

  async function save() {
    if (!endpoint) return;
    if (inFlight) {
      again = true;
      return;
    }
    const answers = current();
    const patch: Record<string, AnswerValue | null> = {};
    for (const key of keys) {
      const q = questionnaire.pages.flatMap((p) => p.elements).find((e) => e.id === key);
      if (q?.type === 'file') continue;
      if (!sameAnswer(answers[key], saved[key])) patch[key] = answers[key] ?? null;
    }
    if (!Object.keys(patch).length) return;
    inFlight = true;
    say('Enregistrement…');
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ baseVersion: version, answers: patch, page: pageId }),
        credentials: 'same-origin',
      });
      const result = await response.json().catch(() => null);
      if (!response.ok) {
        say(
          result?.error?.message ??
            'Vos dernières modifications n’ont pas pu être enregistrées. Utilisez le bouton « Enregistrer ».',
        );
        return;
      }
      version = result.version;
      saved = { ...saved, ...result.answers };
      for (const key of keys) if (!(key in result.answers)) delete saved[key];
      if (versionField) versionField.value = String(version);
      if (baseField) {
        const base: Answers = {};
        for (const key of keys) if (saved[key] !== undefined) base[key] = saved[key];
        baseField.value = JSON.stringify(base);
      }
      showConflicts(result.conflicts ?? []);
      const time = new Date(result.savedAt).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
      say(`Réponses enregistrées à ${time}.`);
    } catch {
      say('Hors connexion : vos dernières modifications seront enregistrées dès que possible.');
      again = true;
      setTimeout(schedule, 5000);
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  }

  const onChange = () => {
    refreshVisibility(current());
    schedule();
  };
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);
  // Leaving the page: save what is pending (best effort; the buttons save too).
  window.addEventListener('pagehide', () => {
    if (timer) {
      clearTimeout(timer);
      void save();
    }
  });
  refreshVisibility(current());
}

const form = document.querySelector<HTMLFormElement>('form[data-answer-form]');
if (form) enhance(form);
