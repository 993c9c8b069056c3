/**
 * What the domain needs from the outside world. Adapters (Azure Tables, Graph) live in
 * functions/ and bot/; tests can provide their own.
 */
import type { Membership, Municipality } from './municipality.js';
import type { Session } from './session.js';
import type { Tender } from './tender.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface MunicipalityRepository {
  get(id: string): Promise<Municipality | undefined>;
  list(): Promise<Municipality[]>;
  upsert(municipality: Municipality): Promise<void>;
}

export interface MemberDirectory {
  get(tenantId: string, userId: string): Promise<Membership | undefined>;
  /** The member with this user principal name (case-insensitive), if the register knows it. */
  findByUpn(tenantId: string, upn: string): Promise<Membership | undefined>;
  upsert(membership: Membership): Promise<void>;
}

export interface TenderRepository {
  list(municipalityId: string): Promise<Tender[]>;
  get(municipalityId: string, reference: string): Promise<Tender | undefined>;
  upsert(tender: Tender): Promise<void>;
}

export interface SessionRepository {
  /** Sessions of the municipality and region-wide sessions of its region that end after `from`. */
  listUpcoming(municipalityId: string, regionId: string, from: Date): Promise<Session[]>;
  get(municipalityId: string, id: string): Promise<Session | undefined>;
  upsert(session: Session): Promise<void>;
}
