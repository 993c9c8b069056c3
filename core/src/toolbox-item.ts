/** The municipality's own toolbox content: local examples and pages, written by the MVI team. */
import { z } from 'zod';
import { themeId } from './content/schema.js';
import { municipalityId } from './identity.js';

export const TOOLBOX_ITEM_KINDS = ['example', 'page'] as const;

export const toolboxItemInput = z.object({
  kind: z.enum(TOOLBOX_ITEM_KINDS),
  title: z.string().trim().min(3, 'title: at least 3 characters').max(160, 'title: at most 160 characters'),
  summary: z.string().trim().max(400, 'summary: at most 400 characters').default(''),
  /** Markdown; rendered sanitised. */
  body: z.string().trim().min(1, 'body: required').max(20_000, 'body: at most 20,000 characters'),
  themes: z.array(themeId).max(6).default([]),
  productGroupIds: z
    .array(z.string().regex(/^[a-z0-9-]+$/))
    .max(10)
    .default([]),
  /** Shared with every municipality of the regional programme. */
  regionWide: z.boolean().default(false),
});
export type ToolboxItemInput = z.input<typeof toolboxItemInput>;

export const toolboxItem = toolboxItemInput.extend({
  id: z.string().regex(/^[a-z0-9-]{3,80}$/),
  municipalityId,
  regionId: municipalityId,
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.object({ userId: z.string(), displayName: z.string() }),
});
export type ToolboxItem = z.infer<typeof toolboxItem>;

/** A readable, stable id from the title: "Circulair meubilair" → "circulair-meubilair". */
export function slugify(title: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      // An id has at least three characters: "ab!" becomes "item-ab", "!!!" "item".
      .replace(/^(.{0,2})$/, (_, short: string) => (short ? `item-${short}` : 'item'))
  );
}
