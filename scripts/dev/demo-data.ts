/**
 * The demo regional programme: three fictional municipalities, users in every role,
 * tenders with kickoff dates in the coming weeks and upcoming sessions. Dates are relative
 * to the day of seeding, so a demo always looks current.
 */
import type {
  Membership,
  Municipality,
  Role,
  SessionInput,
  TenderInput,
  ToolboxItem,
} from '../../core/src/index.js';
import type { Attendance } from '../../core/src/sessions/index.js';

export const DEMO_TENANT_ID = '5f1b6c2e-8d4a-4c1e-9a7b-3e2d1c0b9a88';
export const DEMO_REGION_ID = 'regio-deltakust';

export const DEMO_MUNICIPALITIES: Municipality[] = [
  { id: 'havendam', name: 'Gemeente Havendam', regionId: DEMO_REGION_ID, tenantId: DEMO_TENANT_ID },
  { id: 'polderveen', name: 'Gemeente Polderveen', regionId: DEMO_REGION_ID, tenantId: DEMO_TENANT_ID },
  { id: 'rietmond', name: 'Gemeente Rietmond', regionId: DEMO_REGION_ID, tenantId: DEMO_TENANT_ID },
];

export interface DemoUser {
  id: string;
  upn: string;
  displayName: string;
  roles: Role[];
  municipalityId: string;
  department: string;
  /** What the user does, shown in the sign-in picker. */
  description: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    id: '0c8d4f57-1d3e-4f2a-9b61-6a1f0e2d3c41',
    upn: 'ingrid.bakker@havendam.example',
    displayName: 'Ingrid Bakker',
    roles: ['mvi-admin', 'organiser'],
    municipalityId: 'havendam',
    department: 'Inkoop',
    description: 'Programmamanager MVI',
  },
  {
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c52',
    upn: 'sanne.devries@polderveen.example',
    displayName: 'Sanne de Vries',
    roles: ['organiser'],
    municipalityId: 'polderveen',
    department: 'Duurzaamheid',
    description: 'Organisator kennissessies',
  },
  {
    id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d63',
    upn: 'mohamed.elamrani@havendam.example',
    displayName: 'Mohamed El Amrani',
    roles: ['buyer'],
    municipalityId: 'havendam',
    department: 'Inkoop',
    description: 'Inkoopadviseur',
  },
  {
    id: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e74',
    upn: 'pieter.jansen@havendam.example',
    displayName: 'Pieter Jansen',
    roles: ['employee'],
    municipalityId: 'havendam',
    department: 'Openbare Ruimte',
    description: 'Opdrachtgever / budgethouder',
  },
  {
    id: '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f85',
    upn: 'fatma.yilmaz@rietmond.example',
    displayName: 'Fatma Yılmaz',
    roles: ['employee'],
    municipalityId: 'rietmond',
    department: 'Sociaal Domein',
    description: 'Medewerker',
  },
  {
    id: '5e6f7a8b-9c0d-4e1f-8a3b-4c5d6e7f8a96',
    upn: 'joris.vandijk@rietmond.example',
    displayName: 'Joris van Dijk',
    roles: ['board'],
    municipalityId: 'rietmond',
    department: 'Directie',
    description: 'Directie / bestuur',
  },
];

export function demoMemberships(): Membership[] {
  return DEMO_USERS.map((u) => ({
    tenantId: DEMO_TENANT_ID,
    userId: u.id,
    municipalityId: u.municipalityId,
    displayName: u.displayName,
    department: u.department,
    upn: u.upn,
  }));
}

const day = 24 * 60 * 60 * 1000;
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

