import { z } from 'zod';
import { municipalityId } from './identity.js';

export const municipality = z.object({
  id: municipalityId,
  name: z.string().min(2),
  /** The regional programme the municipality shares content with. */
  regionId: municipalityId,
  /** Entra tenant of the municipality's users. */
  tenantId: z.uuid(),
});
export type Municipality = z.infer<typeof municipality>;

export const membership = z.object({
  tenantId: z.uuid(),
  userId: z.uuid(),
  municipalityId,
  displayName: z.string().min(1),
  department: z.string().optional(),
  /** The person's user principal name (sign-in e-mail), for resolving a manager given by e-mail. */
  upn: z.email().optional(),
});
export type Membership = z.infer<typeof membership>;
