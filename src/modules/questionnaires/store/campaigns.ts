/** Campaigns and their invitations (one per invited organisation), with the follow-up of the responses. */
import { sql } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { frenchSortKey } from '../../../platform/text/sort-key.ts';
import type { Campaign, Invitation, OrganisationSnapshot } from '../records.ts';
import { toCampaign, toInvitation } from './mappers.ts';

export type NewCampaign = Omit<Campaign, 'id' | 'createdAt' | 'updatedAt' | 'invitationsSentAt' | 'launchedAt'>;

export type CampaignPatch = Partial<{
  title: string;
  description: string;
  closesAt: string;
  closedAt: string | null;
  versionId: number;
  resultsPublic: boolean;
  libraryAuto: boolean;
  publicTokenHash: string | null;
  publicTokenNonce: string | null;
  invitationsSentAt: string;
  launchedAt: string;
  reminderDays: number[];
}>;

export type NewInvitation = OrganisationSnapshot & {
  campaignId: number;
  nonce: string;
  tokenHash: string;
  expiresAt: string;
  contactEmails: string[];
  /** Ids of the networks the organisation belongs to. */
  networks: number[];
  recipientCount: number;
};

export type InvitationPatch = Partial<{
  revokedAt: string | null;
  nonce: string;
  tokenHash: string;
  expiresAt: string;
  sentAt: string;
}>;

export function createCampaignStore(db: Db, clock: Clock) {
  return {
    async insertCampaign(input: NewCampaign, trx: Db = db): Promise<number> {
      const at = clock.iso();
      const row = await trx
        .insertInto('campaigns')
        .values({
          questionnaire_id: input.questionnaireId,
          version_id: input.versionId,
          title: input.title,
          description: input.description,
          opens_at: input.opensAt,
          closes_at: input.closesAt,
          closed_at: input.closedAt,
          targets: JSON.stringify(input.targets),
          public_token_hash: input.publicTokenHash,
          public_token_nonce: input.publicTokenNonce,
          results_public: input.resultsPublic ? 1 : 0,
          library_auto: input.libraryAuto ? 1 : 0,
          reminder_days: input.reminderDays.join(','),
          responses_mode: input.responsesMode,
          launched_at: null,
          created_by: input.createdBy,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async findCampaign(id: number, trx: Db = db): Promise<Campaign | null> {
      const row = await trx.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toCampaign(row) : null;
    },

    /** Campaigns, latest opening first. */
    async listCampaigns(filter: { questionnaireId?: number } = {}): Promise<Campaign[]> {
      let q = db.selectFrom('campaigns').selectAll();
      if (filter.questionnaireId) q = q.where('questionnaire_id', '=', filter.questionnaireId);
      const rows = await q.orderBy('opens_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toCampaign);
    },

    async updateCampaign(id: number, patch: CampaignPatch, trx: Db = db): Promise<void> {
      await trx
        .updateTable('campaigns')
        .set({
          updated_at: clock.iso(),
          title: patch.title,
          description: patch.description,
          closes_at: patch.closesAt,
          closed_at: patch.closedAt,
          version_id: patch.versionId,
          results_public: patch.resultsPublic === undefined ? undefined : patch.resultsPublic ? 1 : 0,
          library_auto: patch.libraryAuto === undefined ? undefined : patch.libraryAuto ? 1 : 0,
          public_token_hash: patch.publicTokenHash,
          public_token_nonce: patch.publicTokenNonce,
          invitations_sent_at: patch.invitationsSentAt,
          reminder_days: patch.reminderDays?.join(','),
          launched_at: patch.launchedAt,
        })
        .where('id', '=', id)
        .execute();
    },

    // -- invitations ----------------------------------------------------------------------------------------------

    async insertInvitations(rows: NewInvitation[], trx: Db = db): Promise<void> {
      const at = clock.iso();
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('invitations')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              campaign_id: r.campaignId,
              organisation_id: r.organisationId,
              organisation_name: r.organisationName,
              organisation_type: r.organisationType,
              region_code: r.regionCode,
              departement_code: r.departementCode,
              contact_emails: JSON.stringify(r.contactEmails),
              sort_key: frenchSortKey(r.organisationName),
              networks: r.networks.length ? `,${r.networks.join(',')},` : '',
              recipient_count: r.recipientCount,
              nonce: r.nonce,
              token_hash: r.tokenHash,
              expires_at: r.expiresAt,
              created_at: at,
            })),
          )
          .execute();
      }
    },

    async findInvitation(id: number, trx: Db = db): Promise<Invitation | null> {
      const row = await trx.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toInvitation(row) : null;
    },

    async findInvitationByHash(hash: string): Promise<Invitation | null> {
      const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row ? toInvitation(row) : null;
    },

    async findInvitationOf(campaignId: number, organisationId: number, trx: Db = db): Promise<Invitation | null> {
      const row = await trx
        .selectFrom('invitations')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      return row ? toInvitation(row) : null;
    },

    /** A campaign's invitations (only `ids` when given), by organisation name. */
    async listInvitations(campaignId: number, ids?: number[]): Promise<Invitation[]> {
      let q = db.selectFrom('invitations').selectAll().where('campaign_id', '=', campaignId);
      if (ids) {
        if (!ids.length) return [];
        q = q.where('id', 'in', ids);
      }
      const rows = await q.orderBy('organisation_name').orderBy('id').execute();
      return rows.map(toInvitation);
    },

    /** Invitations of the organisations someone belongs to, in campaigns of any state (for « Mes recensements »). */
    async invitationsOfOrganisations(organisationIds: number[]): Promise<Invitation[]> {
      if (!organisationIds.length) return [];
      const rows = await db
        .selectFrom('invitations')
        .selectAll()
        .where('organisation_id', 'in', organisationIds)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toInvitation);
    },

    async updateInvitation(id: number, patch: InvitationPatch, trx: Db = db): Promise<void> {
      if (!Object.values(patch).some((v) => v !== undefined)) return;
      await trx
        .updateTable('invitations')
        .set({
          revoked_at: patch.revokedAt,
          nonce: patch.nonce,
          token_hash: patch.tokenHash,
          expires_at: patch.expiresAt,
          sent_at: patch.sentAt,
        })
        .where('id', '=', id)
        .execute();
    },

    async markReminded(ids: number[], trx: Db = db): Promise<void> {
      if (!ids.length) return;
      await trx
        .updateTable('invitations')
        .set({ reminders_sent: sql<number>`reminders_sent + 1`, last_reminder_at: clock.iso() })
        .where('id', 'in', ids)
        .execute();
    },

    /** Records that a campaign's invitations were mailed. */
    async markSent(campaignId: number, trx: Db = db): Promise<void> {
      const at = clock.iso();
      await trx
        .updateTable('invitations')
        .set({ sent_at: at })
        .where('campaign_id', '=', campaignId)
        .where('sent_at', 'is', null)
        .execute();
      await trx
        .updateTable('campaigns')
        .set({ invitations_sent_at: at, updated_at: at })
        .where('id', '=', campaignId)
        .execute();
    },
  };
}