export function demoTenders(today: Date): TenderInput[] {
  const inDays = (n: number): string => isoDay(new Date(today.getTime() + n * day));
  // The finished projects belong to this year's monitoring whatever today's date: never before 1 January.
  const earlierThisYear = (n: number): string =>
    [inDays(-n), `${isoDay(today).slice(0, 4)}-01-01`].sort()[1]!;
  const lastYear = Number(isoDay(today).slice(0, 4)) - 1;
  const pieter = DEMO_USERS[3]!;
  const ingrid = DEMO_USERS[0]!;
  const fatma = DEMO_USERS[4]!;
  return [
    {
      municipalityId: 'havendam',
      reference: 'T-2026-014',
      title: 'Schoonmaak gemeentehuis en wijkkantoren',
      description:
        'Dagelijkse schoonmaak en glasbewassing van het gemeentehuis en drie wijkkantoren, vier jaar.',
      cpv: ['90910000'],
      estimatedValueEur: 400_000,
      commissioningManager: { userId: pieter.id, upn: pieter.upn, displayName: pieter.displayName },
      buyerUpn: DEMO_USERS[2]!.upn,
      kickoffDate: inDays(12),
      publicationDate: inDays(60),
      status: 'planned',
    },
    {
      municipalityId: 'havendam',
      reference: 'T-2026-021',
      title: 'Vervanging openbare verlichting door LED',
      description: 'Vervangen van circa 2.400 armaturen in woonwijken door LED, inclusief beheer.',
      cpv: ['34993000'],
      estimatedValueEur: 1_250_000,
      commissioningManager: { userId: pieter.id, upn: pieter.upn, displayName: pieter.displayName },
      kickoffDate: inDays(28),
      publicationDate: inDays(90),
      status: 'planned',
    },
    {
      municipalityId: 'havendam',
      reference: 'T-2026-030',
      title: 'Laptops en monitoren voor medewerkers',
      cpv: ['30213100'],
      estimatedValueEur: 180_000,
      commissioningManager: { userId: ingrid.id, upn: ingrid.upn, displayName: ingrid.displayName },
      kickoffDate: inDays(40),
      status: 'planned',
    },
    {
      municipalityId: 'rietmond',
      reference: 'R-2026-007',
      title: 'Huishoudelijke ondersteuning Wmo',
      description: 'Huishoudelijke hulp voor inwoners met een Wmo-indicatie.',
      cpv: ['85312000'],
      estimatedValueEur: 2_100_000,
      commissioningManager: { userId: fatma.id, upn: fatma.upn, displayName: fatma.displayName },
      kickoffDate: inDays(20),
      status: 'preparing',
    },
    // Finished projects of this year, archived from the pipeline, with what they recorded
    // about MVI: the monitoring page and the board's report have something to show.
    {
      municipalityId: 'havendam',
      reference: 'T-2026-003',
      title: 'Groenonderhoud openbare ruimte 2026-2029',
      cpv: ['77310000'],
      estimatedValueEur: 650_000,
      commissioningManager: { userId: pieter.id, upn: pieter.upn, displayName: pieter.displayName },
      kickoffDate: earlierThisYear(120),
      status: 'archived',
      source: 'seed',
      mvi: {
        appliedCriteria: [
          'green-maintenance.no-chemical-weed-control',
          'green-maintenance.electric-hand-tools',
          'green-maintenance.green-waste-recovery',
          'green-maintenance.social-return',
        ],
        socialReturn: { applied: true, percentage: 5 },
        realisation: 'realised',
        recordedAt: `${earlierThisYear(60)}T09:00:00.000Z`,
        results: 'Alle handgereedschap elektrisch; twee medewerkers via het werkbedrijf in vaste dienst.',
      },
    },
    {
      municipalityId: 'havendam',
      reference: 'T-2026-006',
      title: 'Elektrische bestelwagens buitendienst',
      cpv: ['34136000'],
      estimatedValueEur: 320_000,
      commissioningManager: { userId: pieter.id, upn: pieter.upn, displayName: pieter.displayName },
      kickoffDate: earlierThisYear(75),
      status: 'archived',
      source: 'seed',
      mvi: {
        appliedCriteria: [
          'company-vehicles.zero-emission',
          'company-vehicles.energy-consumption',
          'company-vehicles.battery-due-diligence',
        ],
        socialReturn: { applied: false },
        realisation: 'partly',
        recordedAt: `${earlierThisYear(40)}T09:00:00.000Z`,
        results: 'Acht van de tien bestelwagens elektrisch geleverd; twee volgen na de zomer.',
      },
    },
    {
      municipalityId: 'havendam',
      reference: 'T-2026-009',
      title: 'Drukwerk gemeentegids',
      cpv: ['79810000'],
      estimatedValueEur: 45_000,
      commissioningManager: { userId: ingrid.id, upn: ingrid.upn, displayName: ingrid.displayName },
      kickoffDate: earlierThisYear(45),
      status: 'archived',
      source: 'seed',
      mvi: {
        appliedCriteria: [],
        socialReturn: { applied: false },
        noMviReason: 'too-small',
        realisation: 'not-yet',
        recordedAt: `${earlierThisYear(30)}T09:00:00.000Z`,
      },
    },
    // Last year's finished projects: the monitoring page shows the years side by side.
    {
      municipalityId: 'havendam',
      reference: 'T-2025-011',
      title: 'Schoonmaak sporthallen en zwembad',
      cpv: ['90911200'],
      estimatedValueEur: 540_000,
      commissioningManager: { userId: pieter.id, upn: pieter.upn, displayName: pieter.displayName },
      kickoffDate: `${lastYear}-03-10`,
      status: 'archived',
      source: 'seed',
      mvi: {
        appliedCriteria: ['cleaning.ecolabel-products', 'cleaning.social-return'],
        socialReturn: { applied: true, percentage: 5 },
        realisation: 'realised',
        recordedAt: `${lastYear}-09-01T09:00:00.000Z`,
      },
    },
    {
      municipalityId: 'havendam',
      reference: 'T-2025-017',
      title: 'Onderhoud brandmeldinstallaties',
      cpv: ['50413200'],
      estimatedValueEur: 160_000,
      commissioningManager: { userId: ingrid.id, upn: ingrid.upn, displayName: ingrid.displayName },
      kickoffDate: `${lastYear}-06-02`,
      status: 'archived',
      source: 'seed',
      mvi: {
        appliedCriteria: [],
        socialReturn: { applied: false },
        noMviReason: 'framework-call-off',
        realisation: 'not-yet',
        recordedAt: `${lastYear}-07-01T09:00:00.000Z`,
      },
    },
    {
      municipalityId: 'rietmond',
      reference: 'R-2026-002',
      title: 'Leerlingenvervoer 2026-2030',
      cpv: ['60130000'],
      estimatedValueEur: 1_400_000,
      commissioningManager: { userId: fatma.id, upn: fatma.upn, displayName: fatma.displayName },
      kickoffDate: earlierThisYear(150),
      status: 'archived',
      source: 'seed',
      mvi: {
        appliedCriteria: [
          'student-transport.zero-emission',
          'student-transport.qualified-drivers',
          'student-transport.social-return',
        ],
        socialReturn: { applied: true, percentage: 5 },
        realisation: 'not-yet',
        recordedAt: `${earlierThisYear(90)}T09:00:00.000Z`,
      },
    },
    // The neighbours' finished projects of last year ("ga kijken bij de buren"): the first advice
    // about cleaning, catering or school transport shows what Polderveen and Rietmond did.
    ...neighbourProjects(lastYear),
    {
      municipalityId: 'polderveen',
      reference: 'P-2026-003',
      title: 'Catering en koffievoorziening stadskantoor',
      cpv: ['55520000'],
      estimatedValueEur: 95_000,
      commissioningManager: { upn: 'karin.smit@polderveen.example', displayName: 'Karin Smit' },
      kickoffDate: inDays(35),
      status: 'planned',
    },
  ];
}

