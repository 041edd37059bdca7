/** What the pages of meetings are rendered from (built by http/present.ts from records). */
import type {
  ActionRecord,
  AgendaItem,
  AttendanceMode,
  DocumentLink,
  MeetingStatus,
  MeetingVisibility,
  MinutesRevision,
  RegistrationStatus,
} from '../model.ts';

export interface MeetingCard {
  id: number;
  path: string;
  title: string;
  groupName: string;
  groupPath: string | null;
  when: string;
  duration: string;
  place: string | null;
  remote: boolean;
  visibility: MeetingVisibility;
  status: MeetingStatus;
}

export interface MeetingView extends MeetingCard {
  groupId: number;
  description: string;
  videoUrl: string | null;
  agenda: AgendaItem[];
  documents: DocumentLink[];
  capacity: number | null;
  seatsTaken: number;
  waitingCount: number;
  version: number;
  past: boolean;
  /** The reader's registration, when they have one. */
  mine: { status: RegistrationStatus; mode: AttendanceMode; rank: number | null } | null;
  canRegister: boolean;
  /** Signed in: a visitor gets a sign-in link instead of the form. */
  signedIn: boolean;
  leads: boolean;
  /** Leads: registrations with names (attendance). */
  registrations: {
    userId: number;
    name: string;
    status: RegistrationStatus;
    mode: AttendanceMode;
    attended: boolean | null;
  }[];
  minutes: MinutesRevision | null;
  minutesCount: number;
  decisions: string[];
  actions: (ActionRecord & { ownerName: string | null; overdue: boolean; mayUpdate: boolean })[];
  members: { userId: number; name: string }[];
}
