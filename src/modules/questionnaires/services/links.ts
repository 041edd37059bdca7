/**
 * The secret links of campaigns: one personal link per invitation, one public link per campaign (when enabled).
 * A token is derived from a random nonce and the server secret (campaigns.ts `invitationToken`): only its hash is
 * stored, yet a reminder can mail the same link again; renewing draws a new nonce.
 */
import { randomBytes } from 'node:crypto';
import { hashToken } from '../../../platform/auth/tokens.ts';
import { invitationToken } from '../campaigns.ts';

export interface Links {
  /** The absolute personal link of an invitation. */
  invitation(inv: { campaignId: number; organisationId: number; nonce: string }): string;
  /** The token of a campaign's public link, or null when it has none. */
  publicToken(campaign: { id: number; publicTokenNonce: string | null }): string | null;
  /** The absolute public link of a campaign, or null. */
  publicLink(campaign: { id: number; publicTokenNonce: string | null }): string | null;
  /** A fresh personal secret for an invitation: its nonce, and the hash of the token it derives. */
  newInvitationSecret(campaignId: number, organisationId: number): { nonce: string; tokenHash: string };
  /** A fresh public secret for a campaign. */
  newPublicSecret(campaignId: number): { nonce: string; tokenHash: string };
  /** The site's address without a trailing slash. */
  baseUrl: string;
}

const nonce = () => randomBytes(16).toString('base64url');

export function createLinks(config: { baseUrl: string; sessionSecret: string }): Links {
  const baseUrl = config.baseUrl.replace(/\/$/, '');
  const secret = config.sessionSecret;
  const invitationTokenOf = (campaignId: number, organisationId: number, n: string) =>
    invitationToken(secret, `${campaignId}:${organisationId}`, n);
  const publicTokenOf = (campaignId: number, n: string) => invitationToken(secret, `public:${campaignId}`, n);
  const publicToken = (c: { id: number; publicTokenNonce: string | null }) =>
    c.publicTokenNonce ? publicTokenOf(c.id, c.publicTokenNonce) : null;
  return {
    baseUrl,
    invitation: (inv) =>
      `${baseUrl}/recensements/lien/${invitationTokenOf(inv.campaignId, inv.organisationId, inv.nonce)}`,
    publicToken,
    publicLink(c) {
      const token = publicToken(c);
      return token ? `${baseUrl}/recensements/public/${token}` : null;
    },
    newInvitationSecret(campaignId, organisationId) {
      const n = nonce();
      return { nonce: n, tokenHash: hashToken(invitationTokenOf(campaignId, organisationId, n)) };
    },
    newPublicSecret(campaignId) {
      const n = nonce();
      return { nonce: n, tokenHash: hashToken(publicTokenOf(campaignId, n)) };
    },
  };
}
