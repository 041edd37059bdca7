/** The services of responsible AI, built once per module from the platform, the store and the ports. */
import type { Platform } from '../../../platform/platform.ts';
import type { EthicsPorts } from '../ports.ts';
import { createEthicsStore } from '../store.ts';
import { createAssessmentService } from './assessments.ts';
import { createNoticeService } from './notices.ts';

export function createEthicsServices(platform: Platform, ports: EthicsPorts) {
  const store = createEthicsStore(platform.db, platform.clock);
  const assessments = createAssessmentService({ platform, store, ports });
  const notices = createNoticeService({ platform, store, ports });
  return { store, assessments, notices };
}

export type EthicsServices = ReturnType<typeof createEthicsServices>;
