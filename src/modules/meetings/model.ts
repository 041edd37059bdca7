/**
 * Meetings of the working groups: domain types and pure rules (no I/O) — the meeting form read into a record with
 * Paris time, registration with a capacity and a waiting list, reminders' instants, actions' statuses.
 */
import { formatParis, parisLocalToUtc, utcToParis } from '../../platform/calendar/paris-time.ts';
import { type FormBody, list, text } from '../../platform/http/form.ts';

export const VISIBILITIES = ['public', 'members'] as const;
export type MeetingVisibility = (typeof VISIBILITIES)[number];
export const VISIBILITY_LABELS: Record<MeetingVisibility, string> = {
  public: 'Publique : dans l’agenda du réseau, ouverte à tous',
  members: 'Réservée aux membres du groupe',
};

export type MeetingStatus = 'scheduled' | 'cancelled';
export const MODES = ['in_person', 'remote'] as const;
export type AttendanceMode = (typeof MODES)[number];
export const MODE_LABELS: Record<AttendanceMode, string> = { in_person: 'Sur place', remote: 'À distance' };
export type RegistrationStatus = 'registered' | 'waiting' | 'cancelled';

export const ACTION_STATUSES = ['todo', 'in_progress', 'done', 'abandoned'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  todo: 'À faire',
  in_progress: 'En cours',
  done: 'Fait',
  abandoned: 'Abandonnée',
};
export const isOpenAction = (s: ActionStatus) => s === 'todo' || s === 'in_progress';

export const PUBLICATIONS = ['draft', 'members', 'public'] as const;
export type Publication = (typeof PUBLICATIONS)[number];
export const PUBLICATION_LABELS: Record<Publication, string> = {
  draft: 'Brouillon (pilotes seulement)',
  members: 'Publié aux membres du groupe',
  public: 'Publié à tous',
};

export interface AgendaItem {
  title: string;
  speakerName: string | null;
  speakerFunction: string | null;
  /** A guest from outside the network. */
  guest: boolean;
}

export interface DocumentLink {
  title: string;
  url: string;
  phase: 'before' | 'after';
}

/** What a lead writes (the form, read). */
export interface MeetingInput {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  videoUrl: string | null;
  visibility: MeetingVisibility;
  capacity: number | null;
  agenda: AgendaItem[];
  documents: DocumentLink[];
}