const neighbour = (
  municipalityId: string,
  reference: string,
  title: string,
  cpv: string,
  estimatedValueEur: number,
  kickoffDate: string,
  mvi: {
    criteria: string[];
    socialReturn?: number;
    realisation: 'realised' | 'partly' | 'not-realised' | 'not-yet';
  },
  manager: { upn: string; displayName: string },
): TenderInput => ({
  municipalityId,
  reference,
  title,
  cpv: [cpv],
  estimatedValueEur,
  commissioningManager: manager,
  kickoffDate,
  status: 'archived',
  source: 'seed',
  mvi: {
    appliedCriteria: mvi.criteria,
    socialReturn:
      mvi.socialReturn !== undefined ? { applied: true, percentage: mvi.socialReturn } : { applied: false },
    realisation: mvi.realisation,
    recordedAt: `${kickoffDate}T09:00:00.000Z`,
  },
});

function neighbourProjects(year: number): TenderInput[] {
  const karin = { upn: 'karin.smit@polderveen.example', displayName: 'Karin Smit' };
  const ruud = { upn: 'ruud.peters@rietmond.example', displayName: 'Ruud Peters' };
  return [
    neighbour(
      'polderveen',
      `P-${year}-004`,
      'Schoonmaak stadskantoor en bibliotheek',
      '90910000',
      380_000,
      `${year}-02-03`,
      {
        criteria: [
          'cleaning.ecolabel-products',
          'cleaning.zero-emission-transport',
          'cleaning.social-return',
        ],
        socialReturn: 6,
        realisation: 'realised',
      },
      karin,
    ),
    neighbour(
      'polderveen',
      `P-${year}-012`,
      'Catering en lunchvoorziening stadskantoor',
      '55520000',
      120_000,
      `${year}-04-14`,
      {
        criteria: ['catering.fair-trade', 'catering.plant-based', 'catering.food-waste'],
        realisation: 'realised',
      },
      karin,
    ),
    neighbour(
      'polderveen',
      `P-${year}-015`,
      'Leerlingenvervoer Polderveen',
      '60130000',
      1_200_000,
      `${year}-05-19`,
      {
        criteria: [
          'student-transport.zero-emission',
          'student-transport.qualified-drivers',
          'student-transport.social-return',
        ],
        socialReturn: 5,
        realisation: 'partly',
      },
      karin,
    ),
    neighbour(
      'rietmond',
      `R-${year}-003`,
      'Schoonmaak gemeentelijke gebouwen',
      '90910000',
      450_000,
      `${year}-01-20`,
      {
        criteria: ['cleaning.ecolabel-products', 'cleaning.good-employment', 'cleaning.social-return'],
        socialReturn: 7,
        realisation: 'realised',
      },
      ruud,
    ),
    neighbour(
      'rietmond',
      `R-${year}-008`,
      'Glasbewassing en schoonmaak scholen',
      '90911200',
      300_000,
      `${year}-03-09`,
      {
        criteria: ['cleaning.ecolabel-products', 'cleaning.dosing-microfibre'],
        socialReturn: 5,
        realisation: 'partly',
      },
      ruud,
    ),
    neighbour(
      'rietmond',
      `R-${year}-014`,
      'Schoonmaak sporthal De Kreek',
      '90911200',
      200_000,
      `${year}-06-30`,
      { criteria: ['cleaning.good-employment'], realisation: 'not-yet' },
      ruud,
    ),
    neighbour(
      'rietmond',
      `R-${year}-010`,
      'Bedrijfscatering gemeentehuis',
      '55520000',
      150_000,
      `${year}-09-01`,
      {
        criteria: ['catering.fair-trade', 'catering.reusable-tableware', 'catering.plant-based'],
        realisation: 'realised',
      },
      ruud,
    ),
    neighbour(
      'rietmond',
      `R-${year}-016`,
      'Aangepast vervoer leerlingen en Wmo',
      '60130000',
      900_000,
      `${year}-10-06`,
      {
        criteria: ['student-transport.zero-emission', 'student-transport.fair-labour'],
        socialReturn: 4,
        realisation: 'not-yet',
      },
      ruud,
    ),
  ];
}

