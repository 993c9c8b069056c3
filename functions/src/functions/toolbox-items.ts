import type { HttpHandler } from '@azure/functions';
import {
  forbidden,
  notFound,
  slugify,
  toolboxItemInput,
  validationError,
  type Principal,
  type ToolboxItem,
} from '../../../core/src/index.js';
import { api, type ApiContext } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import type { ServicesProvider } from '../services.js';
import { createToolboxItemStore } from '../storage/toolbox-items.js';

async function regionOf(ctx: ApiContext): Promise<string> {
  return (
    (await ctx.services.repos.municipalities.get(ctx.principal.municipalityId))?.regionId ??
    ctx.principal.municipalityId
  );
}

async function parseInput(ctx: ApiContext) {
  const parsed = toolboxItemInput.safeParse(await readJson(ctx.request));
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw validationError(
      {
        nl: `Het item is niet compleet: ${details.join('; ')}`,
        en: `The item is incomplete: ${details.join('; ')}`,
      },
      details,
    );
  }
  const unknownGroups = parsed.data.productGroupIds.filter(
    (id) => !ctx.services.catalogue.productGroupsById.has(id),
  );
  if (unknownGroups.length)
    throw validationError(
      {
        nl: `Onbekende productgroepen: ${unknownGroups.join(', ')}`,
        en: `Unknown product groups: ${unknownGroups.join(', ')}`,
      },
      unknownGroups,
    );
  return parsed.data;
}

const editor = (p: Principal): ToolboxItem['updatedBy'] => ({ userId: p.userId, displayName: p.displayName });

/** GET /api/toolbox-items: the municipality's examples and pages, plus the region's shared ones. */
export const listToolboxItemsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const items = await createToolboxItemStore(ctx.services.storage).list(
      ctx.principal.municipalityId,
      await regionOf(ctx),
    );
    return json(200, { items });
  });

/** GET /api/toolbox-items/{id}: one item; its ETag guards the next edit. */
export const getToolboxItemHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const found = await createToolboxItemStore(ctx.services.storage).get(
      ctx.principal.municipalityId,
      await regionOf(ctx),
      ctx.request.params['id'] ?? '',
    );
    if (!found) throw notFound({ nl: 'Dit item bestaat niet.', en: 'This item does not exist.' });
    return json(200, found.item, { etag: found.etag });
  });

/** POST /api/toolbox-items (MVI team): a new example or page. */
export const createToolboxItemHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async (ctx) => {
    const input = await parseInput(ctx);
    const item: ToolboxItem = {
      ...input,
      id: slugify(input.title),
      municipalityId: ctx.principal.municipalityId,
      regionId: await regionOf(ctx),
      version: 1,
      updatedAt: ctx.services.clock.now().toISOString(),
      updatedBy: editor(ctx.principal),
    };
    await createToolboxItemStore(ctx.services.storage).create(item);
    return json(201, item);
  });

/** PUT /api/toolbox-items/{id} (MVI team, If-Match: the ETag read): a new version. */
export const updateToolboxItemHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async (ctx) => {
    const etag = ctx.request.headers.get('if-match');
    if (!etag)
      throw validationError({
        nl: 'Stuur de versie mee die u hebt bewerkt (If-Match).',
        en: 'Send the version you edited (If-Match).',
      });
    const input = await parseInput(ctx);
    const store = createToolboxItemStore(ctx.services.storage);
    const found = await store.get(
      ctx.principal.municipalityId,
      await regionOf(ctx),
      ctx.request.params['id'] ?? '',
    );
    if (!found) throw notFound({ nl: 'Dit item bestaat niet.', en: 'This item does not exist.' });
    if (found.item.municipalityId !== ctx.principal.municipalityId) {
      throw forbidden({
        nl: 'Dit regionale item is van een andere gemeente; alleen die kan het wijzigen.',
        en: 'This regional item belongs to another municipality; only that one can change it.',
      });
    }
    if (input.regionWide !== found.item.regionWide) {
      throw validationError({
        nl: 'Een item kan niet van gemeentelijk naar regionaal (of andersom) worden verplaatst.',
        en: 'An item cannot move between municipal and regional.',
      });
    }
    const item: ToolboxItem = {
      ...found.item,
      ...input,
      version: found.item.version + 1,
      updatedAt: ctx.services.clock.now().toISOString(),
      updatedBy: editor(ctx.principal),
    };
    await store.update(item, etag);
    return json(200, item);
  });

/** GET /api/toolbox-items/{id}/versions: who changed what when. */
export const toolboxItemVersionsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, {}, async (ctx) => {
    const store = createToolboxItemStore(ctx.services.storage);
    const found = await store.get(
      ctx.principal.municipalityId,
      await regionOf(ctx),
      ctx.request.params['id'] ?? '',
    );
    if (!found) throw notFound({ nl: 'Dit item bestaat niet.', en: 'This item does not exist.' });
    return json(200, { versions: await store.versions(found.item) });
  });
