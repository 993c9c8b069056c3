/**
 * The reviewed MVI knowledge base, loaded and validated once. Add a product-group file here
 * when you add one to product-groups/.
 */
import { buildCatalogue, type Catalogue } from '../core/src/catalogue/catalogue.js';
import cpv from './cpv/cpv-2008.json' with { type: 'json' };
import generalCriteria from './general-criteria.json' with { type: 'json' };
import knowledge from './knowledge.json' with { type: 'json' };
import policy from './policy.json' with { type: 'json' };
import vocabulary from './vocabulary.json' with { type: 'json' };
import buildings from './product-groups/buildings.json' with { type: 'json' };
import civilWorks from './product-groups/civil-works.json' with { type: 'json' };
import energy from './product-groups/energy.json' with { type: 'json' };
import facilities from './product-groups/facilities.json' with { type: 'json' };
import ict from './product-groups/ict.json' with { type: 'json' };
import municipalServices from './product-groups/municipal-services.json' with { type: 'json' };
import socialDomain from './product-groups/social-domain.json' with { type: 'json' };
import transport from './product-groups/transport.json' with { type: 'json' };
import themes from './themes.json' with { type: 'json' };
import thresholds from './thresholds.json' with { type: 'json' };

export const PRODUCT_GROUP_FILES = {
  'facilities.json': facilities,
  'ict.json': ict,
  'energy.json': energy,
  'transport.json': transport,
  'civil-works.json': civilWorks,
  'buildings.json': buildings,
  'social-domain.json': socialDomain,
  'municipal-services.json': municipalServices,
} as const;

let catalogue: Catalogue | undefined;

/** The catalogue, validated on first use (a content error stops the start with every problem listed). */
export function loadCatalogue(): Catalogue {
  catalogue ??= buildCatalogue({ themes, thresholds, policy, knowledge, cpv, generalCriteria, vocabulary, productGroupFiles: Object.values(PRODUCT_GROUP_FILES) });
  return catalogue;
}
export { AMBITIEWEB_TEMPLATE_FILES, loadAmbitiewebTemplates } from './ambitieweb/index.js';