/**
 * What the demo municipalities share with the region: Polderveen titles, years and a contact
 * person; Rietmond (and Havendam, by default) counts only.
 */
export const DEMO_SHARING: {
  municipalityId: string;
  level: 'none' | 'counts' | 'details';
  contact?: { userId: string; displayName: string; upn: string };
}[] = [
  {
    municipalityId: 'polderveen',
    level: 'details',
    contact: { userId: DEMO_USERS[1]!.id, displayName: DEMO_USERS[1]!.displayName, upn: DEMO_USERS[1]!.upn },
  },
];

export function demoSessions(today: Date): SessionInput[] {
  const at = (days: number, hour: number, minute = 0): string => {
    const d = new Date(today.getTime() + days * day);
    d.setUTCHours(hour, minute, 0, 0);
    return d.toISOString();
  };
  return [
    {
      id: 'lunch-circulair-inkopen',
      municipalityId: 'havendam',
      regionId: DEMO_REGION_ID,
      regionWide: true,
      type: 'lunch-lecture',
      title: 'Lunchlezing: circulair inkopen in de praktijk',
      description: 'Wat circulair inkopen oplevert, met voorbeelden uit de regio.',
      themes: ['circular'],
      start: at(7, 11),
      end: at(7, 12),
      location: 'Gemeentehuis Havendam, zaal De Haven',
      capacity: 40,
      organiserIds: [DEMO_USERS[0]!.id],
    },
    {
      id: 'workshop-ambitieweb',
      municipalityId: 'polderveen',
      regionId: DEMO_REGION_ID,
      regionWide: false,
      type: 'ambitieweb-session',
      title: 'Workshop Ambitieweb voor opdrachtgevers',
      description: 'Samen ambities bepalen voor een concrete aanbesteding.',
      themes: ['climate', 'social-return'],
      start: at(14, 13),
      end: at(14, 15),
      location: 'Stadskantoor Polderveen',
      capacity: 16,
      organiserIds: [DEMO_USERS[1]!.id],
    },
    {
      id: 'kennissessie-social-return',
      municipalityId: 'rietmond',
      regionId: DEMO_REGION_ID,
      regionWide: true,
      type: 'knowledge-session',
      title: 'Kennissessie social return en inclusief inkopen',
      themes: ['social-return', 'diversity-inclusion'],
      start: at(21, 11, 30),
      end: at(21, 12, 30),
      onlineMeetingUrl: 'https://teams.microsoft.com/l/meetup-join/demo',
      organiserIds: [DEMO_USERS[0]!.id],
    },
  ];
}

