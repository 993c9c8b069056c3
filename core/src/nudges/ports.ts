/** What the nudge domain needs from storage and from the directory; adapters live in functions/. */
import { z } from 'zod';
import { municipalityId } from '../identity.js';
import type { NudgeRecord } from './nudge.js';
import type { NudgePlan } from './plan.js';

/** A stored value with the ETag that guards its next change. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface NudgeRepository {
  listForMunicipality(municipalityId: string): Promise<Versioned<NudgeRecord>[]>;
  listForTender(municipalityId: string, reference: string): Promise<Versioned<NudgeRecord>[]>;
  get(municipalityId: string, key: string): Promise<Versioned<NudgeRecord> | undefined>;
  /** Inserts a new record; undefined when one with that key exists already. */
  create(record: NudgeRecord): Promise<Versioned<NudgeRecord> | undefined>;
  /** Replaces the record if nobody changed it since `etag`; undefined when someone did. */
  replace(record: NudgeRecord, etag: string): Promise<Versioned<NudgeRecord> | undefined>;
}

export const snooze = z.object({
  municipalityId,
  reference: z.string().min(1).max(40),
  /** Nudges wait until this date (the first day they may be sent again). */
  until: z.iso.date(),
  by: z.object({ userId: z.uuid(), displayName: z.string().max(200) }),
  at: z.iso.datetime(),
});
export type Snooze = z.infer<typeof snooze>;

export const nudgePreferences = z.object({
  tenantId: z.uuid(),
  userId: z.uuid(),
  optedOut: z.boolean(),
  at: z.iso.datetime(),
});
export type NudgePreferences = z.infer<typeof nudgePreferences>;

export interface NudgeSettingsRepository {
  getPlan(municipalityId: string): Promise<NudgePlan | undefined>;
  savePlan(municipalityId: string, plan: NudgePlan): Promise<void>;
  listSnoozes(municipalityId: string): Promise<Snooze[]>;
  getSnooze(municipalityId: string, reference: string): Promise<Snooze | undefined>;
  saveSnooze(snooze: Snooze): Promise<void>;
  removeSnooze(municipalityId: string, reference: string): Promise<void>;
  getPreferences(tenantId: string, userId: string): Promise<NudgePreferences | undefined>;
  savePreferences(preferences: NudgePreferences): Promise<void>;
  /** Object ids of the tenant's users who opted out of nudges. */
  listOptedOut(tenantId: string): Promise<Set<string>>;
}

/** A user as the directory (Entra ID through Microsoft Graph) knows them. */
export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string | undefined;
}

export type DirectoryLookup =
  | { found: true; user: DirectoryUser }
  | { found: false; reason: 'not-found' | 'unavailable'; detail?: string };

export interface UserDirectory {
  /** False when no directory is configured (locally without Graph): names are then kept as given. */
  readonly available: boolean;
  /** Looks up users by object id or user principal name, in one round trip where possible. */
  lookup(tenantId: string, idsOrUpns: readonly string[]): Promise<Map<string, DirectoryLookup>>;
}
