/** How the domain's fixed vocabulary reads in Dutch and English (bot cards, documents, exports). */
import type { AmbitionLevel, CriterionType, LocalizedText } from './schema.js';

export const CRITERION_TYPE_LABELS: Record<CriterionType, LocalizedText> = {
  selection: { nl: 'Geschiktheidseis', en: 'Selection criterion' },
  requirement: { nl: 'Minimumeis', en: 'Minimum requirement' },
  award: { nl: 'Gunningscriterium', en: 'Award criterion' },
  'contract-clause': { nl: 'Contractbepaling', en: 'Contract clause' },
};

export const AMBITION_LABELS: Record<AmbitionLevel, LocalizedText> = {
  basic: { nl: 'Basis', en: 'Basic' },
  significant: { nl: 'Significant', en: 'Significant' },
  ambitious: { nl: 'Ambitieus', en: 'Ambitious' },
};
