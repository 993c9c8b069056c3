/** Every function of the app, in one table (see definitions.ts). */
import type { FunctionDefinition } from './definitions.js';
import { adviceHandler, catalogueHandler } from './functions/advice.js';
import { adviceDocxHandler, criteriaExportHandler } from './functions/exports.js';
import {
  createToolboxItemHandler,
  getToolboxItemHandler,
  listToolboxItemsHandler,
  toolboxItemVersionsHandler,
  updateToolboxItemHandler,
} from './functions/toolbox-items.js';
import { healthHandler } from './functions/health.js';
import { meHandler } from './functions/me.js';
import { messagesHandler } from './functions/messages.js';
import { listSessionsHandler } from './functions/sessions.js';
import { listTendersHandler } from './functions/tenders.js';
import type { ServicesProvider } from './services.js';

export function buildFunctions(getServices: ServicesProvider): FunctionDefinition[] {
  return [
    { kind: 'http', name: 'health', route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: healthHandler(getServices) },
    { kind: 'http', name: 'me', route: 'me', methods: ['GET'], authLevel: 'anonymous', handler: meHandler(getServices) },
    { kind: 'http', name: 'tenders-list', route: 'tenders', methods: ['GET'], authLevel: 'anonymous', handler: listTendersHandler(getServices) },
    { kind: 'http', name: 'sessions-list', route: 'sessions', methods: ['GET'], authLevel: 'anonymous', handler: listSessionsHandler(getServices) },
    { kind: 'http', name: 'advice', route: 'advice', methods: ['POST'], authLevel: 'anonymous', handler: adviceHandler(getServices) },
    { kind: 'http', name: 'catalogue', route: 'catalogue', methods: ['GET'], authLevel: 'anonymous', handler: catalogueHandler(getServices) },
    { kind: 'http', name: 'advice-docx', route: 'advice/{id}/criteria.docx', methods: ['GET'], authLevel: 'anonymous', handler: adviceDocxHandler(getServices) },
    { kind: 'http', name: 'criteria-export', route: 'exports/criteria', methods: ['POST'], authLevel: 'anonymous', handler: criteriaExportHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-list', route: 'toolbox-items', methods: ['GET'], authLevel: 'anonymous', handler: listToolboxItemsHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-create', route: 'toolbox-items', methods: ['POST'], authLevel: 'anonymous', handler: createToolboxItemHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-get', route: 'toolbox-items/{id}', methods: ['GET'], authLevel: 'anonymous', handler: getToolboxItemHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-update', route: 'toolbox-items/{id}', methods: ['PUT'], authLevel: 'anonymous', handler: updateToolboxItemHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-versions', route: 'toolbox-items/{id}/versions', methods: ['GET'], authLevel: 'anonymous', handler: toolboxItemVersionsHandler(getServices) },
    { kind: 'http', name: 'messages', route: 'messages', methods: ['POST'], authLevel: 'anonymous', handler: messagesHandler(getServices) },
  ];
}
