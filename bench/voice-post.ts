// One citizen's message posted through the real form route (bench/voice.ts and bench/voice-profile.ts): person `i`
// (their own address: 10.x.y.9) posts message number `n` with one link, as the moderation rules allow.
import type { TestAgent } from '../test/helpers/app.ts';

export function postContribution(agent: TestAgent, sheetId: number, n: number, i: number) {
  return agent.request({
    method: 'POST',
    url: `/contributions/fiches/${sheetId}`,
    form: {
      _csrf: agent.csrfToken,
      type: 'comment',
      message: `Message ${n} : je trouve utile que la ville explique comment le système est évalué, voir https://exemple.fr/evaluation.`,
      pseudonyme: `Personne ${i}`,
      site_web: '',
    },
    headers: { 'x-forwarded-for': `10.${Math.floor(i / 250)}.${i % 250}.9` },
  });
}