/**
 * Sessions that took place, with who came: the reach report and monitoring have a history
 * to show in the demo (`npm start`; tests start without it). Attendees are fictional and
 * carry no names: a made-up id, a department and a municipality.
 */
export function demoHistory(today: Date): { sessions: SessionInput[]; attendance: Attendance[] } {
  const at = (days: number, hour: number): string => {
    const d = new Date(today.getTime() + days * day);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const departments = [
    'Inkoop',
    'Openbare Ruimte',
    'Sociaal Domein',
    'Duurzaamheid',
    'Facilitaire Zaken',
    'Financiën',
  ];
  const municipalities = ['havendam', 'havendam', 'polderveen', 'rietmond'] as const;
  const sessions: SessionInput[] = [
    {
      id: 'lunch-mvi-basis',
      municipalityId: 'havendam',
      regionId: DEMO_REGION_ID,
      regionWide: true,
      type: 'lunch-lecture',
      title: 'Lunchlezing: MVI in tien minuten',
      description: 'Wat MVI is, wat het beleid vraagt en waar de criteria staan.',
      themes: ['climate', 'social-return'],
      start: at(-70, 11),
      end: at(-70, 12),
      location: 'Gemeentehuis Havendam, zaal De Haven',
      capacity: 60,
      organiserIds: [DEMO_USERS[0]!.id],
    },
    {
      id: 'workshop-social-return-praktijk',
      municipalityId: 'havendam',
      regionId: DEMO_REGION_ID,
      regionWide: false,
      type: 'workshop',
      title: 'Workshop social return in de praktijk',
      themes: ['social-return', 'diversity-inclusion'],
      start: at(-30, 13),
      end: at(-30, 15),
      location: 'Gemeentehuis Havendam, zaal De Pier',
      capacity: 20,
      organiserIds: [DEMO_USERS[0]!.id],
    },
  ];
  const attendance: Attendance[] = [];
  const attendees = (sessionIndex: number, count: number, offset: number): void => {
    const s = sessions[sessionIndex]!;
    for (let i = 0; i < count; i++) {
      const n = offset + i;
      attendance.push({
        sessionId: s.id,
        userId: `demo-attendee-${String(n).padStart(3, '0')}`,
        department: departments[n % departments.length]!,
        municipalityId: s.regionWide ? municipalities[n % municipalities.length]! : s.municipalityId,
        status: 'present',
        selfAt: s.start,
        selfVia: 'tab',
        feedbackAskedAt: s.end,
        sessionStart: s.start,
        updatedAt: s.end,
        anonymised: false,
      });
    }
  };
  attendees(0, 34, 0);
  // Twelve came back for the workshop.
  attendees(1, 16, 22);
  return { sessions, attendance };
}

/** The municipalities' own examples and pages (fictional). */
export function demoToolboxItems(today: Date): ToolboxItem[] {
  const ingrid = DEMO_USERS[0]!;
  const at = new Date(today.getTime() - 10 * day).toISOString();
  return [
    {
      kind: 'example',
      id: 'circulair-kantoormeubilair-stadskantoor',
      municipalityId: 'havendam',
      regionId: DEMO_REGION_ID,
      regionWide: false,
      title: 'Circulair kantoormeubilair voor het stadskantoor',
      summary: 'Havendam richtte drie verdiepingen in met hergebruikt en gerenoveerd meubilair.',
      body: '## Wat we deden\n\nIn plaats van nieuw meubilair vroegen we om **hergebruik eerst**: bestaande bureaus en stoelen zijn opgeknapt, aangevuld met gerenoveerde exemplaren.\n\n## Resultaat\n\n- 70 % van het meubilair is hergebruikt\n- Terugnamegarantie in het contract\n- Werkplekken voor twee mensen met een afstand tot de arbeidsmarkt\n\n## Les\n\nBetrek de facilitair manager vóór de marktconsultatie.',
      themes: ['circular', 'social-return'],
      productGroupIds: ['office-furniture'],
      version: 1,
      updatedAt: at,
      updatedBy: { userId: ingrid.id, displayName: ingrid.displayName },
    },
    {
      kind: 'example',
      id: 'social-return-in-het-groenonderhoud',
      municipalityId: 'rietmond',
      regionId: DEMO_REGION_ID,
      regionWide: true,
      title: 'Social return in het groenonderhoud',
      summary: 'Rietmond en een sociaal werkbedrijf onderhouden samen de parken.',
      body: 'Het bestek vroeg **5 % social return**. De aannemer werkt met een leerwerkbedrijf; deelnemers halen een groen-certificaat.\n\nTip: spreek vooraf af hoe u de inzet meet.',
      themes: ['social-return'],
      productGroupIds: ['green-maintenance'],
      version: 1,
      updatedAt: at,
      updatedBy: { userId: ingrid.id, displayName: ingrid.displayName },
    },
    {
      kind: 'page',
      id: 'zo-werkt-mvi-in-havendam',
      municipalityId: 'havendam',
      regionId: DEMO_REGION_ID,
      regionWide: false,
      title: 'Zo werkt MVI in Havendam',
      summary: 'Wie u helpt, en wanneer u het MVI-team inschakelt.',
      body: '1. Meld uw opdracht vroeg aan bij Inkoop.\n2. Plan bij opdrachten vanaf € 50.000 een Ambitiewebsessie.\n3. Het MVI-team denkt mee over criteria en social return.\n\nVragen? Mail het MVI-team via de servicedesk.',
      themes: [],
      productGroupIds: [],
      version: 1,
      updatedAt: at,
      updatedBy: { userId: ingrid.id, displayName: ingrid.displayName },
    },
  ];
}
