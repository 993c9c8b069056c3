/** `npm run --silent catalogue -- --json`: the whole catalogue as JSON. */
import { loadCatalogue } from '../content/index.js';

const catalogue = loadCatalogue();
if (!process.argv.includes('--json')) {
  console.error('Usage: npm run --silent catalogue -- --json');
  process.exit(2);
}
process.stdout.write(
  `${JSON.stringify(
    {
      themes: catalogue.themes,
      clusters: catalogue.clusters,
      productGroups: catalogue.productGroups,
      thresholds: catalogue.thresholds,
      defaultPolicy: catalogue.policies.default,
      municipalPolicies: catalogue.policies.municipalities,
      tools: catalogue.knowledge.tools,
      dosAndDonts: catalogue.knowledge.dosAndDonts,
      glossary: catalogue.knowledge.glossary,
      socialEnterpriseSources: catalogue.knowledge.socialEnterpriseSources,
    },
    null,
    2,
  )}\n`,
);
