/** The knowledge base, loaded once from the API and shared by every page. */
import { createContext, useContext } from 'react';
import type { CatalogueData } from './types.js';

export type { CatalogueData };

export const CatalogueContext = createContext<CatalogueData | undefined>(undefined);

export function useCatalogue(): CatalogueData {
  const value = useContext(CatalogueContext);
  if (!value) throw new Error('useCatalogue outside CatalogueContext');
  return value;
}