export interface MeetingRecord extends MeetingInput {
  id: number;
  groupId: number;
  status: MeetingStatus;
  sequence: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RegistrationRecord {
  id: number;
  meetingId: number;
  userId: number;
  status: RegistrationStatus;
  mode: AttendanceMode;
  attended: boolean | null;
  createdAt: string;
}

export interface MinutesRevision {
  id: number;
  meetingId: number;
  revision: number;
  body: string;
  publication: Publication;
  authorId: number | null;
  createdAt: string;
}

export interface ActionRecord {
  id: number;
  meetingId: number;
  groupId: number;
  title: string;
  ownerId: number | null;
  dueDate: string | null;
  status: ActionStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const meetingPath = (id: number) => `/reunions/${id}`;
export const MAX_AGENDA_ITEMS = 30;
export const MAX_DOCUMENTS = 20;
const MAX_DURATION_MINUTES = 12 * 60;

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

/** « 1 h 30 », « 45 min ». */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

export const durationOf = (m: { startsAt: string; endsAt: string }) =>
  Math.round((Date.parse(m.endsAt) - Date.parse(m.startsAt)) / 60_000);

/** The meeting's time as people read it: « vendredi 4 février 2022 à 11 h 00 (heure de Paris, UTC+1) ». */
export const whenOf = (m: { startsAt: string }) => formatParis(m.startsAt);

/** The form's values as strings (to re-display what was typed, or to fill the edit form from a record). */
export interface MeetingFormValues {
  titre: string;
  description: string;
  date: string;
  heure: string;
  heure_fin: string;
  heure_ambigue: string;
  lieu: string;
  visio: string;
  visibilite: string;
  capacite: string;
  agenda: { titre: string; intervenant: string; fonction: string; invite: boolean }[];
  documents: { titre: string; url: string; moment: string }[];
}

export function formValuesOfRecord(m: MeetingRecord): MeetingFormValues {
  const start = utcToParis(m.startsAt);
  const end = utcToParis(m.endsAt);
  return {
    titre: m.title,
    description: m.description,
    date: start.date,
    heure: start.time,
    heure_fin: end.time,
    heure_ambigue: '',
    lieu: m.place ?? '',
    visio: m.videoUrl ?? '',
    visibilite: m.visibility,
    capacite: m.capacity == null ? '' : String(m.capacity),
    agenda: m.agenda.map((a) => ({
      titre: a.title,
      intervenant: a.speakerName ?? '',
      fonction: a.speakerFunction ?? '',
      invite: a.guest,
    })),
    documents: m.documents.map((d) => ({ titre: d.title, url: d.url, moment: d.phase })),
  };
}

/** The repeated rows of the form (agenda items and documents are sent as parallel lists with a row index). */
export function formValuesOf(body: FormBody): MeetingFormValues {
  const rows = (prefix: string, names: string[]) => {
    const max = Math.max(0, ...names.map((n) => rawList(body, `${prefix}_${n}`).length));
    return Array.from({ length: Math.min(max, 50) }, (_, i) =>
      Object.fromEntries(names.map((n) => [n, rawList(body, `${prefix}_${n}`)[i] ?? ''])),
    );
  };
  const agendaInvites = new Set(list(body, 'agenda_invite'));
  return {
    titre: text(body, 'titre'),
    description: text(body, 'description'),
    date: text(body, 'date'),
    heure: text(body, 'heure'),
    heure_fin: text(body, 'heure_fin'),
    heure_ambigue: text(body, 'heure_ambigue'),
    lieu: text(body, 'lieu'),
    visio: text(body, 'visio'),
    visibilite: text(body, 'visibilite'),
    capacite: text(body, 'capacite'),
    agenda: rows('agenda', ['titre', 'intervenant', 'fonction']).map((r, i) => ({
      titre: r.titre!,
      intervenant: r.intervenant!,
      fonction: r.fonction!,
      invite: agendaInvites.has(String(i)),
    })),
    documents: rows('document', ['titre', 'url', 'moment']).map((r) => ({
      titre: r.titre!,
      url: r.url!,
      moment: r.moment!,
    })),
  };
}

/** Every value of a repeated field, empty ones included (rows are aligned by position). */
function rawList(body: FormBody, name: string): string[] {
  const v = body[name];
  const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return values.map((x) => (typeof x === 'string' ? x : ''));
}

const AMBIGUOUS_CHOICES = { earlier: 'earlier', later: 'later' } as const;

/**
 * Reads the meeting form: every wrong field gets its French message. `nowIso`: a new meeting may not start in the
 * past (`creating`). Times are Paris wall-clock times; the skipped hour of March is refused, the repeated hour of
 * October needs an explicit choice (« heure_ambigue »: earlier = summer time, later = winter time).
 */
export function readMeetingForm(
  values: MeetingFormValues,
  options: { nowIso: string; creating: boolean },
): { input: MeetingInput | null; errors: Record<string, string>; ambiguous: boolean } {
  const errors: Record<string, string> = {};
  let ambiguous = false;
  const title = values.titre.trim();
  if (!title) errors.titre = 'Indiquez le titre de la réunion.';
  else if (title.length > 200) errors.titre = `Le titre : 200 caractères au plus (${title.length} saisis).`;
  const description = values.description.trim();
  if (description.length > 5000) errors.description = 'La présentation : 5 000 caractères au plus.';

  const choice = AMBIGUOUS_CHOICES[values.heure_ambigue as keyof typeof AMBIGUOUS_CHOICES] ?? (undefined as undefined);
  const at = (time: string, field: string, label: string): string | null => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) return null;
    if (!time) {
      errors[field] = `Indiquez l’heure de ${label} (heure de Paris).`;
      return null;
    }
    const r = parisLocalToUtc(values.date, time, choice);
    if (r.ok) return r.utc;
    if (r.reason === 'nonexistent')
      errors[field] =
        `L’heure de ${label} ${time} n’existe pas à Paris ce jour-là (passage à l’heure d’été : les horloges passent de 2 h à 3 h). Choisissez une autre heure.`;
    else if (r.reason === 'ambiguous') {
      ambiguous = true;
      errors[field] =
        `L’heure de ${label} ${time} existe deux fois à Paris ce jour-là (passage à l’heure d’hiver). Précisez laquelle : la première (heure d’été, UTC+2) ou la seconde (heure d’hiver, UTC+1).`;
    } else errors[field] = `L’heure de ${label} doit être au format HH:MM (par exemple 14:30).`;
    return null;
  };
  if (!values.date) errors.date = 'Indiquez la date de la réunion.';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || !parisLocalToUtc(values.date, '12:00').ok)
    errors.date = 'La date doit être une date réelle au format AAAA-MM-JJ (par exemple 2027-03-28).';
  const startsAt = at(values.heure, 'heure', 'début');
  let endsAt = at(values.heure_fin, 'heure_fin', 'fin');
  if (startsAt && endsAt) {
    if (endsAt <= startsAt) errors.heure_fin = 'La réunion doit finir après son début : vérifiez l’heure de fin.';
    else if (Date.parse(endsAt) - Date.parse(startsAt) > MAX_DURATION_MINUTES * 60_000)
      errors.heure_fin = 'Une réunion dure 12 heures au plus.';
  }
  if (startsAt && options.creating && startsAt <= options.nowIso)
    errors.date = 'La réunion ne peut pas commencer dans le passé : choisissez une date et une heure à venir.';
  if (errors.heure_fin) endsAt = null;

  const place = values.lieu.trim() || null;
  const videoUrl = values.visio.trim() || null;
  if (place && place.length > 300) errors.lieu = 'Le lieu : 300 caractères au plus.';
  if (videoUrl && !isHttpUrl(videoUrl))
    errors.visio = 'Le lien de visioconférence doit être une adresse web complète (https://…).';
  if (!place && !videoUrl && !errors.visio) errors.lieu = 'Indiquez un lieu, un lien de visioconférence, ou les deux.';
  const visibility = (VISIBILITIES as readonly string[]).includes(values.visibilite)
    ? (values.visibilite as MeetingVisibility)
    : null;
  if (!visibility) errors.visibilite = 'Choisissez qui voit la réunion.';
  let capacity: number | null = null;
  const cap = values.capacite.trim();
  if (cap) {
    if (!/^\d{1,6}$/.test(cap) || Number(cap) < 1)
      errors.capacite = 'La capacité doit être un nombre entier d’au moins 1 (ou vide : sans limite).';
    else capacity = Number(cap);
  }

  const agenda: AgendaItem[] = [];
  values.agenda.forEach((row, i) => {
    const t = row.titre.trim();
    const speaker = row.intervenant.trim();
    const fn = row.fonction.trim();
    if (!t && !speaker && !fn) return;
    if (!t) errors[`agenda_titre_${i}`] = `Point ${i + 1} de l’ordre du jour : indiquez son intitulé.`;
    else if (t.length > 300) errors[`agenda_titre_${i}`] = `Point ${i + 1} : 300 caractères au plus.`;
    if (row.invite && !speaker)
      errors[`agenda_intervenant_${i}`] = `Point ${i + 1} : indiquez le nom de l’intervenant invité.`;
    agenda.push({ title: t, speakerName: speaker || null, speakerFunction: fn || null, guest: row.invite });
  });
  if (agenda.length > MAX_AGENDA_ITEMS) errors.agenda = `L’ordre du jour : ${MAX_AGENDA_ITEMS} points au plus.`;
  const documents: DocumentLink[] = [];
  values.documents.forEach((row, i) => {
    const t = row.titre.trim();
    const url = row.url.trim();
    if (!t && !url) return;
    if (!t) errors[`document_titre_${i}`] = `Document ${i + 1} : indiquez son titre.`;
    if (!isHttpUrl(url))
      errors[`document_url_${i}`] = `Document ${i + 1} : indiquez une adresse web complète (https://…).`;
    documents.push({ title: t, url, phase: row.moment === 'after' ? 'after' : 'before' });
  });
  if (documents.length > MAX_DOCUMENTS) errors.documents = `Documents : ${MAX_DOCUMENTS} au plus.`;

  if (Object.keys(errors).length || !startsAt || !endsAt || !visibility) return { input: null, errors, ambiguous };
  return {
    input: { title, description, startsAt, endsAt, place, videoUrl, visibility, capacity, agenda, documents },
    errors,
    ambiguous,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Registration and the waiting list
// ---------------------------------------------------------------------------------------------------------------

export type RegistrationRefusal = 'cancelled' | 'past' | 'already_registered' | 'already_waiting';
export const REFUSAL_MESSAGES: Record<RegistrationRefusal, string> = {
  cancelled: 'Cette réunion est annulée : les inscriptions sont fermées.',
  past: 'Cette réunion a déjà commencé : les inscriptions sont closes.',
  already_registered: 'Vous êtes déjà inscrit·e à cette réunion.',
  already_waiting: 'Vous êtes déjà sur la liste d’attente de cette réunion.',
};

/** Active registrations (registered + waiting), in the order they came. */
const byArrival = (a: RegistrationRecord, b: RegistrationRecord) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id;

export function seatsTaken(regs: readonly RegistrationRecord[]): number {
  return regs.filter((r) => r.status === 'registered').length;
}

/**
 * Whether a person may register now and with which status: a seat while the capacity is not reached, else the
 * waiting list. Refused when the meeting is cancelled or has started, or when the person is already on a list.
 */
export function decideRegistration(
  meeting: Pick<MeetingRecord, 'status' | 'startsAt' | 'capacity'>,
  regs: readonly RegistrationRecord[],
  userId: number,
  nowIso: string,
): { ok: true; status: 'registered' | 'waiting' } | { ok: false; refusal: RegistrationRefusal } {
  if (meeting.status === 'cancelled') return { ok: false, refusal: 'cancelled' };
  if (meeting.startsAt <= nowIso) return { ok: false, refusal: 'past' };
  const own = regs.find((r) => r.userId === userId && r.status !== 'cancelled');
  if (own) return { ok: false, refusal: own.status === 'registered' ? 'already_registered' : 'already_waiting' };
  if (meeting.capacity != null && seatsTaken(regs) >= meeting.capacity) return { ok: true, status: 'waiting' };
  return { ok: true, status: 'registered' };
}

/** The waiting registrations to move up now (first come, first served) so that the seats are filled. */
export function promotions(capacity: number | null, regs: readonly RegistrationRecord[]): RegistrationRecord[] {
  const waiting = regs.filter((r) => r.status === 'waiting').sort(byArrival);
  const free = capacity == null ? waiting.length : Math.max(0, capacity - seatsTaken(regs));
  return waiting.slice(0, free);
}

/** A person's place on the waiting list (1 = next), or null. */
export function waitingRank(regs: readonly RegistrationRecord[], userId: number): number | null {
  const waiting = regs.filter((r) => r.status === 'waiting').sort(byArrival);
  const i = waiting.findIndex((r) => r.userId === userId);
  return i < 0 ? null : i + 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------------------------

export const REMINDER_KINDS = { '7d': 7, '1d': 1 } as const;
export type ReminderKind = keyof typeof REMINDER_KINDS;

/** When each reminder goes: 7 days and 1 day before the start; those already past are left out. */
export function reminderTimes(startsAt: string, nowIso: string): { kind: ReminderKind; runAt: string }[] {
  const start = Date.parse(startsAt);
  return (Object.entries(REMINDER_KINDS) as [ReminderKind, number][])
    .map(([kind, days]) => ({ kind, runAt: new Date(start - days * 86_400_000).toISOString() }))
    .filter((r) => r.runAt > nowIso);
}

/** The changes that calendars must learn (a new SEQUENCE): time, place, link, title, status. */
export function calendarChanged(a: MeetingInput, b: MeetingInput): boolean {
  return (
    a.startsAt !== b.startsAt ||
    a.endsAt !== b.endsAt ||
    a.place !== b.place ||
    a.videoUrl !== b.videoUrl ||
    a.title !== b.title ||
    a.description !== b.description
  );
}

/** An action is overdue once its due date (a Paris calendar day) has passed. */
export function isOverdue(a: Pick<ActionRecord, 'status' | 'dueDate'>, nowIso: string): boolean {
  if (!a.dueDate || !isOpenAction(a.status)) return false;
  return a.dueDate < utcToParis(nowIso).date;
}
