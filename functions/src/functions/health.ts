import type { HttpHandler } from '@azure/functions';
import { checkStorage } from '../storage/storage.js';
import type { ServicesProvider } from '../services.js';
import { errorResponse, json } from '../http/respond.js';

/** GET /api/health: 200 with the state of storage and queue, 503 when storage is unreachable. */
export const healthHandler =
  (getServices: ServicesProvider): HttpHandler =>
  async (request, context) => {
    try {
      const services = getServices();
      const storage = await checkStorage(services.storage);
      const healthy = storage.tables === 'ok' && storage.queues === 'ok';
      return json(healthy ? 200 : 503, {
        status: healthy ? 'ok' : 'degraded',
        storage,
        time: services.clock.now().toISOString(),
      });
    } catch (error) {
      return errorResponse(error, request, context);
    }
  };
