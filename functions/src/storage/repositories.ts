/** Azure Table adapters for the domain's repository ports. */
import {
  membership,
  municipality,
  referenceKey,
  session,
  tender,
  type MemberDirectory,
  type MunicipalityRepository,
  type SessionRepository,
  type TenderRepository,
} from '../../../core/src/index.js';
import { JsonTable } from './json-table.js';
import { TABLES, type Storage } from './storage.js';

const MUNICIPALITY_PARTITION = 'municipality';
const regionPartition = (regionId: string): string => `region-${regionId}`;

export function createRepositories(storage: Storage): {
  municipalities: MunicipalityRepository;
  members: MemberDirectory;
  tenders: TenderRepository;
  sessions: SessionRepository;
} {
  const municipalities = new JsonTable(storage.table(TABLES.municipalities), municipality);
  const members = new JsonTable(storage.table(TABLES.members), membership);
  const tenders = new JsonTable(storage.table(TABLES.tenders), tender);
  const sessions = new JsonTable(storage.table(TABLES.sessions), session);
  return {
    municipalities: {
      get: (id) => municipalities.get(MUNICIPALITY_PARTITION, id),
      list: () => municipalities.list(MUNICIPALITY_PARTITION),
      upsert: (m) => municipalities.upsert(MUNICIPALITY_PARTITION, m.id, m),
    },
    members: {
      get: (tenantId, userId) => members.get(tenantId, userId),
      async findByUpn(tenantId, upn) {
        const key = upn.trim().toLowerCase();
        return (await members.list(tenantId)).find((m) => m.upn?.toLowerCase() === key);
      },
      upsert: (m) => members.upsert(m.tenantId, m.userId, m),
    },
    tenders: {
      list: (municipalityId) => tenders.list(municipalityId),
      // Keyed by the case-folded reference (see tender-store.ts); rows keyed as typed are still read.
      get: async (municipalityId, reference) =>
        (await tenders.get(municipalityId, referenceKey(reference))) ??
        (await tenders.get(municipalityId, reference)),
      upsert: (t) => tenders.upsert(t.municipalityId, referenceKey(t.reference), t),
    },
    sessions: {
      async listUpcoming(municipalityId, regionId, from) {
        const [own, region] = await Promise.all([
          sessions.list(municipalityId),
          sessions.list(regionPartition(regionId)),
        ]);
        return [...own, ...region]
          .filter((s) => new Date(s.end) >= from)
          .sort((a, b) => a.start.localeCompare(b.start));
      },
      async get(municipalityId, id) {
        return (await sessions.get(municipalityId, id)) ?? undefined;
      },
      upsert: (s) => sessions.upsert(s.regionWide ? regionPartition(s.regionId) : s.municipalityId, s.id, s),
    },
  };
}
