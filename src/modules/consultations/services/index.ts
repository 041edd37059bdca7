/** The consultations' services, built once per module from the platform and the ports. */
import type { Platform } from '../../../platform/platform.ts';
import type { ConsultationsPorts } from '../ports.ts';
import { createConsultationsStore } from '../store.ts';
import { createAnswersService } from './answers.ts';
import { createConsultationsService } from './consultations.ts';

export function createConsultationsServices(platform: Platform, ports: ConsultationsPorts) {
  const store = createConsultationsStore(platform.db, platform.clock);
  return {
    store,
    ports,
    baseUrl: platform.config.baseUrl.replace(/\/$/, ''),
    consultations: createConsultationsService({ platform, store, ports }),
    answers: createAnswersService({ platform, store }),
  };
}

export type ConsultationsServices = ReturnType<typeof createConsultationsServices>;
