/** The services of responsible AI, built once per module from the platform, the store and the ports. */
import type { Platform } from '../../../platform/platform.ts';
import type { EthicsPorts } from '../ports.ts';
import { createEthicsStore } from '../store.ts';
import { createAssessmentService } from './assessments.ts';
import { createConditionsService } from './conditions.ts';
import { createFeedService } from './feed.ts';
import { createNoticeService } from './notices.ts';

export function createEthicsServices(platform: Platform, ports: EthicsPorts) {
  const store = createEthicsStore(platform.db, platform.clock);
  const assessments = createAssessmentService({ platform, store, ports });
  const notices = createNoticeService({ platform, store, ports });
  const conditions = createConditionsService({ platform, store, ports });
  const feed = createFeedService({ store, ports });
  return { store, assessments, notices, conditions, feed };
}

export type EthicsServices = ReturnType<typeof createEthicsServices>;
